import { createVietnamCalendar, type WorkingCalendar } from '@ntm/calendar';
import type { Decider } from '@ntm/decider';
import type { DossierCommand } from './commands';
import { createDecide } from './decide';
import type { DossierEvent } from './events';
import { evolve } from './evolve';
import { initialState, type DossierState } from './state';

export type DossierDecider = Decider<DossierCommand, DossierEvent, DossierState>;

/** The working days dossiers count on: the Vietnamese calendar with its announced days off. */
export const dossierCalendar: WorkingCalendar = createVietnamCalendar();

/** A dossier decider counting working days on the given calendar (tests pass a fixed one). */
export const createDossierDecider = (calendar: WorkingCalendar = dossierCalendar): DossierDecider => ({
  decide: createDecide({ calendar }),
  evolve,
  initialState,
});

export const dossierDecider: DossierDecider = createDossierDecider();
