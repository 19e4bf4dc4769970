import type { EntityManager } from 'typeorm';
import { LEVELS, PERIODS, levelLabels, periodYears, reaches, type Level } from '@ntm/criteria';
import { periodRules } from '@ntm/recognition';
import { membersIn, type ProgrammeState } from '@ntm/commendation';
import { Conditions, rowsOf, type Scope, type YearAndCriteriaPeriod } from './sql';

export interface PlanTables {
  readonly targets: string;
  readonly plans: string;
  /** The commune-standings projection's per-dossier table (decisions with their dates). */
  readonly standingDossiers: string;
  readonly units: string;
  /** The commendation projection's entities (the province's emulation programme: its clusters). */
  readonly programmes: string;
}

export interface TargetProgress {
  readonly districtCode: string | null;
  readonly districtName: string | null;
  readonly year: number;
  readonly level: string;
  readonly levelLabel: string;
  readonly target: number;
  /**
   * Communes holding the level or one built on it at the end of the target year (or now, for later years), under a
   * period whose recognitions count in that year.
   */
  readonly achieved: number;
  readonly share: number | null;
  readonly remaining: number;
}

/** A province-wide target's year and level, within one emulation cluster (cụm, khối thi đua) of communes. */
export interface ClusterProgress {
  readonly clusterId: string;
  readonly clusterName: string;
  readonly year: number;
  readonly level: string;
  readonly levelLabel: string;
  /** The cluster's communes in that year (its definition in force then). */
  readonly communes: number;
  readonly achieved: number;
  readonly share: number | null;
}

export interface PlanProgress {
  readonly provinceCode: string;
  readonly title: string | null;
  readonly reference: string | null;
  readonly targets: TargetProgress[];
  /** The province-wide targets' years and levels per cluster; none when a district is chosen. */
  readonly clusters: ClusterProgress[];
}

const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

/** The dossier levels that reach target level `col`: it, or one built on it (hiện đại counts for NTM, not nâng cao). */
const reachingSql = (col: string) =>
  `(CASE ${col} ${LEVELS.map((t) => `WHEN '${t}' THEN ${list(LEVELS.filter((l) => reaches(l, t)))}`).join(' ')} END)`;

/** The periods whose recognitions count in year `col` (periodRules: communes are counted again from 2026). */
const countedPeriodsSql = (col: string) =>
  `(CASE ${PERIODS.map((p) => `WHEN ${col} BETWEEN ${periodYears(p).from} AND ${periodYears(p).to} THEN ${list(periodRules[p].recognitionsCountedFrom)}`).join(' ')} END)`;

/** Dossier `d` holds target `t`'s level at the end of its year (today, for later years: $2), in a period counted then. */
const held = (t: string) => `d.granted_on IS NOT NULL AND d.level = ANY${reachingSql(`${t}.level`)}
                AND d.criteria_period = ANY${countedPeriodsSql(`${t}.year`)}
                AND d.granted_on <= least(${t}.year || '-12-31', $2)
                AND (d.revoked_on IS NULL OR d.revoked_on > least(${t}.year || '-12-31', $2))`;

/** Progress against a province's plan: each target beside the communes that reached it by its year. */
export const queryPlanProgress = async (
  m: EntityManager,
  t: PlanTables,
  scope: Scope & YearAndCriteriaPeriod & { readonly provinceCode: string; readonly level?: string },
  today: string,
): Promise<PlanProgress> => {
  const c = new Conditions([scope.provinceCode, today]);
  c.raw('t.province_code = $1');
  // A criteria period chooses the targets whose year counts its recognitions (and so only its recognitions).
  c.add(`t.district_code = $?`, scope.districtCode)
    .add('t.year = $?', scope.year)
    .add(`$? = ANY${countedPeriodsSql('t.year')}`, scope.criteriaPeriod)
    .add('t.level = $?', scope.level);
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
                AND ${held('t')}) AS achieved
       FROM ${t.targets} t LEFT JOIN ${t.units} u ON u.kind = 'district' AND u.code = t.district_code
      ${c.sql}
      ORDER BY t.district_code, t.year, array_position(${list(LEVELS)}, t.level)`,
    c.params,
  );
  return {
    provinceCode: scope.provinceCode,
    title: plan?.title ?? null,
    reference: plan?.reference ?? null,
    clusters: scope.districtCode ? [] : await clusterProgress(m, t, scope, today, rows),
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

/** Each cluster of communes against the province-wide targets' years and levels: how many of its communes hold them. */
const clusterProgress = async (
  m: EntityManager,
  t: PlanTables,
  scope: { readonly provinceCode: string },
  today: string,
  targets: readonly { district_code: string; year: number; level: Level }[],
): Promise<ClusterProgress[]> => {
  const [programme] = await rowsOf<{ state: ProgrammeState }>(
    m,
    `SELECT state FROM ${t.programmes} WHERE entity_key = $1`,
    [`programme:${scope.provinceCode}`],
  );
  if (programme?.state.status !== 'active') return [];
  const clusters = Object.values(programme.state.clusters).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const progress: ClusterProgress[] = [];
  for (const target of targets.filter((x) => x.district_code === '')) {
    for (const cluster of clusters) {
      const communes = (membersIn(cluster, target.year) ?? []).flatMap((n) =>
        n.kind === 'commune' ? [n.communeCode] : [],
      );
      if (communes.length === 0) continue;
      const [{ achieved }] = await rowsOf<{ achieved: number }>(
        m,
        `SELECT count(DISTINCT d.commune_code)::int AS achieved
           FROM ${t.standingDossiers} d, (SELECT $3::int AS year, $4::text AS level) t
          WHERE d.province_code = $1 AND d.commune_code = ANY($5::text[]) AND ${held('t')}`,
        [scope.provinceCode, today, target.year, target.level, communes],
      );
      progress.push({
        clusterId: cluster.id,
        clusterName: cluster.name,
        year: target.year,
        level: target.level,
        levelLabel: levelLabels[target.level],
        communes: communes.length,
        achieved,
        share: achieved / communes.length,
      });
    }
  }
  return progress;
};
