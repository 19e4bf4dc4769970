import type { Command } from '@ntm/decider';
import type { CriteriaSetDocument, Level } from '@ntm/criteria';
import type { CommuneGroupFact, CommunePilotFact } from './commune-record';
import type { DebtConfirmation, SecurityCertificate } from './evidence-conditions';
import type { OutstandingDebt } from './construction-debt';
import type { LoadedProvinceProcedure } from './province-procedures';

/** A SHA-256 of a stored document, 64 hex characters. */
export type DocumentHash = string;

export interface CommuneRef {
  readonly provinceCode: string;
  /** Required by the 2021-2025 procedure; absent after the 2025 two-tier reform. */
  readonly districtCode?: string;
  readonly communeCode: string;
  /** e.g. "xã Nông Thượng". */
  readonly name: string;
}

/** The commune's own assessment of one criterion. */
export interface CriterionAssessment {
  readonly criterion: number;
  readonly met: boolean;
  /** The measured value as written in the report, e.g. "52,3 triệu đồng/người/năm". */
  readonly value: string;
  readonly evidence: readonly DocumentHash[];
}

/** The commune's report of one indicator (Decision 51/2025/QĐ-TTg): the value, and the documents behind it. */
export interface IndicatorReport {
  readonly code: string;
  readonly value: number | boolean;
  readonly evidence: readonly DocumentHash[];
}

/** Decision 319's extra conditions, declared by a commune applying for kiểu mẫu. */
export interface KieuMauDeclaration {
  /** Per-capita income of the commune (million VND per person per year). */
  readonly incomePerCapita: number;
  /**
   * Decision 319/QĐ-TTg (RULES-2026 §3): the income the nâng cao criteria require at the same time (the criterion-10
   * threshold of the nâng cao set that applies to the commune), same unit; not the province's nâng cao average.
   */
  readonly nangCaoIncomeStandard: number;
  /** Names of villages with a smart village model (mô hình thôn thông minh). */
  readonly smartVillages: readonly string[];
  /** Outstanding fields (lĩnh vực nổi trội), e.g. "Du lịch", "Giáo dục". */
  readonly outstandingFields: readonly string[];
  readonly evidence: readonly DocumentHash[];
}

/** A declaration as stored: those recorded before the correction named the province's nâng cao average instead. */
export type RecordedKieuMauDeclaration = Omit<KieuMauDeclaration, 'nangCaoIncomeStandard'> & {
  readonly nangCaoIncomeStandard?: number;
  readonly provinceNangCaoAverageIncome?: number;
};

/** A reviewer's finding on one criterion (verification or appraisal). */
export interface CriterionFinding {
  readonly criterion: number;
  readonly met: boolean;
  readonly note?: string;
}

/** One written reason for returning a dossier: tied to a criterion, to a document, or to both. */
export interface ReturnReason {
  readonly criterion?: number;
  /** A document of the dossier, by name (e.g. "Biên bản họp") or hash. */
  readonly document?: string;
  readonly text: string;
}

export interface SurveyQuestionResult {
  readonly question: string;
  readonly satisfied: number;
  readonly answered: number;
}

/**
 * The survey rule a tallied result was judged by (RULES-2026 §3: coverage, per-question thresholds, averages
 * over question groups), with every way the result fell short of it; empty failures = the rule is met.
 */
export interface SurveyRuleVerdict {
  readonly id: string;
  readonly source: string;
  readonly failures: readonly { readonly code: string; readonly message: string }[];
}

export interface CouncilCounts {
  readonly members: number;
  readonly present: number;
  readonly for: number;
  readonly against: number;
}

export type DossierCommand =
  | Command<
      'OpenDossier',
      {
        readonly dossierId: string;
        readonly commune: CommuneRef;
        readonly level: Level;
        readonly procedureVersion: string;
        readonly year: number;
        /** The commune's current recognitions: filled in by the handler from the commune's record. */
        readonly holdings: readonly Level[];
        /** Mã hồ sơ allocated by the shell (province-year-sequence), e.g. "06-2026-0007". */
        readonly code?: string;
        /** The criteria-set document the dossier is opened under (filled in by the handler from the catalogue). */
        readonly criteriaSet?: { readonly document: CriteriaSetDocument; readonly hash: string };
        /** The commune's group in force (filled in by the handler from the commune's record). */
        readonly communeGroup?: CommuneGroupFact | null;
        /** The commune's selection for the level when it is a pilot one (filled in by the handler from its record). */
        readonly pilot?: CommunePilotFact | null;
        /** The province's own procedure for this version, if it loaded one (filled in by the handler). */
        readonly provinceProcedure?: LoadedProvinceProcedure | null;
      }
    >
  | Command<
      'RecordSelfAssessment',
      {
        readonly criteria: readonly CriterionAssessment[];
        /** Required for kiểu mẫu dossiers. */
        readonly kieuMau?: KieuMauDeclaration;
        readonly report?: DocumentHash;
      }
    >
  | Command<
      'RecordIndicatorAssessment',
      {
        /** 2026-2030: each indicator's value with its evidence; the system judges the criteria. */
        readonly indicators: readonly IndicatorReport[];
        readonly report?: DocumentHash;
      }
    >
  | Command<
      'OpenPublicPosting',
      {
        /** Places of posting: commune office, village cultural houses, commune radio... */
        readonly where: readonly string[];
        /** ISO instant. */
        readonly from: string;
        /** ISO instant; defaults to the procedure's minimum posting period from `from`. */
        readonly until?: string;
      }
    >
  | Command<
      'RecordPublicComment',
      {
        readonly author?: string;
        readonly content: string;
        /** ISO instant the comment was received; defaults to now. */
        readonly receivedAt?: string;
      }
    >
  | Command<'ClosePublicPosting', Record<string, never>>
  | Command<
      'RecordSurveyResult',
      {
        readonly households: number;
        readonly formsCollected: number;
        readonly satisfied: number;
        readonly perQuestion?: readonly SurveyQuestionResult[];
        readonly source: 'manual' | 'survey';
        /** Required when source is 'survey'. */
        readonly surveyId?: string;
        /** A tallied survey's verdict under the rule its round was opened with (source 'survey' only). */
        readonly rule?: SurveyRuleVerdict;
        readonly report?: DocumentHash;
      }
    >
  | Command<
      'HoldCommuneMeeting',
      {
        readonly attendees: number;
        readonly votesFor: number;
        readonly votesAgainst: number;
        readonly minutes: DocumentHash;
        /** ISO instant; defaults to now. */
        readonly heldAt?: string;
      }
    >
  | Command<
      'SubmitDossier',
      {
        /** Condition 4 (Decision 03/2024/QĐ-TTg): the "An toàn về an ninh, trật tự" certificate for the year. */
        readonly securityCertificate: SecurityCertificate;
        /** Condition 3: the finance office's confirmation of basic-construction debt. */
        readonly debtConfirmation: DebtConfirmation;
        readonly documents?: readonly DocumentHash[];
        /** Filled in by the system, never the caller: what the commune's debt ledger shows outstanding now. */
        readonly ledgerDebt?: OutstandingDebt;
      }
    >
  | Command<
      'VerifyDossier',
      {
        readonly findings: readonly CriterionFinding[];
        readonly report?: DocumentHash;
      }
    >
  | Command<'ReturnForSupplementation', { readonly reasons: readonly ReturnReason[] }>
  | Command<
      'OpenDistrictPosting',
      {
        /** The district's verification report, posted for comments before the steering board votes. */
        readonly report: DocumentHash;
        /** Where it is posted: the district's portal, its office... */
        readonly where: readonly string[];
        readonly from: string;
        readonly until?: string;
      }
    >
  | Command<'CloseDistrictPosting', Record<string, never>>
  | Command<
      'HoldDistrictBoardVote',
      { readonly counts: CouncilCounts; readonly minutes: DocumentHash; readonly heldAt?: string }
    >
  | Command<
      'DeclareNotEligible',
      { readonly reasons: readonly ReturnReason[]; readonly report?: DocumentHash }
    >
  | Command<
      'ResubmitDossier',
      {
        /** What changed since the return. */
        readonly changes: string;
        readonly securityCertificate: SecurityCertificate;
        readonly debtConfirmation: DebtConfirmation;
        readonly documents?: readonly DocumentHash[];
        /** Filled in by the system, never the caller: what the commune's debt ledger shows outstanding now. */
        readonly ledgerDebt?: OutstandingDebt;
      }
    >
  | Command<
      'OpenAppraisalPosting',
      {
        /** Address of the notice on the provincial portal. */
        readonly url?: string;
        readonly from: string;
        readonly until?: string;
      }
    >
  | Command<'CloseAppraisalPosting', Record<string, never>>
  | Command<'CastCouncilVote', { readonly vote: 'approve' | 'reject'; readonly note?: string }>
  | Command<
      'ConcludeAppraisal',
      {
        readonly counts: CouncilCounts;
        /** The council's per-criterion findings; when given they supersede the earlier ones. */
        readonly findings?: readonly CriterionFinding[];
        readonly minutes?: DocumentHash;
      }
    >
  | Command<
      'DecideRecognition',
      {
        readonly decisionNumber: string;
        /** YYYY-MM-DD. */
        readonly decidedOn: string;
      }
    >
  | Command<
      'RefuseRecognition',
      {
        readonly decisionNumber?: string;
        readonly decidedOn: string;
        /** The chairman's own reasons, added to the failed conditions. */
        readonly reasons?: readonly string[];
      }
    >
  | Command<
      'AnnounceRecognition',
      {
        /** YYYY-MM-DD of the announcement ceremony. */
        readonly announcedOn: string;
        readonly where?: string;
      }
    >
  | Command<'WithdrawDossier', { readonly reason?: string }>
  | Command<'MarkStepOverdue', { readonly step: string; readonly round: number }>
  | Command<
      'RemindStepDeadline',
      {
        readonly step: string;
        readonly round: number;
        /** Remind when at most this many working days are left (the deployment's setting). */
        readonly workingDays: number;
      }
    >
  | Command<
      'RecordAnnualReview',
      {
        /** The year reviewed (the commune reviews each year after its recognition). */
        readonly year: number;
        /** Every criterion of the set revocation is judged against, met or not. */
        readonly results: readonly CriterionFinding[];
        readonly report?: DocumentHash;
      }
    >
  | Command<'ProposeRevocation', { readonly reason: string }>
  | Command<
      'AssessForRevocation',
      {
        readonly results: readonly CriterionFinding[];
        readonly report?: DocumentHash;
      }
    >
  | Command<
      'DecideRevocation',
      {
        readonly decisionNumber: string;
        readonly decidedOn: string;
      }
    >;

export type DossierCommandType = DossierCommand['type'];

export type CommandOf<T extends DossierCommandType> = Extract<DossierCommand, { type: T }>;

/** The data a command of this type carries: what its HTTP body implements. */
export type DataOf<T extends DossierCommandType> = CommandOf<T>['data'];
