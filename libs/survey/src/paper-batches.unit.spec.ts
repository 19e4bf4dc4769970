import { spec } from '@ntm/decider/testing';
import { surveyDecider, type PaperBatchMismatched, type SurveyClosed, type SurveyState } from '@ntm/survey';
import {
  BAN_CAU,
  FRONT_A,
  FRONT_B,
  FRONT_C,
  NA_DI,
  SURVEY_ID,
  SYSTEM,
  answers,
  ballot,
  close,
  countsBatch,
  DURING,
  formsBatch,
  openWithRegister,
  token,
} from './testing/fixtures';
import {
  disputed,
  entry,
  h,
  MISMATCH,
  MISTYPED,
  mistypedByA,
  retypedByA,
  settledByC,
  STACK,
  STACK_COUNTS,
  typedByA,
} from './testing/paper';

const survey = spec(surveyDecider);

const paperCounts = (s: SurveyState) =>
  s.status === 'none' ? undefined : { ...s.counts, perVillage: Object.fromEntries(s.counts.perVillage) };

describe('paper batches: double entry', () => {
  it('a first entry is recorded as counts and sorted households, and counts for nothing yet', () => {
    const given = openWithRegister();
    survey
      .given(given)
      .when(entry([STACK[2], STACK[0], STACK[1]]))
      .then([
        {
          type: 'PaperBatchEntered',
          data: {
            surveyId: SURVEY_ID,
            batchId: 'nd-1',
            village: NA_DI,
            entryNo: 1,
            enteredBy: FRONT_A.id,
            enteredAt: DURING,
            mode: 'forms',
            forms: 3,
            households: [h(1), h(2), h(3)].sort(),
            counts: STACK_COUNTS,
          },
        },
      ]);
    expect(paperCounts(survey.given(given).when(entry(STACK)).stateAfter())?.ballots).toBe(0);
  });

  it("an entry keeps the officer's name from the sign-in, for the screens to show the person, not the account", () => {
    const given = typedByA();
    const named = { ...FRONT_B, name: 'Lương Thị Hà' };
    survey
      .given(given)
      .when(entry(STACK, named))
      .thenMatch([
        { type: 'PaperBatchEntered', data: { enteredBy: FRONT_B.id, enteredByName: 'Lương Thị Hà' } },
        { type: 'PaperBatchAccepted' },
      ]);
    const batch = survey.given(given).when(entry(STACK, named)).stateAfter();
    expect(batch.status !== 'none' && batch.batches.get('nd-1')?.entries.map((e) => e.enteredByName)).toEqual(
      [undefined, 'Lương Thị Hà'],
    );
  });

  it('a second officer whose entry agrees makes the batch count', () => {
    const given = typedByA();
    survey
      .given(given)
      .when(entry(STACK, FRONT_B))
      .thenMatch([
        { type: 'PaperBatchEntered', data: { entryNo: 2, enteredBy: FRONT_B.id } },
        {
          type: 'PaperBatchAccepted',
          data: {
            surveyId: SURVEY_ID,
            batchId: 'nd-1',
            village: NA_DI,
            agreedEntries: [1, 2],
            forms: 3,
            counts: STACK_COUNTS,
          },
        },
      ]);
    expect(paperCounts(survey.given(given).when(entry(STACK, FRONT_B)).stateAfter())).toEqual({
      ballots: 3,
      online: 0,
      paper: 3,
      perQuestion: STACK_COUNTS,
      perVillage: { [NA_DI]: { ballots: 3, satisfied: 2 } },
    });
  });

  it('an entry by counts agrees with an entry by forms when the figures are the same', () => {
    const given = typedByA();
    survey
      .given(given)
      .when(countsBatch('nd-1', NA_DI, [h(3), h(1), h(2)], [...STACK_COUNTS].reverse(), FRONT_B))
      .thenMatch([
        { type: 'PaperBatchEntered', data: { mode: 'counts', counts: STACK_COUNTS } },
        { type: 'PaperBatchAccepted' },
      ]);
  });

  it('the same officer typing it again replaces their entry and never verifies it', () => {
    const given = mistypedByA();
    const state = survey.given(given).when(entry(STACK)).stateAfter();
    survey
      .given(given)
      .when(entry(STACK))
      .thenMatch([{ type: 'PaperBatchEntered', data: { entryNo: 2 } }]);
    const batch = state.status === 'open' ? state.batches.get('nd-1') : undefined;
    expect(batch?.status).toBe('awaiting-second-entry');
    expect(batch?.entries.map((e) => e.entryNo)).toEqual([2]);
    // Household 4 was only in the replaced entry: it is free again.
    survey
      .given(retypedByA())
      .when(ballot(h(4), answers('satisfied')))
      .thenMatch([{ type: 'OnlineBallotCast' }]);
  });

  it('disagreeing entries are recorded with every differing figure, and neither counts', () => {
    const given = typedByA();
    survey
      .given(given)
      .when(entry(MISTYPED, FRONT_B))
      .then([
        {
          type: 'PaperBatchEntered',
          data: {
            surveyId: SURVEY_ID,
            batchId: 'nd-1',
            village: NA_DI,
            entryNo: 2,
            enteredBy: FRONT_B.id,
            enteredAt: DURING,
            mode: 'forms',
            forms: 3,
            households: [h(1), h(2), h(4)].sort(),
            counts: [
              STACK_COUNTS[0],
              STACK_COUNTS[1],
              STACK_COUNTS[2],
              { question: 'c17', satisfied: 3, notSatisfied: 0, noAnswer: 0 },
            ],
          },
        },
        {
          type: 'PaperBatchMismatched',
          data: {
            surveyId: SURVEY_ID,
            batchId: 'nd-1',
            village: NA_DI,
            entryNo: 2,
            comparisons: [{ entryNo: 1, enteredBy: FRONT_A.id, differences: MISMATCH }],
          },
        },
      ]);
    const s = survey.given(given).when(entry(MISTYPED, FRONT_B)).stateAfter();
    expect(paperCounts(s)?.ballots).toBe(0);
    expect(s.status === 'open' && s.batches.get('nd-1')?.status).toBe('disputed');
  });

  it('shows a different number of forms', () => {
    survey
      .given(typedByA())
      .when(entry(STACK.slice(0, 2), FRONT_B))
      .thenMatch([
        {},
        {
          type: 'PaperBatchMismatched',
          data: {
            comparisons: [
              {
                entryNo: 1,
                enteredBy: FRONT_A.id,
                differences: [
                  { field: 'forms', earlier: 3, later: 2 },
                  { field: 'notSatisfied', question: 'overall', earlier: 1, later: 0 },
                  { field: 'satisfied', question: 'c2', earlier: 3, later: 2 },
                  { field: 'noAnswer', question: 'c10', earlier: 1, later: 0 },
                  { field: 'satisfied', question: 'c17', earlier: 2, later: 1 },
                  {
                    field: 'households',
                    onlyInEarlier: { count: 1, tokens: [h(3)] },
                    onlyInLater: { count: 0, tokens: [] },
                  },
                ],
              },
            ],
          },
        },
      ]);
  });

  describe('resolving a dispute', () => {
    it('a third officer agreeing with one of the two settles it', () => {
      survey
        .given(disputed())
        .when(entry(STACK, FRONT_C))
        .thenMatch([
          { type: 'PaperBatchEntered', data: { entryNo: 3 } },
          { type: 'PaperBatchAccepted', data: { agreedEntries: [1, 3] } },
        ]);
      expect(
        paperCounts(survey.given(disputed()).when(entry(STACK, FRONT_C)).stateAfter())?.perQuestion,
      ).toEqual(STACK_COUNTS);
    });

    it('a re-entry by the officer who mistyped, agreeing with the other, settles it', () => {
      survey
        .given(disputed())
        .when(entry(STACK, FRONT_B))
        .thenMatch([{}, { type: 'PaperBatchAccepted', data: { agreedEntries: [1, 3] } }]);
    });

    it('a re-entry agreeing only with the same officer earlier entry settles nothing', () => {
      survey
        .given(disputed())
        .when(entry(STACK, FRONT_A))
        .thenMatch([
          { type: 'PaperBatchEntered', data: { entryNo: 3 } },
          {
            type: 'PaperBatchMismatched',
            data: {
              comparisons: [
                {
                  entryNo: 2,
                  enteredBy: FRONT_B.id,
                  // Now A's entry is the later one.
                  differences: [
                    { field: 'satisfied', question: 'c17', earlier: 3, later: 2 },
                    { field: 'notSatisfied', question: 'c17', earlier: 0, later: 1 },
                    {
                      field: 'households',
                      onlyInEarlier: { count: 1, tokens: [h(4)] },
                      onlyInLater: { count: 1, tokens: [h(3)] },
                    },
                  ],
                },
              ],
            },
          },
        ]);
    });

    it('a third entry agreeing with neither is compared with both', () => {
      const third = [STACK[0], STACK[1], { token: h(5), answers: STACK[2].answers }];
      const [, mismatch] = survey
        .given(disputed())
        .when(entry(third, FRONT_C))
        .thenMatch([{}, { type: 'PaperBatchMismatched' }]);
      expect((mismatch as PaperBatchMismatched).data.comparisons.map((c) => c.entryNo)).toEqual([1, 2]);
    });

    it('an accepted batch takes no more entries', () => {
      survey.given(settledByC()).when(entry(STACK, FRONT_B)).thenThrows('BATCH_ALREADY_ACCEPTED', 'conflict');
    });

    it('a batch still unresolved at closing is left out of the tally and listed', () => {
      const [closed] = survey
        .given(disputed())
        .when(close())
        .thenMatch([
          {
            type: 'SurveyClosed',
            data: { excludedBatches: [{ batchId: 'nd-1', village: NA_DI, status: 'disputed' }] },
          },
        ]) as SurveyClosed[];
      expect(closed.data.tally.ballots).toBe(0);
    });
  });
});

describe('paper batches: what an entry may contain', () => {
  it('households of the batch village only', () => {
    survey
      .given(openWithRegister())
      .when(entry([STACK[0], { token: token(BAN_CAU, 1), answers: answers('satisfied') }]))
      .thenThrows('HOUSEHOLD_NOT_IN_VILLAGE', 'rule');
  });

  it('each household once, and not one that has a ballot elsewhere (pending batches included)', () => {
    const err = survey
      .given(openWithRegister())
      .when(entry([STACK[0], STACK[0]]))
      .thenThrows('DUPLICATE_BALLOT', 'conflict');
    expect(err.violations.map((v) => v.field)).toEqual(['input.forms[1].token']);
    survey
      .given(typedByA())
      .when(entry([STACK[0]], FRONT_B, 'nd-2'))
      .thenThrows('DUPLICATE_BALLOT', 'conflict');
  });

  it('unknown households are refused', () => {
    survey
      .given(openWithRegister())
      .when(entry([{ token: h(42), answers: answers('satisfied') }]))
      .thenThrows('UNKNOWN_HOUSEHOLD', 'rule');
  });

  it('counts that add up to the forms, with an answer to the overall question on each', () => {
    const err = survey
      .given(openWithRegister())
      .when(
        countsBatch(
          'nd-1',
          NA_DI,
          [h(1), h(2)],
          [
            { question: 'overall', satisfied: 1, notSatisfied: 0, noAnswer: 1 },
            { question: 'c2', satisfied: 1, notSatisfied: 0, noAnswer: 0 },
            { question: 'c10', satisfied: -1, notSatisfied: 3, noAnswer: 0 },
            { question: 'c99', satisfied: 2, notSatisfied: 0, noAnswer: 0 },
          ],
          FRONT_A,
        ),
      )
      .thenThrows('INVALID_BATCH', 'invalid');
    expect(err.violations.map((v) => [v.code, v.field])).toEqual([
      ['UNKNOWN_QUESTION', 'input.counts[3].question'],
      ['OVERALL_ANSWER_REQUIRED', 'input.counts[0].noAnswer'],
      ['COUNT_MISMATCH', 'input.counts[1]'],
      ['INVALID_COUNT', 'input.counts[2]'],
      ['MISSING_ANSWER', 'input.counts'],
    ]);
  });

  it('a village of the register, the same for every entry of a batch', () => {
    survey
      .given(openWithRegister())
      .when(formsBatch('nd-1', 'Thôn Không Có', STACK, FRONT_A))
      .thenThrows('INVALID_BATCH', 'invalid');
    survey
      .given(typedByA())
      .when(formsBatch('nd-1', BAN_CAU, STACK, FRONT_B))
      .thenThrows('BATCH_VILLAGE_MISMATCH', 'conflict');
  });

  it('typed by a Front officer of the commune, not by the system', () => {
    survey.given(openWithRegister()).when(entry(STACK, SYSTEM)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });
});
