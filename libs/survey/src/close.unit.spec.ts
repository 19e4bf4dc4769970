import type { Actor } from '@ntm/decider';
import { spec } from '@ntm/decider/testing';
import {
  surveyDecider,
  toDossierSurveyResult,
  type PostSurveyResult,
  type QuestionCounts,
  type SurveyClosed,
  type SurveyEvent,
  type SurveyTally,
} from '@ntm/survey';
import {
  BAN_CAU,
  CLOSES_AT,
  COMMUNE_OFFICER,
  DOSSIER_ID,
  FRONT_A,
  DURING,
  NA_DI,
  SURVEY_ID,
  SYSTEM,
  answers,
  close,
  meta,
  onlineBallotCast,
  openWithRegister,
  paperBatchAccepted,
  paperBatchEntered,
} from './testing/fixtures';

const survey = spec(surveyDecider);

/** Nà Dì's batch: households 3 and 4 on forms, one of them not satisfied with criterion 2. */
const NA_DI_COUNTS: QuestionCounts[] = [
  { question: 'overall', satisfied: 2, notSatisfied: 0, noAnswer: 0 },
  { question: 'c2', satisfied: 1, notSatisfied: 1, noAnswer: 0 },
  { question: 'c10', satisfied: 2, notSatisfied: 0, noAnswer: 0 },
  { question: 'c17', satisfied: 2, notSatisfied: 0, noAnswer: 0 },
];
/** Bản Cầu's batch: households 2 and 3, entered as counts. */
const BAN_CAU_COUNTS: QuestionCounts[] = [
  { question: 'overall', satisfied: 2, notSatisfied: 0, noAnswer: 0 },
  { question: 'c2', satisfied: 2, notSatisfied: 0, noAnswer: 0 },
  { question: 'c10', satisfied: 1, notSatisfied: 0, noAnswer: 1 },
  { question: 'c17', satisfied: 1, notSatisfied: 1, noAnswer: 0 },
];

/**
 * 10 households (5 in Nà Dì, 5 in Bản Cầu); 3 online ballots, a Nà Dì batch of 2 forms and a Bản Cầu batch of 2
 * entered as counts, each typed twice and accepted.
 */
const collected = (): SurveyEvent[] => [
  ...openWithRegister(),
  onlineBallotCast(NA_DI, 1, answers('satisfied')),
  onlineBallotCast(NA_DI, 2, answers('satisfied', 'satisfied', { c17: 'not-satisfied' })),
  onlineBallotCast(BAN_CAU, 1, answers('not-satisfied', 'satisfied', { c10: 'no-answer' })),
  paperBatchEntered('nd-1', NA_DI, 'forms', [3, 4], NA_DI_COUNTS, 1),
  paperBatchEntered('nd-1', NA_DI, 'forms', [3, 4], NA_DI_COUNTS, 2),
  paperBatchAccepted('nd-1', NA_DI, 2, NA_DI_COUNTS),
  paperBatchEntered('bc-1', BAN_CAU, 'counts', [2, 3], BAN_CAU_COUNTS, 1),
  paperBatchEntered('bc-1', BAN_CAU, 'counts', [2, 3], BAN_CAU_COUNTS, 2),
  paperBatchAccepted('bc-1', BAN_CAU, 2, BAN_CAU_COUNTS),
];

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

/** The survey closed with TALLY, by the Front officer (or by the system when the period ended). */
const closed = (by: Actor = FRONT_A, at = DURING): SurveyEvent => ({
  type: 'SurveyClosed',
  data: {
    surveyId: SURVEY_ID,
    closedBy: by.id,
    closedAt: at,
    reason: by === SYSTEM ? 'period-ended' : 'closed-by-front',
    tally: TALLY,
    excludedBatches: [],
  },
});

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
      .given([...collected(), closed()])
      .when(close(SYSTEM, CLOSES_AT))
      .thenNothingHappens();
  });

  it('a Front officer closing twice is told so; other roles may not close', () => {
    survey
      .given([...collected(), closed()])
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
    const given = [
      ...openWithRegister(
        { [NA_DI]: households },
        { coverageMinimumPermille: coverage, satisfactionThresholdPermille: threshold },
      ),
      ...Array.from({ length: ballots }, (_, i) =>
        onlineBallotCast(NA_DI, i + 1, answers(i < satisfied ? 'satisfied' : 'not-satisfied')),
      ),
    ];
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
      .given([...collected(), closed()])
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
      .given([...collected(), closed(SYSTEM, CLOSES_AT)])
      .when({ ...post(), metadata: meta(SYSTEM, CLOSES_AT) })
      .thenMatch([{ type: 'SurveyResultPosted', data: { postedBy: SYSTEM.id } }]);
    survey
      .given([...collected(), closed()])
      .when({ ...post(), metadata: meta(COMMUNE_OFFICER, CLOSES_AT) })
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  it('not before closing, not twice, and with a valid period and places', () => {
    survey.given(collected()).when(post()).thenThrows('SURVEY_NOT_CLOSED', 'rule');
    survey
      .given([
        ...collected(),
        closed(),
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
      ])
      .when(post())
      .thenThrows('RESULT_ALREADY_POSTED', 'conflict');
    const err = survey
      .given([...collected(), closed()])
      .when(post({ until: '2025-03-20T00:00:00.000Z', places: [] }))
      .thenThrows('INVALID_POSTING', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual(['until', 'places']);
  });
});
