import { dateVi } from '@ntm/calendar';
import {
  conflict,
  listOr,
  actorCovers,
  actorCoversProvince,
  forbidden,
  invalid,
  ruleBroken,
  type Actor,
  type Command,
  type Decider,
  type DomainEvent,
} from '@ntm/decider';
import { achievementKey } from './achievement';
import { LOCAL_DATE, Violations, requireProvince, requireRole, requireSecretary } from './authority';
import { isHigherLevel } from './award-types';
import {
  checkEligibility,
  evidenceOf,
  quotaKeyOfReport,
  restsOn,
  type EligibilityRecord,
  type EligibilityReport,
} from './eligibility';
import { awardLevelLabels } from './labels';
import { achievementStreamId, quotaStreamId } from './reservation';
import {
  ACHIEVEMENT_KINDS,
  recipientKey,
  type Achievement,
  type AwardType,
  type Board,
  type BoardMember,
  type DocumentHash,
  type Evidence,
  type Movement,
  type Nominee,
} from './types';
import { BALLOTS, reviewRuleOf, tallyVotes, type Ballot, type ReviewResult, type VoteCounts } from './voting';

/** One nomination (đề nghị khen thưởng) per stream. */
export const NOMINATION_STREAM_PREFIX = 'nomination-';
export const nominationStreamId = (nominationId: string): string =>
  `${NOMINATION_STREAM_PREFIX}${nominationId}`;

export type NominationStatus =
  'submitted' | 'returned' | 'in-review' | 'approved' | 'rejected' | 'awarded' | 'withdrawn';

export const nominationStatusLabels: Readonly<Record<NominationStatus, string>> = {
  submitted: 'Chờ Hội đồng xét',
  returned: 'Trả lại để bổ sung minh chứng',
  'in-review': 'Hội đồng đang xét',
  approved: 'Hội đồng đã thông qua',
  rejected: 'Hội đồng không thông qua',
  awarded: 'Đã có quyết định khen thưởng',
  withdrawn: 'Đã rút đề nghị',
};

export interface Proposer {
  readonly id: string;
  readonly name: string | null;
  readonly role: Actor['role'];
}

export type NominationCommand =
  | Command<
      'SubmitNomination',
      {
        readonly nominationId: string;
        readonly provinceCode: string;
        readonly movement: Movement;
        readonly year: number;
        readonly nominee: Nominee;
        readonly awardType: AwardType;
        readonly achievement: Achievement;
        readonly documents: readonly DocumentHash[];
        /** Read by the shell from the event log. */
        readonly record: EligibilityRecord;
      }
    >
  | Command<'ReturnNomination', { readonly board: Board | null; readonly reasons: readonly string[] }>
  | Command<
      'SupplementNomination',
      {
        readonly documents: readonly DocumentHash[];
        readonly note: string;
        readonly record: EligibilityRecord;
      }
    >
  | Command<
      'OpenReview',
      { readonly board: Board | null; readonly present: readonly string[]; readonly meetingOn: string }
    >
  | Command<'CastVote', { readonly ballot: Ballot; readonly note?: string }>
  | Command<
      'RecordWrittenVote',
      {
        readonly board: Board | null;
        readonly memberId: string;
        readonly ballot: Ballot;
        /** The signed written vote, scanned (and its envelope, if any). */
        readonly documents: readonly DocumentHash[];
      }
    >
  | Command<
      'RecordBallotCount',
      {
        readonly board: Board | null;
        readonly for: number;
        readonly against: number;
        readonly abstain: number;
        /** Absent members whose sealed written ballots went into the box. */
        readonly writtenFrom: readonly string[];
        /** The counting committee's minutes (biên bản kiểm phiếu). */
        readonly minutes?: DocumentHash;
      }
    >
  | Command<'ConcludeReview', { readonly board: Board | null; readonly minutes?: DocumentHash }>
  | Command<
      'EscalateNomination',
      {
        readonly board: Board | null;
        readonly awardType: AwardType;
        /** The movement as the programme holds it now: its quotas may have changed since the nomination. */
        readonly movement: Movement;
        readonly record: EligibilityRecord;
        readonly reason: string;
      }
    >
  | Command<'WithdrawNomination', { readonly board: Board | null; readonly reason: string }>
  | Command<
      'RecordAward',
      {
        readonly decisionId: string;
        readonly awardId: string;
        readonly decisionNumber: string;
        readonly decidedOn: string;
      }
    >;

export type NominationCommandType = NominationCommand['type'];

interface Linked {
  readonly eligibility: EligibilityReport;
  readonly evidence: readonly Evidence[];
  /** Dossier ids of the recognitions the nomination rests on. */
  readonly restsOn: readonly string[];
}

export type NominationEvent =
  | DomainEvent<
      'NominationSubmitted',
      Linked & {
        readonly nominationId: string;
        readonly provinceCode: string;
        readonly movement: Movement;
        readonly year: number;
        readonly nominee: Nominee;
        readonly recipientKey: string;
        readonly awardType: AwardType;
        readonly achievement: Achievement;
        readonly achievementKey: string;
        readonly documents: readonly DocumentHash[];
        readonly proposedBy: Proposer;
        readonly submittedAt: string;
      }
    >
  | DomainEvent<
      'NominationReturned',
      { readonly reasons: readonly string[]; readonly returnedBy: string; readonly returnedAt: string }
    >
  | DomainEvent<
      'NominationSupplemented',
      Linked & {
        readonly documents: readonly DocumentHash[];
        readonly note: string;
        readonly supplementedAt: string;
      }
    >
  | DomainEvent<
      'ReviewOpened',
      {
        readonly round: number;
        readonly awardTypeId: string;
        readonly members: readonly BoardMember[];
        readonly present: readonly string[];
        readonly meetingOn: string;
        readonly rule: AwardType['review'];
        readonly openedBy: string;
        readonly openedAt: string;
      }
    >
  | DomainEvent<
      'VoteCast',
      {
        readonly round: number;
        readonly memberId: string;
        readonly memberName: string;
        readonly ballot: Ballot;
        readonly note: string | null;
        readonly castAt: string;
      }
    >
  | DomainEvent<
      'WrittenVoteRecorded',
      {
        readonly round: number;
        readonly memberId: string;
        readonly memberName: string;
        readonly ballot: Ballot;
        readonly documents: readonly DocumentHash[];
        readonly recordedBy: string;
        readonly recordedAt: string;
      }
    >
  | DomainEvent<
      /** A secret ballot's count: how many ballots said what, never whose. */
      'BallotCounted',
      {
        readonly round: number;
        readonly for: number;
        readonly against: number;
        readonly abstain: number;
        /** Who sent a written ballot (that they took part, not how they voted). */
        readonly writtenFrom: readonly string[];
        readonly minutes: DocumentHash | null;
        readonly countedBy: string;
        readonly countedAt: string;
      }
    >
  | DomainEvent<
      'ReviewConcluded',
      {
        readonly round: number;
        readonly result: ReviewResult;
        readonly minutes: DocumentHash | null;
        readonly concludedBy: string;
        readonly concludedAt: string;
      }
    >
  | DomainEvent<
      'NominationEscalated',
      Linked & {
        readonly from: {
          readonly awardTypeId: string;
          readonly name: string;
          readonly level: AwardType['level'];
        };
        readonly awardType: AwardType;
        /** The movement the escalation was checked on (absent on escalations recorded before it was kept). */
        readonly movement?: Movement;
        readonly reason: string;
        readonly escalatedAt: string;
      }
    >
  | DomainEvent<
      'NominationWithdrawn',
      { readonly reason: string; readonly withdrawnBy: string; readonly withdrawnAt: string }
    >
  | DomainEvent<
      'NominationAwarded',
      {
        readonly decisionId: string;
        readonly awardId: string;
        readonly decisionNumber: string;
        readonly decidedOn: string;
        readonly awardedAt: string;
      }
    >;

export type NominationEventType = NominationEvent['type'];

type DataOf<T extends NominationEventType> = Extract<NominationEvent, { type: T }>['data'];

export type Vote = Omit<DataOf<'VoteCast'>, 'round'>;
export type WrittenVote = Omit<DataOf<'WrittenVoteRecorded'>, 'round'>;
export type BallotCount = Omit<DataOf<'BallotCounted'>, 'round'>;

export interface Review extends DataOf<'ReviewOpened'> {
  /** Open ballot: each present member's vote, by name. Empty on a secret ballot. */
  readonly votes: readonly Vote[];
  /** Open ballot: absent members' written votes. Absent on reviews folded before written votes. */
  readonly writtenVotes?: readonly WrittenVote[];
  /** Secret ballot: the counting committee's result. */
  readonly count?: BallotCount | null;
  readonly conclusion: {
    readonly result: ReviewResult;
    readonly minutes: DocumentHash | null;
    readonly concludedAt: string;
  } | null;
}

export interface Nomination extends Omit<DataOf<'NominationSubmitted'>, 'nominationId'> {
  readonly status: NominationStatus;
  readonly id: string;
  readonly returns: readonly { readonly reasons: readonly string[]; readonly returnedAt: string }[];
  readonly reviews: readonly Review[];
  readonly escalations: readonly {
    readonly from: string;
    readonly to: string;
    readonly reason: string;
    readonly at: string;
  }[];
  readonly withdrawal: { readonly reason: string; readonly at: string } | null;
  readonly award: Omit<DataOf<'NominationAwarded'>, 'awardedAt'> | null;
}

export type NominationState = { readonly status: 'none' } | Nomination;

export const initialNomination = (): NominationState => ({ status: 'none' });

export const isNomination = (s: NominationState): s is Nomination => s.status !== 'none';

// ---------------------------------------------------------------------------------------------------------------

const requireProposer = (actor: Actor, awardType: AwardType, nominee: Nominee): void => {
  requireRole(actor, awardType.proposers, `đề nghị ${awardType.name}`);
  const inPlace =
    nominee.kind === 'commune'
      ? actorCovers(actor, nominee)
      : actorCoversProvince(actor, nominee.provinceCode);
  if (!inPlace) throw forbidden('OUTSIDE_JURISDICTION', `${nominee.name} nằm ngoài địa bàn phụ trách`);
};

const wrongStatus = (n: Nomination, action: string) =>
  conflict(
    'NOMINATION_STATUS',
    `Không thể ${action}: đề nghị đang ở trạng thái "${nominationStatusLabels[n.status]}"`,
  );

/** Checks the record against the award type; refuses with every failed rule. */
const linkRecord = (
  awardType: AwardType,
  n: Pick<Nomination, 'nominee' | 'movement' | 'year'>,
  record: EligibilityRecord,
): Linked => {
  const eligibility = checkEligibility({
    awardType,
    nominee: n.nominee,
    movement: n.movement,
    year: n.year,
    record,
  });
  if (!eligibility.eligible) {
    const failures = eligibility.checks.filter((c) => c.status === 'failed');
    throw ruleBroken(
      'NOT_ELIGIBLE',
      `${n.nominee.name} chưa đủ điều kiện ${awardType.name}: ${failures.map((f) => `${f.label} (${f.detail})`).join('; ')}`,
      failures.map((f) => ({
        code: `RULE_${f.rule.toUpperCase().replace(/-/g, '_')}`,
        message: `${f.label}: ${f.detail}`,
      })),
    );
  }
  const evidence = evidenceOf(eligibility);
  const dossiers = restsOn(evidence);
  // The survey results of the recognitions relied on are evidence too.
  const surveys: Evidence[] = record.surveys
    .filter((s) => dossiers.includes(s.dossierId))
    .map((s) => ({
      kind: 'survey',
      dossierId: s.dossierId,
      satisfactionRate: s.satisfactionRate,
      participationRate: s.participationRate,
    }));
  return { eligibility, evidence: [...evidence, ...surveys], restsOn: dossiers };
};

const validateSubmission = (d: Extract<NominationCommand, { type: 'SubmitNomination' }>['data']): void => {
  const v = new Violations();
  v.check(
    d.nominee.provinceCode === d.provinceCode,
    'OTHER_PROVINCE',
    `${d.nominee.name} không thuộc tỉnh ${d.provinceCode}`,
    'nominee.provinceCode',
  );
  v.check(
    d.year >= d.movement.fromYear && d.year <= d.movement.toYear,
    'YEAR_OUTSIDE_MOVEMENT',
    `Năm xét ${d.year} nằm ngoài giai đoạn ${d.movement.fromYear}-${d.movement.toYear} của phong trào ${d.movement.name}`,
    'year',
  );
  v.check(
    ACHIEVEMENT_KINDS.includes(d.achievement.kind),
    'INVALID_ACHIEVEMENT',
    `Loại thành tích '${d.achievement.kind}' không hợp lệ`,
    'achievement.kind',
  );
  v.check(
    !!d.achievement.text?.trim(),
    'INVALID_ACHIEVEMENT',
    'Phải nêu thành tích đề nghị khen thưởng',
    'achievement.text',
  );
  v.check(
    !!d.achievement.period?.trim(),
    'INVALID_ACHIEVEMENT',
    'Phải nêu năm hoặc giai đoạn của thành tích',
    'achievement.period',
  );
  v.throwIfAny('INVALID_NOMINATION', 'Đề nghị khen thưởng không hợp lệ');
};

const submit = (
  c: Extract<NominationCommand, { type: 'SubmitNomination' }>,
  s: NominationState,
): NominationEvent[] => {
  if (isNomination(s)) throw conflict('NOMINATION_EXISTS', `Đề nghị ${s.id} đã có`);
  const { actor, now } = c.metadata;
  const d = c.data;
  requireProvince(actor, d.provinceCode);
  requireProposer(actor, d.awardType, d.nominee);
  validateSubmission(d);
  const linked = linkRecord(d.awardType, d, d.record);
  return [
    {
      type: 'NominationSubmitted',
      data: {
        nominationId: d.nominationId,
        provinceCode: d.provinceCode,
        movement: d.movement,
        year: d.year,
        nominee: d.nominee,
        recipientKey: recipientKey(d.nominee),
        awardType: d.awardType,
        achievement: d.achievement,
        achievementKey: achievementKey(d.movement.id, d.nominee, d.achievement),
        documents: d.documents,
        ...linked,
        proposedBy: { id: actor.id, name: actor.name ?? null, role: actor.role },
        submittedAt: now,
      },
    },
  ];
};

const currentReview = (n: Nomination): Review => n.reviews[n.reviews.length - 1];

const secretBallot = (n: Nomination) =>
  ruleBroken(
    'SECRET_BALLOT',
    `${n.awardType.name} được xét bằng bỏ phiếu kín: thành viên bỏ phiếu vào hòm phiếu, Thư ký Hội đồng ghi kết quả kiểm phiếu`,
  );

const hasVoted = (review: Review, memberId: string): boolean =>
  review.votes.some((v) => v.memberId === memberId) ||
  (review.writtenVotes ?? []).some((v) => v.memberId === memberId);

const castVote = (c: Extract<NominationCommand, { type: 'CastVote' }>, n: Nomination): NominationEvent[] => {
  const { actor, now } = c.metadata;
  requireRole(actor, ['emulation_member', 'emulation_secretary'], 'biểu quyết đề nghị khen thưởng');
  requireProvince(actor, n.provinceCode);
  if (n.status !== 'in-review') throw wrongStatus(n, 'biểu quyết');
  const review = currentReview(n);
  const seat = review.members.find((m) => m.id === actor.id);
  if (!seat)
    throw forbidden(
      'NOT_BOARD_MEMBER',
      `${actor.name ?? actor.id} không phải thành viên Hội đồng Thi đua - Khen thưởng`,
    );
  if (reviewRuleOf(review.rule).ballot === 'secret') throw secretBallot(n);
  if (!review.present.includes(actor.id)) {
    throw ruleBroken(
      'NOT_PRESENT',
      `${seat.name} không có mặt tại phiên họp ngày ${dateVi(review.meetingOn)} nên không biểu quyết`,
    );
  }
  if (hasVoted(review, actor.id)) {
    throw conflict(
      'ALREADY_VOTED',
      `${seat.name} đã biểu quyết ở phiên họp này; mỗi thành viên biểu quyết một lần`,
    );
  }
  if (!BALLOTS.includes(c.data.ballot))
    throw invalid('INVALID_BALLOT', 'Phiếu biểu quyết phải là for, against hoặc abstain', 'ballot');
  return [
    {
      type: 'VoteCast',
      data: {
        round: review.round,
        memberId: actor.id,
        memberName: seat.name,
        ballot: c.data.ballot,
        note: c.data.note ?? null,
        castAt: now,
      },
    },
  ];
};

/** An absent member's seat on the board, for a written vote; refused for those present or not on the board. */
const absentSeat = (review: Review, memberId: string, field: string): BoardMember => {
  const seat = review.members.find((m) => m.id === memberId);
  if (!seat) throw invalid('NOT_BOARD_MEMBER', `${memberId} không phải thành viên Hội đồng`, field);
  if (review.present.includes(memberId)) {
    throw ruleBroken(
      'MEMBER_PRESENT',
      `${seat.name} có mặt tại phiên họp ngày ${dateVi(review.meetingOn)}: biểu quyết tại phiên họp, không gửi phiếu bằng văn bản`,
    );
  }
  return seat;
};

const refuseWrittenVotes = (n: Nomination) =>
  ruleBroken(
    'WRITTEN_VOTES_NOT_ALLOWED',
    `Quy định xét ${n.awardType.name} không nhận phiếu bằng văn bản của thành viên vắng mặt`,
  );

/** Open ballot: the secretary records an absent member's signed written vote; it counts like a vote cast. */
const recordWrittenVote = (
  c: Extract<NominationCommand, { type: 'RecordWrittenVote' }>,
  n: Nomination,
): NominationEvent[] => {
  const { actor, now } = c.metadata;
  requireSecretary(actor, c.data.board, n.provinceCode, 'ghi phiếu biểu quyết bằng văn bản');
  if (n.status !== 'in-review') throw wrongStatus(n, 'ghi phiếu biểu quyết bằng văn bản');
  const review = currentReview(n);
  const rule = reviewRuleOf(review.rule);
  if (rule.ballot === 'secret') throw secretBallot(n);
  if (!rule.writtenVotes) throw refuseWrittenVotes(n);
  const seat = absentSeat(review, c.data.memberId, 'memberId');
  if (hasVoted(review, seat.id))
    throw conflict(
      'ALREADY_VOTED',
      `${seat.name} đã biểu quyết ở phiên họp này; mỗi thành viên biểu quyết một lần`,
    );
  if (!BALLOTS.includes(c.data.ballot))
    throw invalid('INVALID_BALLOT', 'Phiếu biểu quyết phải là for, against hoặc abstain', 'ballot');
  if (listOr(c.data.documents).length === 0)
    throw invalid('NO_DOCUMENT', 'Phải kèm bản chụp phiếu biểu quyết bằng văn bản có chữ ký', 'documents');
  return [
    {
      type: 'WrittenVoteRecorded',
      data: {
        round: review.round,
        memberId: seat.id,
        memberName: seat.name,
        ballot: c.data.ballot,
        documents: c.data.documents,
        recordedBy: actor.id,
        recordedAt: now,
      },
    },
  ];
};

/** Secret ballot: the secretary records the counting committee's result, figures only. */
const recordBallotCount = (
  c: Extract<NominationCommand, { type: 'RecordBallotCount' }>,
  n: Nomination,
): NominationEvent[] => {
  const { actor, now } = c.metadata;
  requireSecretary(actor, c.data.board, n.provinceCode, 'ghi kết quả kiểm phiếu');
  if (n.status !== 'in-review') throw wrongStatus(n, 'ghi kết quả kiểm phiếu');
  const review = currentReview(n);
  const rule = reviewRuleOf(review.rule);
  if (rule.ballot !== 'secret') {
    throw ruleBroken(
      'OPEN_BALLOT',
      `${n.awardType.name} được xét bằng biểu quyết công khai: từng thành viên có mặt biểu quyết`,
    );
  }
  if (review.count)
    throw conflict('BALLOT_ALREADY_COUNTED', `Phiên xét lần ${review.round} đã có kết quả kiểm phiếu`);
  const writtenFrom = listOr(c.data.writtenFrom);
  if (writtenFrom.length > 0 && !rule.writtenVotes) throw refuseWrittenVotes(n);
  writtenFrom.forEach((id, i) => absentSeat(review, id, `writtenFrom[${i}]`));
  const v = new Violations();
  v.check(
    new Set(writtenFrom).size === writtenFrom.length,
    'DUPLICATE_BALLOT',
    'Mỗi thành viên vắng mặt gửi một phiếu bằng văn bản',
    'writtenFrom',
  );
  const figures = [c.data.for, c.data.against, c.data.abstain];
  (['for', 'against', 'abstain'] as const).forEach((k) =>
    v.check(
      Number.isInteger(c.data[k]) && c.data[k] >= 0,
      'INVALID_COUNT',
      `Số phiếu ${k} phải là số nguyên không âm`,
      k,
    ),
  );
  const ballots = review.present.length + writtenFrom.length;
  v.check(
    figures.reduce((a, b) => a + b, 0) <= ballots,
    'COUNT_EXCEEDS_BALLOTS',
    `Tổng số phiếu kiểm (${figures.reduce((a, b) => a + b, 0)}) vượt số phiếu phát ra (${review.present.length} thành viên có mặt và ${writtenFrom.length} phiếu bằng văn bản)`,
    'for',
  );
  v.throwIfAny('INVALID_BALLOT_COUNT', 'Kết quả kiểm phiếu không hợp lệ');
  return [
    {
      type: 'BallotCounted',
      data: {
        round: review.round,
        for: c.data.for,
        against: c.data.against,
        abstain: c.data.abstain,
        writtenFrom,
        minutes: c.data.minutes ?? null,
        countedBy: actor.id,
        countedAt: now,
      },
    },
  ];
};

/** The figures of a review: a secret ballot's count, or the open votes and written votes. */
const countsOf = (review: Review): VoteCounts => {
  const rule = reviewRuleOf(review.rule);
  const members = review.members.length;
  const present = review.present.length;
  if (rule.ballot === 'secret') {
    if (!review.count) {
      throw ruleBroken(
        'BALLOT_NOT_COUNTED',
        `Chưa có kết quả kiểm phiếu kín của phiên xét lần ${review.round}`,
      );
    }
    const k = review.count;
    const written = k.writtenFrom.length;
    return {
      members,
      present,
      for: k.for,
      against: k.against,
      abstain: k.abstain,
      notVoting: present + written - (k.for + k.against + k.abstain),
      ...(rule.writtenVotes ? { written } : {}),
    };
  }
  const ballots = [...review.votes, ...(review.writtenVotes ?? [])];
  const count = (b: Ballot) => ballots.filter((v) => v.ballot === b).length;
  return {
    members,
    present,
    for: count('for'),
    against: count('against'),
    abstain: count('abstain'),
    notVoting: present - review.votes.length,
    ...(rule.writtenVotes ? { written: (review.writtenVotes ?? []).length } : {}),
  };
};

const openReview = (
  c: Extract<NominationCommand, { type: 'OpenReview' }>,
  n: Nomination,
): NominationEvent[] => {
  const { actor, now } = c.metadata;
  requireSecretary(actor, c.data.board, n.provinceCode, 'mở phiên xét đề nghị khen thưởng');
  if (n.status !== 'submitted') throw wrongStatus(n, 'mở phiên xét');
  const members = c.data.board!.members;
  const v = new Violations();
  const unknown = c.data.present.filter((id) => !members.some((m) => m.id === id));
  v.check(
    unknown.length === 0,
    'NOT_BOARD_MEMBER',
    `Không phải thành viên Hội đồng: ${unknown.join(', ')}`,
    'present',
  );
  v.check(
    new Set(c.data.present).size === c.data.present.length,
    'DUPLICATE_ATTENDANCE',
    'Mỗi thành viên chỉ điểm danh một lần',
    'present',
  );
  v.check(
    LOCAL_DATE.test(c.data.meetingOn ?? ''),
    'INVALID_DATE',
    'Ngày họp phải có dạng YYYY-MM-DD',
    'meetingOn',
  );
  v.throwIfAny('INVALID_REVIEW', 'Phiên xét không hợp lệ');
  return [
    {
      type: 'ReviewOpened',
      data: {
        round: n.reviews.length + 1,
        awardTypeId: n.awardType.id,
        members,
        present: c.data.present,
        meetingOn: c.data.meetingOn,
        rule: n.awardType.review,
        openedBy: actor.id,
        openedAt: now,
      },
    },
  ];
};

const concludeReview = (
  c: Extract<NominationCommand, { type: 'ConcludeReview' }>,
  n: Nomination,
): NominationEvent[] => {
  const { actor, now } = c.metadata;
  requireSecretary(actor, c.data.board, n.provinceCode, 'kết luận phiên xét');
  if (n.status !== 'in-review') throw wrongStatus(n, 'kết luận phiên xét');
  const review = currentReview(n);
  const result = tallyVotes(countsOf(review), review.rule);
  return [
    {
      type: 'ReviewConcluded',
      data: {
        round: review.round,
        result,
        minutes: c.data.minutes ?? null,
        concludedBy: actor.id,
        concludedAt: now,
      },
    },
  ];
};

const escalate = (
  c: Extract<NominationCommand, { type: 'EscalateNomination' }>,
  n: Nomination,
): NominationEvent[] => {
  const { actor, now } = c.metadata;
  requireSecretary(actor, c.data.board, n.provinceCode, 'đề nghị khen thưởng cấp cao hơn');
  if (n.status !== 'approved') throw wrongStatus(n, 'đề nghị lên cấp cao hơn');
  const to = c.data.awardType;
  if (!isHigherLevel(n.awardType.level, to.level)) {
    throw ruleBroken(
      'NOT_HIGHER_LEVEL',
      `${to.name} (${awardLevelLabels[to.level]}) không cao hơn ${n.awardType.name} (${awardLevelLabels[n.awardType.level]})`,
    );
  }
  if (!c.data.reason?.trim())
    throw invalid('NO_REASON', 'Phải nêu lý do đề nghị khen thưởng cấp cao hơn', 'reason');
  const movement = c.data.movement;
  if (movement.id !== n.movement.id) throw new Error(`Escalation of ${n.id} given movement ${movement.id}`);
  // Checked against the movement's quotas as they stand now, not as they were when the nomination was filed.
  const linked = linkRecord(to, { ...n, movement }, c.data.record);
  return [
    {
      type: 'NominationEscalated',
      data: {
        from: { awardTypeId: n.awardType.id, name: n.awardType.name, level: n.awardType.level },
        awardType: to,
        movement,
        ...linked,
        reason: c.data.reason,
        escalatedAt: now,
      },
    },
  ];
};

const decide = (c: NominationCommand, s: NominationState): NominationEvent[] => {
  if (c.type === 'SubmitNomination') return submit(c, s);
  if (!isNomination(s)) throw conflict('NOMINATION_NOT_FOUND', 'Chưa có đề nghị khen thưởng này');
  const n = s;
  const { actor, now } = c.metadata;
  switch (c.type) {
    case 'ReturnNomination': {
      requireSecretary(actor, c.data.board, n.provinceCode, 'trả lại đề nghị khen thưởng');
      if (n.status !== 'submitted' && n.status !== 'in-review') throw wrongStatus(n, 'trả lại');
      const reasons = c.data.reasons.map((r) => r.trim()).filter(Boolean);
      if (reasons.length === 0) throw invalid('NO_REASON', 'Phải nêu minh chứng cần bổ sung', 'reasons');
      return [{ type: 'NominationReturned', data: { reasons, returnedBy: actor.id, returnedAt: now } }];
    }
    case 'SupplementNomination': {
      requireProposer(actor, n.awardType, n.nominee);
      if (n.status !== 'returned') throw wrongStatus(n, 'bổ sung minh chứng');
      const linked = linkRecord(n.awardType, n, c.data.record);
      return [
        {
          type: 'NominationSupplemented',
          data: { documents: c.data.documents, note: c.data.note, ...linked, supplementedAt: now },
        },
      ];
    }
    case 'OpenReview':
      return openReview(c, n);
    case 'CastVote':
      return castVote(c, n);
    case 'RecordWrittenVote':
      return recordWrittenVote(c, n);
    case 'RecordBallotCount':
      return recordBallotCount(c, n);
    case 'ConcludeReview':
      return concludeReview(c, n);
    case 'EscalateNomination':
      return escalate(c, n);
    case 'WithdrawNomination': {
      const isProposer = n.awardType.proposers.includes(actor.role);
      if (!isProposer) requireSecretary(actor, c.data.board, n.provinceCode, 'rút đề nghị khen thưởng');
      else requireProposer(actor, n.awardType, n.nominee);
      if (!['submitted', 'returned', 'approved'].includes(n.status)) throw wrongStatus(n, 'rút đề nghị');
      return [
        {
          type: 'NominationWithdrawn',
          data: { reason: c.data.reason, withdrawnBy: actor.id, withdrawnAt: now },
        },
      ];
    }
    case 'RecordAward': {
      // Recorded by the system from the register's DecisionIssued (the decision was checked there).
      requireRole(actor, ['system'], `ghi quyết định ${n.awardType.name} vào đề nghị`);
      if (n.award?.decisionId === c.data.decisionId) return [];
      if (n.status !== 'approved') throw wrongStatus(n, 'ghi quyết định khen thưởng');
      return [{ type: 'NominationAwarded', data: { ...c.data, awardedAt: now } }];
    }
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
};

const afterReview = (outcome: ReviewResult['outcome']): NominationStatus =>
  outcome === 'approved' ? 'approved' : outcome === 'no-quorum' ? 'submitted' : 'rejected';

const evolve = (s: NominationState, e: NominationEvent): NominationState => {
  if (e.type === 'NominationSubmitted') {
    const { nominationId, ...d } = e.data;
    return {
      ...d,
      id: nominationId,
      status: 'submitted',
      returns: [],
      reviews: [],
      escalations: [],
      withdrawal: null,
      award: null,
    };
  }
  if (!isNomination(s)) return s;
  const updateReview = (f: (r: Review) => Review) =>
    s.reviews.map((r, i) => (i === s.reviews.length - 1 ? f(r) : r));
  switch (e.type) {
    case 'NominationReturned':
      return {
        ...s,
        status: 'returned',
        returns: [...s.returns, { reasons: e.data.reasons, returnedAt: e.data.returnedAt }],
      };
    case 'NominationSupplemented':
      return {
        ...s,
        status: 'submitted',
        documents: [...s.documents, ...e.data.documents],
        eligibility: e.data.eligibility,
        evidence: e.data.evidence,
        restsOn: e.data.restsOn,
      };
    case 'ReviewOpened':
      return {
        ...s,
        status: 'in-review',
        reviews: [...s.reviews, { ...e.data, votes: [], writtenVotes: [], count: null, conclusion: null }],
      };
    case 'VoteCast': {
      const { round: _round, ...vote } = e.data;
      return { ...s, reviews: updateReview((r) => ({ ...r, votes: [...r.votes, vote] })) };
    }
    case 'WrittenVoteRecorded': {
      const { round: _round, ...vote } = e.data;
      return {
        ...s,
        reviews: updateReview((r) => ({ ...r, writtenVotes: [...(r.writtenVotes ?? []), vote] })),
      };
    }
    case 'BallotCounted': {
      const { round: _round, ...count } = e.data;
      return { ...s, reviews: updateReview((r) => ({ ...r, count })) };
    }
    case 'ReviewConcluded': {
      const { result, minutes, concludedAt } = e.data;
      return {
        ...s,
        status: afterReview(result.outcome),
        reviews: updateReview((r) => ({ ...r, conclusion: { result, minutes, concludedAt } })),
      };
    }
    case 'NominationEscalated':
      return {
        ...s,
        status: 'submitted',
        awardType: e.data.awardType,
        movement: e.data.movement ?? s.movement,
        eligibility: e.data.eligibility,
        evidence: e.data.evidence,
        restsOn: e.data.restsOn,
        escalations: [
          ...s.escalations,
          {
            from: e.data.from.awardTypeId,
            to: e.data.awardType.id,
            reason: e.data.reason,
            at: e.data.escalatedAt,
          },
        ],
      };
    case 'NominationWithdrawn':
      return { ...s, status: 'withdrawn', withdrawal: { reason: e.data.reason, at: e.data.withdrawnAt } };
    case 'NominationAwarded': {
      const { awardedAt: _awardedAt, ...award } = e.data;
      return { ...s, status: 'awarded', award };
    }
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
};

export const nominationDecider: Decider<NominationCommand, NominationEvent, NominationState> = {
  decide,
  evolve,
  initialState: initialNomination,
};

/** Whether the nomination still holds its achievement and quota places (false once rejected or withdrawn). */
export const holdsPlaces = (status: NominationStatus): boolean =>
  status !== 'rejected' && status !== 'withdrawn';

/** A place a nomination gives back: the reservation stream and the reason recorded there. */
export interface PlaceToRelease {
  readonly streamId: string;
  readonly reason: string;
}

/**
 * The places a nomination gives back by one of its events, from its state before and after: a rejected or
 * withdrawn nomination frees its achievement and its quota place, an escalated one the old award type's quota.
 */
export const placesReleased = (before: Nomination, after: Nomination): PlaceToRelease[] => {
  // The quota place is the one the report took (a movement may have several quotas for one award type).
  const quota = (report: EligibilityReport, reason: string): PlaceToRelease[] => {
    const key = quotaKeyOfReport(report);
    return key ? [{ streamId: quotaStreamId(after.provinceCode, after.movement.id, key), reason }] : [];
  };
  const places: PlaceToRelease[] = [];
  if (holdsPlaces(before.status) && !holdsPlaces(after.status)) {
    const reason = after.status === 'withdrawn' ? 'Đã rút đề nghị' : 'Hội đồng không thông qua';
    places.push(
      { streamId: achievementStreamId(after.achievementKey), reason },
      ...quota(after.eligibility, reason),
    );
  }
  if (before.awardType.id !== after.awardType.id) {
    places.push(...quota(before.eligibility, `Đề nghị lên ${after.awardType.name}`));
  }
  return places;
};
