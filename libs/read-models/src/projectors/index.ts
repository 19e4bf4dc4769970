import type { Projector } from '../projection';
import { commendation } from './commendation';
import { communeGroups } from './commune-groups';
import { communePilots } from './commune-pilots';
import { communeStandings } from './commune-standings';
import { constructionDebts } from './construction-debts';
import { criteriaSets } from './criteria-sets';
import { decisions } from './decisions';
import { documentCitations } from './document-citations';
import { dossierBoard } from './dossier-board';
import { notifications } from './notifications';
import { pipeline } from './pipeline';
import { surveyRounds } from './survey-rounds';
import { surveyStats } from './survey-stats';
import { administrativeUnits, provincePlans } from './units';

export * from './commendation';
export * from './commune-groups';
export * from './commune-pilots';
export * from './commune-standings';
export * from './construction-debts';
export * from './criteria-sets';
export * from './decisions';
export * from './document-citations';
export * from './dossier-board';
export * from './notifications';
export * from './pipeline';
export * from './survey-rounds';
export * from './survey-stats';
export * from './units';

/** Every read model the worker keeps up to date. */
export const PROJECTORS: readonly Projector[] = [
  dossierBoard,
  communeStandings,
  decisions,
  surveyStats,
  surveyRounds,
  pipeline,
  commendation,
  documentCitations,
  notifications,
  administrativeUnits,
  provincePlans,
  criteriaSets,
  communeGroups,
  communePilots,
  constructionDebts,
];
