import { createVietnamCalendar } from '@ntm/calendar';
import { spec } from '@ntm/decider/testing';
import {
  surveyDecider,
  surveyWindowEnd,
  toDossierSurveyResult,
  trieuSon2024Rule,
  type SurveyClosed,
  type SurveyEvent,
} from '@ntm/survey';
import {
  BAN_CAU,
  NA_DI,
  answers,
  close,
  OPENS_AT,
  TEST_RULE as rule,
  openSurvey,
  onlineBallotCast,
  openWithRegister,
} from './testing/fixtures';

// RULES-2026 §3: the survey rule is data, not code: coverage, per-question thresholds, averages over question groups,
// and the window in working days (shape from Hướng dẫn 90/HD-MTTW-BTT of 20/09/2022; figures per province, e.g.
// Triệu Sơn 2024: ≥ 92% of households, questions 1-9 averaging ≥ 95%, question 10 ≥ 98%, 20 working days).

const survey = spec(surveyDecider);

/** The tally the Front's closing records over the `given` events. */
const closedTally = (given: readonly SurveyEvent[]) => {
  const [closed] = survey
    .given(given)
    .when(close())
    .thenMatch([{ type: 'SurveyClosed' }]) as SurveyClosed[];
  return closed.data.tally;
};

describe('a survey judged by its province’s rule (RULES-2026 §3)', () => {
  it('opens with the rule recorded in SurveyOpened', () => {
    survey
      .given([])
      .when(openSurvey({ rule }))
      .thenMatch([{ type: 'SurveyOpened', data: { rule } }]);
  });

  it('refuses a rule that names a question the form does not ask, or a share beyond 1000‰', () => {
    const err = survey
      .given([])
      .when(
        openSurvey({
          rule: { ...rule, questions: [{ question: 'cau-10', thresholdPermille: 1200 }] },
        }),
      )
      .thenThrows('INVALID_SURVEY', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual([
      'rule.questions[0].question',
      'rule.questions[0].thresholdPermille',
    ]);
  });

  it('closes with every shortfall: coverage, a question’s own threshold, a group’s average', () => {
    // 10 households, 4 forms (40% < 50%); overall 2/4 satisfied (< 75%); c2 4/4, c10 2/4, c17 2/4: average 66.7% < 80%.
    const given = [
      ...openWithRegister(undefined, { rule }),
      onlineBallotCast(NA_DI, 1, answers('satisfied')),
      onlineBallotCast(
        NA_DI,
        2,
        answers('satisfied', 'satisfied', { c10: 'not-satisfied', c17: 'not-satisfied' }),
      ),
      onlineBallotCast(BAN_CAU, 1, answers('not-satisfied', 'satisfied', { c10: 'not-satisfied' })),
      onlineBallotCast(BAN_CAU, 2, answers('not-satisfied', 'satisfied', { c17: 'not-satisfied' })),
    ];
    expect(closedTally(given).ruleFailures).toEqual([
      { code: 'SURVEY_COVERAGE_TOO_LOW', message: 'Số hộ được lấy ý kiến 4/10, chưa đạt 50%' },
      {
        code: 'QUESTION_BELOW_THRESHOLD',
        message: 'Câu hỏi chung: 2/4 hộ hài lòng, chưa đạt 75%',
        field: 'overall',
      },
      {
        code: 'QUESTION_GROUP_BELOW_AVERAGE',
        message: 'Bình quân các câu (tiêu chí 2, tiêu chí 10, tiêu chí 17): 66,6% hộ hài lòng, chưa đạt 80%',
      },
    ]);
  });

  it('meets the rule exactly at its figures (an average of exactly 80% passes)', () => {
    // 5 forms of 5: overall 4/5 = 80% ≥ 75%; c2 5/5, c10 4/5, c17 3/5: average (100 + 80 + 60) / 3 = 80%.
    const given = [
      ...openWithRegister({ [NA_DI]: 5 }, { rule }),
      onlineBallotCast(NA_DI, 1, answers('satisfied')),
      onlineBallotCast(NA_DI, 2, answers('satisfied')),
      onlineBallotCast(NA_DI, 3, answers('satisfied', 'satisfied', { c17: 'not-satisfied' })),
      onlineBallotCast(
        NA_DI,
        4,
        answers('satisfied', 'satisfied', { c10: 'not-satisfied', c17: 'not-satisfied' }),
      ),
      onlineBallotCast(NA_DI, 5, answers('not-satisfied')),
    ];
    expect(closedTally(given).ruleFailures).toEqual([]);
  });

  it('hands the dossier the verdict under the rule, naming the rule it was judged by', () => {
    const given = [
      ...openWithRegister(undefined, { rule }),
      onlineBallotCast(NA_DI, 1, answers('not-satisfied')),
    ];
    const result = toDossierSurveyResult(closedTally(given));
    expect(result.rule).toEqual({
      id: 'bac-kan-thu-nghiem',
      source: rule.source,
      failures: [
        { code: 'SURVEY_COVERAGE_TOO_LOW', message: expect.stringContaining('1/') },
        { code: 'QUESTION_BELOW_THRESHOLD', message: 'Câu hỏi chung: 0/1 hộ hài lòng, chưa đạt 75%' },
      ],
    });
  });

  it('leaves surveys opened without a rule as they were (no ruleFailures in the tally)', () => {
    expect(
      closedTally([...openWithRegister(), onlineBallotCast(NA_DI, 1, answers('satisfied'))]),
    ).not.toHaveProperty('ruleFailures');
  });
});

describe('the survey window counts working days on the calendar in force', () => {
  it('records the end of the rule’s window and refuses a period that runs past it, naming the last day', () => {
    const windowEndsAt = surveyWindowEnd(OPENS_AT, rule, createVietnamCalendar());
    survey
      .given([])
      .when(openSurvey({ rule, windowEndsAt, period: { opensAt: OPENS_AT, closesAt: windowEndsAt } }))
      .thenMatch([{ type: 'SurveyOpened', data: { windowEndsAt, period: { closesAt: windowEndsAt } } }]);
    const late = new Date(Date.parse(windowEndsAt) + 1000).toISOString();
    const err = survey
      .given([])
      .when(openSurvey({ rule, windowEndsAt, period: { opensAt: OPENS_AT, closesAt: late } }))
      .thenThrows('SURVEY_WINDOW_EXCEEDED', 'rule');
    expect(err.violations[0].field).toBe('period.closesAt');
    expect(err.message).toContain('20 ngày làm việc');
  });

  it('20 working days from Monday 06/04/2026 skip the weekends and Giỗ Tổ (Monday 27/04/2026 off)', () => {
    const end = surveyWindowEnd('2026-04-06T08:00:00+07:00', trieuSon2024Rule, createVietnamCalendar());
    // Counted from the next day: 7-10 (4), 13-17 (9), 20-24 (14), 28, 29 (16: 27/4 off, 30/4 and 1/5 holidays),
    // 4-7 May (20).
    expect(end.slice(0, 10)).toBe('2026-05-07');
  });

  it('the Triệu Sơn 2024 example is valid data on its own ten questions', () => {
    const questions = {
      overall: { id: 'cau-10', text: 'Mức độ hài lòng chung' },
      criteria: Array.from({ length: 9 }, (_, i) => ({
        id: `cau-${i + 1}`,
        text: `Câu ${i + 1}`,
        criterion: i + 1,
      })),
    };
    survey
      .given([])
      .when(openSurvey({ questions, rule: trieuSon2024Rule }))
      .thenMatch([
        { type: 'SurveyOpened', data: { rule: { coveragePermille: 920, windowWorkingDays: 20 } } },
      ]);
  });
});
