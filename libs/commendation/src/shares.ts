import type { Threshold } from './types';

// Shares are compared and quotas computed on integers only: 0.05 * 20 is not 1 in floating point.

/** value / base meets the threshold: value·den ≥ base·num (> when strict). A zero base never meets it. */
export const meets = (value: number, base: number, t: Threshold): boolean => {
  if (base <= 0) return false;
  const lhs = value * t.den;
  const rhs = base * t.num;
  return t.strict ? lhs > rhs : lhs >= rhs;
};

/** floor(a / b) for non-negative integers, exactly. */
export const floorDiv = (a: number, b: number): number => (a - (a % b)) / b;

/** ceil(a / b) for non-negative integers, exactly. */
export const ceilDiv = (a: number, b: number): number => floorDiv(a + b - 1, b);

/**
 * How many a quota of num/den of `base` allows. Floor: 5% of 39 communes is 1 (1.95 rounds down), of 40 is 2.
 * Ceil: 5% of 21 is 2 (1.05 rounds up), so any non-empty base allows at least one.
 */
export const quotaCapacity = (
  base: number,
  share: { num: number; den: number },
  rounding: 'floor' | 'ceil',
): number =>
  rounding === 'floor' ? floorDiv(base * share.num, share.den) : ceilDiv(base * share.num, share.den);

/** "≥ 2/3", "> 1/2". */
export const thresholdLabel = (t: Threshold): string => `${t.strict ? '>' : '≥'} ${t.num}/${t.den}`;

export const isValidFraction = (f: { num: number; den: number }): boolean =>
  Number.isInteger(f.num) && Number.isInteger(f.den) && f.den > 0 && f.num >= 0 && f.num <= f.den;
