import { createHash } from 'node:crypto';
import type { Criterion, CriteriaSet, CriterionGroup, KieuMauConditions, Level, Period } from './types';
import { CRITERION_GROUPS } from './types';

export * from './assess';

/**
 * A criteria set as a versioned document: what an administrator loads (a JSON file), what the catalogue
 * stream records, and what a dossier pins at its opening. The built-in sets are written in the same form.
 */

/** Decision 51/2025/QĐ-TTg: every indicator has a threshold per commune group. */
export const COMMUNE_GROUPS = ['nhom-1', 'nhom-2', 'nhom-3'] as const;
export type CommuneGroup = (typeof COMMUNE_GROUPS)[number];

export const communeGroupLabels: Readonly<Record<CommuneGroup, string>> = {
  'nhom-1': 'xã nhóm 1',
  'nhom-2': 'xã nhóm 2',
  'nhom-3': 'xã nhóm 3',
};

/** How a reported value is compared with its group's threshold. */
export const COMPARISONS = ['>=', '<=', '=', 'boolean'] as const;
export type IndicatorComparison = (typeof COMPARISONS)[number];

export type ThresholdValue = number | boolean | null;

export interface IndicatorDocument {
  /** e.g. "2.1". Unique within the set. */
  readonly code: string;
  readonly name: string;
  /** e.g. "%", "triệu đồng/người/năm"; null for a yes/no indicator. */
  readonly unit: string | null;
  readonly comparison: IndicatorComparison;
  /**
   * Threshold per group code of the set ("chung" applies where a group has none). Null: no figure has been
   * taken from an official text yet, so the indicator cannot be judged met.
   */
  readonly thresholds: Readonly<Record<string, ThresholdValue>>;
  readonly unverified?: boolean;
  readonly note?: string;
}

export interface CriterionDocument {
  readonly number: number;
  readonly name: string;
  /** The 2021-2025 sets group their criteria (Decision 318's five groups); the 2026-2030 set does not. */
  readonly group?: string;
  /** A key criterion for revocation. */
  readonly key: boolean;
  readonly indicators: readonly IndicatorDocument[];
  readonly unverified?: boolean;
}

export interface GroupDocument {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
}

export type CriteriaSetScope =
  { readonly kind: 'national' } | { readonly kind: 'province'; readonly provinceCode: string };

export interface PilotCondition {
  readonly code: string;
  readonly text: string;
  readonly unverified?: boolean;
}

export interface CriteriaSetDocument {
  /** Stable identifier, e.g. "qd51-2025-xa-ntm"; a changed text is a new id (or a higher version). */
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly period: Period;
  readonly scope: CriteriaSetScope;
  readonly source: {
    /** e.g. "51/2025/QĐ-TTg". */
    readonly decision: string;
    /** YYYY-MM-DD of signature. */
    readonly date: string;
    readonly effectiveFrom?: string;
    readonly url?: string;
  };
  /** The recognition levels this set serves. */
  readonly levels: readonly Level[];
  /**
   * How a commune's result is computed: 'criteria' (the commune states each criterion met, 2021-2025) or
   * 'indicators' (the commune reports each indicator's value; the system computes, 2026-2030).
   */
  readonly assessment: 'criteria' | 'indicators';
  /** The groups thresholds are given for (commune groups, or regions for the 2021-2025 sets). */
  readonly groups: readonly GroupDocument[];
  readonly criteria: readonly CriterionDocument[];
  /** Decision 319's extra conditions (kiểu mẫu only). */
  readonly kieuMau?: KieuMauConditions;
  /** A pilot level's framework (the 2026-2030 "hiện đại" pilot): prerequisite and conditions. */
  readonly pilot?: { readonly prerequisite: Level; readonly conditions: readonly PilotCondition[] };
  /** What was not checked against the official text (empty when everything was). */
  readonly unverified: readonly string[];
  /** A set made for tests or a demo: not law. */
  readonly test?: boolean;
  readonly note?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Content hash: canonical JSON (keys sorted), SHA-256.

export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

// A document is never changed once made (read-only throughout): its hash is worked out once per object, not at
// every opening that pins it (a 2021-2025 opening pinned its built-in set's hash anew, twice).
const hashes = new WeakMap<CriteriaSetDocument, string>();

/** SHA-256 of the document's canonical JSON: the same content always has the same hash. */
export const criteriaSetHash = (doc: CriteriaSetDocument): string => {
  let hash = hashes.get(doc);
  if (hash === undefined) {
    hash = createHash('sha256').update(canonicalJson(doc)).digest('hex');
    hashes.set(doc, hash);
  }
  return hash;
};

// ---------------------------------------------------------------------------------------------------------------
// The legacy shape the 2021-2025 procedure reads (CriteriaSet per level).

const formatDate = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};

export const sourceLabel = (doc: CriteriaSetDocument): string =>
  `Quyết định ${doc.source.decision} ngày ${formatDate(doc.source.date)}`;

const isCriterionGroup = (g: string | undefined): g is CriterionGroup =>
  g !== undefined && (CRITERION_GROUPS as readonly string[]).includes(g);

/** The set as the dossier's procedure reads it for one level. */
export const toCriteriaSet = (doc: CriteriaSetDocument, level: Level): CriteriaSet => {
  if (!doc.levels.includes(level)) throw new Error(`Criteria set ${doc.id} does not serve level ${level}`);
  const criteria: Criterion[] = doc.criteria.map((c) => ({
    number: c.number,
    ...(isCriterionGroup(c.group) ? { group: c.group } : {}),
    name: c.name,
    key: c.key,
    // The 2021-2025 catalogue held no indicators; 2026-2030 dossiers read indicators from the pinned document.
    indicators: [],
  }));
  return {
    period: doc.period,
    level,
    source: sourceLabel(doc),
    verified: doc.unverified.length === 0,
    ...(doc.note === undefined ? {} : { note: doc.note }),
    criteria,
    ...(doc.kieuMau && level === 'kieu-mau' ? { kieuMau: doc.kieuMau } : {}),
  };
};

export const allIndicators = (
  doc: CriteriaSetDocument,
): { criterion: number; indicator: IndicatorDocument }[] =>
  doc.criteria.flatMap((c) => c.indicators.map((indicator) => ({ criterion: c.number, indicator })));
