import { DomainError, invalid, type Violation } from '@ntm/decider';
import { criterionLabel, type CriteriaSet } from '@ntm/criteria';
import type { CouncilCounts, CriterionFinding, DocumentHash, ReturnReason } from './commands';

/**
 * Rules on command data that a request's shape cannot state (a calendar date that exists, counts consistent with
 * each other, reasons tied to the criteria set, findings covering it, at least one cited document). Every message
 * names the field so a user can correct it.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const bad = (field: string, expected: string): DomainError =>
  invalid('INVALID_FIELD', `Trường "${field}" không hợp lệ: ${expected}`, field);

/** A whole number, at least `min`. */
export const count = (value: unknown, field: string, min = 0): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw bad(field, `cần một số nguyên không nhỏ hơn ${min}`);
  }
  return value;
};

export const positive = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw bad(field, 'cần một số dương');
  return value;
};

/** A calendar date YYYY-MM-DD that exists. */
export const date = (value: unknown, field: string): string => {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
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

/** A reviewer's findings (typed at the edge), covering the whole set; a finding without a note records none. */
export const coveringFindings = (
  findings: readonly CriterionFinding[],
  set: CriteriaSet,
  field: string,
): CriterionFinding[] => {
  const recorded = nonEmpty(findings, field).map(({ criterion, met, note }) => ({
    criterion,
    met,
    ...(note == null ? {} : { note }),
  }));
  coverSet(recorded, set, field);
  return recorded;
};

/**
 * Written reasons (a return, a "not eligible"): at least one, each tied to a criterion of the set, to a document,
 * or both. Typed at the edge; an absent criterion or document is left out of what is recorded.
 */
export const statedReasons = (reasons: readonly ReturnReason[], set: CriteriaSet): ReturnReason[] =>
  nonEmpty(reasons, 'reasons').map(({ criterion, document, text }, i) => {
    const field = `reasons[${i}]`;
    if (criterion == null && document == null) {
      throw bad(field, 'mỗi lý do phải nêu tiêu chí (criterion) hoặc tài liệu (document) cần bổ sung');
    }
    if (criterion != null && !set.criteria.some((c) => c.number === criterion)) {
      throw bad(`${field}.criterion`, `tiêu chí ${criterion} không thuộc bộ tiêu chí`);
    }
    return { ...(criterion == null ? {} : { criterion }), ...(document == null ? {} : { document }), text };
  });

/** Vote counts of a council or board, consistent with each other: present within members, votes within present. */
export const consistentCounts = (counts: CouncilCounts): CouncilCounts => {
  if (counts.present > counts.members)
    throw bad('counts.present', 'số có mặt không thể lớn hơn số thành viên');
  if (counts.for + counts.against > counts.present)
    throw bad('counts.for', 'tổng số phiếu không thể lớn hơn số có mặt');
  const { members, present, against } = counts;
  return { members, present, for: counts.for, against };
};

/** 76.9 -> "76,9": Vietnamese decimal comma. */
export const decimal = (n: number): string => String(n).replace('.', ',');

/** 0.8823 -> "88,2%". */
export const percent = (share: number): string => `${decimal(Math.round(share * 1000) / 10)}%`;

/** Typed at the edge, cited documents still have a rule: at least one. */
export const cited = (evidence: readonly DocumentHash[], field: string): readonly DocumentHash[] =>
  nonEmpty(evidence, field);

export const nonEmpty = <T>(items: readonly T[], field: string): readonly T[] => {
  if (items.length === 0) throw bad(field, 'cần một danh sách có ít nhất 1 phần tử');
  return items;
};
