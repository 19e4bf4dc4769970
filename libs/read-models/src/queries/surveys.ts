import type { EntityManager } from 'typeorm';
import type { QuestionStat, SurveyRow } from '../projectors/survey-stats';
import {
  Conditions,
  byYearAndCriteriaPeriod,
  iso,
  scopeConditions,
  rowsOf,
  type Scope,
  type YearAndCriteriaPeriod,
} from './sql';

export interface CommuneSurvey {
  readonly communeCode: string;
  readonly communeName: string;
  readonly districtCode: string | null;
  readonly dossierId: string;
  readonly level: string;
  readonly year: number;
  readonly households: number;
  readonly formsCollected: number;
  readonly satisfied: number;
  readonly participationRate: number;
  readonly satisfactionRate: number;
  readonly satisfactionThreshold: number;
  readonly coverageMinimum: number;
  readonly meetsSatisfaction: boolean;
  readonly meetsCoverage: boolean;
  readonly perQuestion: QuestionStat[];
  readonly source: string;
  readonly recordedAt: string | null;
}

/** A survey row whose result is recorded (`households IS NOT NULL`): its figures are all set. */
interface RecordedSurveyRow extends SurveyRow {
  households: number;
  forms_collected: number;
  satisfied: number;
  participation_rate: number;
  satisfaction_rate: number;
  source: string;
}

/** Each commune's latest survey result (across its dossiers), with the thresholds of its dossier's procedure. */
export const querySurveys = async (
  m: EntityManager,
  table: string,
  f: Scope & YearAndCriteriaPeriod & { readonly level?: string },
): Promise<CommuneSurvey[]> => {
  const c = byYearAndCriteriaPeriod(scopeConditions(f, new Conditions()), f)
    .add('level = $?', f.level)
    .raw('households IS NOT NULL');
  const rows = await rowsOf<RecordedSurveyRow>(
    m,
    `SELECT * FROM (SELECT DISTINCT ON (commune_code) * FROM ${table} ${c.sql} ORDER BY commune_code, position DESC) s
      ORDER BY district_code NULLS FIRST, commune_code`,
    c.params,
  );
  return rows.map((r): CommuneSurvey => ({
    communeCode: r.commune_code,
    communeName: r.commune_name,
    districtCode: r.district_code,
    dossierId: r.dossier_id,
    level: r.level,
    year: r.year,
    households: r.households,
    formsCollected: r.forms_collected,
    satisfied: r.satisfied,
    participationRate: r.participation_rate,
    satisfactionRate: r.satisfaction_rate,
    satisfactionThreshold: r.satisfaction_threshold,
    coverageMinimum: r.coverage_minimum,
    meetsSatisfaction: r.satisfaction_rate >= r.satisfaction_threshold,
    meetsCoverage: r.participation_rate >= r.coverage_minimum,
    perQuestion: r.per_question,
    source: r.source,
    recordedAt: iso(r.recorded_at),
  }));
};
