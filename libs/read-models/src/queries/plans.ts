import type { EntityManager } from 'typeorm';
import { levelLabels, type Level } from '@ntm/criteria';
import { Conditions, inYears, rowsOf, type Scope, type YearFilter } from './sql';

export interface PlanTables {
  readonly targets: string;
  readonly plans: string;
  /** The commune-standings projection's per-dossier table (decisions with their dates). */
  readonly standingDossiers: string;
  readonly units: string;
}

export interface TargetProgress {
  readonly districtCode: string | null;
  readonly districtName: string | null;
  readonly year: number;
  readonly level: string;
  readonly levelLabel: string;
  readonly target: number;
  /** Communes holding the level or a higher one at the end of the target year (or now, for later years). */
  readonly achieved: number;
  readonly share: number | null;
  readonly remaining: number;
}

export interface PlanProgress {
  readonly provinceCode: string;
  readonly title: string | null;
  readonly reference: string | null;
  readonly targets: TargetProgress[];
}

const RANK_SQL = (col: string) =>
  `(CASE ${col} WHEN 'ntm' THEN 1 WHEN 'nang-cao' THEN 2 WHEN 'kieu-mau' THEN 3 ELSE 0 END)`;

/** Progress against a province's plan: each target beside the communes that reached it by its year. */
export const queryPlanProgress = async (
  m: EntityManager,
  t: PlanTables,
  scope: Scope & YearFilter & { readonly provinceCode: string; readonly level?: string },
  today: string,
): Promise<PlanProgress> => {
  const c = new Conditions([scope.provinceCode, today]);
  c.raw('t.province_code = $1');
  inYears(c.add(`t.district_code = $?`, scope.districtCode), 't.year', scope).add(
    't.level = $?',
    scope.level,
  );
  const [plan] = await rowsOf<{ title: string | null; reference: string | null }>(
    m,
    `SELECT title, reference FROM ${t.plans} WHERE province_code = $1`,
    [scope.provinceCode],
  );
  const rows = await rowsOf<{
    district_code: string;
    district_name: string | null;
    year: number;
    level: Level;
    target: number;
    achieved: number;
  }>(
    m,
    `SELECT t.district_code, t.year, t.level, t.target, u.name AS district_name,
            (SELECT count(DISTINCT d.commune_code)::int FROM ${t.standingDossiers} d
              WHERE d.province_code = t.province_code AND (t.district_code = '' OR d.district_code = t.district_code)
                AND d.granted_on IS NOT NULL AND ${RANK_SQL('d.level')} >= ${RANK_SQL('t.level')}
                AND d.granted_on <= least(t.year || '-12-31', $2)
                AND (d.revoked_on IS NULL OR d.revoked_on > least(t.year || '-12-31', $2))) AS achieved
       FROM ${t.targets} t LEFT JOIN ${t.units} u ON u.kind = 'district' AND u.code = t.district_code
      ${c.sql}
      ORDER BY t.district_code, t.year, ${RANK_SQL('t.level')}`,
    c.params,
  );
  return {
    provinceCode: scope.provinceCode,
    title: plan?.title ?? null,
    reference: plan?.reference ?? null,
    targets: rows.map((r): TargetProgress => ({
      districtCode: r.district_code === '' ? null : r.district_code,
      districtName: r.district_name ?? null,
      year: r.year,
      level: r.level,
      levelLabel: levelLabels[r.level],
      target: r.target,
      achieved: r.achieved,
      share: r.target === 0 ? null : r.achieved / r.target,
      remaining: Math.max(0, r.target - r.achieved),
    })),
  };
};
