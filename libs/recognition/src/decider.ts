import type { Decider } from '@ntm/decider';
import type { DossierCommand } from './commands';
import type { DossierEvent } from './events';
import { initialState, type DossierState } from './state';

// Placeholder while the rules are written; the types above are stable.
export const dossierDecider: Decider<DossierCommand, DossierEvent, DossierState> = {
  decide: () => {
    throw new Error('dossierDecider.decide is not implemented yet');
  },
  evolve: (state) => state,
  initialState,
};
