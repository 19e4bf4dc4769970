import { DomainError, invalid, type Violation } from '@ntm/decider';
import { criterionLabel, type CriteriaSet } from '@ntm/criteria';
import type { CriterionFinding, DocumentHash } from './commands';

/**
 * Rules on command data that its type cannot carry. Commands arrive typed (the HTTP edge validated their shape);
 * what is left is the law's: what must be cited, what must exist, what must add up. Every message names the field,
 * so a user can correct it.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const bad = (field: string, expected: string): DomainError =>
  invalid('INVALID_FIELD', `Trường "${field}" không hợp lệ: ${expected}`, field);

/** A name recorded for good (the commune's): not blank. */
export const text = (value: string, field: string): string => {
  if (value.trim() === '') throw bad(field, 'cần một chuỗi không rỗng');
  return value.trim();
};

/** A dossier's identity, lower case whatever the sender wrote. */
export const uuid = (value: string, field: string): string => {
  if (!UUID.test(value)) throw bad(field, 'cần một UUID');
  return value.toLowerCase();
};

/** An income or a figure compared with another: above zero. */
export const positive = (value: number, field: string): number => {
  if (!(value > 0)) throw bad(field, 'cần một số dương');
  return value;
};

/** A statement that must rest on documents: at least one is cited. */
export const cited = (evidence: readonly DocumentHash[], field: string): readonly DocumentHash[] =>
  nonEmpty(evidence, field);

export const nonEmpty = <T>(items: readonly T[], field: string): readonly T[] => {
  if (items.length === 0) throw bad(field, 'cần một danh sách có ít nhất 1 phần tử');
  return items;
};

/** A calendar date YYYY-MM-DD that exists (a decision is dated on a real day). */
export const date = (value: string, field: string): string => {
  const m = DATE.exec(value);
  const ok = m !== null && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === value;
  if (!ok) throw bad(field, 'cần ngày dạng YYYY-MM-DD');
  return value;
};

export const isBefore = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);

/**
 * Per-criterion entries must cover the set exactly once each. Every gap is reported at once, so the user
 * fixes the form in one pass.
 */
export const coverSet = <T extends { readonly criterion: number }>(
  entries: readonly T[],
  set: CriteriaSet,
  field: string,
): void => {
  const violations: Violation[] = [];
  const seen = new Set<number>();
  entries.forEach((e, i) => {
    const known = set.criteria.some((c) => c.number === e.criterion);
    if (!known) {
      violations.push({
        code: 'UNKNOWN_CRITERION',
        message: `Tiêu chí ${e.criterion} không thuộc bộ tiêu chí`,
        field: `${field}[${i}].criterion`,
        criterion: e.criterion,
      });
    } else if (seen.has(e.criterion)) {
      violations.push({
        code: 'DUPLICATE_CRITERION',
        message: `${criterionLabel(set, e.criterion)} được khai báo hai lần`,
        field: `${field}[${i}].criterion`,
        criterion: e.criterion,
      });
    }
    seen.add(e.criterion);
  });
  for (const c of set.criteria) {
    if (!seen.has(c.number)) {
      violations.push({
        code: 'CRITERION_MISSING',
        message: `Thiếu kết quả của ${criterionLabel(set, c.number)}`,
        field,
        criterion: c.number,
      });
    }
  }
  if (violations.length > 0) {
    throw new DomainError(
      'invalid',
      'CRITERIA_INCOMPLETE',
      violations.map((v) => v.message).join('; '),
      violations,
    );
  }
};

/** Findings (criterion, met, note) of a reviewer, covering the whole set. */
export const findings = (
  given: readonly CriterionFinding[],
  field: string,
  set: CriteriaSet,
): CriterionFinding[] => {
  const parsed = nonEmpty(given, field).map(({ criterion, met, note }): CriterionFinding => ({
    criterion,
    met,
    ...(note ? { note } : {}),
  }));
  coverSet(parsed, set, field);
  return parsed;
};

/** 76.9 -> "76,9": Vietnamese decimal comma. */
export const decimal = (n: number): string => String(n).replace('.', ',');

/** 0.8823 -> "88,2%". */
export const percent = (share: number): string => `${decimal(Math.round(share * 1000) / 10)}%`;
