export * from './commands';
export * from './events';
export * from './state';
export * from './procedure-types';
export * from './procedures';
export * from './labels';
export * from './commune-record';
export * from './decider';
export type { DeciderContext } from './decide';
export {
  effectiveResults,
  recognitionFailures,
  revocationOutcome,
  type RevocationOutcome,
} from './conditions';
export { describeDossier, type DossierSummary } from './view';

/** The event stream of one dossier. */
export const dossierStreamId = (dossierId: string): string => `dossier-${dossierId}`;

/** BullMQ job id of a step's deadline timer (BullMQ forbids ':' in ids). */
export const deadlineJobId = (dossierId: string, step: string, round: number): string =>
  `deadline__${dossierId}__${step}__${round}`;
export * from './province-procedures';
export * from './dossier-register';
export { recognitionUpcasters, upcastDossierOpenedV1 } from './upcasters';
