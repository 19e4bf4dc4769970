import type { TimeLimit } from '@ntm/calendar';
import type { Violation } from '@ntm/decider';
import type { Level, Period } from '@ntm/criteria';
import type { CommuneGroupFact } from './commune-record';
import type { ConditionEvidence } from './evidence-conditions';
import type { CommuneRef, DocumentHash } from './commands';
import type { DossierEvent, EventOf, PinnedCriteriaSet, Signer } from './events';
import type { ProcedureDefinition, StepId } from './procedure-types';

export type DossierStatus =
  | 'preparing' // the commune is preparing (self-assessment, posting, survey, meeting)
  | 'in-review' // submitted: verification, appraisal or decision
  | 'returned' // returned for supplementation, waiting for the commune
  | 'recognised'
  | 'refused'
  | 'withdrawn'
  | 'revoked'
  | 'not-eligible'; // the district's verification ended with "not eligible, reasons stated"

/** A step as it opened, with its deadline. */
export interface StepRecord {
  readonly step: StepId;
  readonly round: number;
  readonly openedAt: string;
  readonly dueAt: string | null;
  readonly limit: TimeLimit | null;
  readonly overdue: boolean;
  readonly overdueAt: string | null;
  /** When the people the step waits for were reminded that its due date is near (StepDeadlineNear). */
  readonly remindedAt: string | null;
}

type DataOf<T extends DossierEvent['type']> = EventOf<T>['data'];

export type SelfAssessment = DataOf<'SelfAssessmentRecorded'>;
export type PublicComment = Omit<DataOf<'PublicCommentRecorded'>, 'posting' | 'round'>;
export type CommunePosting = DataOf<'PublicPostingOpened'> & {
  readonly closedAt: string | null;
  readonly comments: readonly PublicComment[];
};
export type SurveyResult = DataOf<'SurveyResultRecorded'>;
export type CommuneMeeting = DataOf<'CommuneMeetingHeld'>;
export type Verification = Omit<DataOf<'VerificationPassed'>, 'round'>;
export type AppraisalPosting = Omit<DataOf<'AppraisalPostingOpened'>, 'round'> & {
  readonly closedAt: string | null;
  readonly comments: readonly PublicComment[];
};
export type CouncilVote = Omit<DataOf<'CouncilVoteCast'>, 'round'>;
export type AppraisalConclusion = Omit<DataOf<'AppraisalConcluded'>, 'round'>;

export interface Appraisal {
  readonly posting: AppraisalPosting | null;
  readonly votes: readonly CouncilVote[];
  readonly conclusion: AppraisalConclusion | null;
}

export type Return = Omit<DataOf<'DossierReturned'>, 'round'>;

/** The 2021-2025 district stage: the verification report posted for comments, then the steering board's vote. */
export interface DistrictStage {
  readonly posting:
    | (Omit<DataOf<'DistrictPostingOpened'>, 'round'> & {
        readonly closedAt: string | null;
        readonly comments: readonly PublicComment[];
      })
    | null;
  /** The latest vote of the round. */
  readonly vote: Omit<DataOf<'DistrictBoardVoted'>, 'round'> | null;
}

export interface Round extends ConditionEvidence {
  readonly number: number;
  readonly submittedAt: string;
  /** What the commune changed (null for the first submission). */
  readonly changes: string | null;
  readonly evidence: readonly DocumentHash[];
  readonly documents: readonly DocumentHash[];
  readonly verification: Verification | null;
  readonly appraisal: Appraisal;
  readonly district: DistrictStage;
  readonly returned: Return | null;
  readonly notEligible: Omit<DataOf<'DossierFoundNotEligible'>, 'round'> | null;
}

export type Decision =
  | {
      readonly outcome: 'granted';
      readonly decisionNumber: string;
      readonly decidedOn: string;
      readonly signer: Signer;
      readonly at: string;
    }
  | {
      readonly outcome: 'refused';
      readonly decisionNumber: string | null;
      readonly decidedOn: string;
      readonly signer: Signer;
      readonly reasons: readonly Violation[];
      readonly at: string;
    };

export type RevocationAssessment = DataOf<'RevocationAssessed'>;

export interface RevocationCase {
  readonly reason: string;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly assessment: RevocationAssessment | null;
  readonly revoked: {
    readonly decisionNumber: string;
    readonly decidedOn: string;
    readonly signer: Signer;
    readonly at: string;
  } | null;
}

/** A yearly review of a recognised commune, as recorded (a later review of the same year corrects it). */
export type AnnualReview = DataOf<'AnnualReviewRecorded'>;

export interface Dossier {
  readonly status: DossierStatus;
  readonly id: string;
  readonly commune: CommuneRef;
  readonly level: Level;
  readonly year: number;
  readonly holdings: readonly Level[];
  /** Mã hồ sơ (province-year-sequence); null for dossiers opened before codes existed. */
  readonly code: string | null;
  readonly period: Period;
  readonly procedure: ProcedureDefinition;
  /** The criteria set the dossier was opened under, whole; null only for old events read without upcasting. */
  readonly criteriaSet: PinnedCriteriaSet | null;
  /** The commune group it is judged in (2026-2030). */
  readonly communeGroup: CommuneGroupFact | null;
  readonly openedAt: string;
  readonly openedBy: string;
  /** The step waiting for someone to act; null once the flow has ended. */
  readonly current: StepRecord | null;
  /** Every step opened so far, with its deadline (the SLA history). */
  readonly steps: readonly StepRecord[];
  /** The current round: 1 from the opening, + 1 at each resubmission. */
  readonly round: number;
  readonly rounds: readonly Round[];
  /** Every recorded version of the self-assessment; the last is the one in force. */
  readonly assessments: readonly SelfAssessment[];
  readonly postings: readonly CommunePosting[];
  readonly survey: SurveyResult | null;
  readonly meeting: CommuneMeeting | null;
  readonly decision: Decision | null;
  readonly announcement: {
    readonly announcedOn: string;
    readonly where: string | null;
    readonly announcedAt: string;
  } | null;
  readonly withdrawal: { readonly reason: string | null; readonly withdrawnAt: string } | null;
  /** Revocation cases, oldest first; the last is open while a revocation step is current. */
  readonly revocations: readonly RevocationCase[];
  /** The yearly reviews after recognition, one per year (the latest recorded), by year. */
  readonly annualReviews: readonly AnnualReview[];
}

export type DossierState = { readonly status: 'none' } | Dossier;

export const initialState = (): DossierState => ({ status: 'none' });

export const isOpened = (s: DossierState): s is Dossier => s.status !== 'none';

export const updateRound = (d: Dossier, number: number, change: (r: Round) => Round): Dossier => ({
  ...d,
  rounds: d.rounds.map((r) => (r.number === number ? change(r) : r)),
});
