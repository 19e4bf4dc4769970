import { DomainError, type DomainErrorKind, type Violation } from '@ntm/decider';
import { isHouseholdToken } from './household';
import { ANSWERS, MAX_CRITERIA_QUESTIONS, type SurveyQuestions } from './types';

/** One error carrying every violation found, its message listing the first few. */
export const reject = (
  kind: DomainErrorKind,
  code: string,
  title: string,
  violations: readonly Violation[],
) => {
  const shown = violations.slice(0, 5).map((v) => v.message);
  const more = violations.length > shown.length ? `; và ${violations.length - shown.length} lỗi khác` : '';
  return new DomainError(kind, code, `${title}: ${shown.join('; ')}${more}`, violations);
};

export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Milliseconds of an ISO timestamp, or NaN when it is not one. */
export const instant = (iso: unknown): number =>
  typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : NaN;

export const tokenViolation = (token: unknown, field: string): Violation[] =>
  isHouseholdToken(token)
    ? []
    : [
        {
          code: 'INVALID_HOUSEHOLD_TOKEN',
          message: `Trường ${field}: mã hộ chưa được mã hóa (cần chuỗi HMAC-SHA256 64 ký tự hex)`,
          field,
        },
      ];

const questionLabel = (questions: SurveyQuestions, id: string): string => {
  if (questions.overall.id === id) return `Câu hỏi chung «${questions.overall.text}»`;
  const q = questions.criteria.find((c) => c.id === id);
  return q ? `Câu hỏi về tiêu chí ${q.criterion} «${q.text}»` : `Câu hỏi «${id}»`;
};

/** What any form's answers must look like before the survey's own questions are even looked at. */
export const BALLOT_ANSWER_LIMITS = {
  /** The overall question and every criterion question. */
  maxKeys: MAX_CRITERIA_QUESTIONS + 1,
  /** Longest question id (the open-survey request allows 50 characters). */
  maxKeyLength: 50,
  /** Longest value looked at ('not-satisfied' has 13 characters). */
  maxValueLength: 40,
} as const;

/**
 * The cheap check that runs first (also in the HTTP layer, before anything else reads the body): a plain
 * object of at most BALLOT_ANSWER_LIMITS.maxKeys short keys, each answered with a known value. Counting stops
 * at the limit, so an object of 100,000 keys costs no more than one of 52.
 */
export const answersShapeViolation = (answers: unknown, field: string): Violation | undefined => {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return { code: 'INVALID_ANSWERS', message: `Trường ${field}: thiếu các câu trả lời`, field };
  }
  let keys = 0;
  for (const id in answers) {
    if (!Object.prototype.hasOwnProperty.call(answers, id)) continue;
    if (++keys > BALLOT_ANSWER_LIMITS.maxKeys) {
      return {
        code: 'TOO_MANY_ANSWERS',
        message: `Trường ${field}: phiếu có tối đa ${BALLOT_ANSWER_LIMITS.maxKeys} câu trả lời`,
        field,
      };
    }
    const value = (answers as Record<string, unknown>)[id];
    // Which value is wrong, and for which question, the decider says; here only what no answer can be.
    if (
      id.length > BALLOT_ANSWER_LIMITS.maxKeyLength ||
      typeof value !== 'string' ||
      value.length > BALLOT_ANSWER_LIMITS.maxValueLength
    ) {
      return {
        code: 'INVALID_ANSWERS',
        message: `Trường ${field}: mỗi câu trả lời phải là một trong các giá trị ${ANSWERS.join(', ')}, theo mã câu hỏi dài tối đa ${BALLOT_ANSWER_LIMITS.maxKeyLength} ký tự`,
        field,
      };
    }
  }
  return undefined;
};

/**
 * A form's answers: every question of the survey answered with a known value, no other question, and an
 * actual answer to the overall question (a form without one is not a valid form).
 */
export const answerViolations = (
  questions: SurveyQuestions,
  answers: unknown,
  field: string,
): Violation[] => {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ code: 'INVALID_ANSWERS', message: `Trường ${field}: thiếu các câu trả lời`, field }];
  }
  // Too many keys is one violation, not one per key.
  const tooMany = answersShapeViolation(answers, field);
  if (tooMany?.code === 'TOO_MANY_ANSWERS') return [tooMany];
  const given = answers as Record<string, unknown>;
  const known = new Set([questions.overall.id, ...questions.criteria.map((q) => q.id)]);
  const violations: Violation[] = [];
  for (const id of Object.keys(given)) {
    if (!known.has(id)) {
      violations.push({
        code: 'UNKNOWN_QUESTION',
        message: `Câu hỏi «${id.slice(0, 50)}» không có trong phiếu khảo sát`,
        field: `${field}.${id.slice(0, 50)}`,
      });
    }
  }
  for (const id of known) {
    const value = given[id];
    const label = questionLabel(questions, id);
    if (value === undefined) {
      violations.push({
        code: 'MISSING_ANSWER',
        message: `${label}: chưa có câu trả lời`,
        field: `${field}.${id}`,
      });
    } else if (!(ANSWERS as readonly unknown[]).includes(value)) {
      violations.push({
        code: 'INVALID_ANSWER',
        message: `${label}: câu trả lời «${(typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 40)}» không hợp lệ (chỉ nhận ${ANSWERS.join(', ')})`,
        field: `${field}.${id}`,
      });
    } else if (id === questions.overall.id && value === 'no-answer') {
      violations.push({
        code: 'OVERALL_ANSWER_REQUIRED',
        message: `${label}: phiếu phải trả lời hài lòng hoặc không hài lòng`,
        field: `${field}.${id}`,
      });
    }
  }
  return violations;
};
