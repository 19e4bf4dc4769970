import { DOSSIER_STREAM_PREFIX } from '@ntm/recognition';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { foldDossiers, type DossierKeyed } from '../dossier-fold';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';
import { flowEndedAt, pickPlace, placeColumns, placeOf, type DossierPlace } from './location';

interface PipelineDossierRow extends DossierKeyed, DossierPlace {
  /** Number of steps opened so far; the open one (if any) is the last. */
  steps: number;
  open: boolean;
}

export interface StepRow extends DossierPlace {
  dossier_id: string;
  seq: number;
  step: string;
  round: number;
  opened_at: string;
  due_at: string | null;
  closed_at: string | null;
  /** Days the step lasted (fractional); null while it is open. */
  days: number | null;
  overdue: boolean;
}

export interface ReturnRow extends DossierPlace {
  dossier_id: string;
  round: number;
  step: string;
  returned_at: string;
  reasons: number;
}

const dossiersTable: TableDef<PipelineDossierRow> = {
  base: 'rm_pipeline_dossiers',
  columns: { dossier_id: 'text', version: 'int', ...placeColumns, steps: 'int', open: 'boolean' },
  key: ['dossier_id'],
};

export const stepsTable: TableDef<StepRow> = {
  base: 'rm_pipeline_steps',
  columns: {
    dossier_id: 'text',
    seq: 'int',
    ...placeColumns,
    step: 'text',
    round: 'int',
    opened_at: 'timestamptz',
    due_at: 'timestamptz',
    closed_at: 'timestamptz',
    days: 'double precision',
    overdue: 'boolean',
  },
  key: ['dossier_id', 'seq'],
  indexes: [['province_code', 'district_code'], ['step']],
};

export const returnsTable: TableDef<ReturnRow> = {
  base: 'rm_pipeline_returns',
  columns: {
    dossier_id: 'text',
    round: 'int',
    ...placeColumns,
    step: 'text',
    returned_at: 'timestamptz',
    reasons: 'int',
  },
  key: ['dossier_id', 'round'],
  indexes: [['province_code', 'district_code']],
};

const HANDLES = [
  'DossierOpened',
  'StepOpened',
  'StepOverdue',
  'DossierReturned',
  'RecognitionRefused',
  'DossierFoundNotEligible',
  'RecognitionAnnounced',
  'DossierWithdrawn',
  'RevocationAssessed',
  'RecognitionRevoked',
] as const;

const DAY_MS = 86_400_000;

/** The step history of every dossier (SLA report): how long each step took, returns per round, overdue steps. */
export const pipeline: Projector = {
  name: 'pipeline',
  label: 'Tiến độ hồ sơ theo bước',
  // 2: each row carries the dossier's criteria period (reports filter periods on it).
  version: 2,
  handles: HANDLES,
  streamPrefixes: [DOSSIER_STREAM_PREFIX],
  tables: [dossiersTable, stepsTable, returnsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    // The open step of each dossier is read from the steps table only when the batch must close or mark it.
    const steps = new Map<string, StepRow>();
    const returns: ReturnRow[] = [];
    const openSteps = table(tables, stepsTable);
    const pendingClose: { row: PipelineDossierRow; change: (s: StepRow) => StepRow }[] = [];

    const changeOpen = (row: PipelineDossierRow, change: (s: StepRow) => StepRow) => {
      const key = `${row.dossier_id}:${row.steps}`;
      const known = steps.get(key);
      if (known) steps.set(key, change(known));
      else pendingClose.push({ row: { ...row }, change });
    };
    const close =
      (at: string) =>
      (s: StepRow): StepRow => ({
        ...s,
        closed_at: at,
        days: (new Date(at).getTime() - new Date(s.opened_at).getTime()) / DAY_MS,
      });

    await foldDossiers(manager, table(tables, dossiersTable), events, new Set(HANDLES), (row, e) => {
      if (e.type === 'DossierOpened')
        return row
          ? undefined
          : { dossier_id: e.data.dossierId, version: 0, ...placeOf(e), steps: 0, open: false };
      if (!row) return undefined;
      switch (e.type) {
        case 'StepOpened': {
          if (row.open) changeOpen(row, close(e.data.openedAt));
          const seq = row.steps + 1;
          steps.set(`${row.dossier_id}:${seq}`, {
            dossier_id: row.dossier_id,
            seq,
            ...pickPlace(row),
            step: e.data.step,
            round: e.data.round,
            opened_at: e.data.openedAt,
            due_at: e.data.dueAt,
            closed_at: null,
            days: null,
            overdue: false,
          });
          return { ...row, steps: seq, open: true };
        }
        case 'StepOverdue':
          if (row.open)
            changeOpen(row, (s) =>
              s.step === e.data.step && s.round === e.data.round ? { ...s, overdue: true } : s,
            );
          return { ...row };
        case 'DossierReturned':
          returns.push({
            dossier_id: row.dossier_id,
            round: e.data.round,
            ...pickPlace(row),
            step: e.data.step,
            returned_at: e.data.returnedAt,
            reasons: e.data.reasons.length,
          });
          return { ...row };
        default: {
          const at = flowEndedAt(e);
          if (at === null || !row.open) return { ...row };
          changeOpen(row, close(at));
          return { ...row, open: false };
        }
      }
    });

    if (pendingClose.length > 0) {
      const loaded: StepRow[] = await manager.query(
        `SELECT s.* FROM ${openSteps.name} s JOIN unnest($1::text[], $2::int[]) AS k(id, seq) ON s.dossier_id = k.id AND s.seq = k.seq`,
        [pendingClose.map((p) => p.row.dossier_id), pendingClose.map((p) => p.row.steps)],
      );
      const byKey = new Map(loaded.map((s) => [`${s.dossier_id}:${s.seq}`, s]));
      for (const { row, change } of pendingClose) {
        const key = `${row.dossier_id}:${row.steps}`;
        const current = steps.get(key) ?? byKey.get(key);
        if (current) steps.set(key, change(current));
      }
    }
    await openSteps.upsert(manager, [...steps.values()]);
    await table(tables, returnsTable).upsert(manager, returns);
  },
};
