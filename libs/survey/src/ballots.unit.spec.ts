import { spec } from '@ntm/decider/testing';
import { surveyDecider } from '@ntm/survey';
import {
  BAN_CAU,
  CLOSES_AT,
  COMMUNE_OFFICER,
  FRONT_A,
  FRONT_B,
  FRONT_ELSEWHERE,
  NA_DI,
  OPENS_AT,
  SURVEY_ID,
  answers,
  ballot,
  closedWithoutBallots,
  code,
  formsBatch,
  opened,
  onlineBallotCast,
  openWithRegister,
  paperBatchEntered,
  token,
} from './testing/fixtures';

const survey = spec(surveyDecider);

describe('online ballots', () => {
  it('records the hashed household, its village and the answers in form order', () => {
    survey
      .given(openWithRegister())
      .when(
        ballot(token(BAN_CAU, 2), {
          c17: 'no-answer',
          c10: 'not-satisfied',
          c2: 'satisfied',
          overall: 'satisfied',
        }),
      )
      .then([
        {
          type: 'OnlineBallotCast',
          data: {
            surveyId: SURVEY_ID,
            token: token(BAN_CAU, 2),
            village: BAN_CAU,
            answers: { overall: 'satisfied', c2: 'satisfied', c10: 'not-satisfied', c17: 'no-answer' },
          },
        },
      ]);
  });

  it('updates the running counts', () => {
    const state = survey
      .given(openWithRegister())
      .when(ballot(token(NA_DI, 1), answers('satisfied', 'satisfied', { c17: 'not-satisfied' })))
      .stateAfter();
    expect(state.status === 'open' && state.counts).toEqual({
      ballots: 1,
      online: 1,
      paper: 0,
      perQuestion: [
        { question: 'overall', satisfied: 1, notSatisfied: 0, noAnswer: 0 },
        { question: 'c2', satisfied: 1, notSatisfied: 0, noAnswer: 0 },
        { question: 'c10', satisfied: 1, notSatisfied: 0, noAnswer: 0 },
        { question: 'c17', satisfied: 0, notSatisfied: 1, noAnswer: 0 },
      ],
      perVillage: new Map([[NA_DI, { ballots: 1, satisfied: 1 }]]),
    });
  });

  it('refuses a second ballot of the same household, online or on paper', () => {
    const voted = [...openWithRegister(), onlineBallotCast(NA_DI, 1, answers('satisfied'))];
    const err = survey
      .given(voted)
      .when(ballot(token(NA_DI, 1), answers('not-satisfied')))
      .thenThrows('BALLOT_REFUSED', 'rule');
    // The same words as for a household that does not exist: no oracle.
    expect([err.message, err.violations]).toEqual(['Mã hộ không hợp lệ hoặc đã được sử dụng', []]);
    survey
      .given(voted)
      .when(formsBatch('nd-1', NA_DI, [{ token: token(NA_DI, 1), answers: answers('satisfied') }], FRONT_A))
      .thenThrows('DUPLICATE_BALLOT', 'conflict');
  });

  it('refuses a household whose paper form is already entered, even before the batch is verified', () => {
    const entered = [
      ...openWithRegister(),
      paperBatchEntered(
        'nd-1',
        NA_DI,
        'forms',
        [3],
        ['overall', 'c2', 'c10', 'c17'].map((question) => ({
          question,
          satisfied: 1,
          notSatisfied: 0,
          noAnswer: 0,
        })),
        1,
      ),
    ];
    survey
      .given(entered)
      .when(ballot(token(NA_DI, 3), answers('satisfied')))
      .thenThrows('BALLOT_REFUSED', 'rule');
  });

  it('refuses a household not in the register', () => {
    survey
      .given(openWithRegister())
      .when(ballot(token(NA_DI, 99), answers('satisfied')))
      .thenThrows('BALLOT_REFUSED', 'rule');
  });

  it('refuses a code that was not hashed', () => {
    const err = survey
      .given(openWithRegister())
      .when(ballot(code(NA_DI, 1), answers('satisfied')))
      .thenThrows('INVALID_BALLOT', 'invalid');
    expect(err.violations.map((v) => [v.code, v.field])).toEqual([['INVALID_HOUSEHOLD_TOKEN', 'token']]);
  });

  it('names every unknown question, unknown answer, missing answer and blank overall answer', () => {
    const err = survey
      .given(openWithRegister())
      .when(
        ballot(token(NA_DI, 1), {
          overall: 'no-answer',
          c2: 'rất hài lòng',
          c99: 'satisfied',
          c17: 'satisfied',
        } as never),
      )
      .thenThrows('INVALID_BALLOT', 'invalid');
    expect(err.violations.map((v) => [v.code, v.field])).toEqual([
      ['UNKNOWN_QUESTION', 'answers.c99'],
      ['OVERALL_ANSWER_REQUIRED', 'answers.overall'],
      ['INVALID_ANSWER', 'answers.c2'],
      ['MISSING_ANSWER', 'answers.c10'],
    ]);
    expect(err.violations[2].message).toBe(
      'Câu hỏi về tiêu chí 2 «Giao thông»: câu trả lời «rất hài lòng» không hợp lệ (chỉ nhận satisfied, not-satisfied, no-answer)',
    );
  });

  it('refuses ballots after the survey is closed, and after its period even before the close is recorded', () => {
    const closed = [...openWithRegister(), closedWithoutBallots({ [NA_DI]: 5, [BAN_CAU]: 5 })];
    survey
      .given(closed)
      .when(ballot(token(NA_DI, 1), answers('satisfied')))
      .thenThrows('SURVEY_CLOSED', 'conflict');
    const late = survey
      .given(openWithRegister())
      .when(ballot(token(NA_DI, 1), answers('satisfied'), undefined, CLOSES_AT))
      .thenThrows('SURVEY_CLOSED', 'conflict');
    // Residents read this on the ballot page: the closing as they write it, in Vietnam time (CLOSES_AT is 07:00).
    expect(late.message).toBe(
      'Khảo sát đã kết thúc (nhận phiếu đến 07:00 ngày 24/03/2025), không nhận thêm phiếu',
    );
  });

  it('takes ballots from the opening instant only', () => {
    const early = survey
      .given(openWithRegister())
      .when(ballot(token(NA_DI, 1), answers('satisfied'), undefined, '2025-03-02T23:59:59.999Z'))
      .thenThrows('SURVEY_NOT_STARTED', 'rule');
    expect(early.message).toBe('Khảo sát chưa bắt đầu (nhận phiếu từ 07:00 ngày 03/03/2025)');
    survey
      .given(openWithRegister())
      .when(ballot(token(NA_DI, 1), answers('satisfied'), undefined, OPENS_AT))
      .thenMatch([{ type: 'OnlineBallotCast' }]);
  });

  it('needs a register', () => {
    survey
      .given([opened()])
      .when(ballot(token(NA_DI, 1), answers('satisfied')))
      .thenThrows('REGISTER_MISSING', 'rule');
  });

  it('is taken by the public ballot page (system) or a Front officer of the commune only', () => {
    survey
      .given(openWithRegister())
      .when(ballot(token(NA_DI, 1), answers('satisfied'), FRONT_B))
      .thenMatch([{ type: 'OnlineBallotCast' }]);
    survey
      .given(openWithRegister())
      .when(ballot(token(NA_DI, 1), answers('satisfied'), COMMUNE_OFFICER))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    survey
      .given(openWithRegister())
      .when(ballot(token(NA_DI, 1), answers('satisfied'), FRONT_ELSEWHERE))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });

  it('answers a survey that was never opened with not-found', () => {
    survey
      .given([])
      .when(ballot(token(NA_DI, 1), answers('satisfied')))
      .thenThrows('SURVEY_NOT_FOUND', 'not-found');
  });
});
