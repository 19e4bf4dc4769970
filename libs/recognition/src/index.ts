export * from './commands';
export * from './events';
export * from './state';
export * from './procedure-types';
export * from './procedures';
export * from './labels';
export * from './commune-record';
export * from './decider';
export { reminderDueAt, type DeciderContext } from './decide';
export {
  annualReviewOutcome,
  effectiveResults,
  recognitionFailures,
  revocationOutcome,
  type AnnualReviewOutcome,
  type RevocationOutcome,
} from './conditions';
export * from './maintenance';
export { describeDossier, type DossierSummary } from './view';

/** Every dossier's stream id starts with this; subscriptions filter on it. */
export const DOSSIER_STREAM_PREFIX = 'dossier-';

/** The event stream of one dossier. */
export const dossierStreamId = (dossierId: string): string => `${DOSSIER_STREAM_PREFIX}${dossierId}`;

/** The dossier id a stream id names. */
export const dossierIdOfStream = (streamId: string): string => streamId.slice(DOSSIER_STREAM_PREFIX.length);

/** BullMQ job id of a step's deadline timer (BullMQ forbids ':' in ids). */
export const deadlineJobId = (dossierId: string, step: string, round: number): string =>
  `deadline__${dossierId}__${step}__${round}`;

/** BullMQ job id of the reminder that a step's due date is near. */
export const reminderJobId = (dossierId: string, step: string, round: number): string =>
  `reminder__${dossierId}__${step}__${round}`;
export * from './province-procedures';
export * from './dossier-register';
export {
  recognitionUpcasters,
  upcastDossierOpenedV1,
  upcastRecognitionPeriodV1,
  upcastSubmissionV1,
} from './upcasters';
export type { ConditionEvidence, DebtConfirmation, SecurityCertificate } from './evidence-conditions';
export * from './commune-lineage';
export * from './survey-rule';
export * from './opening';
export * from './period-rules';
export * from './construction-debt';
export * from './money';
