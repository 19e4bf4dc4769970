import { kieuMauConditions2021, nangCaoCriteria2021, ntmCriteria2021 } from './data/2021-2025';
import type { Criterion, CriteriaSet, KieuMauConditions, Level, Period } from './types';

export interface CriteriaSetOptions {
  /** Overrides of kiểu mẫu's extra conditions (e.g. a province's own income factor). */
  readonly kieuMau?: Partial<KieuMauConditions>;
}

const sets2021: Readonly<Record<Level, CriteriaSet>> = {
  ntm: {
    period: '2021-2025',
    level: 'ntm',
    source: 'Quyết định 318/QĐ-TTg ngày 08/03/2022',
    verified: true,
    criteria: ntmCriteria2021,
  },
  'nang-cao': {
    period: '2021-2025',
    level: 'nang-cao',
    source: 'Quyết định 318/QĐ-TTg ngày 08/03/2022',
    verified: false,
    note: 'Tên và nhóm tiêu chí chưa được đối chiếu với văn bản gốc (UNVERIFIED).',
    criteria: nangCaoCriteria2021,
  },
  // A kiểu mẫu commune must meet the full nâng cao set, plus the extra conditions.
  'kieu-mau': {
    period: '2021-2025',
    level: 'kieu-mau',
    source: 'Quyết định 319/QĐ-TTg ngày 08/03/2022',
    verified: false,
    note: 'Áp dụng bộ tiêu chí xã nông thôn mới nâng cao (tên tiêu chí UNVERIFIED) và các điều kiện bổ sung.',
    criteria: nangCaoCriteria2021,
    kieuMau: kieuMauConditions2021,
  },
};

const catalogue: Readonly<Record<Period, Readonly<Record<Level, CriteriaSet>>>> = {
  '2021-2025': sets2021,
};

export const criteriaPeriods = Object.keys(catalogue) as Period[];

export const criteriaSet = (period: Period, level: Level, options: CriteriaSetOptions = {}): CriteriaSet => {
  const set = catalogue[period]?.[level];
  if (!set) throw new Error(`No criteria set for period ${period}, level ${level}`);
  if (!set.kieuMau || !options.kieuMau) return set;
  return { ...set, kieuMau: { ...set.kieuMau, ...options.kieuMau } };
};

/** The set a recognised commune is re-assessed against for revocation: nâng cao serves kiểu mẫu too. */
export const revocationReferenceLevel = (level: Level): Level => (level === 'kieu-mau' ? 'nang-cao' : level);

export const findCriterion = (set: CriteriaSet, number: number): Criterion | undefined =>
  set.criteria.find((c) => c.number === number);

/** "Tiêu chí 17 (Môi trường và an toàn thực phẩm)": how messages name a criterion. */
export const criterionLabel = (set: CriteriaSet, number: number): string => {
  const c = findCriterion(set, number);
  return c ? `Tiêu chí ${number} (${c.name})` : `Tiêu chí ${number}`;
};

export const keyCriteria = (set: CriteriaSet): number[] =>
  set.criteria.filter((c) => c.key).map((c) => c.number);
