import type { TimeLimit } from '@ntm/calendar';
import type { Violation } from '@ntm/decider';
import type { Level } from '@ntm/criteria';
import type {
  CommuneRef,
  CouncilCounts,
  CriterionAssessment,
  CriterionFinding,
  DocumentHash,
  KieuMauDeclaration,
  ReturnReason,
  SurveyQuestionResult,
} from './commands';
import type { Signer } from './events';
import type { ProcedureDefinition, StepId } from './procedure-types';

export type DossierStatus =
  | 'preparing' // the commune is preparing (self-assessment, posting, survey, meeting)
  | 'in-review' // submitted: verification, appraisal or decision
  | 'returned' // returned for supplementation, waiting for the commune
  | 'recognised'
  | 'refused'
  | 'withdrawn'
  | 'revoked';

/** A step as it opened, with its deadline. */
export interface StepRecord {
  readonly step: StepId;
  readonly round: number;
  readonly openedAt: string;
  readonly dueAt: string | null;
  readonly limit: TimeLimit | null;
  readonly overdue: boolean;
  readonly overdueAt: string | null;
}

export interface SelfAssessment {
  readonly version: number;
  readonly round: number;
  readonly criteria: readonly CriterionAssessment[];
  readonly kieuMau: KieuMauDeclaration | null;
  readonly report: DocumentHash | null;
  readonly metCount: number;
  readonly total: number;
  readonly recordedAt: string;
}

export interface PublicComment {
  readonly author: string | null;
  readonly content: string;
  readonly receivedAt: string;
  readonly recordedAt: string;
}

export interface CommunePosting {
  readonly postingNo: number;
  readonly where: readonly string[];
  readonly from: string;
  readonly until: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly comments: readonly PublicComment[];
}

export interface SurveyResult {
  readonly households: number;
  readonly formsCollected: number;
  readonly satisfied: number;
  readonly participationRate: number;
  readonly satisfactionRate: number;
  readonly perQuestion: readonly (SurveyQuestionResult & { readonly rate: number })[];
  readonly source: 'manual' | 'survey';
  readonly surveyId: string | null;
  readonly report: DocumentHash | null;
  readonly recordedAt: string;
}

export interface CommuneMeeting {
  readonly attendees: number;
  readonly votesFor: number;
  readonly votesAgainst: number;
  readonly share: number;
  readonly threshold: number;
  readonly minutes: DocumentHash;
  readonly heldAt: string;
}

export interface Verification {
  readonly step: StepId;
  readonly findings: readonly CriterionFinding[];
  readonly report: DocumentHash | null;
  readonly verifiedAt: string;
}

export interface AppraisalPosting {
  readonly url: string | null;
  readonly from: string;
  readonly until: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly comments: readonly PublicComment[];
}

export interface CouncilVote {
  readonly memberId: string;
  readonly memberName: string | null;
  readonly vote: 'approve' | 'reject';
  readonly note: string | null;
  readonly castAt: string;
}

export interface AppraisalConclusion {
  readonly passed: boolean;
  readonly counts: CouncilCounts;
  readonly share: number;
  readonly threshold: number;
  readonly quorum: number;
  readonly findings: readonly CriterionFinding[] | null;
  readonly minutes: DocumentHash | null;
  readonly concludedAt: string;
}

export interface Appraisal {
  readonly posting: AppraisalPosting | null;
  readonly votes: readonly CouncilVote[];
  readonly conclusion: AppraisalConclusion | null;
}

export interface Return {
  readonly step: StepId;
  readonly reasons: readonly ReturnReason[];
  readonly returnedAt: string;
}

/** One submission of the dossier and what the reviewers did with it. */
export interface Round {
  readonly number: number;
  readonly submittedAt: string;
  /** What the commune changed (null for the first submission). */
  readonly changes: string | null;
  readonly constructionDebt: boolean;
  readonly securityComplicated: boolean;
  readonly evidence: readonly DocumentHash[];
  readonly documents: readonly DocumentHash[];
  readonly verification: Verification | null;
  readonly appraisal: Appraisal;
  readonly returned: Return | null;
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

export interface RevocationAssessment {
  readonly results: readonly CriterionFinding[];
  readonly failedCriteria: readonly number[];
  readonly total: number;
  readonly failedShare: number;
  readonly keyFailed: boolean;
  readonly failedKeyCriteria: readonly number[];
  readonly due: boolean;
  readonly report: DocumentHash | null;
  readonly assessedAt: string;
}

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

export interface Dossier {
  readonly status: DossierStatus;
  readonly id: string;
  readonly commune: CommuneRef;
  readonly level: Level;
  readonly year: number;
  readonly holdings: readonly Level[];
  readonly procedure: ProcedureDefinition;
  readonly openedAt: string;
  readonly openedBy: string;
  /** The step waiting for someone to act; null once the flow has ended. */
  readonly current: StepRecord | null;
  /** Every step opened so far, with its deadline (the SLA history). */
  readonly steps: readonly StepRecord[];
  /** The current round: 0 before submission, then 1, 2, ... */
  readonly round: number;
  readonly rounds: readonly Round[];
  /** Every recorded version of the self-assessment; the last is the one in force. */
  readonly assessments: readonly SelfAssessment[];
  readonly postings: readonly CommunePosting[];
  readonly survey: SurveyResult | null;
  readonly meeting: CommuneMeeting | null;
  readonly decision: Decision | null;
  readonly announcement: { readonly announcedOn: string; readonly where: string | null; readonly announcedAt: string } | null;
  readonly withdrawal: { readonly reason: string | null; readonly withdrawnAt: string } | null;
  /** Revocation cases, oldest first; the last is open while a revocation step is current. */
  readonly revocations: readonly RevocationCase[];
}

export type DossierState = { readonly status: 'none' } | Dossier;

export const initialState = (): DossierState => ({ status: 'none' });

export const isOpened = (s: DossierState): s is Dossier => s.status !== 'none';
