import { DOSSIER_STREAM_PREFIX } from '@ntm/recognition';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { foldDossiers, type DossierKeyed } from '../dossier-fold';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';
import { pickPlace, placeColumns, placeOf, type DossierPlace } from './location';

interface DecisionDossierRow extends DossierKeyed, DossierPlace {
  commune_name: string;
}

export type DecisionKind = 'granted' | 'refused' | 'revoked';

export interface DecisionRow extends DossierPlace {
  dossier_id: string;
  kind: DecisionKind;
  commune_name: string;
  decision_number: string | null;
  decided_on: string;
  /** Year of the decision (a batch is one decision number and date). */
  decision_year: number;
  signer: string;
  failed_criteria: number[];
  failed_share: number | null;
  reasons: string[];
  position: string;
}

const dossiersTable: TableDef<DecisionDossierRow> = {
  base: 'rm_decision_dossiers',
  columns: { dossier_id: 'text', version: 'int', ...placeColumns, commune_name: 'text' },
  key: ['dossier_id'],
};

export const decisionsTable: TableDef<DecisionRow> = {
  base: 'rm_decisions',
  columns: {
    dossier_id: 'text',
    kind: 'text',
    ...placeColumns,
    commune_name: 'text',
    decision_number: 'text',
    decided_on: 'text',
    decision_year: 'int',
    signer: 'text',
    failed_criteria: 'int[]',
    failed_share: 'double precision',
    reasons: 'text[]',
    position: 'text',
  },
  key: ['dossier_id', 'kind'],
  indexes: [['province_code', 'decision_year']],
};

const HANDLES = ['DossierOpened', 'RecognitionGranted', 'RecognitionRefused', 'RecognitionRevoked'] as const;

/** Recognitions, refusals and revocations: per year and per batch (decision number and date). */
export const decisions: Projector = {
  name: 'decisions',
  label: 'Quyết định công nhận',
  // 2: each row carries the dossier's criteria period (reports filter periods on it).
  version: 2,
  handles: HANDLES,
  streamPrefixes: [DOSSIER_STREAM_PREFIX],
  tables: [dossiersTable, decisionsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const rows: DecisionRow[] = [];
    await foldDossiers(manager, table(tables, dossiersTable), events, new Set(HANDLES), (row, e, r) => {
      if (e.type === 'DossierOpened') {
        return row
          ? undefined
          : { dossier_id: e.data.dossierId, version: 0, ...placeOf(e), commune_name: e.data.commune.name };
      }
      if (!row) return undefined;
      const base = {
        dossier_id: row.dossier_id,
        ...pickPlace(row),
        commune_name: row.commune_name,
        position: r.position,
      };
      const decided = (
        kind: DecisionKind,
        number: string | null,
        on: string,
        signer: { id: string; name?: string },
      ) => ({
        ...base,
        kind,
        decision_number: number,
        decided_on: on,
        decision_year: Number(on.slice(0, 4)),
        signer: signer.name ?? signer.id,
      });
      switch (e.type) {
        case 'RecognitionGranted':
          rows.push({
            ...decided('granted', e.data.decisionNumber, e.data.decidedOn, e.data.signer),
            failed_criteria: [],
            failed_share: null,
            reasons: [],
          });
          break;
        case 'RecognitionRefused':
          rows.push({
            ...decided('refused', e.data.decisionNumber, e.data.decidedOn, e.data.signer),
            failed_criteria: e.data.reasons.flatMap((v) =>
              typeof v.criterion === 'number' ? [v.criterion] : [],
            ),
            failed_share: null,
            reasons: e.data.reasons.map((v) => v.message),
          });
          break;
        case 'RecognitionRevoked':
          rows.push({
            ...decided('revoked', e.data.decisionNumber, e.data.decidedOn, e.data.signer),
            failed_criteria: [...e.data.failedCriteria],
            failed_share: e.data.failedShare,
            reasons: [],
          });
          break;
        default: // other events only move the dossier's place and name
          break;
      }
      return { ...row };
    });
    await table(tables, decisionsTable).upsert(manager, rows);
  },
};
