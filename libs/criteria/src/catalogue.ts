import { builtInCriteriaSets, kieuMauSet2021, nangCaoSet2021, ntmSet2021 } from './data/sets';
import { toCriteriaSet, type CriteriaSetDocument } from './document';
import type { Criterion, CriteriaSet, KieuMauConditions, Level, Period } from './types';

export interface CriteriaSetOptions {
  /** Overrides of kiểu mẫu's extra conditions (e.g. a province's own income factor). */
  readonly kieuMau?: Partial<KieuMauConditions>;
}

// The 2021-2025 sets, read from their documents (a test pins them equal to the catalogue as it was).
const sets2021: Readonly<Partial<Record<Level, CriteriaSet>>> = {
  ntm: toCriteriaSet(ntmSet2021, 'ntm'),
  'nang-cao': toCriteriaSet(nangCaoSet2021, 'nang-cao'),
  // A kiểu mẫu commune must meet the full nâng cao set, plus the extra conditions.
  'kieu-mau': toCriteriaSet(kieuMauSet2021, 'kieu-mau'),
};

const catalogue: Readonly<Partial<Record<Period, Readonly<Partial<Record<Level, CriteriaSet>>>>>> = {
  '2021-2025': sets2021,
};

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

export { builtInCriteriaSets };

/**
 * The set a new dossier is opened under on `today` (YYYY-MM-DD, Vietnam time): the province's own set for the
 * period and level if it loaded one, else the national set; among several, the highest version, then the one
 * listed last (loaded latest). Sets in force that day come first (a new version loaded ahead of its date leaves the
 * one in force in use until then); when none is in force yet, the set that will be (the opening says from when).
 */
export const resolveCriteriaSet = (
  sets: readonly CriteriaSetDocument[],
  want: {
    readonly period: Period;
    readonly level: Level;
    readonly provinceCode: string;
    readonly today: string;
  },
): CriteriaSetDocument | undefined => {
  const serving = sets.filter((s) => s.period === want.period && s.levels.includes(want.level) && !s.test);
  const best = (candidates: CriteriaSetDocument[]) =>
    candidates.reduce<CriteriaSetDocument | undefined>(
      (a, b) => (!a || b.version >= a.version ? b : a),
      undefined,
    );
  const pick = (candidates: CriteriaSetDocument[]) =>
    best(
      candidates.filter((s) => s.scope.kind === 'province' && s.scope.provinceCode === want.provinceCode),
    ) ?? best(candidates.filter((s) => s.scope.kind === 'national'));
  const inForce = (s: CriteriaSetDocument) =>
    s.source.effectiveFrom === undefined || s.source.effectiveFrom <= want.today;
  return pick(serving.filter(inForce)) ?? pick(serving);
};
