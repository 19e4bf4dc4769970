import { DomainError, type DomainErrorKind, type Violation } from '@ntm/decider';
import { isHouseholdToken } from './household';
import { ANSWERS, type SurveyQuestions } from './types';

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
  const given = answers as Record<string, unknown>;
  const known = new Set([questions.overall.id, ...questions.criteria.map((q) => q.id)]);
  const violations: Violation[] = [];
  for (const id of Object.keys(given)) {
    if (!known.has(id)) {
      violations.push({
        code: 'UNKNOWN_QUESTION',
        message: `Câu hỏi «${id}» không có trong phiếu khảo sát`,
        field: `${field}.${id}`,
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
        message: `${label}: câu trả lời «${String(value)}» không hợp lệ (chỉ nhận ${ANSWERS.join(', ')})`,
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
