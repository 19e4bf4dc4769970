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
  nongThuong,
  provinceOfficer,
  recognition,
  record,
  secretary,
  system,
} from './testing/fixtures';
import type { Actor } from '@ntm/decider';

const given = spec(nominationDecider).given;

const submit = (
  over: Partial<Extract<NominationCommand, { type: 'SubmitNomination' }>['data']> = {},
  by: Actor = districtOfficer,
): NominationCommand => ({
  type: 'SubmitNomination',
  data: {
    nominationId: 'n-1',
    provinceCode: PROVINCE,
    movement,
    year: 2025,
    nominee: nongThuong,
    awardType: bangKhen,
    achievement: { kind: 'movement-result', period: '2021-2025', text: 'Hoàn thành xây dựng nông thôn mới' },
    documents: [],
    record: record(),
    ...over,
  },
  metadata: meta(by),
});
const submitted = nominationDecider.decide(submit(), nominationDecider.initialState());
const present = [secretary.id, ...members.map((m) => m.id)];
const open = (who: string[] = present, by: Actor = secretary): NominationCommand => ({
  type: 'OpenReview',
  data: { board, present: who, meetingOn: '2025-11-25' },
  metadata: meta(by),
});
/** The secretary opened the review of the submitted nomination with `who` present, under the award's rule. */
const opened = (who: string[] = present): NominationEvent[] => [
  {
    type: 'ReviewOpened',
    data: {
      round: 1,
      awardTypeId: bangKhen.id,
      members: [
        { id: secretary.id, name: 'Hoàng Thị Thư', role: 'secretary' },
        { id: members[0].id, name: 'Ủy viên 1', role: 'member' },
        { id: members[1].id, name: 'Ủy viên 2', role: 'member' },
        { id: members[2].id, name: 'Ủy viên 3', role: 'member' },
        { id: members[3].id, name: 'Ủy viên 4', role: 'member' },
      ],
      present: who,
      meetingOn: '2025-11-25',
      rule: bangKhen.review,
      openedBy: secretary.id,
      openedAt: NOW,
    },
  },
];
const vote = (by: Actor, ballot: 'for' | 'against' | 'abstain' = 'for'): NominationCommand => ({
  type: 'CastVote',
  data: { ballot },
  metadata: meta(by),
});
const voted = (by: Actor, ballot: 'for' | 'against' | 'abstain' = 'for'): NominationEvent => ({
  type: 'VoteCast',
  data: {
    round: 1,
    memberId: by.id,
    memberName: board.members.find((m) => m.id === by.id)!.name,
    ballot,
    note: null,
    castAt: NOW,
  },
});
const conclude: NominationCommand = { type: 'ConcludeReview', data: { board }, metadata: meta(secretary) };
const outcomeOf = (events: NominationEvent[]) => {
  const [e] = given(events)
    .when(conclude)
    .thenMatch([{ type: 'ReviewConcluded' }]);
  return (e as Extract<NominationEvent, { type: 'ReviewConcluded' }>).data.result;
};

describe('nominations', () => {
  describe('submission with the eligibility check', () => {
    it('links the record as evidence: the recognition, its survey result, and the achievement key', () => {
      const [e] = given([])
        .when(submit())
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
        .when(submit({ record: record({ recognitions: [] }) }))
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
          submit(
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
          submit(
            {},
            actor('district_officer', 'huyen-khac', { provinceCode: PROVINCE, districtCode: '059' }),
          ),
        )
        .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
      given([])
        .when(submit({ awardType: bangKhenThuTuong }, provinceOfficer))
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    });

    it('refuses a year outside the movement and an empty achievement', () => {
      const err = given([])
        .when(submit({ year: 2026, achievement: { kind: 'other', period: '2026', text: ' ' } }))
        .thenThrows('INVALID_NOMINATION', 'invalid');
      expect(err.violations.map((v) => v.field)).toEqual(['year', 'achievement.text']);
    });

    it('refuses the same nomination id twice', () => {
      given(submitted).when(submit()).thenThrows('NOMINATION_EXISTS', 'conflict');
    });
  });

  describe('board review', () => {
    it('is opened by the board secretary only, with the attendance', () => {
      given(submitted)
        .when(open())
        .thenMatch([
          {
            type: 'ReviewOpened',
            data: { round: 1, present, members: board.members, rule: bangKhen.review },
          },
        ]);
      for (const other of [members[0], chairman, provinceOfficer, districtOfficer])
        given(submitted).when(open(present, other)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given(submitted)
        .when(open(present, actor('emulation_secretary', 'thu-ky-tinh-khac')))
        .thenThrows('NOT_BOARD_SECRETARY', 'forbidden');
      given(submitted)
        .when(open(['nguoi-la']))
        .thenThrows('INVALID_REVIEW', 'invalid');
    });

    it('takes one vote from each board member present, and only from them', () => {
      const review = [...submitted, ...opened()];
      given(review)
        .when(vote(members[0]))
        .then([voted(members[0])]);
      given([...review, voted(members[0])])
        .when(vote(members[0], 'against'))
        .thenThrows('ALREADY_VOTED', 'conflict');
      given(review)
        .when(vote(actor('emulation_member', 'khong-phai-uy-vien')))
        .thenThrows('NOT_BOARD_MEMBER', 'forbidden');
      given(review).when(vote(chairman)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given(review).when(vote(provinceOfficer)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given([...submitted, ...opened([secretary.id, members[0].id, members[1].id, members[2].id])])
        .when(vote(members[3]))
        .thenThrows('NOT_PRESENT', 'rule');
      given(submitted).when(vote(members[0])).thenThrows('NOMINATION_STATUS', 'conflict');
    });

    it('approves on the configured share and records the raw counts', () => {
      const events = [
        ...submitted,
        ...opened(),
        voted(secretary),
        voted(members[0]),
        voted(members[1]),
        voted(members[2], 'against'),
      ];
      const result = outcomeOf(events);
      expect(result.outcome).toBe('approved');
      expect(result.counts).toEqual({ members: 5, present: 5, for: 3, against: 1, abstain: 0, notVoting: 1 });
      const state = given(events).when(conclude).stateAfter();
      expect(state.status).toBe('approved');
    });

    it('is not approved on a tie', () => {
      const events = [
        ...submitted,
        ...opened(),
        voted(secretary),
        voted(members[0]),
        voted(members[1], 'against'),
        voted(members[2], 'against'),
        voted(members[3], 'abstain'),
      ];
      expect(outcomeOf(events).outcome).toBe('tie');
      expect(given(events).when(conclude).stateAfter().status).toBe('rejected');
    });

    it('decides nothing without a quorum, and the secretary may hold the review again', () => {
      const few = [secretary.id, members[0].id, members[1].id]; // 3 of 5 is under 2/3
      const events = [...submitted, ...opened(few), voted(secretary), voted(members[0]), voted(members[1])];
      expect(outcomeOf(events).outcome).toBe('no-quorum');
      const state = given(events).when(conclude).stateAfter();
      expect(state.status).toBe('submitted');
      const concluded = given(events)
        .when(conclude)
        .thenMatch([{ type: 'ReviewConcluded' }]);
      given([...events, ...concluded])
        .when(open())
        .thenMatch([{ type: 'ReviewOpened', data: { round: 2 } }]);
    });

    it('rejects when too few vote for', () => {
      const events = [
        ...submitted,
        ...opened(),
        voted(secretary),
        voted(members[0]),
        voted(members[1], 'against'),
        voted(members[2], 'abstain'),
      ];
      expect(outcomeOf(events).outcome).toBe('rejected');
    });

    it('is concluded by the secretary only', () => {
      given([...submitted, ...opened()])
        .when({ ...conclude, metadata: meta(members[0]) })
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
    const approvedEvents = () => {
      const events = [
        ...submitted,
        ...opened(),
        voted(secretary),
        voted(members[0]),
        voted(members[1]),
        voted(members[2]),
      ];
      return [
        ...events,
        ...given(events)
          .when(conclude)
          .thenMatch([{ type: 'ReviewConcluded' }]),
      ] as NominationEvent[];
    };
    const escalate = (awardType = bangKhenThuTuong, by: Actor = secretary): NominationCommand => ({
      type: 'EscalateNomination',
      data: { board, awardType, record: record(), reason: 'Thành tích tiêu biểu của tỉnh' },
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

    const approvedEvents = () => {
      const events = [...submitted, ...opened(), voted(secretary), voted(members[0]), voted(members[1])];
      return [
        ...events,
        ...given(events)
          .when(conclude)
          .thenMatch([{ type: 'ReviewConcluded' }]),
      ] as NominationEvent[];
    };

    it('records the award of an approved nomination once, by the system (from the register), never by hand', () => {
      const approved = approvedEvents();
      const awarded = given(approved)
        .when(award())
        .thenMatch([{ type: 'NominationAwarded' }]) as NominationEvent[];
      given([...approved, ...awarded])
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
      const approved = approvedEvents();
      const awarded = given(approved)
        .when(award())
        .thenMatch([{ type: 'NominationAwarded' }]) as NominationEvent[];
      given([...approved, ...awarded])
        .when({ type: 'WithdrawNomination', data: { board, reason: 'x' }, metadata: meta(districtOfficer) })
        .thenThrows('NOMINATION_STATUS', 'conflict');
    });
  });

  describe('places given back (what the nomination-places process manager releases)', () => {
    const stateOf = (events: NominationEvent[]) =>
      events.reduce(nominationDecider.evolve, nominationDecider.initialState()) as Nomination;
    const thuTuong = stateOf(
      nominationDecider.decide(
        submit({ awardType: bangKhenThuTuong }, secretary),
        nominationDecider.initialState(),
      ),
    );
    const achievement = achievementStreamId(thuTuong.achievementKey);
    const quota = (awardTypeId: string) => quotaStreamId(PROVINCE, movement.id, awardTypeId);

    it('frees the achievement and the quota place of a withdrawn nomination', () => {
      const [withdrawn] = nominationDecider.decide(
        { type: 'WithdrawNomination', data: { board, reason: 'x' }, metadata: meta(secretary) },
        thuTuong,
      );
      expect(placesReleased(thuTuong, nominationDecider.evolve(thuTuong, withdrawn) as Nomination)).toEqual([
        { streamId: achievement, reason: 'Đã rút đề nghị' },
        { streamId: quota('bang-khen-thu-tuong'), reason: 'Đã rút đề nghị' },
      ]);
    });

    it('frees the achievement of a rejected nomination (no quota to free without a quota rule)', () => {
      const events = [...submitted, ...opened(), voted(secretary), voted(members[0], 'against')];
      const before = stateOf(events);
      const [concluded] = nominationDecider.decide(conclude, before);
      const after = nominationDecider.evolve(before, concluded) as Nomination;
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
