import type { TimeLimit } from '@ntm/calendar';
import type { DomainEvent, Violation } from '@ntm/decider';
import type { CommuneGroup, CriteriaSetDocument, IndicatorResult, Level, Period } from '@ntm/criteria';
import type { CommuneGroupFact } from './commune-record';
import type { MaintenanceStanding } from './maintenance';
import type { ConditionEvidence } from './evidence-conditions';
import type {
  CommuneRef,
  CouncilCounts,
  CriterionAssessment,
  CriterionFinding,
  DocumentHash,
  RecordedKieuMauDeclaration,
  ReturnReason,
  SurveyQuestionResult,
  SurveyRuleVerdict,
} from './commands';
import type { ProcedureDefinition, StepId } from './procedure-types';

/** Every criterion re-assessed after recognition, and how many failed against the revocation rule's shares. */
export interface CriteriaReassessed {
  readonly results: readonly CriterionFinding[];
  readonly failedCriteria: readonly number[];
  readonly total: number;
  /** failed / total (0..1). */
  readonly failedShare: number;
  readonly keyFailed: boolean;
  readonly failedKeyCriteria: readonly number[];
}

/** Who signed a decision (from the command's actor). */
export interface Signer {
  readonly id: string;
  readonly name?: string;
}

export interface PinnedCriteriaSet {
  readonly id: string;
  readonly version: number;
  readonly hash: string;
  readonly document: CriteriaSetDocument;
}

export type IndicatorRecord = IndicatorResult & { readonly evidence: readonly DocumentHash[] };

export type DossierEvent =
  | DomainEvent<
      'DossierOpened',
      {
        readonly dossierId: string;
        readonly commune: CommuneRef;
        readonly level: Level;
        readonly year: number;
        readonly holdings: readonly Level[];
        /** The whole procedure definition in force when the dossier was opened. */
        readonly procedure: ProcedureDefinition;
        readonly openedAt: string;
        readonly openedBy: string;
        /** Mã hồ sơ; null for dossiers opened before codes existed (upcast). */
        readonly code: string | null;
        readonly period: Period;
        /** The criteria-set document pinned whole, with its content hash. */
        readonly criteriaSet: PinnedCriteriaSet;
        /** The commune's group the dossier is judged in (2026-2030); null where groups do not apply. */
        readonly communeGroup: CommuneGroupFact | null;
      }
    >
  | DomainEvent<
      'StepOpened',
      {
        readonly step: StepId;
        readonly round: number;
        readonly openedAt: string;
        /** ISO instant; null when the step has no time limit. */
        readonly dueAt: string | null;
        readonly limit: TimeLimit | null;
      }
    >
  | DomainEvent<
      'SelfAssessmentRecorded',
      {
        /** 1, 2, ...: every recorded version is kept. */
        readonly version: number;
        readonly round: number;
        readonly criteria: readonly CriterionAssessment[];
        readonly kieuMau: RecordedKieuMauDeclaration | null;
        readonly report: DocumentHash | null;
        readonly metCount: number;
        readonly total: number;
        readonly recordedAt: string;
        /** 2026-2030: every indicator as reported and judged against the group's threshold. */
        readonly indicators?: readonly IndicatorRecord[];
        /** The commune group the indicators were judged in. */
        readonly group?: CommuneGroup;
      }
    >
  | DomainEvent<
      'PublicPostingOpened',
      {
        /** 1, 2, ... within the dossier. */
        readonly postingNo: number;
        readonly where: readonly string[];
        readonly from: string;
        readonly until: string;
        readonly openedAt: string;
      }
    >
  | DomainEvent<
      'PublicCommentRecorded',
      {
        readonly posting: 'commune' | 'district' | 'appraisal';
        readonly round: number;
        readonly author: string | null;
        readonly content: string;
        readonly receivedAt: string;
        readonly recordedAt: string;
      }
    >
  | DomainEvent<
      'PublicPostingClosed',
      { readonly postingNo: number; readonly comments: number; readonly closedAt: string }
    >
  | DomainEvent<
      'SurveyResultRecorded',
      {
        readonly households: number;
        readonly formsCollected: number;
        readonly satisfied: number;
        /** formsCollected / households. */
        readonly participationRate: number;
        /** satisfied / formsCollected. */
        readonly satisfactionRate: number;
        readonly perQuestion: readonly (SurveyQuestionResult & { readonly rate: number })[];
        readonly source: 'manual' | 'survey';
        readonly surveyId: string | null;
        readonly report: DocumentHash | null;
        readonly recordedAt: string;
        /**
         * The survey rule the result was judged by: when present, condition 2 is this verdict (absent in results
         * recorded by hand or before rules were data, judged by the procedure's two shares).
         */
        readonly rule?: SurveyRuleVerdict;
      }
    >
  | DomainEvent<
      'CommuneMeetingHeld',
      {
        readonly attendees: number;
        readonly votesFor: number;
        readonly votesAgainst: number;
        /** votesFor / attendees. */
        readonly share: number;
        readonly threshold: number;
        readonly minutes: DocumentHash;
        readonly heldAt: string;
      }
    >
  | DomainEvent<
      'DossierSubmitted',
      {
        readonly round: number;
        /** Every document behind conditions 3 and 4 (the certificate's and the confirmation's). */
        readonly evidence: readonly DocumentHash[];
        readonly documents: readonly DocumentHash[];
        readonly submittedAt: string;
      } & ConditionEvidence
    >
  | DomainEvent<
      'VerificationPassed',
      {
        readonly round: number;
        readonly step: StepId;
        readonly findings: readonly CriterionFinding[];
        readonly report: DocumentHash | null;
        readonly verifiedAt: string;
      }
    >
  | DomainEvent<
      'DossierReturned',
      {
        readonly round: number;
        /** The review step that returned it; resubmission goes back there. */
        readonly step: StepId;
        readonly reasons: readonly ReturnReason[];
        readonly returnedAt: string;
      }
    >
  | DomainEvent<
      'DossierResubmitted',
      {
        /** The new round (previous + 1). */
        readonly round: number;
        readonly changes: string;
        readonly evidence: readonly DocumentHash[];
        readonly documents: readonly DocumentHash[];
        readonly resubmittedAt: string;
      } & ConditionEvidence
    >
  | DomainEvent<
      'DistrictPostingOpened',
      {
        readonly round: number;
        readonly report: DocumentHash;
        readonly where: readonly string[];
        readonly from: string;
        readonly until: string;
        readonly openedAt: string;
      }
    >
  | DomainEvent<
      'DistrictPostingClosed',
      { readonly round: number; readonly comments: number; readonly closedAt: string }
    >
  | DomainEvent<
      'DistrictBoardVoted',
      {
        readonly round: number;
        readonly counts: CouncilCounts;
        /** for / members. */
        readonly share: number;
        readonly threshold: number;
        readonly quorum: number;
        readonly passed: boolean;
        readonly minutes: DocumentHash;
        readonly heldAt: string;
      }
    >
  | DomainEvent<
      'DossierFoundNotEligible',
      {
        readonly round: number;
        readonly step: StepId;
        /** The reasons stated, by criterion or document. */
        readonly reasons: readonly ReturnReason[];
        readonly report: DocumentHash | null;
        readonly decidedAt: string;
      }
    >
  | DomainEvent<
      'AppraisalPostingOpened',
      {
        readonly round: number;
        readonly url: string | null;
        readonly from: string;
        readonly until: string;
        readonly openedAt: string;
      }
    >
  | DomainEvent<
      'AppraisalPostingClosed',
      { readonly round: number; readonly comments: number; readonly closedAt: string }
    >
  | DomainEvent<
      'CouncilVoteCast',
      {
        readonly round: number;
        readonly memberId: string;
        readonly memberName: string | null;
        readonly vote: 'approve' | 'reject';
        readonly note: string | null;
        readonly castAt: string;
      }
    >
  | DomainEvent<
      'AppraisalConcluded',
      {
        readonly round: number;
        readonly passed: boolean;
        readonly counts: CouncilCounts;
        /** for / members. */
        readonly share: number;
        readonly threshold: number;
        readonly quorum: number;
        readonly findings: readonly CriterionFinding[] | null;
        readonly minutes: DocumentHash | null;
        readonly concludedAt: string;
      }
    >
  | DomainEvent<
      'RecognitionGranted',
      {
        readonly dossierId: string;
        readonly communeCode: string;
        readonly level: Level;
        /** The dossier's period (raised on read for events written before it was recorded). */
        readonly period: Period;
        readonly decisionNumber: string;
        readonly decidedOn: string;
        readonly signer: Signer;
        readonly grantedAt: string;
      }
    >
  | DomainEvent<
      'RecognitionRefused',
      {
        readonly dossierId: string;
        /** Every failed condition and criterion, plus the chairman's own reasons. */
        readonly reasons: readonly Violation[];
        readonly decisionNumber: string | null;
        readonly decidedOn: string;
        readonly signer: Signer;
        readonly refusedAt: string;
      }
    >
  | DomainEvent<
      'RecognitionAnnounced',
      { readonly announcedOn: string; readonly where: string | null; readonly announcedAt: string }
    >
  | DomainEvent<
      'DossierWithdrawn',
      { readonly reason: string | null; readonly step: StepId | null; readonly withdrawnAt: string }
    >
  | DomainEvent<
      'StepOverdue',
      { readonly step: StepId; readonly round: number; readonly dueAt: string; readonly markedAt: string }
    >
  | DomainEvent<
      'StepDeadlineNear',
      {
        readonly step: StepId;
        readonly round: number;
        readonly dueAt: string;
        /** Working days left at the reminder, today included when it is one (1 on the due day). */
        readonly workingDaysLeft: number;
        readonly remindedAt: string;
      }
    >
  | DomainEvent<
      'AnnualReviewRecorded',
      CriteriaReassessed & {
        readonly year: number;
        /** The early warning, by the dossier's revocation rule (conditions.ts). */
        readonly standing: MaintenanceStanding;
        /** More failed criteria that would make revocation due: 0 when it is, null when none could. */
        readonly criteriaToRevocation: number | null;
        /** Whether that nearest way counts on a key criterion among them. */
        readonly keyCriterionNeeded: boolean;
        readonly report: DocumentHash | null;
        readonly reviewedBy: string;
        readonly reviewedAt: string;
      }
    >
  | DomainEvent<
      'RevocationProposed',
      { readonly reason: string; readonly proposedBy: string; readonly proposedAt: string }
    >
  | DomainEvent<
      'RevocationAssessed',
      CriteriaReassessed & {
        /** Whether the rule calls for revocation. */
        readonly due: boolean;
        readonly report: DocumentHash | null;
        readonly assessedAt: string;
      }
    >
  | DomainEvent<
      'RecognitionRevoked',
      {
        readonly dossierId: string;
        readonly communeCode: string;
        readonly level: Level;
        /** The dossier's period (raised on read for events written before it was recorded). */
        readonly period: Period;
        readonly decisionNumber: string;
        readonly decidedOn: string;
        readonly signer: Signer;
        readonly failedCriteria: readonly number[];
        readonly failedShare: number;
        readonly revokedAt: string;
      }
    >;

export type DossierEventType = DossierEvent['type'];

export type EventOf<T extends DossierEventType> = Extract<DossierEvent, { type: T }>;
