import { forbidden, type CommandMetadata, type DomainEvent } from '@ntm/decider';
import type { Level } from '@ntm/criteria';
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

export type CommuneRecordEvent =
  | DomainEvent<'CommuneRecognitionGranted', CommuneRecognitionData>
  | DomainEvent<'CommuneRecognitionRevoked', CommuneRecognitionData>;

export interface CommuneRecognition extends CommuneRecognitionData {
  readonly revoked: { readonly decisionNumber: string; readonly decidedOn: string } | null;
}

export interface CommuneRecord {
  readonly recognitions: readonly CommuneRecognition[];
}

export const initialCommuneRecord = (): CommuneRecord => ({ recognitions: [] });

export const evolveCommuneRecord = (record: CommuneRecord, event: CommuneRecordEvent): CommuneRecord => {
  switch (event.type) {
    case 'CommuneRecognitionGranted':
      return { recognitions: [...record.recognitions, { ...event.data, revoked: null }] };
    case 'CommuneRecognitionRevoked': {
      const { dossierId, decisionNumber, decidedOn } = event.data;
      return {
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

/** The process manager's command: write one dossier decision into the commune's record. */
export interface RecordCommuneDecision {
  readonly type: 'RecordCommuneDecision';
  readonly data: { readonly event: CommuneRecordEvent };
  readonly metadata: CommandMetadata;
}

const sameDecision = (r: CommuneRecognition, d: CommuneRecognitionData) =>
  r.dossierId === d.dossierId && r.decisionNumber === d.decisionNumber;

/**
 * The commune record's decider. Only the system writes it (from the dossiers' decisions), and a decision already
 * in the record is not written again, so a redelivered dossier event changes nothing.
 */
export const decideCommuneRecord = (
  command: RecordCommuneDecision,
  record: CommuneRecord,
): CommuneRecordEvent[] => {
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
  const revoked = record.recognitions.some(
    (r) => r.dossierId === event.data.dossierId && r.revoked?.decisionNumber === event.data.decisionNumber,
  );
  return revoked ? [] : [event];
};

export const communeRecordDecider = {
  decide: decideCommuneRecord,
  evolve: evolveCommuneRecord,
  initialState: initialCommuneRecord,
};
