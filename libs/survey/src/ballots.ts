import { conflict, listOr, ruleBroken, type Violation } from '@ntm/decider';
import { batchHolds, compareEntries } from './batch';
import { addCounts, countsOfAnswers, questionIds, zeroCounts } from './counts';
import { authorise, ensureTakingBallots, openedSurvey } from './guards';
import { normaliseVillage } from './household';
import {
  DEFAULT_MINIMUM_BATCH_FORMS,
  MAX_BATCH_FORMS,
  type CastOnlineBallot,
  type EnterPaperBatch,
  type OnlineBallotCast,
  type OpenedSurvey,
  type PaperBatchAccepted,
  type PaperBatchEntered,
  type PaperBatchInput,
  type PaperBatchMismatched,
  type QuestionCounts,
  type SurveyState,
} from './types';
import { answerViolations, isCount, isNonEmptyString, reject, tokenViolation } from './validation';

interface Claim {
  readonly token: string;
  /** Where the token stands in the command, for the error. */
  readonly field: string;
}

/** Whether a household already has a ballot: online, or in a batch other than `exceptBatch`. */
const hasBallot = (s: OpenedSurvey, token: string, exceptBatch?: string): boolean =>
  s.onlineVoters.has(token) ||
  s.batchesOf.get(token).some((id) => id !== exceptBatch && batchHolds(s.batches.get(id)!, token));

/**
 * Every claimed household must be in the register (of the batch's village, for paper) and have no ballot yet.
 * A duplicate is refused, and recorded nowhere.
 */
const checkHouseholds = (
  s: OpenedSurvey,
  claims: readonly Claim[],
  village?: string,
  batchId?: string,
): void => {
  const unknown: Violation[] = [];
  const elsewhere: Violation[] = [];
  const duplicates: Violation[] = [];
  const seen = new Set<string>();
  for (const { token, field } of claims) {
    const home = s.households.get(token)[0];
    if (home === undefined) {
      unknown.push({
        code: 'UNKNOWN_HOUSEHOLD',
        message: `Trường ${field}: hộ không có trong danh sách hộ của xã`,
        field,
      });
    } else if (village !== undefined && home !== village) {
      elsewhere.push({
        code: 'HOUSEHOLD_NOT_IN_VILLAGE',
        message: `Trường ${field}: hộ thuộc ${home}, không thuộc ${village}`,
        field,
      });
    } else if (seen.has(token) || hasBallot(s, token, batchId)) {
      duplicates.push({
        code: 'DUPLICATE_BALLOT',
        message: `Trường ${field}: hộ đã có phiếu trong khảo sát này (mỗi hộ một phiếu)`,
        field,
      });
    }
    seen.add(token);
  }
  if (unknown.length > 0) throw reject('rule', 'UNKNOWN_HOUSEHOLD', 'Hộ không có trong danh sách', unknown);
  if (elsewhere.length > 0) {
    throw reject('rule', 'HOUSEHOLD_NOT_IN_VILLAGE', 'Phiếu của hộ thôn khác trong tập phiếu', elsewhere);
  }
  if (duplicates.length > 0) throw reject('conflict', 'DUPLICATE_BALLOT', 'Hộ đã có phiếu', duplicates);
};

/**
 * An online ballot for a household that is not in the register, or that already has a ballot: one answer for
 * both, word for word, so a guessed code tells nothing about whether the household exists or has voted.
 */
export const BALLOT_REFUSED = {
  code: 'BALLOT_REFUSED',
  message: 'Mã hộ không hợp lệ hoặc đã được sử dụng',
} as const;

export const decideOnlineBallot = (c: CastOnlineBallot, state: SurveyState): OnlineBallotCast[] => {
  const s = openedSurvey(state, c.data.surveyId);
  // The public ballot page acts as 'system'; a Front officer may take a ballot by phone.
  authorise(c.metadata, s, ['system', 'front_officer'], 'ghi phiếu khảo sát trực tuyến');
  ensureTakingBallots(s, c.metadata.now);
  const { token, answers } = c.data;
  // The answers are checked against the form before the household is looked at: whether a code is known can
  // never change how a bad form is answered.
  const violations = [
    ...tokenViolation(token, 'token'),
    ...answerViolations(s.questions, answers, 'answers'),
  ];
  if (violations.length > 0)
    throw reject('invalid', 'INVALID_BALLOT', 'Phiếu khảo sát không hợp lệ', violations);
  if (s.households.get(token)[0] === undefined || hasBallot(s, token)) {
    throw ruleBroken(BALLOT_REFUSED.code, BALLOT_REFUSED.message);
  }
  const village = s.households.get(token)[0];
  // Answers are stored in form order with no extra keys.
  const ordered = Object.fromEntries(questionIds(s.questions).map((q) => [q, answers[q]]));
  return [{ type: 'OnlineBallotCast', data: { surveyId: s.surveyId, token, village, answers: ordered } }];
};

interface ReadBatch {
  readonly claims: Claim[];
  readonly counts: QuestionCounts[];
}

/** Fewest forms a batch of this survey may hold (surveys opened before the rule: the default). */
export const minimumBatchForms = (s: Pick<OpenedSurvey, 'minimumBatchForms'>): number =>
  s.minimumBatchForms ?? DEFAULT_MINIMUM_BATCH_FORMS;

const batchSizeViolation = (n: number, minimum: number, field: string): Violation[] =>
  n === 0
    ? [{ code: 'EMPTY_BATCH', message: 'Tập phiếu không có phiếu nào', field }]
    : n < minimum
      ? [
          {
            code: 'BATCH_TOO_SMALL',
            message: `Tập phiếu chỉ có ${n} phiếu, tối thiểu ${minimum} phiếu để không lộ câu trả lời của từng hộ: đề nghị gộp với các phiếu khác của thôn thành một tập`,
            field,
          },
        ]
      : n > MAX_BATCH_FORMS
        ? [
            {
              code: 'BATCH_TOO_LARGE',
              message: `Tập phiếu có ${n} phiếu, tối đa ${MAX_BATCH_FORMS}: hãy chia thành nhiều tập`,
              field,
            },
          ]
        : [];

const readForms = (
  s: OpenedSurvey,
  input: Extract<PaperBatchInput, { mode: 'forms' }>,
  v: Violation[],
): ReadBatch => {
  const forms = listOr(input.forms);
  v.push(...batchSizeViolation(forms.length, minimumBatchForms(s), 'input.forms'));
  let counts = zeroCounts(s.questions);
  const claims = forms.map((f, i) => {
    const field = `input.forms[${i}]`;
    const found = [
      ...tokenViolation(f?.token, `${field}.token`),
      ...answerViolations(s.questions, f?.answers, `${field}.answers`),
    ];
    v.push(...found);
    if (found.length === 0) counts = addCounts(counts, countsOfAnswers(s.questions, f.answers));
    return { token: f?.token, field: `${field}.token` };
  });
  return { claims, counts };
};

const readCounts = (
  s: OpenedSurvey,
  input: Extract<PaperBatchInput, { mode: 'counts' }>,
  v: Violation[],
): ReadBatch => {
  const households = listOr(input.households);
  v.push(...batchSizeViolation(households.length, minimumBatchForms(s), 'input.households'));
  const claims = households.map((token, i) => {
    v.push(...tokenViolation(token, `input.households[${i}]`));
    return { token, field: `input.households[${i}]` };
  });
  const given = new Map<string, { entry: QuestionCounts; index: number }>();
  listOr(input.counts).forEach((entry, index) => {
    const field = `input.counts[${index}]`;
    const known = questionIds(s.questions).includes(entry?.question);
    if (!known)
      v.push({
        code: 'UNKNOWN_QUESTION',
        message: `Câu hỏi «${entry?.question}» không có trong phiếu khảo sát`,
        field: `${field}.question`,
      });
    else if (given.has(entry.question))
      v.push({
        code: 'DUPLICATE_QUESTION',
        message: `Câu hỏi «${entry.question}» được nhập hai lần`,
        field: `${field}.question`,
      });
    else given.set(entry.question, { entry, index });
  });
  const counts = questionIds(s.questions).map((question) => {
    const found = given.get(question);
    if (found === undefined) {
      v.push({
        code: 'MISSING_ANSWER',
        message: `Câu hỏi «${question}»: chưa nhập số phiếu`,
        field: 'input.counts',
      });
      return { question, satisfied: 0, notSatisfied: 0, noAnswer: 0 };
    }
    const { entry, index } = found;
    const field = `input.counts[${index}]`;
    const figures = [entry.satisfied, entry.notSatisfied, entry.noAnswer];
    if (!figures.every(isCount)) {
      v.push({
        code: 'INVALID_COUNT',
        message: `Câu hỏi «${question}»: số phiếu phải là số nguyên không âm`,
        field,
      });
    } else if (figures[0] + figures[1] + figures[2] !== households.length) {
      v.push({
        code: 'COUNT_MISMATCH',
        message: `Câu hỏi «${question}»: tổng ${figures[0] + figures[1] + figures[2]} phiếu khác số hộ nộp phiếu ${households.length}`,
        field,
      });
    } else if (question === s.questions.overall.id && entry.noAnswer !== 0) {
      v.push({
        code: 'OVERALL_ANSWER_REQUIRED',
        message: 'Câu hỏi chung: phiếu không trả lời không phải phiếu hợp lệ',
        field: `${field}.noAnswer`,
      });
    }
    return {
      question,
      satisfied: entry.satisfied,
      notSatisfied: entry.notSatisfied,
      noAnswer: entry.noAnswer,
    };
  });
  return { claims, counts };
};

/** One officer's entry of a village batch; the double-entry rule is described in batch.ts. */
export const decidePaperBatch = (
  c: EnterPaperBatch,
  state: SurveyState,
): (PaperBatchEntered | PaperBatchAccepted | PaperBatchMismatched)[] => {
  const s = openedSurvey(state, c.data.surveyId);
  authorise(c.metadata, s, ['front_officer'], 'nhập tập phiếu giấy');
  ensureTakingBallots(s, c.metadata.now);
  const { batchId, input } = c.data;
  const village = typeof c.data.village === 'string' ? normaliseVillage(c.data.village) : '';
  const batch = s.batches.get(batchId);
  if (batch?.status === 'accepted') {
    throw conflict(
      'BATCH_ALREADY_ACCEPTED',
      `Tập phiếu ${batchId} đã được hai cán bộ nhập khớp, không nhập thêm`,
    );
  }
  if (batch !== undefined && batch.village !== village) {
    throw conflict(
      'BATCH_VILLAGE_MISMATCH',
      `Tập phiếu ${batchId} thuộc ${batch.village}, không thuộc ${village}`,
    );
  }

  const v: Violation[] = [];
  if (!isNonEmptyString(batchId))
    v.push({ code: 'INVALID_FIELD', message: 'Thiếu mã tập phiếu', field: 'batchId' });
  if (!s.register!.villages.some((r) => r.village === village)) {
    v.push({
      code: 'UNKNOWN_VILLAGE',
      message: `Thôn «${village}» không có trong danh sách hộ`,
      field: 'village',
    });
  }
  let read: ReadBatch;
  if (input?.mode === 'forms') read = readForms(s, input, v);
  else if (input?.mode === 'counts') read = readCounts(s, input, v);
  else {
    v.push({
      code: 'INVALID_FIELD',
      message: "Cách nhập phải là 'forms' (từng phiếu) hoặc 'counts' (số tổng hợp)",
      field: 'input.mode',
    });
    read = { claims: [], counts: [] };
  }
  if (v.length > 0) throw reject('invalid', 'INVALID_BATCH', `Tập phiếu ${batchId} không hợp lệ`, v);
  checkHouseholds(s, read.claims, village, batchId);

  const entryNo = (batch?.entriesMade ?? 0) + 1;
  const entry = {
    forms: read.claims.length,
    households: read.claims.map((cl) => cl.token).sort(),
    counts: read.counts,
  };
  const entered: PaperBatchEntered = {
    type: 'PaperBatchEntered',
    data: {
      surveyId: s.surveyId,
      batchId,
      village,
      entryNo,
      enteredBy: c.metadata.actor.id,
      ...(c.metadata.actor.name ? { enteredByName: c.metadata.actor.name } : {}),
      enteredAt: c.metadata.now,
      mode: input.mode,
      ...entry,
    },
  };
  const comparisons = (batch?.entries ?? [])
    .filter((e) => e.enteredBy !== c.metadata.actor.id)
    .map((e) => ({ entryNo: e.entryNo, enteredBy: e.enteredBy, differences: compareEntries(e, entry) }));
  const agreeing = comparisons.find((cmp) => cmp.differences.length === 0);
  if (agreeing !== undefined) {
    return [
      entered,
      {
        type: 'PaperBatchAccepted',
        data: {
          surveyId: s.surveyId,
          batchId,
          village,
          agreedEntries: [agreeing.entryNo, entryNo],
          forms: entry.forms,
          counts: entry.counts,
        },
      },
    ];
  }
  if (comparisons.length === 0) return [entered];
  return [
    entered,
    { type: 'PaperBatchMismatched', data: { surveyId: s.surveyId, batchId, village, entryNo, comparisons } },
  ];
};
