import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import {
  DOSSIER_STREAM_PREFIX,
  type DossierEvent,
  type DossierStatus,
  type ProcedureDefinition,
  type StepId,
} from '@ntm/recognition';
import { foldDossiers, type DossierKeyed } from '../dossier-fold';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

export interface BoardRow extends DossierKeyed {
  position: string;
  /** Mã hồ sơ (province-year-sequence); null for dossiers opened before codes existed. */
  dossier_code: string | null;
  province_code: string;
  district_code: string | null;
  commune_code: string;
  commune_name: string;
  level: string;
  procedure_version: string;
  /** Năm xét; not the criteria period. */
  year: number;
  /** Giai đoạn: the period of the criteria set the dossier is judged under, as recorded when it was opened. */
  criteria_period: string;
  status: DossierStatus;
  current_step: StepId | null;
  round: number;
  step_opened_at: string | null;
  due_at: string | null;
  overdue: boolean;
  /** Roles that act on the current step: "waiting for me" is this list against the caller's role. */
  waiting_roles: string[];
  /** Who has done their part of the current step (council members who voted): not waiting for them any more. */
  done_by: string[];
  /** The dossier's procedure, reduced to the roles acting on each step. */
  step_roles: Record<string, string[]>;
  opened_at: string;
  last_event_at: string;
  returns: number;
  decision_number: string | null;
  decided_on: string | null;
}

export const boardTable: TableDef<BoardRow> = {
  base: 'rm_dossier_board',
  columns: {
    dossier_id: 'text',
    version: 'int',
    position: 'text',
    dossier_code: 'text',
    province_code: 'text',
    district_code: 'text',
    commune_code: 'text',
    commune_name: 'text',
    level: 'text',
    procedure_version: 'text',
    year: 'int',
    criteria_period: 'text',
    status: 'text',
    current_step: 'text',
    round: 'int',
    step_opened_at: 'timestamptz',
    due_at: 'timestamptz',
    overdue: 'boolean',
    waiting_roles: 'text[]',
    done_by: 'text[]',
    step_roles: 'jsonb',
    opened_at: 'timestamptz',
    last_event_at: 'timestamptz',
    returns: 'int',
    decision_number: 'text',
    decided_on: 'text',
  },
  key: ['dossier_id'],
  indexes: [['province_code', 'district_code'], ['commune_code'], ['current_step'], ['year']],
};

/** Roles acting on each step of a procedure, from its definition (the data, not a table in code). */
export const stepRoles = (procedure: ProcedureDefinition): Record<string, string[]> =>
  Object.fromEntries(
    [...procedure.steps, procedure.supplementation, ...procedure.revocationSteps].map((s) => [
      s.id,
      [...new Set(Object.values(s.actions))].sort(),
    ]),
  );

const HANDLES = [
  'DossierOpened',
  'StepOpened',
  'StepOverdue',
  'SurveyResultRecorded',
  'CouncilVoteCast',
  'DossierSubmitted',
  'DossierReturned',
  'DossierResubmitted',
  'RecognitionGranted',
  'RecognitionRefused',
  'DossierFoundNotEligible',
  'RecognitionAnnounced',
  'DossierWithdrawn',
  'RevocationAssessed',
  'RecognitionRevoked',
] as const;

const noStep = {
  current_step: null,
  step_opened_at: null,
  due_at: null,
  overdue: false,
  waiting_roles: [] as string[],
  done_by: [] as string[],
};

const evolveBoard = (row: BoardRow | undefined, e: DossierEvent, r: RecordedEvent): BoardRow | undefined => {
  if (e.type === 'DossierOpened') {
    if (row) return undefined;
    const { dossierId, commune, level, year, procedure, openedAt } = e.data;
    return {
      dossier_id: dossierId,
      version: 0,
      position: r.position,
      dossier_code: e.data.code ?? null,
      province_code: commune.provinceCode,
      district_code: commune.districtCode ?? null,
      commune_code: commune.communeCode,
      commune_name: commune.name,
      level,
      procedure_version: procedure.version,
      year,
      criteria_period: e.data.period,
      status: 'preparing',
      round: 1,
      ...noStep,
      step_roles: stepRoles(procedure),
      opened_at: openedAt,
      last_event_at: r.recordedAt.toISOString(),
      returns: 0,
      decision_number: null,
      decided_on: null,
    };
  }
  if (!row) return undefined;
  const next: BoardRow = { ...row, position: r.position, last_event_at: r.recordedAt.toISOString() };
  switch (e.type) {
    case 'StepOpened':
      return {
        ...next,
        current_step: e.data.step,
        round: e.data.round,
        step_opened_at: e.data.openedAt,
        due_at: e.data.dueAt,
        overdue: false,
        waiting_roles: row.step_roles[e.data.step] ?? [],
        done_by: [],
      };
    case 'SurveyResultRecorded':
      // The Front's part of the preparation is done once its result is in.
      return { ...next, waiting_roles: row.waiting_roles.filter((r) => r !== 'front_officer') };
    case 'CouncilVoteCast':
      return e.data.round === row.round ? { ...next, done_by: [...row.done_by, e.data.memberId] } : next;
    case 'StepOverdue':
      return e.data.step === row.current_step && e.data.round === row.round
        ? { ...next, overdue: true }
        : next;
    case 'DossierSubmitted':
      return { ...next, status: 'in-review' };
    case 'DossierReturned':
      return { ...next, status: 'returned', returns: row.returns + 1 };
    case 'DossierResubmitted':
      return { ...next, status: 'in-review', round: e.data.round };
    case 'RecognitionGranted':
      return {
        ...next,
        status: 'recognised',
        decision_number: e.data.decisionNumber,
        decided_on: e.data.decidedOn,
      };
    case 'RecognitionRefused':
      return {
        ...next,
        ...noStep,
        status: 'refused',
        decision_number: e.data.decisionNumber,
        decided_on: e.data.decidedOn,
      };
    case 'DossierFoundNotEligible':
      return { ...next, ...noStep, status: 'not-eligible' };
    case 'RecognitionAnnounced':
      return { ...next, ...noStep };
    case 'DossierWithdrawn':
      return { ...next, ...noStep, status: 'withdrawn' };
    case 'RevocationAssessed':
      return e.data.due ? next : { ...next, ...noStep };
    case 'RecognitionRevoked':
      return {
        ...next,
        ...noStep,
        status: 'revoked',
        decision_number: e.data.decisionNumber,
        decided_on: e.data.decidedOn,
      };
    default:
      return undefined;
  }
};

/** Every dossier with where it stands: the board officials filter and page through. */
export const dossierBoard: Projector = {
  name: 'dossier-board',
  label: 'Bảng theo dõi hồ sơ',
  // 2: the Front and council members who have done their part no longer wait on the step.
  // 3: the dossier's code (mã hồ sơ). 4: its criteria period (reports filter periods on it).
  version: 4,
  handles: HANDLES,
  streamPrefixes: [DOSSIER_STREAM_PREFIX],
  tables: [boardTable as TableDef<object>],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    await foldDossiers(manager, table(tables, boardTable), events, new Set(HANDLES), evolveBoard);
  },
};
