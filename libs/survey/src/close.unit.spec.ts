import { spec } from '@ntm/decider/testing';
import {
  surveyDecider,
  toDossierSurveyResult,
  type PostSurveyResult,
  type SurveyClosed,
  type SurveyTally,
} from '@ntm/survey';
import {
  BAN_CAU,
  CLOSES_AT,
  COMMUNE_OFFICER,
  DOSSIER_ID,
  FRONT_A,
  FRONT_B,
  NA_DI,
  SURVEY_ID,
  SYSTEM,
  answers,
  ballot,
  close,
  countsBatch,
  formsBatch,
  meta,
  openWithRegister,
  run,
  token,
} from './testing/fixtures';

const survey = spec(surveyDecider);

/** 10 households; 3 online ballots, a Nà Dì batch of 2 forms, a Bản Cầu batch of 2 entered as counts. */
const collected = () => {
  const nd = [
    { token: token(NA_DI, 3), answers: answers('satisfied') },
    { token: token(NA_DI, 4), answers: answers('satisfied', 'satisfied', { c2: 'not-satisfied' }) },
  ];
  const bc: Parameters<typeof countsBatch>[3] = [
    { question: 'overall', satisfied: 2, notSatisfied: 0, noAnswer: 0 },
    { question: 'c2', satisfied: 2, notSatisfied: 0, noAnswer: 0 },
    { question: 'c10', satisfied: 1, notSatisfied: 0, noAnswer: 1 },
    { question: 'c17', satisfied: 1, notSatisfied: 1, noAnswer: 0 },
  ];
  const bcHouseholds = [token(BAN_CAU, 2), token(BAN_CAU, 3)];
  return run(openWithRegister(), [
    ballot(token(NA_DI, 1), answers('satisfied')),
    ballot(token(NA_DI, 2), answers('satisfied', 'satisfied', { c17: 'not-satisfied' })),
    ballot(token(BAN_CAU, 1), answers('not-satisfied', 'satisfied', { c10: 'no-answer' })),
    formsBatch('nd-1', NA_DI, nd, FRONT_A),
    formsBatch('nd-1', NA_DI, nd, FRONT_B),
    countsBatch('bc-1', BAN_CAU, bcHouseholds, bc, FRONT_A),
    countsBatch('bc-1', BAN_CAU, bcHouseholds, bc, FRONT_B),
  ]);
};

const TALLY: SurveyTally = {
  surveyId: SURVEY_ID,
  dossierId: DOSSIER_ID,
  round: 1,
  households: 10,
  ballots: 7,
  online: 3,
  paper: 4,
  satisfied: 6,
  participationPermille: 700,
  satisfactionPermille: 857,
  coverageMinimumPermille: 700,
  satisfactionThresholdPermille: 900,
  coverageMet: true,
  thresholdMet: false,
  perQuestion: [
    {
      question: 'overall',
      satisfied: 6,
      notSatisfied: 1,
      noAnswer: 0,
      answered: 7,
      satisfactionPermille: 857,
    },
    {
      question: 'c2',
      criterion: 2,
      satisfied: 6,
      notSatisfied: 1,
      noAnswer: 0,
      answered: 7,
      satisfactionPermille: 857,
    },
    {
      question: 'c10',
      criterion: 10,
      satisfied: 5,
      notSatisfied: 0,
      noAnswer: 2,
      answered: 5,
      satisfactionPermille: 1000,
    },
    {
      question: 'c17',
      criterion: 17,
      satisfied: 5,
      notSatisfied: 2,
      noAnswer: 0,
      answered: 7,
      satisfactionPermille: 714,
    },
  ],
  perVillage: [
    { village: NA_DI, households: 5, ballots: 4, satisfied: 4 },
    { village: BAN_CAU, households: 5, ballots: 3, satisfied: 2 },
  ],
};

describe('closing', () => {
  it('the Front officer closes with the tally from the running counts: participation, satisfaction, per question', () => {
    survey
      .given(collected())
      .when(close())
      .then([
        {
          type: 'SurveyClosed',
          data: {
            surveyId: SURVEY_ID,
            closedBy: FRONT_A.id,
            closedAt: close().metadata.now,
            reason: 'closed-by-front',
            tally: TALLY,
            excludedBatches: [],
          },
        },
      ]);
  });

  it('gives the dossier its RecordSurveyResult data', () => {
    expect(toDossierSurveyResult(TALLY)).toEqual({
      households: 10,
      formsCollected: 7,
      satisfied: 6,
      perQuestion: [
        { question: 'overall', satisfied: 6, answered: 7 },
        { question: 'c2', satisfied: 6, answered: 7 },
        { question: 'c10', satisfied: 5, answered: 5 },
        { question: 'c17', satisfied: 5, answered: 7 },
      ],
      source: 'survey',
      surveyId: SURVEY_ID,
    });
  });

  it('the system closes it when the period ends; an early or repeated timer does nothing', () => {
    survey.given(collected()).when(close(SYSTEM, '2025-03-23T23:59:59.999Z')).thenNothingHappens();
    survey
      .given(collected())
      .when(close(SYSTEM, CLOSES_AT))
      .thenMatch([
        { type: 'SurveyClosed', data: { closedBy: SYSTEM.id, reason: 'period-ended', tally: TALLY } },
      ]);
    survey
      .given(run(collected(), [close()]))
      .when(close(SYSTEM, CLOSES_AT))
      .thenNothingHappens();
  });

  it('a Front officer closing twice is told so; other roles may not close', () => {
    survey
      .given(run(collected(), [close()]))
      .when(close())
      .thenThrows('SURVEY_ALREADY_CLOSED', 'conflict');
    survey.given(collected()).when(close(COMMUNE_OFFICER)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });
});

describe('verdicts are exact at the boundary', () => {
  /** One village of `households`; `ballots` online ballots of which the first `satisfied` are satisfied. */
  const tallyOf = (
    households: number,
    ballots: number,
    satisfied: number,
    coverage: number,
    threshold: number,
  ) => {
    const given = run(
      openWithRegister(
        { [NA_DI]: households },
        { coverageMinimumPermille: coverage, satisfactionThresholdPermille: threshold },
      ),
      Array.from({ length: ballots }, (_, i) =>
        ballot(token(NA_DI, i + 1), answers(i < satisfied ? 'satisfied' : 'not-satisfied')),
      ),
    );
    return (
      survey
        .given(given)
        .when(close())
        .thenMatch([{ type: 'SurveyClosed' }])[0] as SurveyClosed
    ).data.tally;
  };

  it('exactly 90.0% satisfied meets a 90% threshold; one form less does not', () => {
    expect(tallyOf(10, 10, 9, 700, 900)).toMatchObject({ satisfactionPermille: 900, thresholdMet: true });
    expect(tallyOf(1000, 1000, 900, 700, 900)).toMatchObject({
      satisfactionPermille: 900,
      thresholdMet: true,
    });
    expect(tallyOf(1000, 1000, 899, 700, 900)).toMatchObject({
      satisfactionPermille: 899,
      thresholdMet: false,
    });
  });

  it('rates whose floating-point product falls short still meet (29% of 100, 57% of 100)', () => {
    expect(tallyOf(100, 29, 29, 290, 900)).toMatchObject({ participationPermille: 290, coverageMet: true });
    expect(tallyOf(100, 100, 57, 290, 570)).toMatchObject({ satisfactionPermille: 570, thresholdMet: true });
  });

  it('participation below the minimum is reported as coverage not met', () => {
    expect(tallyOf(10, 6, 6, 700, 900)).toMatchObject({
      participationPermille: 600,
      coverageMet: false,
      satisfactionPermille: 1000,
      thresholdMet: true,
    });
  });

  it('a survey without ballots meets nothing', () => {
    expect(tallyOf(10, 0, 0, 0, 0)).toMatchObject({ ballots: 0, coverageMet: true, thresholdMet: false });
  });
});

describe('posting the result', () => {
  const post = (data: Partial<PostSurveyResult['data']> = {}): PostSurveyResult => ({
    type: 'PostSurveyResult',
    data: {
      surveyId: SURVEY_ID,
      from: '2025-03-25T00:00:00.000Z',
      until: '2025-04-04T00:00:00.000Z',
      places: [' Nhà văn hóa thôn Nà Dì', 'Đài truyền thanh xã Dương Quang'],
      ...data,
    },
    metadata: meta(FRONT_A, '2025-03-24T09:00:00.000Z'),
  });

  it('is done by the Front after closing, for a period, at named places', () => {
    survey
      .given(run(collected(), [close()]))
      .when(post())
      .then([
        {
          type: 'SurveyResultPosted',
          data: {
            surveyId: SURVEY_ID,
            postedBy: FRONT_A.id,
            postedAt: '2025-03-24T09:00:00.000Z',
            from: '2025-03-25T00:00:00.000Z',
            until: '2025-04-04T00:00:00.000Z',
            places: ['Nhà văn hóa thôn Nà Dì', 'Đài truyền thanh xã Dương Quang'],
          },
        },
      ]);
  });

  it('may be done by the closing timer for the Front, but by no other role', () => {
    survey
      .given(run(collected(), [close(SYSTEM, CLOSES_AT)]))
      .when({ ...post(), metadata: meta(SYSTEM, CLOSES_AT) })
      .thenMatch([{ type: 'SurveyResultPosted', data: { postedBy: SYSTEM.id } }]);
    survey
      .given(run(collected(), [close()]))
      .when({ ...post(), metadata: meta(COMMUNE_OFFICER, CLOSES_AT) })
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  it('not before closing, not twice, and with a valid period and places', () => {
    survey.given(collected()).when(post()).thenThrows('SURVEY_NOT_CLOSED', 'rule');
    survey
      .given(run(collected(), [close(), post()]))
      .when(post())
      .thenThrows('RESULT_ALREADY_POSTED', 'conflict');
    const err = survey
      .given(run(collected(), [close()]))
      .when(post({ until: '2025-03-20T00:00:00.000Z', places: [] }))
      .thenThrows('INVALID_POSTING', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual(['until', 'places']);
  });
});
