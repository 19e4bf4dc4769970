import {
  DomainError,
  isCalendarDate,
  conflict,
  forbidden,
  ruleBroken,
  requireCovers,
  type Command,
  type CommandMetadata,
  type Decider,
  type DomainEvent,
} from '@ntm/decider';
import { dateVi } from '@ntm/calendar';
import {
  COMMUNE_GROUPS,
  communeGroupLabels,
  LEVELS,
  PERIODS,
  PILOT_LEVELS,
  levelLabels,
  reaches,
  type CommuneGroup,
  type Level,
  type Period,
} from '@ntm/criteria';
import type { LegalBasis } from '@ntm/units';
import type { DossierEvent } from './events';
import { periodOpenOn, periodRules } from './period-rules';

/**
 * A commune's recognition history, in its own stream. A process manager appends these when a dossier is
 * granted or revoked; OpenDossier reads the holdings from here (a dossier never trusts the caller for them).
 */
export const COMMUNE_STREAM_PREFIX = 'commune-';
export const communeStreamId = (communeCode: string): string => `${COMMUNE_STREAM_PREFIX}${communeCode}`;

export interface CommuneRecognitionData {
  readonly level: Level;
  /** The period of the dossier that decided it (events before periods were recorded are raised on read). */
  readonly period: Period;
  readonly dossierId: string;
  readonly decisionNumber: string;
  readonly decidedOn: string;
}

/**
 * The commune's group under Decision 51/2025/QĐ-TTg (nhóm 1, 2, 3): a fact about the commune set by the
 * province, with its basis and date; a 2026-2030 dossier records the group in force at its opening.
 */
export interface CommuneGroupFact {
  readonly provinceCode: string;
  readonly group: CommuneGroup;
  /** e.g. "Quyết định 123/QĐ-UBND ngày 20/02/2026 của UBND tỉnh về phân nhóm xã". */
  readonly basis: string;
  /** YYYY-MM-DD of the province's decision. */
  readonly decidedOn: string;
  readonly setBy: string;
  readonly setAt: string;
}

/**
 * Whether a commune is among those chosen to pilot a level (Decision 51/2025/QĐ-TTg, Appendix II: the "xã nông thôn
 * mới hiện đại" is piloted in selected communes). Who selects them and on what text was not retrieved: the province
 * records the selection with its basis, and a later record for the same level replaces it (a withdrawal included).
 */
export interface CommunePilotFact {
  readonly provinceCode: string;
  readonly level: Level;
  readonly designated: boolean;
  /** e.g. "Quyết định 456/QĐ-UBND ngày 10/03/2026 của UBND tỉnh về danh sách xã thí điểm". */
  readonly basis: string;
  /** YYYY-MM-DD of that text. */
  readonly decidedOn: string;
  readonly setBy: string;
  readonly setAt: string;
}

/** One commune merged into this one, as the province saw it when acknowledging. */
export interface PredecessorStanding {
  readonly code: string;
  readonly name: string;
  /** The levels it held on the day of the merger. */
  readonly holdings: readonly Level[];
}

/**
 * The province acknowledges (thừa nhận) that a commune formed by the 2025 rearrangement keeps a level its
 * predecessors were recognised at (RULES-2026.md §2). The conditions of the acknowledgement were not retrieved from
 * an official text: the event keeps the predecessors' standings and the province's reasons, and says so.
 */
export interface CommuneStatusAcknowledgement {
  readonly provinceCode: string;
  /** The merged commune's name (absent in acknowledgements recorded before it was kept). */
  readonly communeName?: string;
  readonly level: Level;
  /** The period whose standing was acknowledged: the one new dossiers were opened in on the merger's day. */
  readonly period: Period;
  readonly reasons: readonly string[];
  readonly decisionNumber: string;
  readonly decidedOn: string;
  readonly mergedOn: string;
  readonly mergerBasis: LegalBasis;
  readonly predecessors: readonly PredecessorStanding[];
  readonly unverified: string;
  readonly acknowledgedBy: string;
  readonly acknowledgedAt: string;
}

export type CommuneRecordEvent =
  | DomainEvent<'CommuneRecognitionGranted', CommuneRecognitionData>
  | DomainEvent<'CommuneRecognitionRevoked', CommuneRecognitionData>
  | DomainEvent<'CommuneGroupSet', CommuneGroupFact>
  | DomainEvent<'CommuneStatusAcknowledged', CommuneStatusAcknowledgement>
  | DomainEvent<'CommunePilotSet', CommunePilotFact>;

export interface CommuneRecognition extends CommuneRecognitionData {
  readonly revoked: { readonly decisionNumber: string; readonly decidedOn: string } | null;
}

export interface CommuneRecord {
  readonly recognitions: readonly CommuneRecognition[];
  /** The group in force (the latest set); null until the province sets one. */
  readonly group?: CommuneGroupFact | null;
  /** Levels the province acknowledged for a merged commune (absent until the first one). */
  readonly acknowledgements?: readonly CommuneStatusAcknowledgement[];
  /** The latest pilot selection per level (absent until the first one). */
  readonly pilots?: readonly CommunePilotFact[];
}

/** The commune's selection for a pilot level in force, if any (a withdrawn one is none). */
export const pilotDesignation = (record: CommuneRecord, level: Level): CommunePilotFact | null =>
  record.pilots?.find((p) => p.level === level && p.designated) ?? null;

export const initialCommuneRecord = (): CommuneRecord => ({ recognitions: [], group: null });

export const evolveCommuneRecord = (record: CommuneRecord, event: CommuneRecordEvent): CommuneRecord => {
  switch (event.type) {
    case 'CommuneRecognitionGranted':
      return { ...record, recognitions: [...record.recognitions, { ...event.data, revoked: null }] };
    case 'CommuneGroupSet':
      return { ...record, group: event.data };
    case 'CommuneStatusAcknowledged':
      return { ...record, acknowledgements: [...(record.acknowledgements ?? []), event.data] };
    case 'CommunePilotSet':
      return {
        ...record,
        pilots: [...(record.pilots ?? []).filter((p) => p.level !== event.data.level), event.data],
      };
    case 'CommuneRecognitionRevoked': {
      const { dossierId, decisionNumber, decidedOn } = event.data;
      return {
        ...record,
        recognitions: record.recognitions.map((r) =>
          r.dossierId === dossierId && r.revoked === null
            ? { ...r, revoked: { decisionNumber, decidedOn } }
            : r,
        ),
      };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
};

const levelOrder: readonly Level[] = ['ntm', 'nang-cao', 'kieu-mau', 'hien-dai'];

/**
 * The levels the commune holds now for a dossier of `period` (granted and not revoked, or acknowledged after a
 * merger), ascending. Only the periods the period's rule counts are read (period-rules.ts: a 2021-2025
 * recognition does not stand for the 2026-2030 standard); the record itself keeps every period's history.
 */
export const holdingsOf = (record: CommuneRecord, period: Period): Level[] => {
  const counted = (p: Period) => periodRules[period].recognitionsCountedFrom.includes(p);
  const held = new Set([
    ...record.recognitions.filter((r) => r.revoked === null && counted(r.period)).map((r) => r.level),
    ...(record.acknowledgements ?? []).filter((a) => counted(a.period)).map((a) => a.level),
  ]);
  return levelOrder.filter((l) => held.has(l));
};

/** The levels held for a dossier of each period. */
export type HoldingsByPeriod = Readonly<Record<Period, readonly Level[]>>;

export const holdingsByPeriod = (record: CommuneRecord): HoldingsByPeriod =>
  Object.fromEntries(PERIODS.map((p) => [p, holdingsOf(record, p)])) as Record<Period, Level[]>;

/** The commune-stream events a dossier event implies (none for most events). */
export const communeRecordEventsFor = (
  event: DossierEvent,
): { readonly streamId: string; readonly event: CommuneRecordEvent }[] => {
  switch (event.type) {
    case 'RecognitionGranted':
    case 'RecognitionRevoked': {
      const { communeCode, level, period, dossierId, decisionNumber, decidedOn } = event.data;
      const type =
        event.type === 'RecognitionGranted' ? 'CommuneRecognitionGranted' : 'CommuneRecognitionRevoked';
      return [
        {
          streamId: communeStreamId(communeCode),
          event: { type, data: { level, period, dossierId, decisionNumber, decidedOn } },
        },
      ];
    }
    default:
      return [];
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Setting the commune's group (the province's act).

export type SetCommuneGroup = Command<
  'SetCommuneGroup',
  {
    readonly provinceCode: string;
    readonly communeCode: string;
    readonly group: string;
    readonly basis: string;
    readonly decidedOn: string;
  }
>;

const invalidField = (field: string, message: string) =>
  new DomainError('invalid', 'INVALID_FIELD', `Trường "${field}" không hợp lệ: ${message}`, [
    { code: 'INVALID_FIELD', field, message },
  ]);

/** The process manager's command: write one dossier decision into the commune's record. */
export interface RecordCommuneDecision {
  readonly type: 'RecordCommuneDecision';
  readonly data: { readonly event: CommuneRecordEvent };
  readonly metadata: CommandMetadata;
}

/**
 * The province's acknowledgement of a merged commune's level. `lineage` is what the register says of the commune
 * (null when it was not formed by a merger), with each predecessor's holdings read from its own record.
 */
export type AcknowledgeCommuneStatus = Command<
  'AcknowledgeCommuneStatus',
  {
    readonly provinceCode: string;
    readonly communeCode: string;
    readonly communeName: string;
    readonly level: string;
    readonly reasons: readonly string[];
    readonly decisionNumber: string;
    readonly decidedOn: string;
    readonly lineage: {
      readonly mergedOn: string;
      readonly basis: LegalBasis;
      readonly predecessors: readonly PredecessorStanding[];
    } | null;
  }
>;

/** The province records whether the commune is selected to pilot a level, with the text that says so. */
export type SetCommunePilot = Command<
  'SetCommunePilot',
  {
    readonly provinceCode: string;
    readonly communeCode: string;
    readonly level: string;
    readonly designated: boolean;
    readonly basis: string;
    readonly decidedOn: string;
  }
>;

export type CommuneRecordCommand =
  SetCommuneGroup | RecordCommuneDecision | AcknowledgeCommuneStatus | SetCommunePilot;

const sameDecision = (r: CommuneRecognition, d: CommuneRecognitionData) =>
  r.dossierId === d.dossierId && r.decisionNumber === d.decisionNumber;

/**
 * Dossier decisions are written by the system only (the process manager), and a decision already in the record is
 * not written again, so a redelivered dossier event changes nothing.
 */
const recordDecision = (command: RecordCommuneDecision, record: CommuneRecord): CommuneRecordEvent[] => {
  if (command.metadata.actor.role !== 'system') {
    throw forbidden(
      'COMMUNE_RECORD_SYSTEM_ONLY',
      'Hồ sơ công nhận của xã chỉ do hệ thống ghi theo quyết định',
    );
  }
  const { event } = command.data;
  if (event.type === 'CommuneRecognitionGranted') {
    return record.recognitions.some((r) => sameDecision(r, event.data)) ? [] : [event];
  }
  if (event.type !== 'CommuneRecognitionRevoked') return [];
  const revoked = record.recognitions.some(
    (r) => r.dossierId === event.data.dossierId && r.revoked?.decisionNumber === event.data.decisionNumber,
  );
  return revoked ? [] : [event];
};

/** The province's own acts on a commune's record: its officers or an administrator, within its area. */
const requireProvinceAct = (
  metadata: CommandMetadata,
  provinceCode: unknown,
  communeCode: string,
  what: string,
): void => {
  const { actor } = metadata;
  if (actor.role !== 'province_officer' && actor.role !== 'admin') {
    throw forbidden('ROLE_NOT_ALLOWED', `Chỉ cán bộ cấp tỉnh hoặc quản trị hệ thống được ${what}`);
  }
  if (typeof provinceCode !== 'string' || !/^\d{2}$/.test(provinceCode))
    throw invalidField('provinceCode', 'cần mã tỉnh 2 chữ số');
  requireCovers(actor, { provinceCode, communeCode }, `Xã mã ${communeCode}`);
};

/** The basis of a province's act: the text's number and date, as its officers write it. */
const requireBasis = (basis: unknown): string => {
  if (typeof basis !== 'string' || basis.trim() === '' || basis.length > 500)
    throw invalidField('basis', 'cần căn cứ (số, ngày văn bản của tỉnh), tối đa 500 ký tự');
  return basis.trim();
};

/** The province sets the commune's group (Decision 51/2025/QĐ-TTg), with its basis and date. */
const setGroup = (command: SetCommuneGroup, record: CommuneRecord): CommuneRecordEvent[] => {
  const { data, metadata } = command;
  requireProvinceAct(metadata, data.provinceCode, data.communeCode, 'xác định nhóm xã');
  if (!(COMMUNE_GROUPS as readonly string[]).includes(data.group))
    throw invalidField('group', `cần một trong ${COMMUNE_GROUPS.join(', ')} (Quyết định 51/2025/QĐ-TTg)`);
  const basis = requireBasis(data.basis);
  if (!isCalendarDate(data.decidedOn)) throw invalidField('decidedOn', 'cần ngày dạng YYYY-MM-DD');
  const group = data.group as CommuneGroup;
  const current = record.group;
  if (current && current.group === group && current.basis === basis && current.decidedOn === data.decidedOn)
    return [];
  return [
    {
      type: 'CommuneGroupSet',
      data: {
        provinceCode: data.provinceCode,
        group,
        basis,
        decidedOn: data.decidedOn,
        setBy: metadata.actor.id,
        setAt: metadata.now,
      },
    },
  ];
};

/** Whether the commune is selected to pilot a level (RULES-2026 §1, Appendix II). */
const setPilot = (command: SetCommunePilot, record: CommuneRecord): CommuneRecordEvent[] => {
  const { data, metadata } = command;
  requireProvinceAct(metadata, data.provinceCode, data.communeCode, 'chọn xã thí điểm');
  if (!(PILOT_LEVELS as readonly string[]).includes(data.level))
    throw invalidField('level', `cần mức thí điểm: ${PILOT_LEVELS.join(', ')}`);
  if (typeof data.designated !== 'boolean') throw invalidField('designated', 'cần true hoặc false');
  const basis = requireBasis(data.basis);
  if (!isCalendarDate(data.decidedOn)) throw invalidField('decidedOn', 'cần ngày dạng YYYY-MM-DD');
  const level = data.level as Level;
  const current = record.pilots?.find((p) => p.level === level);
  if (
    current &&
    current.designated === data.designated &&
    current.basis === basis &&
    current.decidedOn === data.decidedOn
  )
    return [];
  if (!current?.designated && !data.designated) {
    throw ruleBroken(
      'NOT_A_PILOT_COMMUNE',
      `Xã mã ${data.communeCode} không có trong danh sách xã thí điểm xây dựng xã ${levelLabels[level]} nên không thể đưa ra khỏi danh sách`,
    );
  }
  return [
    {
      type: 'CommunePilotSet',
      data: {
        provinceCode: data.provinceCode,
        level,
        designated: data.designated,
        basis,
        decidedOn: data.decidedOn,
        setBy: metadata.actor.id,
        setAt: metadata.now,
      },
    },
  ];
};

const ACK_UNVERIFIED =
  'UNVERIFIED: điều kiện thừa nhận mức đạt chuẩn của xã sau sắp xếp chưa đối chiếu được với văn bản chính thức; ' +
  'hệ thống ghi lại tình trạng của các xã trước sắp xếp và lý do của tỉnh';

/** The province acknowledges a merged commune's level, with its decision and reasons (RULES-2026.md §2). */
const acknowledge = (command: AcknowledgeCommuneStatus, record: CommuneRecord): CommuneRecordEvent[] => {
  const { data, metadata } = command;
  const { actor } = metadata;
  if (actor.role !== 'province_officer' && actor.role !== 'admin') {
    throw forbidden(
      'ROLE_NOT_ALLOWED',
      'Chỉ cán bộ cấp tỉnh hoặc quản trị hệ thống được thừa nhận mức đạt chuẩn của xã sau sắp xếp',
    );
  }
  requireCovers(actor, { provinceCode: data.provinceCode, communeCode: data.communeCode }, data.communeName);
  if (!(LEVELS as readonly string[]).includes(data.level))
    throw invalidField('level', `cần một trong ${LEVELS.join(', ')}`);
  const reasons = Array.isArray(data.reasons)
    ? data.reasons.map((r) => (typeof r === 'string' ? r.trim() : ''))
    : [];
  if (reasons.length === 0 || reasons.length > 20 || reasons.some((r) => r === '' || r.length > 2000))
    throw invalidField('reasons', 'cần từ 1 đến 20 lý do, mỗi lý do không rỗng và tối đa 2000 ký tự');
  if (
    typeof data.decisionNumber !== 'string' ||
    data.decisionNumber.trim() === '' ||
    data.decisionNumber.length > 100
  )
    throw invalidField('decisionNumber', 'cần số văn bản thừa nhận của tỉnh, tối đa 100 ký tự');
  if (!isCalendarDate(data.decidedOn)) throw invalidField('decidedOn', 'cần ngày dạng YYYY-MM-DD');
  const lineage = data.lineage;
  if (!lineage) {
    throw ruleBroken(
      'COMMUNE_NOT_MERGED',
      `${data.communeName} không hình thành từ sắp xếp đơn vị hành chính; mức đạt chuẩn được xét qua hồ sơ công nhận`,
    );
  }
  if (data.decidedOn < lineage.mergedOn) {
    throw ruleBroken(
      'ACKNOWLEDGED_BEFORE_MERGER',
      `Ngày thừa nhận ${dateVi(data.decidedOn)} trước ngày sắp xếp ${dateVi(lineage.mergedOn)} (${lineage.basis.number})`,
    );
  }
  const level = data.level as Level;
  const holders = lineage.predecessors.filter((p) => p.holdings.some((h) => reaches(h, level)));
  if (holders.length === 0) {
    throw ruleBroken(
      'NO_PREDECESSOR_HOLDS_LEVEL',
      `Không xã nào trước sắp xếp (${lineage.predecessors.map((p) => p.name).join(', ')}) đạt mức ${levelLabels[level]}; không có mức để thừa nhận, cần xét qua hồ sơ công nhận`,
    );
  }
  const same = (record.acknowledgements ?? []).find((a) => a.level === level);
  if (same) {
    if (same.decisionNumber === data.decisionNumber.trim()) return [];
    throw conflict(
      'COMMUNE_STATUS_ALREADY_ACKNOWLEDGED',
      `${data.communeName} đã được thừa nhận mức ${levelLabels[level]} theo ${same.decisionNumber} ngày ${dateVi(same.decidedOn)}`,
    );
  }
  return [
    {
      type: 'CommuneStatusAcknowledged',
      data: {
        provinceCode: data.provinceCode,
        communeName: data.communeName,
        level,
        period: periodOpenOn(lineage.mergedOn),
        reasons,
        decisionNumber: data.decisionNumber.trim(),
        decidedOn: data.decidedOn,
        mergedOn: lineage.mergedOn,
        mergerBasis: lineage.basis,
        predecessors: lineage.predecessors,
        unverified: ACK_UNVERIFIED,
        acknowledgedBy: actor.id,
        acknowledgedAt: metadata.now,
      },
    },
  ];
};

export const decideCommuneRecord = (
  command: CommuneRecordCommand,
  record: CommuneRecord,
): CommuneRecordEvent[] => {
  switch (command.type) {
    case 'RecordCommuneDecision':
      return recordDecision(command, record);
    case 'SetCommuneGroup':
      return setGroup(command, record);
    case 'AcknowledgeCommuneStatus':
      return acknowledge(command, record);
    case 'SetCommunePilot':
      return setPilot(command, record);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
};

export const communeRecordDecider: Decider<CommuneRecordCommand, CommuneRecordEvent, CommuneRecord> = {
  decide: decideCommuneRecord,
  evolve: evolveCommuneRecord,
  initialState: initialCommuneRecord,
};

export const communeGroupLabel = (g: CommuneGroup): string => communeGroupLabels[g];
