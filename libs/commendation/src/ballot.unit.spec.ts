import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import { nominationDecider, type NominationCommand, type NominationEvent } from './nomination';
import { NOW, bangKhen, board, meta, members, review, secretary } from './testing/fixtures';
import { castVote, concludeReview, nominationSubmitted, reviewOpened, voteCast } from './testing/nomination';
import type { AwardType } from './types';

// RULES-2026.md §3 "Council voting for commendation". Decree 91/2017/NĐ-CP Art. 45 cl. 8 [V, via the Central
// Emulation Board's answer of 18/06/2017]: the council meets and votes by SECRET BALLOT; approval needs at least
// 90% of ALL the council's members; absent members give their vote IN WRITING. Decree 98/2023/NĐ-CP replaced
// it and was not read [UNVERIFIED], so the rule is data on the award type.

const given = spec(nominationDecider).given;

const secret: AwardType = {
  ...bangKhen,
  review: review({
    approval: { num: 90, den: 100, strict: false },
    approvalBase: 'members',
    ballot: 'secret',
    writtenVotes: true,
  }),
};
const openWithWritten: AwardType = {
  ...bangKhen,
  review: review({ approval: { num: 90, den: 100, strict: false }, writtenVotes: true }),
};
const PAPER = 'a'.repeat(64);
const MINUTES = 'b'.repeat(64);

/** The board of five: secretary and members 1-3 present, member 4 absent. */
const present = [secretary.id, members[0].id, members[1].id, members[2].id];
const absent = members[3];

/** Nông Thượng's nomination for the award type, under review by the board with member 4 absent. */
const inReview = (awardType: AwardType) => [
  nominationSubmitted({ awardType }),
  reviewOpened(present, awardType),
];

const writtenVote = (
  memberId: string,
  ballot: 'for' | 'against' | 'abstain' = 'for',
  by: Actor = secretary,
): NominationCommand => ({
  type: 'RecordWrittenVote',
  data: { board, memberId, ballot, documents: [PAPER] },
  metadata: meta(by),
});
const writtenRecorded = (ballot: 'for' | 'against' | 'abstain' = 'for'): NominationEvent => ({
  type: 'WrittenVoteRecorded',
  data: {
    round: 1,
    memberId: absent.id,
    memberName: 'Ủy viên 4',
    ballot,
    documents: [PAPER],
    recordedBy: secretary.id,
    recordedAt: NOW,
  },
});
const count = (
  figures: { for: number; against: number; abstain: number },
  writtenFrom: string[] = [absent.id],
  by: Actor = secretary,
): NominationCommand => ({
  type: 'RecordBallotCount',
  data: { board, ...figures, writtenFrom, minutes: MINUTES },
  metadata: meta(by),
});
const counted = (figures: { for: number; against: number; abstain: number }): NominationEvent => ({
  type: 'BallotCounted',
  data: {
    round: 1,
    ...figures,
    writtenFrom: [absent.id],
    minutes: MINUTES,
    countedBy: secretary.id,
    countedAt: NOW,
  },
});
const resultAfter = (events: NominationEvent[]) => {
  const [e] = given(events)
    .when(concludeReview)
    .thenMatch([{ type: 'ReviewConcluded' }]);
  return (e as Extract<NominationEvent, { type: 'ReviewConcluded' }>).data.result;
};

describe('council ballots (Decree 91/2017 Art. 45 cl. 8 as data; Decree 98/2023 unverified)', () => {
  describe('secret ballot', () => {
    it('takes no vote by name: a member present cannot vote in the system', () => {
      given(inReview(secret)).when(castVote(members[0])).thenThrows('SECRET_BALLOT', 'rule');
      given(inReview(secret)).when(writtenVote(absent.id)).thenThrows('SECRET_BALLOT', 'rule');
    });

    it('records the counting committee’s figures and who sent a written ballot, never who voted how', () => {
      given(inReview(secret))
        .when(count({ for: 5, against: 0, abstain: 0 }))
        .then([counted({ for: 5, against: 0, abstain: 0 })]);
      const state = given(inReview(secret))
        .when(count({ for: 5, against: 0, abstain: 0 }))
        .stateAfter();
      const r = state.status === 'none' ? null : state.reviews[0];
      expect(r?.votes).toEqual([]);
      expect(JSON.stringify(r?.count)).not.toMatch(/"ballot"/);
    });

    it('approves with 90% of ALL members, the absent member’s written ballot counted (5 of 5)', () => {
      const result = resultAfter([...inReview(secret), counted({ for: 5, against: 0, abstain: 0 })]);
      expect(result.outcome).toBe('approved');
      expect(result.counts).toEqual({
        members: 5,
        present: 4,
        written: 1,
        for: 5,
        against: 0,
        abstain: 0,
        notVoting: 0,
      });
      expect(result.explanation).toContain('tổng số thành viên');
      expect(result.explanation).toContain('phiếu bằng văn bản 1');
    });

    it('rejects 4 of 5 (80%), even though all 4 present were for: the share is of all members', () => {
      const result = resultAfter([...inReview(secret), counted({ for: 4, against: 0, abstain: 1 })]);
      expect(result.outcome).toBe('rejected');
      expect(result.approvalMet).toBe(false);
    });

    it('is counted once, by the board secretary, within the ballots given out', () => {
      const withCount = [...inReview(secret), counted({ for: 5, against: 0, abstain: 0 })];
      given(withCount)
        .when(count({ for: 5, against: 0, abstain: 0 }))
        .thenThrows('BALLOT_ALREADY_COUNTED', 'conflict');
      given(inReview(secret))
        .when(count({ for: 5, against: 0, abstain: 0 }, [absent.id], members[0]))
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      const err = given(inReview(secret))
        .when(count({ for: 5, against: 1, abstain: 0 }))
        .thenThrows('INVALID_BALLOT_COUNT', 'invalid');
      expect(err.violations.map((v) => v.code)).toEqual(['COUNT_EXCEEDS_BALLOTS']);
      given(inReview(secret))
        .when(count({ for: 4, against: 0, abstain: 0 }, [members[0].id]))
        .thenThrows('MEMBER_PRESENT', 'rule');
    });

    it('cannot be concluded before the count', () => {
      given(inReview(secret)).when(concludeReview).thenThrows('BALLOT_NOT_COUNTED', 'rule');
    });

    it('takes no written ballot when the award type’s rule does not allow them', () => {
      const noWritten: AwardType = { ...secret, review: { ...secret.review, writtenVotes: false } };
      given(inReview(noWritten))
        .when(count({ for: 4, against: 0, abstain: 0 }))
        .thenThrows('WRITTEN_VOTES_NOT_ALLOWED', 'rule');
    });
  });

  describe('open ballot', () => {
    it('takes an absent member’s signed written vote, once, and only from an absent member', () => {
      given(inReview(openWithWritten)).when(writtenVote(absent.id)).then([writtenRecorded()]);
      given([...inReview(openWithWritten), writtenRecorded()])
        .when(writtenVote(absent.id, 'against'))
        .thenThrows('ALREADY_VOTED', 'conflict');
      given(inReview(openWithWritten)).when(writtenVote(members[0].id)).thenThrows('MEMBER_PRESENT', 'rule');
      given(inReview(openWithWritten))
        .when(writtenVote('nguoi-la'))
        .thenThrows('NOT_BOARD_MEMBER', 'invalid');
      given(inReview(openWithWritten))
        .when(writtenVote(absent.id, 'for', members[0]))
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
      given(inReview(openWithWritten))
        .when({
          type: 'RecordWrittenVote',
          data: { board, memberId: absent.id, ballot: 'for', documents: [] },
          metadata: meta(secretary),
        })
        .thenThrows('NO_DOCUMENT', 'invalid');
      // The default rule (defined before written votes) takes none.
      given(inReview(bangKhen)).when(writtenVote(absent.id)).thenThrows('WRITTEN_VOTES_NOT_ALLOWED', 'rule');
      given(inReview(openWithWritten))
        .when(count({ for: 5, against: 0, abstain: 0 }))
        .thenThrows('OPEN_BALLOT', 'rule');
    });

    it('counts the written vote with the votes cast: 4 present for + 1 written for = 5 of 5', () => {
      const events = [
        ...inReview(openWithWritten),
        voteCast(secretary),
        voteCast(members[0]),
        voteCast(members[1]),
        voteCast(members[2]),
        writtenRecorded(),
      ];
      const result = resultAfter(events);
      expect(result.outcome).toBe('approved');
      expect(result.counts).toEqual({
        members: 5,
        present: 4,
        written: 1,
        for: 5,
        against: 0,
        abstain: 0,
        notVoting: 0,
      });
      const against = resultAfter([...events.slice(0, -1), writtenRecorded('against')]);
      expect(against.outcome).toBe('rejected');
    });

    it('keeps tallying reviews opened before secret ballots existed as open ballots (the stored rule has no ballot)', () => {
      // A rule stored before: quorum, approval and approvalBase only.
      expect(Object.keys(bangKhen.review).sort()).toEqual(['approval', 'approvalBase', 'quorum']);
      const result = resultAfter([
        ...inReview(bangKhen),
        voteCast(secretary),
        voteCast(members[0]),
        voteCast(members[1]),
      ]);
      expect(result.outcome).toBe('approved');
      expect(result.counts).toEqual({
        members: 5,
        present: 4,
        for: 3,
        against: 0,
        abstain: 0,
        notVoting: 1,
      });
    });
  });
});
