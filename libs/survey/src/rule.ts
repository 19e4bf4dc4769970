import { dueDate, type WorkingCalendar } from '@ntm/calendar';
import type { Violation } from '@ntm/decider';
import { meetsPermille } from './counts';
import type { QuestionTally, SurveyQuestions, SurveyTally } from './types';

/**
 * A province's rule for the residents' satisfaction survey, as data (RULES-2026 §3: the Front's guidance
 * Hướng dẫn 90/HD-MTTW-BTT of 20/09/2022 sets the shape; provinces set the figures). Figures are the province's;
 * none is built into the code.
 */
export interface SurveyRule {
  readonly id: string;
  /** Where the figures come from, e.g. "Kế hoạch của UBMTTQ huyện Triệu Sơn, 2024 (Báo Thanh Hóa 22/10/2024)". */
  readonly source: string;
  /** Minimum forms collected ÷ households, in permille (920 = 92%). */
  readonly coveragePermille: number;
  /** A question that must reach its own share of satisfied households. */
  readonly questions: readonly { readonly question: string; readonly thresholdPermille: number }[];
  /** Questions whose satisfaction rates, averaged, must reach the share (e.g. questions 1 to 9 average ≥ 95%). */
  readonly groups: readonly { readonly questions: readonly string[]; readonly averagePermille: number }[];
  /** From the start of the survey to the consolidated result, in working days (no Saturdays, Sundays, holidays). */
  readonly windowWorkingDays: number;
  readonly note?: string;
}

const isPermille = (n: unknown): boolean =>
  Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 1000;

/** Every fault of a rule against the survey's questions, each naming its field. */
export const surveyRuleViolations = (rule: SurveyRule, questions: SurveyQuestions): Violation[] => {
  const ids = new Set([questions.overall.id, ...questions.criteria.map((q) => q.id)]);
  const v: Violation[] = [];
  const fail = (field: string, message: string) =>
    v.push({ code: 'INVALID_SURVEY_RULE', message, field: `rule.${field}` });
  if (typeof rule.id !== 'string' || rule.id.trim() === '') fail('id', 'Thiếu mã quy định lấy ý kiến');
  if (typeof rule.source !== 'string' || rule.source.trim() === '')
    fail('source', 'Cần ghi rõ văn bản quy định các tỷ lệ (nguồn)');
  if (!isPermille(rule.coveragePermille))
    fail('coveragePermille', 'Tỷ lệ hộ được lấy ý kiến tối thiểu phải là số nguyên phần nghìn từ 0 đến 1000');
  if (!Number.isInteger(rule.windowWorkingDays) || rule.windowWorkingDays < 1 || rule.windowWorkingDays > 365)
    fail('windowWorkingDays', 'Thời gian lấy ý kiến phải là số ngày làm việc từ 1 đến 365');
  const known = (q: unknown, field: string) => {
    if (!ids.has(q as string)) fail(field, `Câu hỏi «${String(q)}» không có trong phiếu khảo sát`);
  };
  type Entry = Record<string, unknown> | null | undefined;
  (Array.isArray(rule.questions) ? (rule.questions as Entry[]) : []).forEach((q, i) => {
    known(q?.question, `questions[${i}].question`);
    if (!isPermille(q?.thresholdPermille))
      fail(`questions[${i}].thresholdPermille`, 'Tỷ lệ hài lòng phải là số nguyên phần nghìn từ 0 đến 1000');
  });
  (Array.isArray(rule.groups) ? (rule.groups as Entry[]) : []).forEach((g, i) => {
    const questions: unknown = g?.questions;
    if (!Array.isArray(questions) || questions.length === 0)
      fail(`groups[${i}].questions`, 'Nhóm câu hỏi phải có ít nhất một câu');
    else (questions as unknown[]).forEach((q, j) => known(q, `groups[${i}].questions[${j}]`));
    if (!isPermille(g?.averagePermille))
      fail(`groups[${i}].averagePermille`, 'Tỷ lệ bình quân phải là số nguyên phần nghìn từ 0 đến 1000');
  });
  if (!Array.isArray(rule.questions)) fail('questions', 'Cần danh sách ngưỡng theo câu hỏi (có thể rỗng)');
  if (!Array.isArray(rule.groups)) fail('groups', 'Cần danh sách nhóm câu hỏi (có thể rỗng)');
  return v;
};

/** The last instant ballots may be taken: the rule's working days from the opening, on the calendar in force. */
export const surveyWindowEnd = (opensAt: string, rule: SurveyRule, calendar: WorkingCalendar): string =>
  dueDate(opensAt, { amount: rule.windowWorkingDays, unit: 'working-days' }, calendar);

const pct = (permille: number): string => `${String(permille / 10).replace('.', ',')}%`;
const rate = (q: QuestionTally): number => (q.answered === 0 ? 0 : q.satisfied / q.answered);

/**
 * Every way a closed survey's counts fall short of the rule: coverage, each question's threshold, each group's
 * average of per-question rates. Exact: integers for single shares, the sum of rates for averages.
 */
export const surveyRuleFailures = (rule: SurveyRule, tally: SurveyTally): Violation[] => {
  const byId = new Map(tally.perQuestion.map((q) => [q.question, q]));
  // As a resident reads the form: the overall question (always first), a criterion's question, else its id.
  const overall = tally.perQuestion[0]?.question;
  const topic = (id: string): string => {
    const criterion = byId.get(id)?.criterion;
    if (id === overall) return 'câu hỏi chung';
    return criterion === undefined ? `«${id}»` : `tiêu chí ${criterion}`;
  };
  const label = (id: string): string => (id === overall ? 'Câu hỏi chung' : `Câu về ${topic(id)}`);
  const failures: Violation[] = [];
  if (!meetsPermille(tally.ballots, tally.households, rule.coveragePermille)) {
    failures.push({
      code: 'SURVEY_COVERAGE_TOO_LOW',
      message: `Số hộ được lấy ý kiến ${tally.ballots}/${tally.households}, chưa đạt ${pct(rule.coveragePermille)}`,
    });
  }
  for (const { question, thresholdPermille } of rule.questions) {
    const q = byId.get(question);
    if (!q || !meetsPermille(q.satisfied, q.answered, thresholdPermille)) {
      failures.push({
        code: 'QUESTION_BELOW_THRESHOLD',
        message: `${label(question)}: ${q?.satisfied ?? 0}/${q?.answered ?? 0} hộ hài lòng, chưa đạt ${pct(thresholdPermille)}`,
        field: question,
      });
    }
  }
  for (const { questions, averagePermille } of rule.groups) {
    const rates = questions.map((id) => {
      const q = byId.get(id);
      return q ? rate(q) : 0;
    });
    const sum = rates.reduce((a, b) => a + b, 0);
    // sum / n >= p / 1000, compared without dividing; a tiny tolerance absorbs the rates' rounding.
    if (sum * 1000 < averagePermille * rates.length - 1e-9) {
      const average = Math.floor((sum / rates.length) * 1000);
      failures.push({
        code: 'QUESTION_GROUP_BELOW_AVERAGE',
        message: `Bình quân các câu (${questions.map(topic).join(', ')}): ${pct(average)} hộ hài lòng, chưa đạt ${pct(averagePermille)}`,
      });
    }
  }
  return failures;
};

/**
 * A provincial example, as published (verified in the press, not in the plan itself): Triệu Sơn district (Thanh
 * Hóa), survey for district NTM nâng cao 2024, 10 questions: coverage ≥ 92% of households, questions 1-9 average
 * ≥ 95%, question 10 ≥ 98%, 20 days excluding Saturdays and Sundays. Question ids are "cau-1" … "cau-10".
 */
export const trieuSon2024Rule: SurveyRule = {
  id: 'thanh-hoa-trieu-son-2024',
  source:
    'UBMTTQ huyện Triệu Sơn, kế hoạch lấy ý kiến sự hài lòng năm 2024 (Báo Thanh Hóa, Truyền hình Thanh Hóa, 22/10/2024)',
  coveragePermille: 920,
  questions: [{ question: 'cau-10', thresholdPermille: 980 }],
  groups: [{ questions: Array.from({ length: 9 }, (_, i) => `cau-${i + 1}`), averagePermille: 950 }],
  windowWorkingDays: 20,
  note: 'Ví dụ của một huyện; mỗi tỉnh nạp quy định của mình.',
};
