import { dateVi } from '@ntm/calendar';
import {
  conflict,
  invalid,
  notFound,
  type Command,
  type Decider,
  type DomainEvent,
  type Role,
} from '@ntm/decider';
import type { Level } from '@ntm/criteria';
import type { EventOf as DossierEventOf } from '@ntm/recognition';
import { LOCAL_DATE, SLUG, Violations, requireProvince, requireRole, requireSecretary } from './authority';
import { nominationStatusLabels, type Nomination } from './nomination';
import {
  recipientKey,
  type Achievement,
  type AwardLevel,
  type AwardType,
  type Board,
  type Nominee,
} from './types';

/**
 * A province's award register, one stream: every decision (quyết định khen thưởng) and every award in it,
 * flags for review and revocations. One stream per province makes "a nomination is awarded once" and
 * "a decision number is used once" hold under concurrency (the append carries the expected version).
 */
export const REGISTER_STREAM_PREFIX = 'award-register-';
export const registerStreamId = (provinceCode: string): string => `${REGISTER_STREAM_PREFIX}${provinceCode}`;

export type AwardFlagReason =
  | {
      readonly kind: 'recognition-revoked';
      readonly dossierId: string;
      readonly communeCode: string;
      readonly level: Level;
      readonly decisionNumber: string;
      readonly decidedOn: string;
    }
  | { readonly kind: 'false-records'; readonly text: string };

export type RevocationReason = 'false-records' | 'recognition-revoked';

export interface Signer {
  readonly id: string;
  readonly name: string | null;
}

export interface AwardRecipient {
  readonly awardId: string;
  readonly nominationId: string;
  readonly nominee: Nominee;
  readonly recipientKey: string;
  readonly year: number;
  readonly movementId: string;
  readonly achievement: Achievement;
  readonly restsOn: readonly string[];
}

/** What the register needs of a nomination, read by the shell from its stream. */
export type NominationSnapshot = Pick<
  Nomination,
  'id' | 'status' | 'provinceCode' | 'awardType' | 'movement' | 'year' | 'nominee' | 'achievement' | 'restsOn'
>;

export type RegisterCommand =
  | Command<
      'IssueDecision',
      {
        readonly provinceCode: string;
        readonly decisionId: string;
        readonly number: string;
        readonly decidedOn: string;
        readonly awardType: AwardType;
        /** Printed signer name; the signer is the actor. */
        readonly signerName?: string;
        readonly nominations: readonly NominationSnapshot[];
      }
    >
  | Command<
      'RecordPriorAward',
      {
        readonly provinceCode: string;
        readonly board: Board | null;
        readonly awardId: string;
        readonly recipient: Nominee;
        readonly awardType: AwardType;
        readonly year: number;
        readonly decisionNumber: string;
        readonly decidedOn: string;
      }
    >
  | Command<
      'FlagAwardsForRevokedRecognition',
      {
        readonly provinceCode: string;
        readonly sourceEventId: string;
        readonly reason: Extract<AwardFlagReason, { kind: 'recognition-revoked' }>;
      }
    >
  | Command<'FlagAward', { readonly board: Board | null; readonly awardId: string; readonly text: string }>
  | Command<
      'ClearAwardFlags',
      { readonly board: Board | null; readonly awardId: string; readonly note: string }
    >
  | Command<
      'RevokeAward',
      {
        readonly awardId: string;
        readonly reason: RevocationReason;
        readonly text: string;
        readonly decisionNumber: string;
        readonly decidedOn: string;
      }
    >;

export type RegisterCommandType = RegisterCommand['type'];

interface AwardTypeRef {
  readonly id: string;
  readonly name: string;
  readonly level: AwardLevel;
  /** The role that decides (and so may revoke) it. */
  readonly decisionRole: Role;
  readonly authority: string;
}

export type RegisterEvent =
  | DomainEvent<
      'DecisionIssued',
      {
        readonly provinceCode: string;
        readonly decisionId: string;
        readonly number: string;
        readonly decidedOn: string;
        readonly awardType: AwardTypeRef;
        readonly signer: Signer;
        readonly recipients: readonly AwardRecipient[];
        readonly issuedAt: string;
      }
    >
  | DomainEvent<
      'PriorAwardRecorded',
      {
        readonly provinceCode: string;
        readonly awardId: string;
        readonly recipient: Nominee;
        readonly recipientKey: string;
        readonly awardType: AwardTypeRef;
        readonly year: number;
        readonly decisionNumber: string;
        readonly decidedOn: string;
        readonly recordedBy: string;
        readonly recordedAt: string;
      }
    >
  | DomainEvent<
      'AwardFlagged',
      {
        readonly awardId: string;
        readonly flagId: string;
        readonly reason: AwardFlagReason;
        readonly flaggedAt: string;
      }
    >
  | DomainEvent<
      'AwardFlagsCleared',
      {
        readonly awardId: string;
        readonly note: string;
        readonly clearedBy: string;
        readonly clearedAt: string;
      }
    >
  | DomainEvent<
      'AwardRevoked',
      {
        readonly awardId: string;
        readonly reason: RevocationReason;
        readonly text: string;
        readonly decisionNumber: string;
        readonly decidedOn: string;
        readonly signer: Signer;
        readonly revokedAt: string;
      }
    >;

export interface AwardFlag {
  readonly flagId: string;
  readonly reason: AwardFlagReason;
  readonly flaggedAt: string;
  readonly cleared: { readonly note: string; readonly at: string } | null;
}

export interface Award {
  readonly awardId: string;
  readonly source: 'decision' | 'prior';
  readonly decisionId: string | null;
  readonly decisionNumber: string;
  readonly decidedOn: string;
  readonly awardType: AwardTypeRef;
  readonly year: number;
  readonly movementId: string | null;
  readonly recipient: Nominee;
  readonly recipientKey: string;
  readonly nominationId: string | null;
  readonly achievement: Achievement | null;
  readonly restsOn: readonly string[];
  readonly flags: readonly AwardFlag[];
  readonly revoked: Omit<EventOf<'AwardRevoked'>['data'], 'awardId'> | null;
}

export interface AwardDecision {
  readonly decisionId: string;
  readonly number: string;
  readonly decidedOn: string;
  readonly awardType: AwardTypeRef;
  readonly signer: Signer;
  readonly awardIds: readonly string[];
  readonly issuedAt: string;
}

export interface Register {
  readonly provinceCode: string | null;
  readonly decisions: Readonly<Record<string, AwardDecision>>;
  readonly awards: readonly Award[];
}

type EventOf<T extends RegisterEvent['type']> = Extract<RegisterEvent, { type: T }>;

export const initialRegister = (): Register => ({ provinceCode: null, decisions: {}, awards: [] });

const refOf = (t: AwardType): AwardTypeRef => ({
  id: t.id,
  name: t.name,
  level: t.level,
  decisionRole: t.decision.role,
  authority: t.decision.authority,
});

const normaliseNumber = (n: string) => n.trim().toUpperCase().replace(/\s+/g, '');

export const openFlags = (a: Award): AwardFlag[] => a.flags.filter((f) => f.cleared === null);

/** The awards, not revoked, that rest on the recognition granted by this dossier. */
export const dependentAwards = (register: Register, dossierId: string): Award[] =>
  register.awards.filter((a) => a.revoked === null && a.restsOn.includes(dossierId));

/**
 * A revoked recognition (the dossier's RecognitionRevoked event) as the command that flags the awards which
 * rest on it for the board's review. The event's id makes a redelivery flag nothing twice.
 */
export const flagCommandFor = (
  provinceCode: string,
  event: DossierEventOf<'RecognitionRevoked'>,
  eventId: string,
): Extract<RegisterCommand, { type: 'FlagAwardsForRevokedRecognition' }>['data'] => {
  const { dossierId, communeCode, level, decisionNumber, decidedOn } = event.data;
  return {
    provinceCode,
    sourceEventId: eventId,
    reason: { kind: 'recognition-revoked', dossierId, communeCode, level, decisionNumber, decidedOn },
  };
};

const awardOf = (r: Register, awardId: string): Award => {
  const a = r.awards.find((x) => x.awardId === awardId);
  if (!a) throw notFound('AWARD_NOT_FOUND', `Không tìm thấy khen thưởng ${awardId}`);
  return a;
};

const validateDecisionFields = (number: string, decidedOn: string): Violations => {
  const v = new Violations();
  v.check(!!number?.trim(), 'NO_NUMBER', 'Phải nêu số quyết định', 'number');
  v.check(
    LOCAL_DATE.test(decidedOn ?? ''),
    'INVALID_DATE',
    'Ngày quyết định phải có dạng YYYY-MM-DD',
    'decidedOn',
  );
  return v;
};

const requireNumberUnused = (r: Register, number: string): void => {
  const used = Object.values(r.decisions).find((d) => normaliseNumber(d.number) === normaliseNumber(number));
  const prior = r.awards.find(
    (a) => a.source === 'prior' && normaliseNumber(a.decisionNumber) === normaliseNumber(number),
  );
  const usedOn = used?.decidedOn ?? prior?.decidedOn;
  if (usedOn) {
    throw conflict(
      'DECISION_NUMBER_USED',
      `Số quyết định ${number.trim()} đã được dùng (ngày ${dateVi(usedOn)})`,
    );
  }
};

const issueDecision = (
  c: Extract<RegisterCommand, { type: 'IssueDecision' }>,
  r: Register,
): RegisterEvent[] => {
  const { actor, now } = c.metadata;
  const d = c.data;
  requireRole(
    actor,
    [d.awardType.decision.role],
    `ký quyết định ${d.awardType.name} (thẩm quyền: ${d.awardType.decision.authority})`,
  );
  requireProvince(actor, d.provinceCode);
  if (r.decisions[d.decisionId]) throw conflict('DECISION_EXISTS', `Quyết định ${d.decisionId} đã được ghi`);
  const v = validateDecisionFields(d.number, d.decidedOn);
  v.check(
    d.nominations.length > 0,
    'NO_RECIPIENTS',
    'Quyết định phải có ít nhất một người, tập thể được khen thưởng',
    'nominations',
  );
  const ids = d.nominations.map((n) => n.id);
  v.check(
    new Set(ids).size === ids.length,
    'DUPLICATE_RECIPIENT',
    'Một đề nghị chỉ có tên một lần trong quyết định',
    'nominations',
  );
  v.throwIfAny('INVALID_DECISION', 'Quyết định khen thưởng không hợp lệ');
  requireNumberUnused(r, d.number);
  const problems = new Violations();
  for (const n of d.nominations) {
    const awarded = r.awards.find((a) => a.nominationId === n.id);
    if (awarded) {
      problems.add(
        'ALREADY_AWARDED',
        `${n.nominee.name}: đề nghị ${n.id} đã được khen thưởng theo Quyết định số ${awarded.decisionNumber}`,
      );
      continue;
    }
    problems.check(
      n.status === 'approved',
      'NOT_APPROVED',
      `${n.nominee.name}: đề nghị ${n.id} chưa được Hội đồng thông qua (trạng thái: ${nominationStatusLabels[n.status]})`,
    );
    problems.check(
      n.awardType.id === d.awardType.id,
      'OTHER_AWARD_TYPE',
      `${n.nominee.name}: đề nghị ${n.id} là đề nghị ${n.awardType.name}`,
    );
    problems.check(
      n.provinceCode === d.provinceCode,
      'OTHER_PROVINCE',
      `${n.nominee.name}: đề nghị ${n.id} thuộc tỉnh khác`,
    );
  }
  problems.throwIfAny('RECIPIENTS_NOT_READY', 'Không thể ký quyết định', 'rule');
  return [
    {
      type: 'DecisionIssued',
      data: {
        provinceCode: d.provinceCode,
        decisionId: d.decisionId,
        number: d.number.trim(),
        decidedOn: d.decidedOn,
        awardType: refOf(d.awardType),
        signer: { id: actor.id, name: d.signerName ?? actor.name ?? null },
        recipients: d.nominations.map((n, i) => ({
          awardId: `${d.decisionId}-${i + 1}`,
          nominationId: n.id,
          nominee: n.nominee,
          recipientKey: recipientKey(n.nominee),
          year: n.year,
          movementId: n.movement.id,
          achievement: n.achievement,
          restsOn: n.restsOn,
        })),
        issuedAt: now,
      },
    },
  ];
};

const decide = (c: RegisterCommand, r: Register): RegisterEvent[] => {
  const { actor, now } = c.metadata;
  switch (c.type) {
    case 'IssueDecision':
      return issueDecision(c, r);
    case 'RecordPriorAward': {
      const d = c.data;
      requireSecretary(actor, d.board, d.provinceCode, 'ghi khen thưởng đã có trước');
      const v = validateDecisionFields(d.decisionNumber, d.decidedOn);
      v.check(
        SLUG.test(d.awardId ?? ''),
        'INVALID_ID',
        `Mã khen thưởng '${d.awardId}' chỉ gồm chữ thường, số và dấu gạch ngang`,
        'awardId',
      );
      v.check(Number.isInteger(d.year), 'INVALID_YEAR', 'Năm khen thưởng phải là số nguyên', 'year');
      v.check(
        d.recipient.provinceCode === d.provinceCode,
        'OTHER_PROVINCE',
        `${d.recipient.name} không thuộc tỉnh ${d.provinceCode}`,
        'recipient',
      );
      v.throwIfAny('INVALID_PRIOR_AWARD', 'Khen thưởng đã có không hợp lệ');
      if (r.awards.some((a) => a.awardId === d.awardId))
        throw conflict('AWARD_EXISTS', `Khen thưởng ${d.awardId} đã được ghi`);
      requireNumberUnused(r, d.decisionNumber);
      return [
        {
          type: 'PriorAwardRecorded',
          data: {
            provinceCode: d.provinceCode,
            awardId: d.awardId,
            recipient: d.recipient,
            recipientKey: recipientKey(d.recipient),
            awardType: refOf(d.awardType),
            year: d.year,
            decisionNumber: d.decisionNumber.trim(),
            decidedOn: d.decidedOn,
            recordedBy: actor.id,
            recordedAt: now,
          },
        },
      ];
    }
    case 'FlagAwardsForRevokedRecognition': {
      requireRole(actor, ['system', 'admin'], 'đánh dấu khen thưởng cần xem xét lại');
      const flagId = `recognition-revoked:${c.data.sourceEventId}`;
      return dependentAwards(r, c.data.reason.dossierId)
        .filter((a) => !a.flags.some((f) => f.flagId === flagId))
        .map((a) => ({
          type: 'AwardFlagged',
          data: { awardId: a.awardId, flagId, reason: c.data.reason, flaggedAt: now },
        }));
    }
    case 'FlagAward': {
      const a = awardOf(r, c.data.awardId);
      requireSecretary(actor, c.data.board, a.recipient.provinceCode, 'đề nghị xem xét lại khen thưởng');
      if (!c.data.text?.trim()) throw invalid('NO_REASON', 'Phải nêu lý do xem xét lại khen thưởng', 'text');
      if (a.revoked) throw conflict('AWARD_REVOKED', `Khen thưởng ${a.awardId} đã bị hủy bỏ`);
      return [
        {
          type: 'AwardFlagged',
          data: {
            awardId: a.awardId,
            flagId: `false-records:${a.flags.length + 1}`,
            reason: { kind: 'false-records', text: c.data.text },
            flaggedAt: now,
          },
        },
      ];
    }
    case 'ClearAwardFlags': {
      const a = awardOf(r, c.data.awardId);
      requireSecretary(actor, c.data.board, a.recipient.provinceCode, 'kết luận xem xét lại khen thưởng');
      if (openFlags(a).length === 0)
        throw conflict('NO_OPEN_FLAG', `Khen thưởng ${a.awardId} không có yêu cầu xem xét lại nào đang mở`);
      if (!c.data.note?.trim()) throw invalid('NO_NOTE', 'Phải nêu kết luận của Hội đồng', 'note');
      return [
        {
          type: 'AwardFlagsCleared',
          data: { awardId: a.awardId, note: c.data.note, clearedBy: actor.id, clearedAt: now },
        },
      ];
    }
    case 'RevokeAward': {
      const a = awardOf(r, c.data.awardId);
      requireRole(
        actor,
        [a.awardType.decisionRole],
        `hủy bỏ ${a.awardType.name} (thẩm quyền: ${a.awardType.authority})`,
      );
      requireProvince(actor, a.recipient.provinceCode);
      if (a.revoked)
        throw conflict(
          'AWARD_REVOKED',
          `Khen thưởng ${a.awardId} đã bị hủy bỏ theo Quyết định số ${a.revoked.decisionNumber}`,
        );
      const v = validateDecisionFields(c.data.decisionNumber, c.data.decidedOn);
      v.check(
        ['false-records', 'recognition-revoked'].includes(c.data.reason),
        'INVALID_REASON',
        'Lý do hủy bỏ phải là false-records hoặc recognition-revoked',
        'reason',
      );
      v.check(!!c.data.text?.trim(), 'NO_REASON', 'Phải nêu căn cứ hủy bỏ khen thưởng', 'text');
      v.throwIfAny('INVALID_REVOCATION', 'Quyết định hủy bỏ khen thưởng không hợp lệ');
      return [
        {
          type: 'AwardRevoked',
          data: { ...c.data, signer: { id: actor.id, name: actor.name ?? null }, revokedAt: now },
        },
      ];
    }
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
};

const updateAward = (r: Register, awardId: string, f: (a: Award) => Award): Register => ({
  ...r,
  awards: r.awards.map((a) => (a.awardId === awardId ? f(a) : a)),
});

const evolve = (r: Register, e: RegisterEvent): Register => {
  switch (e.type) {
    case 'DecisionIssued': {
      const { decisionId, number, decidedOn, awardType, signer, recipients, issuedAt, provinceCode } = e.data;
      const awards: Award[] = recipients.map((x) => ({
        awardId: x.awardId,
        source: 'decision',
        decisionId,
        decisionNumber: number,
        decidedOn,
        awardType,
        year: x.year,
        movementId: x.movementId,
        recipient: x.nominee,
        recipientKey: x.recipientKey,
        nominationId: x.nominationId,
        achievement: x.achievement,
        restsOn: x.restsOn,
        flags: [],
        revoked: null,
      }));
      return {
        provinceCode,
        decisions: {
          ...r.decisions,
          [decisionId]: {
            decisionId,
            number,
            decidedOn,
            awardType,
            signer,
            awardIds: recipients.map((x) => x.awardId),
            issuedAt,
          },
        },
        awards: [...r.awards, ...awards],
      };
    }
    case 'PriorAwardRecorded': {
      const d = e.data;
      const award: Award = {
        awardId: d.awardId,
        source: 'prior',
        decisionId: null,
        decisionNumber: d.decisionNumber,
        decidedOn: d.decidedOn,
        awardType: d.awardType,
        year: d.year,
        movementId: null,
        recipient: d.recipient,
        recipientKey: d.recipientKey,
        nominationId: null,
        achievement: null,
        restsOn: [],
        flags: [],
        revoked: null,
      };
      return { ...r, provinceCode: d.provinceCode, awards: [...r.awards, award] };
    }
    case 'AwardFlagged': {
      const { flagId, reason, flaggedAt } = e.data;
      return updateAward(r, e.data.awardId, (a) => ({
        ...a,
        flags: [...a.flags, { flagId, reason, flaggedAt, cleared: null }],
      }));
    }
    case 'AwardFlagsCleared': {
      const cleared = { note: e.data.note, at: e.data.clearedAt };
      return updateAward(r, e.data.awardId, (a) => ({
        ...a,
        flags: a.flags.map((f) => (f.cleared ? f : { ...f, cleared })),
      }));
    }
    case 'AwardRevoked': {
      const { awardId, ...revoked } = e.data;
      return updateAward(r, awardId, (a) => ({ ...a, revoked }));
    }
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
};

export const registerDecider: Decider<RegisterCommand, RegisterEvent, Register> = {
  decide,
  evolve,
  initialState: initialRegister,
};

/** A recipient's awards across years, oldest first. */
export const registryOf = (register: Register, key: string): Award[] =>
  register.awards
    .filter((a) => a.recipientKey === key)
    .sort((a, b) => a.year - b.year || a.decidedOn.localeCompare(b.decidedOn));
