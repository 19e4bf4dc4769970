import { spec } from '@ntm/decider/testing';
import {
  nominationDecider,
  placesReleased,
  type Nomination,
  type NominationCommand,
  type NominationEvent,
} from './nomination';
import { achievementStreamId, quotaStreamId } from './reservation';
import {
  NOW,
  PROVINCE,
  actor,
  bangKhen,
  bangKhenThuTuong,
  board,
  chairman,
  districtOfficer,
  giayKhen,
  meta,
  members,
  movement,
  movementQuota,
  provinceOfficer,
  recognition,
  record,
  secretary,
  system,
} from './testing/fixtures';
import type { Actor } from '@ntm/decider';
import type { EligibilityRecord } from './eligibility';
import type { Movement } from './types';
import {
  allPresent,
  castVote,
  concludeReview,
  nominationSubmitted,
  openReview,
  reviewConcluded,
  reviewOpened,
  submitNomination,
  voteCast,
} from './testing/nomination';

const given = spec(nominationDecider).given;

/** Nông Thượng's nomination for the province's Bằng khen, filed by the district officer. */
const submitted = [nominationSubmitted()];
const outcomeOf = (events: NominationEvent[]) => {
  const [e] = given(events)
    .when(concludeReview)
    .thenMatch([{ type: 'ReviewConcluded' }]);
  return (e as Extract<NominationEvent, { type: 'ReviewConcluded' }>).data.result;
};

describe('nominations', () => {
  describe('submission with the eligibility check', () => {
    it('links the record as evidence: the recognition, its survey result, and the achievement key', () => {
      const [e] = given([])
        .when(submitNomination())
        .thenMatch([{ type: 'NominationSubmitted' }]);
      const data = (e as Extract<NominationEvent, { type: 'NominationSubmitted' }>).data;
      expect(data.eligibility.eligible).toBe(true);
      expect(data.restsOn).toEqual(['d-nong-thuong-ntm']);
      expect(data.evidence.map((x) => x.kind)).toEqual(['recognition', 'survey']);
      expect(data.achievementKey).toMatch(/^[0-9a-f]{40}$/);
      expect(data.recipientKey).toBe('commune:01843');
      expect(data.proposedBy).toEqual({
        id: districtOfficer.id,
        name: districtOfficer.name,
        role: 'district_officer',
      });
    });

    it('refuses an ineligible nominee with every failed rule, not only the first', () => {
      const err = given([])
        .when(submitNomination({ record: record({ recognitions: [] }) }))
        .thenThrows('NOT_ELIGIBLE', 'rule');
      expect(err.violations.map((v) => v.code)).toEqual([
        'RULE_HOLDS_RECOGNITION',
        'RULE_RECOGNISED_IN_PERIOD',
      ]);
      expect(err.message).toContain('xã Nông Thượng');
    });

    it('is filed only by a role the award type names, within its jurisdiction', () => {
      given([])
        .when(
          submitNomination(
            {},
            actor('commune_officer', 'can-bo-xa', {
              provinceCode: PROVINCE,
              districtCode: '058',
              communeCode: '01843',
            }),
          ),
        )
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given([])
        .when(
          submitNomination(
            {},
            actor('district_officer', 'huyen-khac', { provinceCode: PROVINCE, districtCode: '059' }),
          ),
        )
        .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
      given([])
        .when(submitNomination({ awardType: bangKhenThuTuong }, provinceOfficer))
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    });

    it('refuses a year outside the movement and an empty achievement', () => {
      const err = given([])
        .when(submitNomination({ year: 2026, achievement: { kind: 'other', period: '2026', text: ' ' } }))
        .thenThrows('INVALID_NOMINATION', 'invalid');
      expect(err.violations.map((v) => v.field)).toEqual(['year', 'achievement.text']);
    });

    it('refuses the same nomination id twice', () => {
      given(submitted).when(submitNomination()).thenThrows('NOMINATION_EXISTS', 'conflict');
    });
  });

  describe('board review', () => {
    it('is opened by the board secretary only, with the attendance', () => {
      given(submitted)
        .when(openReview())
        .thenMatch([
          {
            type: 'ReviewOpened',
            data: { round: 1, present: allPresent, members: board.members, rule: bangKhen.review },
          },
        ]);
      for (const other of [members[0], chairman, provinceOfficer, districtOfficer])
        given(submitted).when(openReview(allPresent, other)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given(submitted)
        .when(openReview(allPresent, actor('emulation_secretary', 'thu-ky-tinh-khac')))
        .thenThrows('NOT_BOARD_SECRETARY', 'forbidden');
      given(submitted)
        .when(openReview(['nguoi-la']))
        .thenThrows('INVALID_REVIEW', 'invalid');
    });

    it('takes one vote from each board member present, and only from them', () => {
      const review = [...submitted, reviewOpened()];
      given(review)
        .when(castVote(members[0]))
        .then([voteCast(members[0])]);
      given([...review, voteCast(members[0])])
        .when(castVote(members[0], 'against'))
        .thenThrows('ALREADY_VOTED', 'conflict');
      given(review)
        .when(castVote(actor('emulation_member', 'khong-phai-uy-vien')))
        .thenThrows('NOT_BOARD_MEMBER', 'forbidden');
      given(review).when(castVote(chairman)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given(review).when(castVote(provinceOfficer)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given([...submitted, reviewOpened([secretary.id, members[0].id, members[1].id, members[2].id])])
        .when(castVote(members[3]))
        .thenThrows('NOT_PRESENT', 'rule');
      given(submitted).when(castVote(members[0])).thenThrows('NOMINATION_STATUS', 'conflict');
    });

    it('approves on the configured share and records the raw counts', () => {
      const events = [
        ...submitted,
        reviewOpened(),
        voteCast(secretary),
        voteCast(members[0]),
        voteCast(members[1]),
        voteCast(members[2], 'against'),
      ];
      const result = outcomeOf(events);
      expect(result.outcome).toBe('approved');
      expect(result.counts).toEqual({ members: 5, present: 5, for: 3, against: 1, abstain: 0, notVoting: 1 });
      const state = given(events).when(concludeReview).stateAfter();
      expect(state.status).toBe('approved');
    });

    it('is not approved on a tie', () => {
      const events = [
        ...submitted,
        reviewOpened(),
        voteCast(secretary),
        voteCast(members[0]),
        voteCast(members[1], 'against'),
        voteCast(members[2], 'against'),
        voteCast(members[3], 'abstain'),
      ];
      expect(outcomeOf(events).outcome).toBe('tie');
      expect(given(events).when(concludeReview).stateAfter().status).toBe('rejected');
    });

    it('decides nothing without a quorum, and the secretary may hold the review again', () => {
      const few = [secretary.id, members[0].id, members[1].id]; // 3 of 5 is under 2/3
      const events = [
        ...submitted,
        reviewOpened(few),
        voteCast(secretary),
        voteCast(members[0]),
        voteCast(members[1]),
      ];
      expect(outcomeOf(events).outcome).toBe('no-quorum');
      const state = given(events).when(concludeReview).stateAfter();
      expect(state.status).toBe('submitted');
      const noQuorum = reviewConcluded({
        members: 5,
        present: 3,
        for: 3,
        against: 0,
        abstain: 0,
        notVoting: 0,
      });
      given(events).when(concludeReview).then([noQuorum]);
      given([...events, noQuorum])
        .when(openReview())
        .thenMatch([{ type: 'ReviewOpened', data: { round: 2 } }]);
    });

    it('rejects when too few vote for', () => {
      const events = [
        ...submitted,
        reviewOpened(),
        voteCast(secretary),
        voteCast(members[0]),
        voteCast(members[1], 'against'),
        voteCast(members[2], 'abstain'),
      ];
      expect(outcomeOf(events).outcome).toBe('rejected');
    });

    it('is concluded by the secretary only', () => {
      given([...submitted, reviewOpened()])
        .when({ ...concludeReview, metadata: meta(members[0]) })
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    });
  });

  describe('return for more evidence', () => {
    const returned: NominationEvent = {
      type: 'NominationReturned',
      data: {
        reasons: ['Bổ sung kết quả lấy ý kiến sự hài lòng'],
        returnedBy: secretary.id,
        returnedAt: NOW,
      },
    };

    it('is sent by the secretary with reasons, and the proposer supplements with the record checked again', () => {
      given(submitted)
        .when({
          type: 'ReturnNomination',
          data: { board, reasons: ['Bổ sung kết quả lấy ý kiến sự hài lòng'] },
          metadata: meta(secretary),
        })
        .then([returned]);
      given(submitted)
        .when({ type: 'ReturnNomination', data: { board, reasons: [' '] }, metadata: meta(secretary) })
        .thenThrows('NO_REASON', 'invalid');
      given(submitted)
        .when({ type: 'ReturnNomination', data: { board, reasons: ['x'] }, metadata: meta(districtOfficer) })
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      const supplement = (r = record()): NominationCommand => ({
        type: 'SupplementNomination',
        data: { documents: ['a'.repeat(64)], note: 'Đã bổ sung', record: r },
        metadata: meta(districtOfficer),
      });
      const state = given([...submitted, returned])
        .when(supplement())
        .stateAfter();
      expect(state.status).toBe('submitted');
      given([...submitted, returned])
        .when(
          supplement(
            record({
              recognitions: [recognition({ revoked: { decisionNumber: '9/QĐ', decidedOn: '2025-10-01' } })],
            }),
          ),
        )
        .thenThrows('NOT_ELIGIBLE', 'rule');
      given(submitted).when(supplement()).thenThrows('NOMINATION_STATUS', 'conflict');
    });
  });

  describe('escalation to a higher award level', () => {
    /** Approved with 4 of the 5 present for. */
    const approvedEvents = () => [
      ...submitted,
      reviewOpened(),
      voteCast(secretary),
      voteCast(members[0]),
      voteCast(members[1]),
      voteCast(members[2]),
      reviewConcluded({ members: 5, present: 5, for: 4, against: 0, abstain: 0, notVoting: 1 }),
    ];
    const escalate = (
      awardType = bangKhenThuTuong,
      by: Actor = secretary,
      now: { movement: Movement; record: EligibilityRecord } = { movement, record: record() },
    ): NominationCommand => ({
      type: 'EscalateNomination',
      data: { board, awardType, ...now, reason: 'Thành tích tiêu biểu của tỉnh' },
      metadata: meta(by),
    });

    it('moves an approved nomination to a higher award and back to the board', () => {
      const state = given(approvedEvents()).when(escalate()).stateAfter();
      expect(state.status).toBe('submitted');
      expect(state.status !== 'none' && state.awardType.id).toBe('bang-khen-thu-tuong');
      expect(state.status !== 'none' && state.escalations).toEqual([
        {
          from: 'bang-khen-chu-tich-tinh',
          to: 'bang-khen-thu-tuong',
          reason: 'Thành tích tiêu biểu của tỉnh',
          at: NOW,
        },
      ]);
    });

    it('checks the higher award against the movement’s quotas as they stand now, not as they were when filed', () => {
      // Filed under the movement without quotas (the award type's own 5% of the province's 40 NTM communes: 2
      // places); since then the board gave the movement its own quota: 5% of the 20 recognised in the period.
      const amended: Movement = { ...movement, quotas: [movementQuota()] };
      const counts = { ...record().counts, 'province-ntm-in-period': 20 };
      const state = given(approvedEvents())
        .when(escalate(bangKhenThuTuong, secretary, { movement: amended, record: record({ counts }) }))
        .stateAfter();
      expect(state.status !== 'none' && state.movement.quotas).toEqual([movementQuota()]);
      expect(state.status !== 'none' && state.eligibility.quota).toMatchObject({
        baseCount: 20,
        capacity: 1,
      });
    });

    it('refuses a level that is not higher, a nomination not yet approved, and anyone but the secretary', () => {
      given(approvedEvents()).when(escalate(giayKhen)).thenThrows('NOT_HIGHER_LEVEL', 'rule');
      given(submitted).when(escalate()).thenThrows('NOMINATION_STATUS', 'conflict');
      given(approvedEvents())
        .when(escalate(bangKhenThuTuong, provinceOfficer))
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    });
  });

  describe('award and withdrawal', () => {
    const award = (by: Actor = system): NominationCommand => ({
      type: 'RecordAward',
      data: {
        decisionId: 'qd-1',
        awardId: 'qd-1-1',
        decisionNumber: '2500/QĐ-UBND',
        decidedOn: '2025-12-20',
      },
      metadata: meta(by),
    });

    const awarded: NominationEvent = {
      type: 'NominationAwarded',
      data: {
        decisionId: 'qd-1',
        awardId: 'qd-1-1',
        decisionNumber: '2500/QĐ-UBND',
        decidedOn: '2025-12-20',
        awardedAt: NOW,
      },
    };

    /** Approved with 3 of the 5 present for. */
    const approvedEvents = () => [
      ...submitted,
      reviewOpened(),
      voteCast(secretary),
      voteCast(members[0]),
      voteCast(members[1]),
      reviewConcluded({ members: 5, present: 5, for: 3, against: 0, abstain: 0, notVoting: 2 }),
    ];

    it('records the award of an approved nomination once, by the system (from the register), never by hand', () => {
      const approved = approvedEvents();
      given(approved).when(award()).then([awarded]);
      given([...approved, awarded])
        .when(award())
        .thenNothingHappens();
      given(approved).when(award(chairman)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given(submitted).when(award()).thenThrows('NOMINATION_STATUS', 'conflict');
    });

    it('is withdrawn by the proposer, not once awarded', () => {
      given(submitted)
        .when({
          type: 'WithdrawNomination',
          data: { board, reason: 'Xã xin rút' },
          metadata: meta(districtOfficer),
        })
        .thenMatch([{ type: 'NominationWithdrawn' }]);
      given(submitted)
        .when({ type: 'WithdrawNomination', data: { board, reason: 'x' }, metadata: meta(members[0]) })
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given(approvedEvents())
        .when(award())
        .thenMatch([{ type: 'NominationAwarded' }]);
      given([...approvedEvents(), awarded])
        .when({ type: 'WithdrawNomination', data: { board, reason: 'x' }, metadata: meta(districtOfficer) })
        .thenThrows('NOMINATION_STATUS', 'conflict');
    });
  });

  describe('places given back (what the nomination-places process manager releases)', () => {
    /** The secretary's nomination for the Prime Minister's Bằng khen, which takes a quota place. */
    const submittedThuTuong = [nominationSubmitted({ awardType: bangKhenThuTuong }, secretary)];
    const thuTuong = given(submittedThuTuong).state as Nomination;
    const achievement = achievementStreamId(thuTuong.achievementKey);
    const quota = (awardTypeId: string) => quotaStreamId(PROVINCE, movement.id, awardTypeId);

    it('frees the achievement and the quota place of a withdrawn nomination', () => {
      const withdrawn = given(submittedThuTuong)
        .when({ type: 'WithdrawNomination', data: { board, reason: 'x' }, metadata: meta(secretary) })
        .stateAfter() as Nomination;
      expect(placesReleased(thuTuong, withdrawn)).toEqual([
        { streamId: achievement, reason: 'Đã rút đề nghị' },
        { streamId: quota('bang-khen-thu-tuong'), reason: 'Đã rút đề nghị' },
      ]);
    });

    it('frees the achievement of a rejected nomination (no quota to free without a quota rule)', () => {
      const events = [...submitted, reviewOpened(), voteCast(secretary), voteCast(members[0], 'against')];
      const before = given(events).state as Nomination;
      const after = given(events).when(concludeReview).stateAfter() as Nomination;
      expect(after.status).toBe('rejected');
      expect(placesReleased(before, after)).toEqual([
        { streamId: achievementStreamId(before.achievementKey), reason: 'Hội đồng không thông qua' },
      ]);
    });

    it('frees only the old award type quota place of an escalated nomination, and nothing for other events', () => {
      const escalatedFrom = { ...thuTuong, status: 'approved' as const };
      const escalatedTo = { ...escalatedFrom, status: 'submitted' as const, awardType: bangKhen };
      expect(placesReleased(escalatedFrom, escalatedTo)).toEqual([
        { streamId: quota('bang-khen-thu-tuong'), reason: `Đề nghị lên ${bangKhen.name}` },
      ]);
      expect(placesReleased(thuTuong, { ...thuTuong, status: 'in-review' })).toEqual([]);
    });
  });
});
