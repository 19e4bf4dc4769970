import {
  conflict,
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
  quotaRuleOf,
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
import { BALLOTS, tallyVotes, type Ballot, type ReviewResult } from './voting';

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
  | Command<'ConcludeReview', { readonly board: Board | null; readonly minutes?: DocumentHash }>
  | Command<
      'EscalateNomination',
      {
        readonly board: Board | null;
        readonly awardType: AwardType;
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

export interface Review extends DataOf<'ReviewOpened'> {
  readonly votes: readonly Vote[];
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
  if (!review.present.includes(actor.id)) {
    throw ruleBroken(
      'NOT_PRESENT',
      `${seat.name} không có mặt tại phiên họp ngày ${review.meetingOn} nên không biểu quyết`,
    );
  }
  if (review.votes.some((v) => v.memberId === actor.id)) {
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
  const count = (b: Ballot) => review.votes.filter((v) => v.ballot === b).length;
  const result = tallyVotes(
    {
      members: review.members.length,
      present: review.present.length,
      for: count('for'),
      against: count('against'),
      abstain: count('abstain'),
      notVoting: review.present.length - review.votes.length,
    },
    review.rule,
  );
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
  const linked = linkRecord(to, n, c.data.record);
  return [
    {
      type: 'NominationEscalated',
      data: {
        from: { awardTypeId: n.awardType.id, name: n.awardType.name, level: n.awardType.level },
        awardType: to,
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
        reviews: [...s.reviews, { ...e.data, votes: [], conclusion: null }],
      };
    case 'VoteCast': {
      const { round: _round, ...vote } = e.data;
      return { ...s, reviews: updateReview((r) => ({ ...r, votes: [...r.votes, vote] })) };
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
  const quota = (awardType: AwardType, reason: string): PlaceToRelease[] =>
    quotaRuleOf(awardType)
      ? [{ streamId: quotaStreamId(after.provinceCode, after.movement.id, awardType.id), reason }]
      : [];
  const places: PlaceToRelease[] = [];
  if (holdsPlaces(before.status) && !holdsPlaces(after.status)) {
    const reason = after.status === 'withdrawn' ? 'Đã rút đề nghị' : 'Hội đồng không thông qua';
    places.push(
      { streamId: achievementStreamId(after.achievementKey), reason },
      ...quota(after.awardType, reason),
    );
  }
  if (before.awardType.id !== after.awardType.id) {
    places.push(...quota(before.awardType, `Đề nghị lên ${after.awardType.name}`));
  }
  return places;
};
