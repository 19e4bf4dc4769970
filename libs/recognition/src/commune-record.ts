import {
  DomainError,
  forbidden,
  requireCovers,
  type Command,
  type CommandMetadata,
  type Decider,
  type DomainEvent,
} from '@ntm/decider';
import { COMMUNE_GROUPS, communeGroupLabels, type CommuneGroup, type Level } from '@ntm/criteria';
import type { DossierEvent } from './events';

/**
 * A commune's recognition history, in its own stream. A process manager appends these when a dossier is
 * granted or revoked; OpenDossier reads the holdings from here (a dossier never trusts the caller for them).
 */
export const communeStreamId = (communeCode: string): string => `commune-${communeCode}`;

export interface CommuneRecognitionData {
  readonly level: Level;
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

export type CommuneRecordEvent =
  | DomainEvent<'CommuneRecognitionGranted', CommuneRecognitionData>
  | DomainEvent<'CommuneRecognitionRevoked', CommuneRecognitionData>
  | DomainEvent<'CommuneGroupSet', CommuneGroupFact>;

export interface CommuneRecognition extends CommuneRecognitionData {
  readonly revoked: { readonly decisionNumber: string; readonly decidedOn: string } | null;
}

export interface CommuneRecord {
  readonly recognitions: readonly CommuneRecognition[];
  /** The group in force (the latest set); null until the province sets one. */
  readonly group?: CommuneGroupFact | null;
}

export const initialCommuneRecord = (): CommuneRecord => ({ recognitions: [], group: null });

export const evolveCommuneRecord = (record: CommuneRecord, event: CommuneRecordEvent): CommuneRecord => {
  switch (event.type) {
    case 'CommuneRecognitionGranted':
      return { ...record, recognitions: [...record.recognitions, { ...event.data, revoked: null }] };
    case 'CommuneGroupSet':
      return { ...record, group: event.data };
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

const levelOrder: readonly Level[] = ['ntm', 'nang-cao', 'kieu-mau'];

/** The levels the commune holds now (granted and not revoked), in ascending order. */
export const holdingsOf = (record: CommuneRecord): Level[] => {
  const held = new Set(record.recognitions.filter((r) => r.revoked === null).map((r) => r.level));
  return levelOrder.filter((l) => held.has(l));
};

/** The commune-stream events a dossier event implies (none for most events). */
export const communeRecordEventsFor = (
  event: DossierEvent,
): { readonly streamId: string; readonly event: CommuneRecordEvent }[] => {
  switch (event.type) {
    case 'RecognitionGranted':
    case 'RecognitionRevoked': {
      const { communeCode, level, dossierId, decisionNumber, decidedOn } = event.data;
      const type =
        event.type === 'RecognitionGranted' ? 'CommuneRecognitionGranted' : 'CommuneRecognitionRevoked';
      return [
        {
          streamId: communeStreamId(communeCode),
          event: { type, data: { level, dossierId, decisionNumber, decidedOn } },
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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
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

export type CommuneRecordCommand = SetCommuneGroup | RecordCommuneDecision;

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

/** The province sets the commune's group (Decision 51/2025/QĐ-TTg), with its basis and date. */
const setGroup = (command: SetCommuneGroup, record: CommuneRecord): CommuneRecordEvent[] => {
  const { data, metadata } = command;
  const { actor } = metadata;
  if (actor.role !== 'province_officer' && actor.role !== 'admin') {
    throw forbidden('ROLE_NOT_ALLOWED', 'Chỉ cán bộ cấp tỉnh hoặc quản trị hệ thống được xác định nhóm xã');
  }
  if (typeof data.provinceCode !== 'string' || !/^\d{2}$/.test(data.provinceCode))
    throw invalidField('provinceCode', 'cần mã tỉnh 2 chữ số');
  requireCovers(
    actor,
    { provinceCode: data.provinceCode, communeCode: data.communeCode },
    `Xã mã ${data.communeCode}`,
  );
  if (!(COMMUNE_GROUPS as readonly string[]).includes(data.group))
    throw invalidField('group', `cần một trong ${COMMUNE_GROUPS.join(', ')} (Quyết định 51/2025/QĐ-TTg)`);
  if (typeof data.basis !== 'string' || data.basis.trim() === '')
    throw invalidField('basis', 'cần căn cứ xác định nhóm (số, ngày văn bản của tỉnh)');
  const m = typeof data.decidedOn === 'string' ? DATE.exec(data.decidedOn) : null;
  if (!m || new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) !== data.decidedOn)
    throw invalidField('decidedOn', 'cần ngày dạng YYYY-MM-DD');
  const group = data.group as CommuneGroup;
  const current = record.group;
  if (
    current &&
    current.group === group &&
    current.basis === data.basis.trim() &&
    current.decidedOn === data.decidedOn
  )
    return [];
  return [
    {
      type: 'CommuneGroupSet',
      data: {
        provinceCode: data.provinceCode,
        group,
        basis: data.basis.trim(),
        decidedOn: data.decidedOn,
        setBy: actor.id,
        setAt: metadata.now,
      },
    },
  ];
};

export const decideCommuneRecord = (
  command: CommuneRecordCommand,
  record: CommuneRecord,
): CommuneRecordEvent[] =>
  command.type === 'RecordCommuneDecision' ? recordDecision(command, record) : setGroup(command, record);

export const communeRecordDecider: Decider<CommuneRecordCommand, CommuneRecordEvent, CommuneRecord> = {
  decide: decideCommuneRecord,
  evolve: evolveCommuneRecord,
  initialState: initialCommuneRecord,
};

export const communeGroupLabel = (g: CommuneGroup): string => communeGroupLabels[g];
