import type { Projector } from '../projection';
import { communeStandings } from './commune-standings';
import { decisions } from './decisions';
import { documentCitations } from './document-citations';
import { dossierBoard } from './dossier-board';
import { pipeline } from './pipeline';
import { surveyStats } from './survey-stats';

export * from './commune-standings';
export * from './decisions';
export * from './document-citations';
export * from './dossier-board';
export * from './pipeline';
export * from './survey-stats';

/** Every read model the worker keeps up to date. */
export const PROJECTORS: readonly Projector[] = [
  dossierBoard,
  communeStandings,
  decisions,
  surveyStats,
  pipeline,
  documentCitations,
];

export const projectorNamed = (name: string): Projector => {
  const p = PROJECTORS.find((x) => x.name === name);
  if (!p)
    throw new Error(`Unknown projection "${name}" (known: ${PROJECTORS.map((x) => x.name).join(', ')})`);
  return p;
};
