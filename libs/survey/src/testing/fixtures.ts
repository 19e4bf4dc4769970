import { fold, type Actor, type CommandMetadata, type Location } from '@ntm/decider';
import { surveyHouseholdToken } from '../household';
import { surveyDecider } from '../survey';
import { REGISTER_CHUNK_SIZE } from '../types';
import type { SurveyRule } from '../rule';
import type {
  Answer,
  Answers,
  OpenSurvey,
  PaperBatchMismatched,
  QuestionCounts,
  SurveyCommand,
  SurveyDefinition,
  SurveyEvent,
  SurveyOpened,
  SurveyQuestions,
  SurveyState,
} from '../types';

/** Test data: Dương Quang commune, Bắc Kạn city (articles/bac-kan-city-plan-2021-2025.txt). */
export const KEY = 'khoa-thu-nghiem-hmac-chi-dung-trong-test';
export const SURVEY_ID = '7f3c1c2e-5b1a-4a52-9a51-1f0d8f0e2a01';
export const DOSSIER_ID = 'b3a9e0c4-0d7e-4f3e-8c55-2d8c3c1f6a10';
export const DUONG_QUANG: Location = { provinceCode: '06', districtCode: '058', communeCode: '01843' };

const officer = (id: string, role: Actor['role'], communeCode = DUONG_QUANG.communeCode): Actor => ({
  id,
  role,
  jurisdiction: { provinceCode: '06', districtCode: '058', communeCode },
});
export const FRONT_A = officer('front-a', 'front_officer');
export const FRONT_B = officer('front-b', 'front_officer');
export const FRONT_C = officer('front-c', 'front_officer');
export const FRONT_ELSEWHERE = officer('front-x', 'front_officer', '01846');
export const COMMUNE_OFFICER = officer('commune-1', 'commune_officer');
export const SYSTEM: Actor = { id: 'system', role: 'system', jurisdiction: {} };

export const OPENS_AT = '2025-03-03T00:00:00.000Z';
export const CLOSES_AT = '2025-03-24T00:00:00.000Z';
export const DURING = '2025-03-10T08:00:00.000Z';

export const meta = (actor: Actor, now = DURING): CommandMetadata => ({ actor, now });

export const QUESTIONS: SurveyQuestions = {
  overall: { id: 'overall', text: 'Ông/bà có hài lòng với kết quả xây dựng nông thôn mới của xã không?' },
  criteria: [
    { id: 'c2', criterion: 2, text: 'Giao thông' },
    { id: 'c10', criterion: 10, text: 'Thu nhập' },
    { id: 'c17', criterion: 17, text: 'Môi trường và an toàn thực phẩm' },
  ],
};

/** A province's rule on the fixture's questions (overall, c2, c10, c17). */
export const TEST_RULE: SurveyRule = {
  id: 'bac-kan-thu-nghiem',
  source: 'Quy định thử nghiệm của tỉnh Bắc Kạn (dữ liệu kiểm thử)',
  coveragePermille: 500,
  questions: [{ question: 'overall', thresholdPermille: 750 }],
  groups: [{ questions: ['c2', 'c10', 'c17'], averagePermille: 800 }],
  windowWorkingDays: 20,
};

/** The survey Front officer A defines on 01/03/2025. */
const definition: SurveyDefinition = {
  surveyId: SURVEY_ID,
  dossierId: DOSSIER_ID,
  round: 1,
  location: DUONG_QUANG,
  questions: QUESTIONS,
  period: { opensAt: OPENS_AT, closesAt: CLOSES_AT },
  coverageMinimumPermille: 700,
  satisfactionThresholdPermille: 900,
  // The double-entry specs type stacks of three forms; the minimum is specified in ballot-anonymity.unit.spec.
  minimumBatchForms: 1,
};

export const openSurvey = (data: Partial<OpenSurvey['data']> = {}, actor = FRONT_A): OpenSurvey => ({
  type: 'OpenSurvey',
  data: { ...definition, ...data },
  metadata: meta(actor, '2025-03-01T02:00:00.000Z'),
});

/** The survey as `openSurvey` with the same `data` opens it, for the `given` of a specification. */
export const opened = (data: Partial<SurveyDefinition> = {}): SurveyOpened => ({
  type: 'SurveyOpened',
  data: { ...definition, ...data, openedBy: FRONT_A.id, openedAt: '2025-03-01T02:00:00.000Z' },
});

export const NA_DI = 'Thôn Nà Dì';
export const BAN_CAU = 'Thôn Bản Cầu';

/** Household code of the n-th household of a village, as printed in the commune's register. */
export const code = (village: string, n: number) =>
  `${village === NA_DI ? 'ND' : 'BC'}-${String(n).padStart(4, '0')}`;
export const token = (village: string, n: number) => surveyHouseholdToken(KEY, SURVEY_ID, code(village, n));

/** The register as the shell imports it: `perVillage` households in each village. */
export const importRegister = (villages: Record<string, number>, actor = FRONT_A): SurveyCommand => ({
  type: 'ImportHouseholdRegister',
  data: {
    surveyId: SURVEY_ID,
    importId: 'import-1',
    households: Object.entries(villages).flatMap(([village, n]) =>
      Array.from({ length: n }, (_, i) => ({ token: token(village, i + 1), village })),
    ),
  },
  metadata: meta(actor, '2025-03-01T03:00:00.000Z'),
});

/**
 * The register Front officer A imported on 01/03/2025 (`importRegister` of the same villages): its summary, then
 * its tokens in token order, REGISTER_CHUNK_SIZE to a chunk, grouped by village within each chunk.
 */
export const registerImported = (villages: Record<string, number>): SurveyEvent[] => {
  const households = Object.entries(villages)
    .flatMap(([village, n]) =>
      Array.from({ length: n }, (_, i) => ({ token: token(village, i + 1), village })),
    )
    .sort((a, b) => (a.token < b.token ? -1 : 1));
  const chunks = Array.from({ length: Math.ceil(households.length / REGISTER_CHUNK_SIZE) }, (_, i) =>
    households.slice(i * REGISTER_CHUNK_SIZE, (i + 1) * REGISTER_CHUNK_SIZE),
  );
  return [
    {
      type: 'HouseholdRegisterImported',
      data: {
        surveyId: SURVEY_ID,
        importId: 'import-1',
        households: households.length,
        villages: Object.entries(villages).map(([village, n]) => ({ village, households: n })),
        chunks: chunks.length,
        importedBy: FRONT_A.id,
        importedAt: '2025-03-01T03:00:00.000Z',
        tokenScheme: 'per-survey',
      },
    },
    ...chunks.map((chunk, i): SurveyEvent => ({
      type: 'HouseholdRegisterChunkAdded',
      data: {
        surveyId: SURVEY_ID,
        importId: 'import-1',
        chunk: i + 1,
        villages: [...new Set(chunk.map((h) => h.village))].map((village) => ({
          village,
          tokens: chunk.filter((h) => h.village === village).map((h) => h.token),
        })),
      },
    })),
  ];
};

/** Events of a fresh survey with a register of 5 households in Nà Dì and 5 in Bản Cầu. */
export const openWithRegister = (
  villages: Record<string, number> = { [NA_DI]: 5, [BAN_CAU]: 5 },
  data: Partial<SurveyDefinition> = {},
): SurveyEvent[] => [opened(data), ...registerImported(villages)];

/** All questions answered `overall`, the criteria `rest` unless overridden. */
export const answers = (
  overall: Answer,
  rest: Answer = 'satisfied',
  override: Record<string, Answer> = {},
): Answers => ({
  overall,
  c2: rest,
  c10: rest,
  c17: rest,
  ...override,
});

export const ballot = (tok: string, a: Answers, actor = SYSTEM, now = DURING): SurveyCommand => ({
  type: 'CastOnlineBallot',
  data: { surveyId: SURVEY_ID, token: tok, answers: a },
  metadata: meta(actor, now),
});

export const formsBatch = (
  batchId: string,
  village: string,
  forms: { token: string; answers: Answers }[],
  actor: Actor,
  now = DURING,
): SurveyCommand => ({
  type: 'EnterPaperBatch',
  data: { surveyId: SURVEY_ID, batchId, village, input: { mode: 'forms', forms } },
  metadata: meta(actor, now),
});

export const countsBatch = (
  batchId: string,
  village: string,
  households: string[],
  counts: QuestionCounts[],
  actor: Actor,
): SurveyCommand => ({
  type: 'EnterPaperBatch',
  data: { surveyId: SURVEY_ID, batchId, village, input: { mode: 'counts', households, counts } },
  metadata: meta(actor),
});

export const close = (actor: Actor = FRONT_A, now = DURING): SurveyCommand => ({
  type: 'CloseSurvey',
  data: { surveyId: SURVEY_ID },
  metadata: meta(actor, now),
});

/** The event of a household's online ballot. */
export const onlineBallotCast = (village: string, n: number, a: Answers): SurveyEvent => ({
  type: 'OnlineBallotCast',
  data: { surveyId: SURVEY_ID, token: token(village, n), village, answers: a },
});

/**
 * One typing of a paper batch of the village's `households`, with its counts: `entryNo` 1 by Front officer A, 2 by
 * B, 3 by C unless `by` says who typed it.
 */
export const paperBatchEntered = (
  batchId: string,
  village: string,
  mode: 'forms' | 'counts',
  households: readonly number[],
  counts: readonly QuestionCounts[],
  entryNo: 1 | 2 | 3,
  by: Actor = [FRONT_A, FRONT_B, FRONT_C][entryNo - 1],
): SurveyEvent => ({
  type: 'PaperBatchEntered',
  data: {
    surveyId: SURVEY_ID,
    batchId,
    village,
    entryNo,
    enteredBy: by.id,
    enteredAt: DURING,
    mode,
    forms: households.length,
    households: households.map((n) => token(village, n)).sort(),
    counts: [...counts],
  },
});

/** Two typings of a batch of `forms` forms agreed (the first two unless told). */
export const paperBatchAccepted = (
  batchId: string,
  village: string,
  forms: number,
  counts: readonly QuestionCounts[],
  agreedEntries: readonly [number, number] = [1, 2],
): SurveyEvent => ({
  type: 'PaperBatchAccepted',
  data: {
    surveyId: SURVEY_ID,
    batchId,
    village,
    agreedEntries: [...agreedEntries],
    forms,
    counts: [...counts],
  },
});

/** Typing `entryNo` of a batch disagreed with every earlier typing it was compared with. */
export const paperBatchMismatched = (
  batchId: string,
  village: string,
  entryNo: number,
  comparisons: PaperBatchMismatched['data']['comparisons'],
): SurveyEvent => ({
  type: 'PaperBatchMismatched',
  data: { surveyId: SURVEY_ID, batchId, village, entryNo, comparisons },
});

/**
 * Front officer A closes the survey on 10/03/2025 before any ballot: an empty tally over the register's
 * `villages` (none unless told).
 */
export const closedWithoutBallots = (villages: Record<string, number> = {}): SurveyEvent => {
  const zero = { satisfied: 0, notSatisfied: 0, noAnswer: 0, answered: 0, satisfactionPermille: 0 };
  return {
    type: 'SurveyClosed',
    data: {
      surveyId: SURVEY_ID,
      closedBy: FRONT_A.id,
      closedAt: DURING,
      reason: 'closed-by-front',
      tally: {
        surveyId: SURVEY_ID,
        dossierId: DOSSIER_ID,
        round: 1,
        households: Object.values(villages).reduce((sum, n) => sum + n, 0),
        ballots: 0,
        online: 0,
        paper: 0,
        participationPermille: 0,
        coverageMinimumPermille: 700,
        coverageMet: false,
        satisfactionThresholdPermille: 900,
        satisfied: 0,
        satisfactionPermille: 0,
        thresholdMet: false,
        perQuestion: [
          { question: QUESTIONS.overall.id, ...zero },
          ...QUESTIONS.criteria.map((q) => ({ question: q.id, criterion: q.criterion, ...zero })),
        ],
        perVillage: Object.entries(villages).map(([village, households]) => ({
          village,
          households,
          ballots: 0,
          satisfied: 0,
        })),
      },
      excludedBatches: [],
    },
  };
};

/** Runs commands one after another as the shell would, returning every event. */
export const run = (given: readonly SurveyEvent[], commands: readonly SurveyCommand[]): SurveyEvent[] => {
  let state: SurveyState = fold(surveyDecider.evolve, surveyDecider.initialState(), given);
  const events = [...given];
  for (const c of commands) {
    const produced = surveyDecider.decide(c, state);
    state = fold(surveyDecider.evolve, state, produced);
    events.push(...produced);
  }
  return events;
};

export const stateOf = (events: readonly SurveyEvent[]): SurveyState =>
  fold(surveyDecider.evolve, surveyDecider.initialState(), events);
