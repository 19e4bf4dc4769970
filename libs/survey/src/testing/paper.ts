import {
  FRONT_A,
  NA_DI,
  answers,
  formsBatch,
  openWithRegister,
  paperBatchAccepted,
  paperBatchEntered,
  paperBatchMismatched,
  token,
} from './fixtures';
import type { BatchDifference, SurveyEvent } from '../types';

/**
 * The double entry of one stack of paper forms from Nà Dì, for the paper-batch specifications: the forms, the
 * commands that type them, and the events the decider records for them (fixture-events.unit.spec holds them to it).
 */

export const h = (n: number) => token(NA_DI, n);
/** The Nà Dì village board's stack: three forms. */
export const STACK = [
  { token: h(1), answers: answers('satisfied') },
  { token: h(2), answers: answers('satisfied', 'satisfied', { c17: 'not-satisfied' }) },
  { token: h(3), answers: answers('not-satisfied', 'satisfied', { c10: 'no-answer' }) },
];
export const STACK_COUNTS = [
  { question: 'overall', satisfied: 2, notSatisfied: 1, noAnswer: 0 },
  { question: 'c2', satisfied: 3, notSatisfied: 0, noAnswer: 0 },
  { question: 'c10', satisfied: 2, notSatisfied: 0, noAnswer: 1 },
  { question: 'c17', satisfied: 2, notSatisfied: 1, noAnswer: 0 },
];
/** B's typing of the same stack: form 2's c17 ticked "satisfied", and household 4 typed for household 3. */
export const MISTYPED = [
  STACK[0],
  { token: h(2), answers: answers('satisfied') },
  { token: h(4), answers: STACK[2].answers },
];
export const MISMATCH: BatchDifference[] = [
  { field: 'satisfied', question: 'c17', earlier: 2, later: 3 },
  { field: 'notSatisfied', question: 'c17', earlier: 1, later: 0 },
  {
    field: 'households',
    onlyInEarlier: { count: 1, tokens: [h(3)] },
    onlyInLater: { count: 1, tokens: [h(4)] },
  },
];

/** B's typing counts form 2's c17 as satisfied. */
export const MISTYPED_COUNTS = [
  STACK_COUNTS[0],
  STACK_COUNTS[1],
  STACK_COUNTS[2],
  { question: 'c17', satisfied: 3, notSatisfied: 0, noAnswer: 0 },
];

/** The stack typed as batch nd-1 (by Front officer A unless told). */
export const entry = (forms: typeof STACK, by = FRONT_A, batchId = 'nd-1') =>
  formsBatch(batchId, NA_DI, forms, by);

/** A typed the stack first. */
export const typedByA = (): SurveyEvent[] => [
  ...openWithRegister(),
  paperBatchEntered('nd-1', NA_DI, 'forms', [1, 2, 3], STACK_COUNTS, 1),
];

/** A mistyped the stack first. */
export const mistypedByA = (): SurveyEvent[] => [
  ...openWithRegister(),
  paperBatchEntered('nd-1', NA_DI, 'forms', [1, 2, 4], MISTYPED_COUNTS, 1),
];

/** A then typed it again right: the second typing replaces A's first. */
export const retypedByA = (): SurveyEvent[] => [
  ...mistypedByA(),
  paperBatchEntered('nd-1', NA_DI, 'forms', [1, 2, 3], STACK_COUNTS, 2, FRONT_A),
];

/** A typed the stack, B mistyped it: the batch is disputed. */
export const disputed = (): SurveyEvent[] => [
  ...typedByA(),
  paperBatchEntered('nd-1', NA_DI, 'forms', [1, 2, 4], MISTYPED_COUNTS, 2),
  paperBatchMismatched('nd-1', NA_DI, 2, [{ entryNo: 1, enteredBy: FRONT_A.id, differences: MISMATCH }]),
];

/** C's typing agreed with A's: the dispute is settled. */
export const settledByC = (): SurveyEvent[] => [
  ...disputed(),
  paperBatchEntered('nd-1', NA_DI, 'forms', [1, 2, 3], STACK_COUNTS, 3),
  paperBatchAccepted('nd-1', NA_DI, 3, STACK_COUNTS, [1, 3]),
];
