import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import {
  dependentAwards,
  flagCommandFor,
  registerDecider,
  registryOf,
  type RegisterCommand,
  type RegisterEvent,
} from './register';
import {
  NOW,
  PROVINCE,
  actor,
  bangKhen,
  board,
  chairman,
  duongQuang,
  hopTacXa,
  meta,
  members,
  nongThuong,
  provinceOfficer,
  secretary,
  system,
} from './testing/fixtures';
import {
  awardFlaggedForRevocation,
  awardTo,
  bangKhenRef,
  decisionIssued,
  issueDecision,
  nominationSnapshot,
  revokedRecognition,
} from './testing/register';

const given = spec(registerDecider).given;

/** Decision 2500/QĐ-UBND awarding Nông Thượng on nomination n-1. */
const issuedToNongThuong = [decisionIssued([awardTo('qd-2500-1', 'n-1')])];

describe('award register', () => {
  describe('decisions', () => {
    it('are signed by the deciding authority, with one award per recipient', () => {
      const [e] = given([])
        .when(
          issueDecision([
            nominationSnapshot('n-1'),
            nominationSnapshot('n-2', { nominee: hopTacXa, restsOn: [] }),
          ]),
        )
        .thenMatch([{ type: 'DecisionIssued' }]);
      const data = (e as Extract<RegisterEvent, { type: 'DecisionIssued' }>).data;
      expect(data.signer).toEqual({ id: chairman.id, name: chairman.name });
      expect(data.awardType).toMatchObject({
        id: 'bang-khen-chu-tich-tinh',
        decisionRole: 'chairman',
        authority: 'Chủ tịch Ủy ban nhân dân tỉnh',
      });
      expect(data.recipients.map((r) => [r.awardId, r.recipientKey])).toEqual([
        ['qd-2500-1', 'commune:01843'],
        ['qd-2500-2', 'collective:htx-nong-thuong'],
      ]);
    });

    it('are refused to every other role', () => {
      for (const other of [
        secretary,
        members[0],
        provinceOfficer,
        actor('district_officer', 'h', { provinceCode: PROVINCE, districtCode: '058' }),
      ]) {
        given([])
          .when(issueDecision([nominationSnapshot('n-1')], other))
          .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      }
      given([])
        .when(
          issueDecision(
            [nominationSnapshot('n-1')],
            actor('chairman', 'chu-tich-24', { provinceCode: '24' }),
          ),
        )
        .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    });

    it('include only nominations the board approved, for this award, listing every one that is not', () => {
      const err = given([])
        .when(
          issueDecision([
            nominationSnapshot('n-1', { status: 'submitted' }),
            nominationSnapshot('n-2', {
              nominee: duongQuang,
              awardType: { ...bangKhen, id: 'co-thi-dua-tinh', name: 'Cờ thi đua' },
            }),
          ]),
        )
        .thenThrows('RECIPIENTS_NOT_READY', 'rule');
      expect(err.violations.map((v) => v.code)).toEqual(['NOT_APPROVED', 'OTHER_AWARD_TYPE']);
      expect(err.message).toContain('Chờ Hội đồng xét');
    });

    it('never award a nomination twice, and never reuse a decision number', () => {
      const first = issuedToNongThuong;
      const again = given(first)
        .when(issueDecision([nominationSnapshot('n-1')], chairman, '2600/QĐ-UBND', 'qd-2600'))
        .thenThrows('RECIPIENTS_NOT_READY', 'rule');
      expect(again.violations[0]).toMatchObject({ code: 'ALREADY_AWARDED' });
      expect(again.message).toContain('2500/QĐ-UBND');
      const reused = given(first)
        .when(issueDecision([nominationSnapshot('n-2')], chairman, ' 2500/qđ-ubnd ', 'qd-x'))
        .thenThrows('DECISION_NUMBER_USED', 'conflict');
      expect(reused.message).toBe('Số quyết định 2500/qđ-ubnd đã được dùng (ngày 20/12/2025)');
    });
  });

  describe('registry per recipient', () => {
    it('keeps a recipient history across years, prior awards included', () => {
      const recordPrior: RegisterCommand = {
        type: 'RecordPriorAward',
        data: {
          provinceCode: PROVINCE,
          board,
          awardId: 'bk-2019',
          recipient: nongThuong,
          awardType: bangKhen,
          year: 2019,
          decisionNumber: '1800/QĐ-UBND',
          decidedOn: '2019-12-10',
        },
        metadata: meta(secretary),
      };
      const prior: RegisterEvent = {
        type: 'PriorAwardRecorded',
        data: {
          provinceCode: PROVINCE,
          awardId: 'bk-2019',
          recipient: nongThuong,
          recipientKey: 'commune:01843',
          awardType: bangKhenRef,
          year: 2019,
          decisionNumber: '1800/QĐ-UBND',
          decidedOn: '2019-12-10',
          recordedBy: secretary.id,
          recordedAt: NOW,
        },
      };
      given([]).when(recordPrior).then([prior]);
      const state = given([prior, ...issuedToNongThuong]).state;
      expect(registryOf(state, 'commune:01843').map((a) => [a.year, a.decisionNumber, a.source])).toEqual([
        [2019, '1800/QĐ-UBND', 'prior'],
        [2025, '2500/QĐ-UBND', 'decision'],
      ]);
    });
  });

  describe('a revoked recognition flags the awards that rested on it', () => {
    it('maps the dossier event to a flag on each dependent award, once', () => {
      const events = [
        decisionIssued([awardTo('qd-2500-1', 'n-1'), awardTo('qd-2500-2', 'n-2', hopTacXa, [])]),
      ];
      const command: RegisterCommand = {
        type: 'FlagAwardsForRevokedRecognition',
        data: flagCommandFor(PROVINCE, revokedRecognition, 'evt-1'),
        metadata: meta(system),
      };
      const flagged = awardFlaggedForRevocation('qd-2500-1');
      given(events)
        .when(command)
        .thenMatch([
          {
            type: 'AwardFlagged',
            data: {
              awardId: 'qd-2500-1',
              reason: { kind: 'recognition-revoked', decisionNumber: '77/QĐ-UBND' },
            },
          },
        ]);
      given([...events, flagged])
        .when(command)
        .thenNothingHappens();
      const state = given([...events, flagged]).state;
      expect(dependentAwards(state, 'd-nong-thuong-ntm').map((a) => a.awardId)).toEqual(['qd-2500-1']);
      given(events)
        .when({ ...command, metadata: meta(secretary) })
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    });

    it('lets the secretary clear the flags with the board conclusion, or the deciding authority revoke the award', () => {
      const events = issuedToNongThuong;
      given(events)
        .when({
          type: 'FlagAwardsForRevokedRecognition',
          data: flagCommandFor(PROVINCE, revokedRecognition, 'evt-1'),
          metadata: meta(system),
        })
        .then([awardFlaggedForRevocation('qd-2500-1')]);
      const all = [...events, awardFlaggedForRevocation('qd-2500-1')];
      given(all)
        .when({
          type: 'ClearAwardFlags',
          data: { board, awardId: 'qd-2500-1', note: 'Thành tích không phụ thuộc quyết định bị thu hồi' },
          metadata: meta(secretary),
        })
        .thenMatch([{ type: 'AwardFlagsCleared' }]);
      given(events)
        .when({
          type: 'ClearAwardFlags',
          data: { board, awardId: 'qd-2500-1', note: 'x' },
          metadata: meta(secretary),
        })
        .thenThrows('NO_OPEN_FLAG', 'conflict');
      const revoke = (by: Actor): RegisterCommand => ({
        type: 'RevokeAward',
        data: {
          awardId: 'qd-2500-1',
          reason: 'recognition-revoked',
          text: 'Quyết định công nhận 1234/QĐ-UBND đã bị thu hồi',
          decisionNumber: '300/QĐ-UBND',
          decidedOn: '2026-04-01',
        },
        metadata: meta(by),
      });
      const revoked: RegisterEvent = {
        type: 'AwardRevoked',
        data: {
          awardId: 'qd-2500-1',
          reason: 'recognition-revoked',
          text: 'Quyết định công nhận 1234/QĐ-UBND đã bị thu hồi',
          decisionNumber: '300/QĐ-UBND',
          decidedOn: '2026-04-01',
          signer: { id: chairman.id, name: chairman.name ?? null },
          revokedAt: NOW,
        },
      };
      given(all).when(revoke(chairman)).then([revoked]);
      given(all).when(revoke(secretary)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given([...all, revoked])
        .when(revoke(chairman))
        .thenThrows('AWARD_REVOKED', 'conflict');
    });

    it('lets the secretary flag an award for false records', () => {
      given(issuedToNongThuong)
        .when({
          type: 'FlagAward',
          data: { board, awardId: 'qd-2500-1', text: 'Phản ánh số liệu thu nhập không trung thực' },
          metadata: meta(secretary),
        })
        .thenMatch([{ type: 'AwardFlagged', data: { reason: { kind: 'false-records' } } }]);
      given([])
        .when({
          type: 'FlagAward',
          data: { board, awardId: 'khong-co', text: 'x' },
          metadata: meta(secretary),
        })
        .thenThrows('AWARD_NOT_FOUND', 'not-found');
    });
  });
});
