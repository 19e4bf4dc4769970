import { fold } from '@ntm/decider';
import { spec } from '@ntm/decider/testing';
import { MAX_EVENT_BYTES } from '@ntm/event-store';
import {
  hashRegister,
  surveyHouseholdToken,
  parseHouseholdRegister,
  surveyDecider,
  MAX_BATCH_FORMS,
  MAX_LISTED_HOUSEHOLDS,
  type Answer,
  type Answers,
  type PaperBatchMismatched,
  type SurveyClosed,
  type SurveyCommand,
  type SurveyEvent,
  type SurveyState,
} from '@ntm/survey';
import {
  FRONT_A,
  FRONT_B,
  FRONT_C,
  KEY,
  QUESTIONS,
  SURVEY_ID,
  SYSTEM,
  ballot,
  close,
  countsBatch,
  formsBatch,
  meta,
  NA_DI,
  opened,
  openWithRegister,
  paperBatchEntered,
  paperBatchMismatched,
  run,
  token,
  answers,
} from './testing/fixtures';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const HOUSEHOLDS = 50_000;
const VILLAGES = Array.from({ length: 10 }, (_, i) => `Thôn ${i + 1}`);
const IDS = ['overall', ...QUESTIONS.criteria.map((q) => q.id)];

describe('a commune of 50,000 households', () => {
  it('imports the register in events under the size limit and tallies exactly what was cast', () => {
    const rnd = random(20250310);
    const csv = [
      'Mã hộ,Thôn',
      ...Array.from({ length: HOUSEHOLDS }, (_, i) => `DQ-${i + 1},${VILLAGES[i % 10]}`),
    ];
    const rows = parseHouseholdRegister(csv.join('\r\n'));
    expect(rows).toHaveLength(HOUSEHOLDS);

    let state: SurveyState = surveyDecider.initialState();
    const apply = (command: SurveyCommand): SurveyEvent[] => {
      const events = surveyDecider.decide(command, state);
      for (const e of events) expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThan(MAX_EVENT_BYTES);
      state = fold(surveyDecider.evolve, state, events);
      return events;
    };
    state = surveyDecider.evolve(state, opened());
    const imported = apply({
      type: 'ImportHouseholdRegister',
      data: { surveyId: SURVEY_ID, importId: 'import-large', households: hashRegister(KEY, SURVEY_ID, rows) },
      metadata: meta(FRONT_A),
    });
    expect(imported).toHaveLength(11);

    // What each household answered, decided here and counted here, independently of the library.
    const expected = {
      ballots: 0,
      satisfied: 0,
      perQuestion: IDS.map(() => ({ satisfied: 0, notSatisfied: 0, noAnswer: 0 })),
      perVillage: VILLAGES.map(() => ({ ballots: 0, satisfied: 0 })),
    };
    const count = (village: number, a: Answers) => {
      expected.ballots++;
      if (a.overall === 'satisfied') expected.satisfied++;
      expected.perVillage[village].ballots++;
      if (a.overall === 'satisfied') expected.perVillage[village].satisfied++;
      IDS.forEach((id, q) => {
        const c = expected.perQuestion[q];
        if (a[id] === 'satisfied') c.satisfied++;
        else if (a[id] === 'not-satisfied') c.notSatisfied++;
        else c.noAnswer++;
      });
    };
    const pick = (pSatisfied: number, pNot: number): Answer => {
      const r = rnd();
      return r < pSatisfied ? 'satisfied' : r < pSatisfied + pNot ? 'not-satisfied' : 'no-answer';
    };
    const paper: { token: string; answers: Answers }[][] = VILLAGES.map(() => []);
    for (let i = 0; i < HOUSEHOLDS; i++) {
      if (rnd() < 0.2) continue;
      const answers: Answers = Object.fromEntries([
        ['overall', pick(0.93, 0.07)],
        ...IDS.slice(1).map((id) => [id, pick(0.85, 0.1)]),
      ]);
      const token = surveyHouseholdToken(KEY, SURVEY_ID, `dq-${i + 1}`);
      if (rnd() < 0.4) {
        apply(ballot(token, answers));
        count(i % 10, answers);
      } else paper[i % 10].push({ token, answers });
    }

    const countsOf = (forms: { answers: Answers }[]) =>
      IDS.map((question) => ({
        question,
        satisfied: forms.filter((f) => f.answers[question] === 'satisfied').length,
        notSatisfied: forms.filter((f) => f.answers[question] === 'not-satisfied').length,
        noAnswer: forms.filter((f) => f.answers[question] === 'no-answer').length,
      }));
    let excluded = 0;
    paper.forEach((forms, v) => {
      for (let start = 0, n = 1; start < forms.length; start += 2000, n++) {
        const stack = forms.slice(start, start + 2000);
        const batchId = `v${v + 1}-b${n}`;
        apply(formsBatch(batchId, VILLAGES[v], stack, FRONT_A));
        if (v === 9 && n === 1) {
          // Left with a single entry at closing: excluded from the tally.
          excluded += stack.length;
          continue;
        }
        if (v === 3 && n === 2) {
          // B drops a form, C's entry agrees with A's.
          const second = apply(formsBatch(batchId, VILLAGES[v], stack.slice(1), FRONT_B));
          expect(second.map((e) => e.type)).toEqual(['PaperBatchEntered', 'PaperBatchMismatched']);
          apply(formsBatch(batchId, VILLAGES[v], stack, FRONT_C));
        } else {
          const households = stack.map((f) => f.token);
          const second = apply(countsBatch(batchId, VILLAGES[v], households, countsOf(stack), FRONT_B));
          expect(second.map((e) => e.type)).toEqual(['PaperBatchEntered', 'PaperBatchAccepted']);
        }
        stack.forEach((f) => count(v, f.answers));
      }
    });
    expect(excluded).toBeGreaterThan(0);

    const [closed] = apply(close(SYSTEM, '2025-03-24T00:00:00.000Z')) as SurveyClosed[];
    const { tally, excludedBatches } = closed.data;
    expect(excludedBatches).toEqual([
      { batchId: 'v10-b1', village: 'Thôn 10', status: 'awaiting-second-entry' },
    ]);
    expect(tally.households).toBe(HOUSEHOLDS);
    expect(tally.ballots).toBe(expected.ballots);
    expect(tally.online + tally.paper).toBe(expected.ballots);
    expect(tally.satisfied).toBe(expected.satisfied);
    expect(
      tally.perQuestion.map(({ satisfied, notSatisfied, noAnswer }) => ({
        satisfied,
        notSatisfied,
        noAnswer,
      })),
    ).toEqual(expected.perQuestion);
    expect(tally.perVillage).toEqual(
      VILLAGES.map((village, v) => ({ village, households: 5000, ...expected.perVillage[v] })),
    );
    expect(tally.coverageMet).toBe(expected.ballots * 1000 >= 700 * HOUSEHOLDS);
    expect(tally.thresholdMet).toBe(expected.satisfied * 1000 >= 900 * expected.ballots);
  });

  /** Nà Dì's households from `from`, a full stack, every form satisfied. */
  const stack = (from: number) =>
    Array.from({ length: MAX_BATCH_FORMS }, (_, i) => ({
      token: token(NA_DI, from + i),
      answers: answers('satisfied'),
    }));
  const numbers = (from: number) => Array.from({ length: MAX_BATCH_FORMS }, (_, i) => from + i);
  const allSatisfied = ['overall', 'c2', 'c10', 'c17'].map((question) => ({
    question,
    satisfied: MAX_BATCH_FORMS,
    notSatisfied: 0,
    noAnswer: 0,
  }));
  const listed = (from: number) => ({
    count: MAX_BATCH_FORMS,
    tokens: numbers(from)
      .map((n) => token(NA_DI, n))
      .sort()
      .slice(0, MAX_LISTED_HOUSEHOLDS),
  });
  const given = () => openWithRegister({ [NA_DI]: 3 * MAX_BATCH_FORMS });
  /** A and B typed two wholly different full stacks as the same batch. */
  const disputed = () => [
    ...given(),
    paperBatchEntered('nd-1', NA_DI, 'forms', numbers(1), allSatisfied, 1),
    paperBatchEntered('nd-1', NA_DI, 'forms', numbers(1 + MAX_BATCH_FORMS), allSatisfied, 2),
    paperBatchMismatched('nd-1', NA_DI, 2, [
      {
        entryNo: 1,
        enteredBy: FRONT_A.id,
        differences: [
          { field: 'households', onlyInEarlier: listed(1), onlyInLater: listed(1 + MAX_BATCH_FORMS) },
        ],
      },
    ]),
  ];

  it('records the dispute of two wholly different full stacks as stated above', () => {
    expect(disputed()).toEqual(
      run(given(), [
        formsBatch('nd-1', NA_DI, stack(1), FRONT_A),
        formsBatch('nd-1', NA_DI, stack(1 + MAX_BATCH_FORMS), FRONT_B),
      ]),
    );
  });

  it('keeps a mismatch between wholly different full stacks under the event size limit', () => {
    const [, mismatch] = spec(surveyDecider)
      .given(disputed())
      .when(formsBatch('nd-1', NA_DI, stack(1 + 2 * MAX_BATCH_FORMS), FRONT_C))
      .thenMatch([{ type: 'PaperBatchEntered' }, { type: 'PaperBatchMismatched' }]);
    expect(Buffer.byteLength(JSON.stringify(mismatch))).toBeLessThan(MAX_EVENT_BYTES);
    const { comparisons } = (mismatch as PaperBatchMismatched).data;
    expect(comparisons.map((c) => c.differences)).toEqual(
      [1, 1 + MAX_BATCH_FORMS].map(() => [
        {
          field: 'households',
          onlyInEarlier: { count: MAX_BATCH_FORMS, tokens: expect.any(Array) },
          onlyInLater: { count: MAX_BATCH_FORMS, tokens: expect.any(Array) },
        },
      ]),
    );
    const [households] = comparisons[0].differences;
    expect(households.field === 'households' && households.onlyInLater.tokens).toHaveLength(
      MAX_LISTED_HOUSEHOLDS,
    );
  });
});
