import type { EntityManager } from 'typeorm';
import { LEVELS, levelLabels, reaches, type Level } from '@ntm/criteria';
import { maintenanceStandingLabels, type MaintenanceStanding } from '@ntm/recognition';
import {
  standingsOf,
  type CommuneStandingRow,
  type StandingDossierRow,
} from '../projectors/commune-standings';
import {
  Conditions,
  byYearAndCriteriaPeriod,
  rowsOf,
  scopeConditions,
  type Scope,
  type YearAndCriteriaPeriod,
} from './sql';

/** Tables the standings queries read: the projection's live tables and the registered units. */
export interface StandingsTables {
  readonly standings: string;
  readonly standingDossiers: string;
  readonly units: string;
}

/** Which dossiers a standing rests on: those of a year, of a criteria period, for a level. */
export interface StandingsFilter extends YearAndCriteriaPeriod {
  readonly level?: string;
}

/** The standings' rows as SQL: the projection's table, or the communes' standings from the filtered dossiers. */
type Source = (c: Conditions) => string;

/**
 * With no filter, the projection's own table. With one, each commune's standing is folded again, as the
 * projection folds it, from only the dossiers of that year, criteria period or level (a province has a few thousand).
 */
const standingsSource = async (
  m: EntityManager,
  t: StandingsTables,
  scope: Scope,
  f: StandingsFilter,
): Promise<Source> => {
  if (f.year === undefined && f.criteriaPeriod === undefined && f.level === undefined)
    return () => t.standings;
  const c = byYearAndCriteriaPeriod(scopeConditions(scope), f).add('level = $?', f.level);
  const dossiers = await rowsOf<StandingDossierRow>(
    m,
    `SELECT * FROM ${t.standingDossiers} ${c.sql}`,
    c.params,
  );
  const rows = JSON.stringify(standingsOf(dossiers));
  return (q) => `jsonb_populate_recordset(null::${t.standings}, ${q.param(rows)}::jsonb)`;
};

export interface CommuneStanding {
  readonly communeCode: string;
  readonly communeName: string;
  readonly districtCode: string | null;
  readonly districtName: string | null;
  readonly registered: boolean;
  readonly criteriaTotal: number | null;
  readonly criteriaMet: number | null;
  readonly metCriteria: number[];
  readonly failedCriteria: number[];
  readonly criteriaSource: string | null;
  readonly levelHeld: string | null;
  readonly levelHeldLabel: string | null;
  readonly decisionNumber: string | null;
  readonly decidedOn: string | null;
  readonly revocations: number;
  readonly lastRevocationNumber: string | null;
  readonly lastRevocationOn: string | null;
  /** The latest yearly review of the recognition held (RULES-2026 §4); null when none was recorded. */
  readonly review: AnnualReviewStanding | null;
  readonly dossiers: number;
}

export interface AnnualReviewStanding {
  readonly year: number;
  readonly standing: MaintenanceStanding;
  readonly standingLabel: string;
  /** More failed criteria that would make revocation due: 0 when it is, null when none could. */
  readonly criteriaToRevocation: number | null;
  /** The criteria the review found not kept (the commune's latest evaluation may be another dossier's). */
  readonly failedCriteria: number[];
}

/** Communes by the latest yearly review of the recognition they hold. */
export interface MaintenanceCounts {
  readonly reviewed: number;
  readonly maintained: number;
  readonly slipping: number;
  readonly nearThreshold: number;
  readonly revocationDue: number;
}

/** Distribution buckets of criteria met (RULES.md §5): 19, 15-18, 10-14, under 10. */
export interface Distribution {
  readonly all: number;
  readonly from15to18: number;
  readonly from10to14: number;
  readonly under10: number;
}

export interface StandingsAggregate {
  /** Null for the province as a whole. */
  readonly districtCode: string | null;
  readonly districtName: string | null;
  readonly communes: number;
  /**
   * Communes holding the standard or one built on it (a nâng cao commune is also an NTM commune; a hiện đại one
   * builds on NTM, not on nâng cao or kiểu mẫu).
   */
  readonly atLeast: {
    readonly ntm: number;
    readonly nangCao: number;
    readonly kieuMau: number;
    readonly hienDai: number;
  };
  readonly share: {
    readonly ntm: number | null;
    readonly nangCao: number | null;
    readonly kieuMau: number | null;
    readonly hienDai: number | null;
  };
  /** Communes by the highest standard they hold. */
  readonly highest: {
    readonly none: number;
    readonly ntm: number;
    readonly nangCao: number;
    readonly kieuMau: number;
    readonly hienDai: number;
  };
  /** Communes with an assessment (the base of the averages and the distribution). */
  readonly assessed: number;
  readonly averageCriteriaMet: number | null;
  readonly below15: number;
  readonly distribution: Distribution;
  /** Criterion number -> communes meeting it. */
  readonly criteriaAchievement: Record<number, number>;
  /** Number of criteria met -> communes meeting exactly that many (assessed communes only). */
  readonly criteriaMetCounts: Record<number, number>;
  readonly revocations: number;
  readonly maintenance: MaintenanceCounts;
}

/** Every commune of the scope: the registered ones, and any that opened a dossier, with its standing. */
const communesCte = (t: StandingsTables, source: Source, scope: Scope, c: Conditions): string => {
  const province = c.param(scope.provinceCode ?? null);
  const standings = source(c);
  return `
    units AS (SELECT code, name, district_code FROM ${t.units} WHERE kind = 'commune' AND (${province}::text IS NULL OR province_code = ${province})),
    standing AS (SELECT * FROM ${standings} WHERE (${province}::text IS NULL OR province_code = ${province})),
    communes AS (
      SELECT coalesce(u.code, s.commune_code) AS commune_code,
             coalesce(u.name, s.commune_name) AS commune_name,
             coalesce(u.district_code, s.district_code) AS district_code,
             u.code IS NOT NULL AS registered,
             s.criteria_total, s.criteria_met_count, coalesce(s.criteria_met, '{}') AS criteria_met,
             coalesce(s.criteria_failed, '{}') AS criteria_failed, s.criteria_source,
             s.level_held, coalesce(s.level_rank, 0) AS level_rank, s.decision_number, s.decided_on,
             coalesce(s.revocations, 0) AS revocations, s.last_revoked_number, s.last_revoked_on,
             s.review_year, s.review_standing, s.review_to_revocation, coalesce(s.review_failed, '{}') AS review_failed,
             coalesce(s.dossiers, 0) AS dossiers
        FROM units u FULL JOIN standing s ON s.commune_code = u.code),
    districts AS (SELECT code, name FROM ${t.units} WHERE kind = 'district')`;
};

const inScope = (scope: Scope, c: Conditions) =>
  new Conditions(c.params)
    .add('c.district_code = $?', scope.districtCode)
    .add('c.commune_code = $?', scope.communeCode);

/** A commune of the scope: its standings row (or a registered unit's blanks) with its district's name. */
type StandingRow = CommuneStandingRow & { registered: boolean; district_name: string | null };

export const queryStandings = async (
  m: EntityManager,
  t: StandingsTables,
  scope: Scope,
  f: StandingsFilter & {
    /** Only communes assessed with fewer criteria met than this. */
    readonly belowCriteria?: number;
    /** Only communes whose latest yearly review gave one of these. */
    readonly reviewStandings?: readonly MaintenanceStanding[];
  } = {},
): Promise<CommuneStanding[]> => {
  const c = new Conditions();
  const cte = communesCte(t, await standingsSource(m, t, scope, f), scope, c);
  const where = inScope(scope, c)
    .add('c.criteria_met_count < $?', f.belowCriteria)
    .add('c.review_standing = ANY($?::text[])', f.reviewStandings);
  const rows = await rowsOf<StandingRow>(
    m,
    `WITH ${cte} SELECT c.*, d.name AS district_name FROM communes c LEFT JOIN districts d ON d.code = c.district_code
      ${where.sql} ORDER BY c.district_code NULLS FIRST, c.commune_code`,
    where.params,
  );
  return rows.map((r): CommuneStanding => ({
    communeCode: r.commune_code,
    communeName: r.commune_name,
    districtCode: r.district_code,
    districtName: r.district_name,
    registered: r.registered,
    criteriaTotal: r.criteria_total,
    criteriaMet: r.criteria_met_count,
    metCriteria: r.criteria_met,
    failedCriteria: r.criteria_failed,
    criteriaSource: r.criteria_source,
    levelHeld: r.level_held,
    levelHeldLabel: r.level_held ? levelLabels[r.level_held as Level] : null,
    decisionNumber: r.decision_number,
    decidedOn: r.decided_on,
    revocations: r.revocations,
    lastRevocationNumber: r.last_revoked_number,
    lastRevocationOn: r.last_revoked_on,
    review:
      r.review_year === null
        ? null
        : {
            year: r.review_year,
            standing: r.review_standing as MaintenanceStanding,
            standingLabel: maintenanceStandingLabels[r.review_standing as MaintenanceStanding],
            criteriaToRevocation: r.review_to_revocation,
            failedCriteria: r.review_failed,
          },
    dossiers: r.dossiers,
  }));
};

const share = (n: number, of: number): number | null => (of === 0 ? null : n / of);

/** The levels that show a commune reached `level` (it, or one built on it), as an SQL array literal. */
const reaching = (level: Level): string =>
  `ARRAY[${LEVELS.filter((held) => reaches(held, level))
    .map((l) => `'${l}'`)
    .join(', ')}]::text[]`;

/** One group of the summary: a district, or the whole scope when `total`. */
interface SummaryRow {
  total: boolean;
  district_code: string | null;
  district_name: string | null;
  communes: number;
  ntm: number;
  nang_cao: number;
  kieu_mau: number;
  hien_dai: number;
  highest_none: number;
  highest_ntm: number;
  highest_nang_cao: number;
  highest_kieu_mau: number;
  highest_hien_dai: number;
  assessed: number;
  average: number | null;
  below15: number;
  all_met: number;
  d15: number;
  d10: number;
  d0: number;
  revocations: number;
  reviewed: number;
  maintained: number;
  slipping: number;
  near_threshold: number;
  revocation_due: number;
}

/** The aggregates officials report, per district and for the whole scope (districtCode null). */
export const queryStandingsSummary = async (
  m: EntityManager,
  t: StandingsTables,
  scope: Scope,
  f: StandingsFilter = {},
): Promise<StandingsAggregate[]> => {
  const c = new Conditions();
  const cte = communesCte(t, await standingsSource(m, t, scope, f), scope, c);
  const where = inScope(scope, c);
  const rows = await rowsOf<SummaryRow>(
    m,
    `WITH ${cte}, scoped AS (SELECT c.* FROM communes c ${where.sql})
     SELECT GROUPING(s.district_code) = 1 AS total, s.district_code, max(d.name) AS district_name,
            count(*)::int AS communes,
            count(*) FILTER (WHERE level_held = ANY (${reaching('ntm')}))::int AS ntm,
            count(*) FILTER (WHERE level_held = ANY (${reaching('nang-cao')}))::int AS nang_cao,
            count(*) FILTER (WHERE level_held = ANY (${reaching('kieu-mau')}))::int AS kieu_mau,
            count(*) FILTER (WHERE level_held = ANY (${reaching('hien-dai')}))::int AS hien_dai,
            count(*) FILTER (WHERE level_held IS NULL)::int AS highest_none,
            count(*) FILTER (WHERE level_held = 'ntm')::int AS highest_ntm,
            count(*) FILTER (WHERE level_held = 'nang-cao')::int AS highest_nang_cao,
            count(*) FILTER (WHERE level_held = 'kieu-mau')::int AS highest_kieu_mau,
            count(*) FILTER (WHERE level_held = 'hien-dai')::int AS highest_hien_dai,
            count(*) FILTER (WHERE criteria_total IS NOT NULL)::int AS assessed,
            avg(criteria_met_count)::float8 AS average,
            count(*) FILTER (WHERE criteria_met_count < 15)::int AS below15,
            count(*) FILTER (WHERE criteria_met_count >= 19)::int AS all_met,
            count(*) FILTER (WHERE criteria_met_count BETWEEN 15 AND 18)::int AS d15,
            count(*) FILTER (WHERE criteria_met_count BETWEEN 10 AND 14)::int AS d10,
            count(*) FILTER (WHERE criteria_met_count < 10)::int AS d0,
            coalesce(sum(revocations), 0)::int AS revocations,
            count(*) FILTER (WHERE review_year IS NOT NULL)::int AS reviewed,
            count(*) FILTER (WHERE review_standing = 'maintained')::int AS maintained,
            count(*) FILTER (WHERE review_standing = 'slipping')::int AS slipping,
            count(*) FILTER (WHERE review_standing = 'near-threshold')::int AS near_threshold,
            count(*) FILTER (WHERE review_standing = 'revocation-due')::int AS revocation_due
       FROM scoped s LEFT JOIN districts d ON d.code = s.district_code
      GROUP BY GROUPING SETS ((s.district_code), ())
      ORDER BY GROUPING(s.district_code) DESC, s.district_code NULLS FIRST`,
    where.params,
  );
  const achieved = await rowsOf<{
    total: boolean;
    district_code: string | null;
    criterion: number;
    communes: number;
  }>(
    m,
    `WITH ${cte}, scoped AS (SELECT c.* FROM communes c ${where.sql})
     SELECT GROUPING(s.district_code) = 1 AS total, s.district_code, k AS criterion, count(*)::int AS communes
       FROM scoped s, unnest(s.criteria_met) AS k
      GROUP BY GROUPING SETS ((s.district_code, k), (k))`,
    where.params,
  );
  const counted = await rowsOf<{
    total: boolean;
    district_code: string | null;
    met: number;
    communes: number;
  }>(
    m,
    `WITH ${cte}, scoped AS (SELECT c.* FROM communes c ${where.sql})
     SELECT GROUPING(s.district_code) = 1 AS total, s.district_code, s.criteria_met_count AS met, count(*)::int AS communes
       FROM scoped s WHERE s.criteria_met_count IS NOT NULL
      GROUP BY GROUPING SETS ((s.district_code, s.criteria_met_count), (s.criteria_met_count))`,
    where.params,
  );
  const key = (total: boolean, district: string | null) => (total ? '*' : `d:${district}`);
  const perGroup = <R extends { total: boolean; district_code: string | null; communes: number }>(
    rows: readonly R[],
    of: (r: R) => number,
  ) => {
    const groups = new Map<string, Record<number, number>>();
    for (const r of rows) {
      const k = key(r.total, r.district_code);
      groups.set(k, { ...groups.get(k), [of(r)]: r.communes });
    }
    return groups;
  };
  const byGroup = perGroup(achieved, (a) => a.criterion);
  const byCount = perGroup(counted, (c) => c.met);
  return rows.map((r): StandingsAggregate => ({
    districtCode: r.total ? null : r.district_code,
    districtName: r.total ? null : r.district_name,
    communes: r.communes,
    atLeast: { ntm: r.ntm, nangCao: r.nang_cao, kieuMau: r.kieu_mau, hienDai: r.hien_dai },
    share: {
      ntm: share(r.ntm, r.communes),
      nangCao: share(r.nang_cao, r.communes),
      kieuMau: share(r.kieu_mau, r.communes),
      hienDai: share(r.hien_dai, r.communes),
    },
    highest: {
      none: r.highest_none,
      ntm: r.highest_ntm,
      nangCao: r.highest_nang_cao,
      kieuMau: r.highest_kieu_mau,
      hienDai: r.highest_hien_dai,
    },
    assessed: r.assessed,
    averageCriteriaMet: r.average,
    below15: r.below15,
    distribution: { all: r.all_met, from15to18: r.d15, from10to14: r.d10, under10: r.d0 },
    criteriaAchievement: byGroup.get(key(r.total, r.district_code)) ?? {},
    criteriaMetCounts: byCount.get(key(r.total, r.district_code)) ?? {},
    revocations: r.revocations,
    maintenance: {
      reviewed: r.reviewed,
      maintained: r.maintained,
      slipping: r.slipping,
      nearThreshold: r.near_threshold,
      revocationDue: r.revocation_due,
    },
  }));
};
