import { COUNT_FIELDS } from './counts';
import {
  MAX_LISTED_HOUSEHOLDS,
  type BatchDifference,
  type BatchEntry,
  type HouseholdsListed,
  type PaperBatch,
} from './types';

/**
 * Double entry of paper batches (the rule, in one place):
 * - every officer has at most one current entry per batch; typing the batch again replaces it (a re-entry);
 * - a batch is accepted when its newest entry agrees with the current entry of a DIFFERENT officer: same
 *   households, same number of forms, same per-question counts;
 * - otherwise, once two officers have typed it, it is disputed: the mismatch event shows every differing figure
 *   against each other officer's entry, and none of its forms count;
 * - a dispute is resolved by a third officer's entry that agrees with one of the two, or by a re-entry of either
 *   officer that agrees with the other's; an accepted batch takes no more entries.
 */

const listed = (tokens: readonly string[]): HouseholdsListed => ({
  count: tokens.length,
  tokens: tokens.slice(0, MAX_LISTED_HOUSEHOLDS),
});

type Comparable = Pick<BatchEntry, 'forms' | 'households' | 'counts'>;

/** Every figure that differs between two entries of a batch (none: they agree). */
export const compareEntries = (earlier: Comparable, later: Comparable): BatchDifference[] => {
  const differences: BatchDifference[] = [];
  if (earlier.forms !== later.forms)
    differences.push({ field: 'forms', earlier: earlier.forms, later: later.forms });
  earlier.counts.forEach((e, i) => {
    const l = later.counts[i];
    for (const field of COUNT_FIELDS) {
      if (e[field] !== l[field])
        differences.push({ field, question: e.question, earlier: e[field], later: l[field] });
    }
  });
  const laterSet = new Set(later.households);
  const earlierSet = new Set(earlier.households);
  const onlyInEarlier = earlier.households.filter((t) => !laterSet.has(t));
  const onlyInLater = later.households.filter((t) => !earlierSet.has(t));
  if (onlyInEarlier.length > 0 || onlyInLater.length > 0) {
    differences.push({
      field: 'households',
      onlyInEarlier: listed(onlyInEarlier),
      onlyInLater: listed(onlyInLater),
    });
  }
  return differences;
};

/** Whether the batch's forms currently claim the household: its accepted entry, or any entry while unresolved. */
export const batchHolds = (batch: PaperBatch, token: string): boolean =>
  batch.accepted !== undefined
    ? batch.accepted.householdSet.has(token)
    : batch.entries.some((e) => e.householdSet.has(token));
