import type { Actor } from '@ntm/decider';
import { achievementKey } from '../achievement';
import { checkEligibility, restsOn, type EligibilityRecord } from '../eligibility';
import type { NominationCommand, NominationEvent } from '../nomination';
import type { Achievement, AwardType, Evidence, ReviewRule } from '../types';
import { tallyVotes, type Ballot, type VoteCounts } from '../voting';
import {
  NOW,
  PROVINCE,
  bangKhen,
  board,
  districtOfficer,
  meta,
  members,
  movement,
  nongThuong,
  record,
  secretary,
} from './fixtures';

/**
 * Nomination n-1 of xã Nông Thượng, as commands and as the events the decider records for them, for the `given`
 * of a specification. fixture-events.unit.spec.ts holds each event builder to the decider.
 */

export const achievement: Achievement = {
  kind: 'movement-result',
  period: '2021-2025',
  text: 'Hoàn thành xây dựng nông thôn mới',
};

type SubmissionData = Extract<NominationCommand, { type: 'SubmitNomination' }>['data'];

export const submitNomination = (
  over: Partial<SubmissionData> = {},
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
    achievement,
    documents: [],
    record: record(),
    ...over,
  },
  metadata: meta(by),
});

/** What `record()` shows for the rules on NTM recognition: the recognition of 15/12/2023 and its survey. */
export const recognitionEvidence: readonly Evidence[] = [
  {
    kind: 'recognition',
    dossierId: 'd-nong-thuong-ntm',
    level: 'ntm',
    decisionNumber: '1234/QĐ-UBND',
    decidedOn: '2023-12-15',
  },
  { kind: 'survey', dossierId: 'd-nong-thuong-ntm', satisfactionRate: 0.975, participationRate: 0.8 },
];

export interface Submission {
  readonly awardType?: AwardType;
  readonly record?: EligibilityRecord;
  /** What the award type's rules found in the record; the recognition and its survey unless told. */
  readonly evidence?: readonly Evidence[];
}

/**
 * `submitNomination` with the same award type and record, filed on 20/11/2025: n-1 for the province's Bằng khen
 * on `record()` unless told. The eligibility assessment is the library's own check of that record.
 */
export const nominationSubmitted = (o: Submission = {}, by: Actor = districtOfficer): NominationEvent => {
  const awardType = o.awardType ?? bangKhen;
  const evidence = o.evidence ?? recognitionEvidence;
  return {
    type: 'NominationSubmitted',
    data: {
      nominationId: 'n-1',
      provinceCode: PROVINCE,
      movement,
      year: 2025,
      nominee: nongThuong,
      recipientKey: 'commune:01843',
      awardType,
      achievement,
      achievementKey: achievementKey(movement.id, nongThuong, achievement),
      documents: [],
      eligibility: checkEligibility({
        awardType,
        nominee: nongThuong,
        movement,
        year: 2025,
        record: o.record ?? record(),
      }),
      evidence,
      restsOn: restsOn(evidence),
      proposedBy: { id: by.id, name: by.name ?? null, role: by.role },
      submittedAt: NOW,
    },
  };
};

/** The whole board of five. */
export const allPresent = [secretary.id, ...members.map((m) => m.id)];

export const openReview = (present: string[] = allPresent, by: Actor = secretary): NominationCommand => ({
  type: 'OpenReview',
  data: { board, present, meetingOn: '2025-11-25' },
  metadata: meta(by),
});

/** The secretary opened the first review, for 25/11/2025, with `present` there, under the award's rule. */
export const reviewOpened = (
  present: string[] = allPresent,
  awardType: AwardType = bangKhen,
): NominationEvent => ({
  type: 'ReviewOpened',
  data: {
    round: 1,
    awardTypeId: awardType.id,
    members: board.members,
    present,
    meetingOn: '2025-11-25',
    rule: awardType.review,
    openedBy: secretary.id,
    openedAt: NOW,
  },
});

export const castVote = (by: Actor, ballot: Ballot = 'for'): NominationCommand => ({
  type: 'CastVote',
  data: { ballot },
  metadata: meta(by),
});

export const voteCast = (by: Actor, ballot: Ballot = 'for'): NominationEvent => ({
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

export const concludeReview: NominationCommand = {
  type: 'ConcludeReview',
  data: { board },
  metadata: meta(secretary),
};

/** The secretary concluded the first review on these counts; the result is the library's own tally of them. */
export const reviewConcluded = (counts: VoteCounts, rule: ReviewRule = bangKhen.review): NominationEvent => ({
  type: 'ReviewConcluded',
  data: {
    round: 1,
    result: tallyVotes(counts, rule),
    minutes: null,
    concludedBy: secretary.id,
    concludedAt: NOW,
  },
});
