import type { EntityManager } from 'typeorm';
import { levelLabels, type Level } from '@ntm/criteria';
import type { DecisionRow } from '../projectors/decisions';
import {
  Conditions,
  byYearAndCriteriaPeriod,
  rowsOf,
  scopeConditions,
  type Scope,
  type YearAndCriteriaPeriod,
} from './sql';

export interface DecisionFilter extends Scope, YearAndCriteriaPeriod {
  readonly level?: string;
}

export interface YearTotals {
  readonly year: number;
  readonly kind: string;
  readonly level: string;
  readonly communes: number;
}

export interface DecisionBatch {
  readonly kind: string;
  readonly decisionNumber: string | null;
  readonly decidedOn: string;
  readonly year: number;
  readonly communes: DecisionEntry[];
}

export interface DecisionEntry {
  readonly dossierId: string;
  readonly communeCode: string;
  readonly communeName: string;
  readonly districtCode: string | null;
  readonly level: string;
  readonly levelLabel: string;
  readonly failedCriteria: number[];
  readonly reasons: string[];
}

export interface DecisionsReport {
  readonly perYear: YearTotals[];
  readonly batches: DecisionBatch[];
}

/** Recognitions, refusals and revocations per year and level, and per batch (decision number and date). */
export const queryDecisions = async (
  m: EntityManager,
  table: string,
  f: DecisionFilter,
): Promise<DecisionsReport> => {
  const c = byYearAndCriteriaPeriod(scopeConditions(f, new Conditions()), f, 'decision_year').add(
    'level = $?',
    f.level,
  );
  const perYear = await rowsOf<YearTotals>(
    m,
    `SELECT decision_year AS year, kind, level, count(*)::int AS communes FROM ${table} ${c.sql}
      GROUP BY decision_year, kind, level ORDER BY decision_year, kind, level`,
    c.params,
  );
  const rows = await rowsOf<DecisionRow>(
    m,
    `SELECT * FROM ${table} ${c.sql} ORDER BY decided_on, decision_number NULLS FIRST, kind, commune_code, dossier_id`,
    c.params,
  );
  const batches = new Map<string, DecisionBatch>();
  for (const r of rows) {
    const key = `${r.kind}|${r.decision_number ?? ''}|${r.decided_on}`;
    const batch: DecisionBatch = batches.get(key) ?? {
      kind: r.kind,
      decisionNumber: r.decision_number,
      decidedOn: r.decided_on,
      year: r.decision_year,
      communes: [],
    };
    batch.communes.push({
      dossierId: r.dossier_id,
      communeCode: r.commune_code,
      communeName: r.commune_name,
      districtCode: r.district_code,
      level: r.level,
      levelLabel: levelLabels[r.level as Level],
      failedCriteria: r.failed_criteria,
      reasons: r.reasons,
    });
    batches.set(key, batch);
  }
  return { perYear, batches: [...batches.values()] };
};
