import type { EntityManager } from 'typeorm';
import { revocationReferenceLevel, type Level } from '@ntm/criteria';
import type { RecordedEvent } from '@ntm/event-store';
import { DOSSIER_STREAM_PREFIX, type CriterionFinding, type DossierEvent } from '@ntm/recognition';
import { foldDossiers, type DossierKeyed } from '../dossier-fold';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';
import { placeColumns, placeOf, type DossierPlace } from './location';

/** Criterion number -> met, as JSON object keys. */
type Results = Record<string, boolean>;

/** What one dossier says about its commune: its latest results and the decisions on it. */
export interface StandingDossierRow extends DossierKeyed, DossierPlace {
  commune_name: string;
  opened_position: string;
  assessed: Results | null;
  verified: Results | null;
  appraised: Results | null;
  /** The latest word on each criterion (RULES: the council's findings, else the verification, else the self-assessment). */
  effective: Results | null;
  /** The criteria set the results are against (kiểu mẫu and its revocation use the nâng cao set). */
  eval_level: string | null;
  eval_source: string | null;
  eval_position: string | null;
  granted_number: string | null;
  granted_on: string | null;
  revoked_number: string | null;
  revoked_on: string | null;
  /** The latest year reviewed after recognition, with the warning it gave (RULES-2026 §4). */
  review_year: number | null;
  review_standing: string | null;
  review_to_revocation: number | null;
  review_failed: number[] | null;
}

export interface CommuneStandingRow {
  commune_code: string;
  commune_name: string;
  province_code: string;
  district_code: string | null;
  criteria_total: number | null;
  criteria_met_count: number | null;
  criteria_met: number[];
  criteria_failed: number[];
  criteria_level: string | null;
  criteria_source: string | null;
  criteria_dossier: string | null;
  /** Highest standard held now (granted, not revoked); null when none. */
  level_held: string | null;
  /** 0 none, 1 NTM, 2 nâng cao, 3 kiểu mẫu. */
  level_rank: number;
  decision_number: string | null;
  decided_on: string | null;
  revocations: number;
  last_revoked_number: string | null;
  last_revoked_on: string | null;
  /** The latest yearly review of a recognition still held: its year, warning, distance and failed criteria. */
  review_year: number | null;
  review_standing: string | null;
  review_to_revocation: number | null;
  review_failed: number[];
  dossiers: number;
}

export const standingDossiersTable: TableDef<StandingDossierRow> = {
  base: 'rm_standing_dossiers',
  columns: {
    dossier_id: 'text',
    version: 'int',
    ...placeColumns,
    commune_name: 'text',
    opened_position: 'text',
    assessed: 'jsonb',
    verified: 'jsonb',
    appraised: 'jsonb',
    effective: 'jsonb',
    eval_level: 'text',
    eval_source: 'text',
    eval_position: 'text',
    granted_number: 'text',
    granted_on: 'text',
    revoked_number: 'text',
    revoked_on: 'text',
    review_year: 'int',
    review_standing: 'text',
    review_to_revocation: 'int',
    review_failed: 'int[]',
  },
  key: ['dossier_id'],
  indexes: [['commune_code'], ['province_code', 'district_code']],
};

export const standingsTable: TableDef<CommuneStandingRow> = {
  base: 'rm_commune_standings',
  columns: {
    commune_code: 'text',
    commune_name: 'text',
    province_code: 'text',
    district_code: 'text',
    criteria_total: 'int',
    criteria_met_count: 'int',
    criteria_met: 'int[]',
    criteria_failed: 'int[]',
    criteria_level: 'text',
    criteria_source: 'text',
    criteria_dossier: 'text',
    level_held: 'text',
    level_rank: 'int',
    decision_number: 'text',
    decided_on: 'text',
    revocations: 'int',
    last_revoked_number: 'text',
    last_revoked_on: 'text',
    review_year: 'int',
    review_standing: 'text',
    review_to_revocation: 'int',
    review_failed: 'int[]',
    dossiers: 'int',
  },
  key: ['commune_code'],
  indexes: [['province_code', 'district_code']],
};

export const LEVEL_RANK: Readonly<Record<Level, number>> = {
  ntm: 1,
  'nang-cao': 2,
  'kieu-mau': 3,
  // The 2026-2030 pilot level (Decision 51/2025/QĐ-TTg, Appendix II).
  'hien-dai': 4,
};

const HANDLES = [
  'DossierOpened',
  'SelfAssessmentRecorded',
  'VerificationPassed',
  'AppraisalConcluded',
  'DossierResubmitted',
  'RecognitionGranted',
  'AnnualReviewRecorded',
  'RevocationAssessed',
  'RecognitionRevoked',
] as const;

const toResults = (entries: readonly { criterion: number; met: boolean }[]): Results =>
  Object.fromEntries(entries.map((e) => [String(e.criterion), e.met]));

const overlay = (row: StandingDossierRow): Results | null =>
  row.assessed || row.verified || row.appraised
    ? { ...row.assessed, ...row.verified, ...row.appraised }
    : null;

const evaluated = (
  row: StandingDossierRow,
  r: RecordedEvent,
  source: string,
  changes: Partial<StandingDossierRow>,
) => {
  const next = { ...row, ...changes };
  return {
    ...next,
    effective: overlay(next),
    eval_level: row.level,
    eval_source: source,
    eval_position: r.position,
  };
};

const findings = (f: readonly CriterionFinding[] | null): Results | null => (f ? toResults(f) : null);

const evolveDossier = (row: StandingDossierRow | undefined, e: DossierEvent, r: RecordedEvent) => {
  if (e.type === 'DossierOpened') {
    if (row) return undefined;
    return {
      dossier_id: e.data.dossierId,
      version: 0,
      ...placeOf(e),
      commune_name: e.data.commune.name,
      opened_position: r.position,
      assessed: null,
      verified: null,
      appraised: null,
      effective: null,
      eval_level: null,
      eval_source: null,
      eval_position: null,
      granted_number: null,
      granted_on: null,
      revoked_number: null,
      revoked_on: null,
      review_year: null,
      review_standing: null,
      review_to_revocation: null,
      review_failed: null,
    } satisfies StandingDossierRow;
  }
  if (!row) return undefined;
  switch (e.type) {
    case 'SelfAssessmentRecorded':
      return evaluated(row, r, 'self-assessment', { assessed: toResults(e.data.criteria) });
    case 'VerificationPassed':
      return evaluated(row, r, 'verification', { verified: toResults(e.data.findings) });
    case 'AppraisalConcluded':
      return e.data.findings
        ? evaluated(row, r, 'appraisal', { appraised: findings(e.data.findings) })
        : { ...row };
    case 'DossierResubmitted':
      // A new round: the previous round's findings no longer speak for the dossier.
      return evaluated(row, r, 'self-assessment', { verified: null, appraised: null });
    case 'RecognitionGranted':
      return { ...row, granted_number: e.data.decisionNumber, granted_on: e.data.decidedOn };
    case 'AnnualReviewRecorded': {
      // A correction of an earlier year leaves the latest year's review in place.
      if (row.review_year !== null && e.data.year < row.review_year) return { ...row };
      return {
        ...row,
        effective: toResults(e.data.results),
        eval_level: revocationReferenceLevel(row.level as Level),
        eval_source: 'annual-review',
        eval_position: r.position,
        review_year: e.data.year,
        review_standing: e.data.standing,
        review_to_revocation: e.data.criteriaToRevocation,
        review_failed: [...e.data.failedCriteria],
      };
    }
    case 'RevocationAssessed':
      return {
        ...row,
        effective: toResults(e.data.results),
        eval_level: revocationReferenceLevel(row.level as Level),
        eval_source: 'revocation-assessment',
        eval_position: r.position,
      };
    case 'RecognitionRevoked':
      return { ...row, revoked_number: e.data.decisionNumber, revoked_on: e.data.decidedOn };
    default:
      return undefined;
  }
};

const latest = <T>(rows: readonly T[], by: (r: T) => string | null): T | undefined =>
  rows.reduce<T | undefined>((best, r) => {
    const k = by(r);
    return k !== null && (best === undefined || k > by(best)!) ? r : best;
  }, undefined);

/** A commune's standing from all its dossiers. */
export const standingOf = (dossiers: readonly StandingDossierRow[]): CommuneStandingRow => {
  const named = latest(dossiers, (d) => d.opened_position)!;
  const evaluation = latest(dossiers, (d) => d.eval_position);
  const held = dossiers
    .filter((d) => d.granted_number !== null && d.revoked_number === null)
    .sort(
      (a, b) =>
        LEVEL_RANK[b.level as Level] - LEVEL_RANK[a.level as Level] ||
        (b.granted_on ?? '').localeCompare(a.granted_on ?? ''),
    )[0];
  // The latest year reviewed among the recognitions still held (a tie: the higher level's review).
  const reviewed = dossiers
    .filter((d) => d.granted_number !== null && d.revoked_number === null && d.review_year !== null)
    .sort(
      (a, b) =>
        b.review_year! - a.review_year! || LEVEL_RANK[b.level as Level] - LEVEL_RANK[a.level as Level],
    )[0];
  const revoked = dossiers
    .filter((d) => d.revoked_number !== null)
    .sort((a, b) => (a.revoked_on ?? '').localeCompare(b.revoked_on ?? ''));
  const results = Object.entries(evaluation?.effective ?? {}).map(([k, met]) => ({
    criterion: Number(k),
    met,
  }));
  const numbers = (met: boolean) =>
    results
      .filter((x) => x.met === met)
      .map((x) => x.criterion)
      .sort((a, b) => a - b);
  return {
    commune_code: named.commune_code,
    commune_name: named.commune_name,
    province_code: named.province_code,
    district_code: named.district_code,
    criteria_total: evaluation ? results.length : null,
    criteria_met_count: evaluation ? numbers(true).length : null,
    criteria_met: numbers(true),
    criteria_failed: numbers(false),
    criteria_level: evaluation?.eval_level ?? null,
    criteria_source: evaluation?.eval_source ?? null,
    criteria_dossier: evaluation?.dossier_id ?? null,
    level_held: held?.level ?? null,
    level_rank: held ? LEVEL_RANK[held.level as Level] : 0,
    decision_number: held?.granted_number ?? null,
    decided_on: held?.granted_on ?? null,
    revocations: revoked.length,
    last_revoked_number: revoked.at(-1)?.revoked_number ?? null,
    last_revoked_on: revoked.at(-1)?.revoked_on ?? null,
    review_year: reviewed?.review_year ?? null,
    review_standing: reviewed?.review_standing ?? null,
    review_to_revocation: reviewed?.review_to_revocation ?? null,
    review_failed: reviewed?.review_failed ?? [],
    dossiers: dossiers.length,
  };
};

/** The standing of each commune these dossiers are of. */
export const standingsOf = (dossiers: readonly StandingDossierRow[]): CommuneStandingRow[] => {
  const byCommune = new Map<string, StandingDossierRow[]>();
  for (const d of dossiers) byCommune.set(d.commune_code, [...(byCommune.get(d.commune_code) ?? []), d]);
  return [...byCommune.values()].map(standingOf);
};

/**
 * Each commune's standing: criteria met by its latest assessment or findings, the standard it holds with the
 * decision, its revocations. Communes without a dossier come from the administrative units at query time.
 */
export const communeStandings: Projector = {
  name: 'commune-standings',
  label: 'Mức đạt chuẩn của các xã',
  // 2: the dossiers' period (plan progress by period). 3: named criteria_period, with the other reports'.
  // 4: the yearly reviews after recognition. 5: with their failed criteria.
  version: 5,
  handles: HANDLES,
  streamPrefixes: [DOSSIER_STREAM_PREFIX],
  tables: [standingDossiersTable, standingsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const dossiers = table(tables, standingDossiersTable);
    const changed = await foldDossiers(manager, dossiers, events, new Set(HANDLES), evolveDossier);
    const communes = [...new Set([...changed.values()].map((d) => d.commune_code))];
    if (communes.length === 0) return;
    const all: StandingDossierRow[] = await manager.query(
      `SELECT * FROM ${dossiers.name} WHERE commune_code = ANY($1::text[])`,
      [communes],
    );
    await table(tables, standingsTable).upsert(manager, standingsOf(all));
  },
};
