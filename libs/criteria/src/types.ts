/** Criteria catalogues are data: these types describe them; the values live in ./data. */

export const PERIODS = ['2021-2025', '2026-2030'] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The standards a commune can be recognised at. 'hien-dai' is the 2026-2030 pilot "xã nông thôn mới hiện đại"
 * (Decision 51/2025/QĐ-TTg, Appendix II); which levels a period offers is data (the criteria sets loaded).
 */
export const LEVELS = ['ntm', 'nang-cao', 'kieu-mau', 'hien-dai'] as const;
export type Level = (typeof LEVELS)[number];
/** The levels piloted in selected communes only (Decision 51/2025/QĐ-TTg, Appendix II: "hiện đại"). */
export const PILOT_LEVELS = ['hien-dai'] as const;
/** The levels of the 2021-2025 period. */
export const LEVELS_2021 = ['ntm', 'nang-cao', 'kieu-mau'] as const;

/**
 * The levels a period offers: a dossier may be opened, and a plan may set a target, only at these. 2026-2030 keeps
 * nâng cao and kiểu mẫu for the sets a province may issue (RULES-2026 §1); a criteria set must still serve a level.
 */
export const periodLevels: Readonly<Record<Period, readonly Level[]>> = {
  '2021-2025': LEVELS_2021,
  '2026-2030': LEVELS,
};

/** A period's first and last years ('2026-2030': 2026 and 2030). */
export const periodYears = (period: Period): { readonly from: number; readonly to: number } => {
  const [from, to] = period.split('-').map(Number);
  return { from, to };
};

/** The period a year belongs to; undefined outside the programme's periods. */
export const periodOfYear = (year: number): Period | undefined =>
  PERIODS.find((p) => year >= periodYears(p).from && year <= periodYears(p).to);

/** The level a commune must hold before it may be assessed at another. */
export const prerequisiteLevel: Readonly<Record<Level, Level | null>> = {
  ntm: null,
  'nang-cao': 'ntm',
  'kieu-mau': 'nang-cao',
  // UNVERIFIED: the pilot framework (Decision 51/2025, Appendix II) is read as building on NTM.
  'hien-dai': 'ntm',
};

/** Whether holding `held` shows the commune reached `level` (it, or a level built on it). */
export const reaches = (held: Level, level: Level): boolean => {
  for (let l: Level | null = held; l; l = prerequisiteLevel[l]) if (l === level) return true;
  return false;
};

export const levelLabels: Readonly<Record<Level, string>> = {
  ntm: 'nông thôn mới',
  'nang-cao': 'nông thôn mới nâng cao',
  'kieu-mau': 'nông thôn mới kiểu mẫu',
  'hien-dai': 'nông thôn mới hiện đại',
};

/** The five groups of Decision 318/QĐ-TTg. */
export const CRITERION_GROUPS = [
  'quy-hoach',
  'ha-tang-kinh-te-xa-hoi',
  'kinh-te-to-chuc-san-xuat',
  'van-hoa-xa-hoi-moi-truong',
  'he-thong-chinh-tri',
] as const;
export type CriterionGroup = (typeof CRITERION_GROUPS)[number];

/** The seven socio-economic regions whose thresholds differ (Decision 318). */
export const REGIONS = [
  'trung-du-mien-nui-phia-bac',
  'dong-bang-song-hong',
  'bac-trung-bo',
  'duyen-hai-nam-trung-bo',
  'tay-nguyen',
  'dong-nam-bo',
  'dong-bang-song-cuu-long',
] as const;
export type Region = (typeof REGIONS)[number];

export const regionLabels: Readonly<Record<Region, string>> = {
  'trung-du-mien-nui-phia-bac': 'Trung du miền núi phía Bắc',
  'dong-bang-song-hong': 'Đồng bằng sông Hồng',
  'bac-trung-bo': 'Bắc Trung Bộ',
  'duyen-hai-nam-trung-bo': 'Duyên hải Nam Trung Bộ',
  'tay-nguyen': 'Tây Nguyên',
  'dong-nam-bo': 'Đông Nam Bộ',
  'dong-bang-song-cuu-long': 'Đồng bằng sông Cửu Long',
};

/** How a measured value is compared with a threshold; 'achieved' is a yes/no indicator. */
export type Comparison = 'at-least' | 'at-most' | 'equals' | 'achieved';

/** A threshold for one region, or the general level ('chung') that applies where no region overrides it. */
export interface Threshold {
  readonly region: Region | 'chung';
  readonly comparison: Comparison;
  /** Null for 'achieved' indicators. */
  readonly value: number | null;
  /** e.g. 'triệu đồng/người/năm', '%'. */
  readonly unit: string;
}

/** An indicator (chỉ tiêu) of a criterion, e.g. 10.1. */
export interface Indicator {
  readonly code: string;
  readonly name: string;
  /** Empty until the thresholds are taken from the official text or the province's set. */
  readonly thresholds: readonly Threshold[];
}

export interface Criterion {
  readonly number: number;
  /** Decision 318's groups (2021-2025); the 2026-2030 set has none. */
  readonly group?: CriterionGroup;
  readonly name: string;
  /** A key criterion for revocation (Regulation 18/2022): failing one lowers the revocation bar to 30%. */
  readonly key: boolean;
  readonly indicators: readonly Indicator[];
}

/** Decision 319/QĐ-TTg: what a kiểu mẫu commune must show on top of the nâng cao set. */
export interface KieuMauConditions {
  /** Per-capita income must reach this factor times the province's nâng cao average (1.1 = 10% higher). */
  readonly incomeFactor: number;
  readonly minSmartVillages: number;
  readonly minOutstandingFields: number;
}

export interface CriteriaSet {
  readonly period: Period;
  readonly level: Level;
  /** The legal instrument the set comes from. */
  readonly source: string;
  /** False when the names or grouping were not checked against the official text. */
  readonly verified: boolean;
  readonly note?: string;
  readonly criteria: readonly Criterion[];
  /** Only for kiểu mẫu. */
  readonly kieuMau?: KieuMauConditions;
}
