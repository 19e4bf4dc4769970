import { spec } from '@ntm/decider/testing';
import { roundSummary, surveyDecider } from '@ntm/survey';
import {
  CLOSES_AT,
  COMMUNE_OFFICER,
  DOSSIER_ID,
  FRONT_ELSEWHERE,
  OPENS_AT,
  QUESTIONS,
  closedWithoutBallots,
  openSurvey,
  opened,
  stateOf,
} from './testing/fixtures';

const survey = spec(surveyDecider);

describe('opening a survey', () => {
  it('a Front officer of the commune opens it with the procedure version figures', () => {
    survey.given([]).when(openSurvey()).then([opened()]);
  });

  it('refuses another role', () => {
    survey.given([]).when(openSurvey({}, COMMUNE_OFFICER)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  it('refuses a Front officer of another commune', () => {
    survey.given([]).when(openSurvey({}, FRONT_ELSEWHERE)).thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });

  it('names every invalid field', () => {
    const err = survey
      .given([])
      .when(
        openSurvey({
          questions: {
            ...QUESTIONS,
            criteria: [...QUESTIONS.criteria, { id: 'c2', criterion: 2, text: '' }],
          },
          period: { opensAt: CLOSES_AT, closesAt: OPENS_AT },
          satisfactionThresholdPermille: 90.5,
        }),
      )
      .thenThrows('INVALID_SURVEY', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual([
      'questions.criteria[3].text',
      'questions.criteria[3].id',
      'questions.criteria[3].criterion',
      'period.closesAt',
      'satisfactionThresholdPermille',
    ]);
  });
});

describe('rounds', () => {
  const closedRound1 = () => [opened(), closedWithoutBallots()];

  it('an open survey is not opened again', () => {
    survey.given([opened()]).when(openSurvey()).thenThrows('SURVEY_ALREADY_OPEN', 'conflict');
  });

  it('a closed survey is never reopened', () => {
    survey.given(closedRound1()).when(openSurvey()).thenThrows('SURVEY_REOPEN_REFUSED', 'conflict');
  });

  it('a new round follows a closed round of the same dossier, in a new stream', () => {
    const previousRound = roundSummary(stateOf(closedRound1()));
    expect(previousRound).toMatchObject({ dossierId: DOSSIER_ID, round: 1, status: 'closed' });
    survey
      .given([])
      .when(openSurvey({ surveyId: 'round-2', round: 2, previousRound }))
      .thenMatch([{ type: 'SurveyOpened', data: { surveyId: 'round-2', round: 2, dossierId: DOSSIER_ID } }]);
  });

  it('waits for the previous round to close', () => {
    const previousRound = roundSummary(stateOf([opened()]));
    survey
      .given([])
      .when(openSurvey({ surveyId: 'round-2', round: 2, previousRound }))
      .thenThrows('PREVIOUS_ROUND_OPEN', 'conflict');
  });

  it('needs the previous round, of the same dossier, numbered one less', () => {
    const previousRound = roundSummary(stateOf(closedRound1()))!;
    survey
      .given([])
      .when(openSurvey({ round: 2 }))
      .thenThrows('ROUND_SEQUENCE', 'rule');
    survey
      .given([])
      .when(openSurvey({ round: 3, previousRound }))
      .thenThrows('ROUND_SEQUENCE', 'rule');
    survey
      .given([])
      .when(openSurvey({ round: 2, previousRound: { ...previousRound, dossierId: 'other' } }))
      .thenThrows('ROUND_SEQUENCE', 'rule');
    survey
      .given([])
      .when(openSurvey({ round: 1, previousRound }))
      .thenThrows('ROUND_SEQUENCE', 'rule');
  });
});
