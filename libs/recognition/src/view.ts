import type { Violation } from '@ntm/decider';
import { levelLabels } from '@ntm/criteria';
import { recognitionFailures } from './conditions';
import { statusLabels, stepLabels } from './labels';
import { isOpened, type Dossier, type DossierState } from './state';

export interface DossierSummary {
  readonly status: DossierState['status'];
  readonly statusLabel: string;
  readonly levelLabel: string | null;
  readonly step: {
    readonly id: string;
    readonly label: string;
    readonly round: number;
    readonly openedAt: string;
    readonly dueAt: string | null;
    readonly overdue: boolean;
  } | null;
  readonly round: number | null;
  /** While the dossier awaits a decision: every condition that would stop recognition now. */
  readonly failedConditions: readonly Violation[] | null;
}

const awaitingDecision = (d: Dossier): boolean => d.current?.step === 'decision';

/** The labels and derived facts a screen needs beside the state itself. */
export const describeDossier = (state: DossierState): DossierSummary => {
  if (!isOpened(state)) {
    return {
      status: 'none',
      statusLabel: statusLabels.none,
      levelLabel: null,
      step: null,
      round: null,
      failedConditions: null,
    };
  }
  const c = state.current;
  return {
    status: state.status,
    statusLabel: statusLabels[state.status],
    levelLabel: levelLabels[state.level],
    step: c && {
      id: c.step,
      label: stepLabels[c.step],
      round: c.round,
      openedAt: c.openedAt,
      dueAt: c.dueAt,
      overdue: c.overdue,
    },
    round: state.round,
    failedConditions: awaitingDecision(state) ? recognitionFailures(state) : null,
  };
};
