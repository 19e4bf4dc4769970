import { spec } from '@ntm/decider/testing';
import { awardTypeIn, programmeDecider, type ProgrammeEvent } from './programme';
import { DEFAULT_AWARD_TYPES } from './award-types';
import {
  PROVINCE,
  actor,
  board,
  chairman,
  duongQuang,
  hopTacXa,
  meta,
  members,
  movement,
  nongThuong,
  provinceOfficer,
  secretary,
} from './testing/fixtures';
import { boardAppointed as appointed } from './testing/history';
import { recipientKey, type AwardType } from './types';

const given = spec(programmeDecider).given;
const cluster: ProgrammeEvent = {
  type: 'ClusterDefined',
  data: {
    clusterId: 'cum-thanh-pho',
    name: 'Cụm thi đua thành phố Bắc Kạn',
    kind: 'cum',
    fromYear: 2021,
    members: [nongThuong, duongQuang, hopTacXa],
  },
};
const scores = (entries: [string, number][], leader?: string) => ({
  type: 'RecordClusterScores' as const,
  data: {
    clusterId: 'cum-thanh-pho',
    year: 2025,
    reviewedOn: '2025-12-01',
    entries: entries.map(([memberKey, score]) => ({ memberKey, score })),
    ...(leader ? { leader } : {}),
    figures: {
      [recipientKey(nongThuong)]: {
        holdings: ['ntm' as const],
        recognisedInYear: [],
        satisfactionRate: 0.97,
      },
    },
  },
  metadata: meta(secretary),
});
const NT = recipientKey(nongThuong);
const DQ = recipientKey(duongQuang);
const HTX = recipientKey(hopTacXa);

describe('emulation programme', () => {
  describe('the board', () => {
    it('is appointed by the chairman with exactly one secretary', () => {
      given([])
        .when({
          type: 'AppointBoard',
          data: { provinceCode: PROVINCE, members: board.members, appointedOn: '2025-01-10' },
          metadata: meta(chairman),
        })
        .then([appointed]);
      const err = given([])
        .when({
          type: 'AppointBoard',
          data: {
            provinceCode: PROVINCE,
            members: board.members.map((m) => ({ ...m, role: 'member' as const })),
            appointedOn: '2025-01-10',
          },
          metadata: meta(chairman),
        })
        .thenThrows('INVALID_BOARD', 'invalid');
      expect(err.message).toContain('đúng một Thư ký');
    });

    it('is not appointed by the secretary, nor by a chairman of another province', () => {
      given([])
        .when({
          type: 'AppointBoard',
          data: { provinceCode: PROVINCE, members: board.members, appointedOn: '2025-01-10' },
          metadata: meta(secretary),
        })
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      const other = actor('chairman', 'chu-tich-24', { provinceCode: '24' });
      given([])
        .when({
          type: 'AppointBoard',
          data: { provinceCode: PROVINCE, members: board.members, appointedOn: '2025-01-10' },
          metadata: meta(other),
        })
        .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    });

    it('is not appointed by a chairman bound to no province (fails closed)', () => {
      const nowhere = actor('chairman', 'chu-tich-khong-tinh', {});
      given([])
        .when({
          type: 'AppointBoard',
          data: { provinceCode: PROVINCE, members: board.members, appointedOn: '2025-01-10' },
          metadata: meta(nowhere),
        })
        .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    });
  });

  describe('movements', () => {
    const launch = (a = secretary) => ({
      type: 'LaunchMovement' as const,
      data: { movement },
      metadata: meta(a),
    });

    it('are launched by the board secretary only', () => {
      given([appointed])
        .when(launch())
        .then([{ type: 'MovementLaunched', data: { movement } }]);
      given([appointed]).when(launch(members[0])).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given([appointed]).when(launch(provinceOfficer)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      // The secretary role alone is not enough: the seat on this board is.
      given([appointed])
        .when(launch(actor('emulation_secretary', 'thu-ky-khac')))
        .thenThrows('NOT_BOARD_SECRETARY', 'forbidden');
    });

    it('need a board first, and are launched once', () => {
      given([]).when(launch()).thenThrows('PROGRAMME_NOT_FOUND', 'not-found');
      given([appointed, { type: 'MovementLaunched', data: { movement } }])
        .when(launch())
        .thenThrows('MOVEMENT_EXISTS', 'conflict');
      const bad = { ...movement, fromYear: 2026, launchedOn: '18/05/2022' };
      const err = given([appointed])
        .when({ type: 'LaunchMovement', data: { movement: bad }, metadata: meta(secretary) })
        .thenThrows('INVALID_MOVEMENT', 'invalid');
      expect(err.violations.map((v) => v.field)).toEqual(['movement.fromYear', 'movement.launchedOn']);
    });
  });

  describe('clusters and their annual ranking', () => {
    it('refuses members of another province and duplicates', () => {
      const err = given([appointed])
        .when({
          type: 'DefineCluster',
          data: {
            clusterId: 'cum-1',
            name: 'Cụm 1',
            kind: 'cum',
            fromYear: 2021,
            members: [nongThuong, nongThuong, { ...duongQuang, provinceCode: '24' }],
          },
          metadata: meta(secretary),
        })
        .thenThrows('INVALID_CLUSTER', 'invalid');
      expect(err.violations.map((v) => v.code)).toEqual(['DUPLICATE_MEMBER', 'OTHER_PROVINCE']);
    });

    it('ranks the scores entered by the review, highest first, with the record figures beside them', () => {
      const [event] = given([appointed, cluster])
        .when(
          scores([
            [DQ, 88],
            [NT, 95.5],
            [HTX, 88],
          ]),
        )
        .thenMatch([{ type: 'ClusterScoresRecorded' }]);
      const data = (event as Extract<ProgrammeEvent, { type: 'ClusterScoresRecorded' }>).data;
      expect(data.leader).toBe(NT);
      expect(data.ranking.map((e) => [e.name, e.rank])).toEqual([
        ['xã Nông Thượng', 1],
        ['xã Dương Quang', 2],
        ['Hợp tác xã Nông Thượng', 2],
      ]);
      expect(data.ranking[0].figures).toEqual({
        holdings: ['ntm'],
        recognisedInYear: [],
        satisfactionRate: 0.97,
      });
      expect(data.ranking[1].figures).toBeNull();
    });

    it('needs the review to name the leader when the top score is shared', () => {
      given([appointed, cluster])
        .when(
          scores([
            [DQ, 95],
            [NT, 95],
            [HTX, 80],
          ]),
        )
        .thenThrows('TIE_AT_TOP', 'rule');
      const [event] = given([appointed, cluster])
        .when(
          scores(
            [
              [DQ, 95],
              [NT, 95],
              [HTX, 80],
            ],
            DQ,
          ),
        )
        .thenMatch([{ type: 'ClusterScoresRecorded' }]);
      expect((event as Extract<ProgrammeEvent, { type: 'ClusterScoresRecorded' }>).data.leader).toBe(DQ);
      given([appointed, cluster])
        .when(
          scores(
            [
              [DQ, 95],
              [NT, 96],
              [HTX, 80],
            ],
            DQ,
          ),
        )
        .thenThrows('LEADER_NOT_TOP', 'rule');
    });

    it('scores every member once and nobody else', () => {
      const err = given([appointed, cluster])
        .when(
          scores([
            [NT, 90],
            ['commune:99999', 70],
          ]),
        )
        .thenThrows('INVALID_SCORES', 'invalid');
      expect(err.violations.map((v) => v.code)).toEqual(['NOT_A_MEMBER', 'MEMBER_NOT_SCORED']);
      expect(err.message).toContain('xã Dương Quang');
    });

    it('uses the membership defined for the year', () => {
      const later: ProgrammeEvent = {
        type: 'ClusterDefined',
        data: { ...cluster.data, fromYear: 2025, members: [nongThuong, duongQuang] } as never,
      };
      const state = given([appointed, cluster, later])
        .when(
          scores([
            [NT, 90],
            [DQ, 80],
          ]),
        )
        .stateAfter();
      expect(state.status === 'active' && state.scores['cum-thanh-pho/2025'].ranking).toHaveLength(2);
      given([appointed, cluster, later])
        .when({
          ...scores([
            [NT, 90],
            [DQ, 80],
          ]),
          data: {
            ...scores([]).data,
            year: 2024,
            entries: [
              { memberKey: NT, score: 90 },
              { memberKey: DQ, score: 80 },
            ],
          },
        })
        .thenThrows('INVALID_SCORES');
    });
  });

  describe('award types as data', () => {
    it('lets the province define its own quorum and approval share; the catalogue applies otherwise', () => {
      const own: AwardType = {
        ...DEFAULT_AWARD_TYPES[0],
        review: {
          quorum: { num: 3, den: 4, strict: false },
          approval: { num: 2, den: 3, strict: false },
          approvalBase: 'present',
        },
      };
      const state = given([appointed])
        .when({ type: 'DefineAwardType', data: { awardType: own }, metadata: meta(secretary) })
        .stateAfter();
      if (state.status !== 'active') throw new Error('expected a programme');
      expect(awardTypeIn(state, own.id)?.review.quorum).toEqual({ num: 3, den: 4, strict: false });
      expect(awardTypeIn(state, 'co-thi-dua-tinh')?.name).toBe('Cờ thi đua của Ủy ban nhân dân tỉnh');
      expect(awardTypeIn(state, 'khong-co')).toBeNull();
    });

    it('refuses an award type with an impossible share, naming every field', () => {
      const bad = {
        ...DEFAULT_AWARD_TYPES[0],
        review: {
          quorum: { num: 4, den: 3, strict: false },
          approval: { num: 1, den: 0, strict: false },
          approvalBase: 'present' as const,
        },
        rules: [
          {
            kind: 'consecutive-titles' as const,
            awardTypeId: 'x',
            title: 'X',
            years: 0,
            endingWith: 'nomination-year' as const,
          },
        ],
      };
      const err = given([appointed])
        .when({ type: 'DefineAwardType', data: { awardType: bad }, metadata: meta(secretary) })
        .thenThrows('INVALID_AWARD_TYPE', 'invalid');
      expect(err.violations.map((v) => v.field)).toEqual(['review.quorum', 'review.approval', 'rules[0]']);
    });
  });
});
