/**
 * What each route answers, by name. The OpenAPI schemas of these answers are generated from these very types
 * (`npm run api:answers` → api-answers.schema.json, checked by test/web/api-contract.e2e.spec.ts), and
 * `@Answers(name)` only compiles on a route whose handler returns the named type: the document cannot drift from
 * what the code sends.
 */
import type { HealthCheckResult } from '@nestjs/terminus';
import type { CommandOutcome } from '@ntm/application';
import type {
  Award,
  AwardDecision,
  AwardTally,
  AwardType,
  Candidate,
  ClusterScores,
  CommuneAwards,
  DecisionSummary,
  EligibilityReport,
  KnownRecipient,
  Nomination,
  Programme,
  QuotaLine,
} from '@ntm/commendation';
import type { CalendarYearView } from '@ntm/calendar';
import type { CriteriaSetDocument, CriteriaSetSummary } from '@ntm/criteria';
import type { StoredDocument } from '@ntm/documents';
import type {
  BoardPage,
  Checkpoint,
  CommuneStanding,
  CommuneSurvey,
  DecisionsReport,
  ListedCheckpoint,
  PipelineReport,
  PlanProgress,
  StandingsAggregate,
  VersionsRow,
} from '@ntm/read-models';
import type {
  CommuneGroupFact,
  CommuneLineageView,
  DossierSummary,
  LoadedProvinceProcedure,
  OpeningOption,
  ProcedureVersion,
} from '@ntm/recognition';
import type { ClockView } from '../dev/dev-clock.controller';
import type { DossierDocumentItem, DossierView, HistoryEntry } from '../dossiers/dossier.queries';
import type { ConstructionDebtsController } from '../construction-debts/construction-debts.controller';
import type { CommunesController } from '../dossiers/law.controller';
import type { ReferenceController } from '../reports/reference.controller';
import type { ReportResponse } from '../reports/reports.controller';
import type { BallotForm, SurveyView } from '../surveys/survey-view';
import type { RegisterPreview } from '../surveys/register-file';
import type { CompletionOutcome } from '../surveys/survey-completion';

/** `status` is `ok`, or `error` with the failing parts under `error`; `details` has every part. */
export type HealthAnswer = HealthCheckResult;

/** What a route's handler answers, for routes whose answer is written where it is built. */
type AnswerOf<M extends (...args: never[]) => unknown> = Awaited<ReturnType<M>>;

export interface ApiAnswers {
  CommandAnswer: CommandOutcome;
  DossierCommandAnswer: CommandOutcome & { dossierId: string; summary?: DossierSummary };
  SurveyCommandAnswer: CommandOutcome & { surveyId: string };
  SurveyOpenedAnswer: CommandOutcome & { surveyId: string; round: number };
  SurveyCompletion: CompletionOutcome;
  NominationCommandAnswer: CommandOutcome & { nominationId: string };
  AwardCommandAnswer: CommandOutcome & { decisionId?: string };
  DossierView: DossierView;
  DossierHistory: HistoryEntry[];
  SurveyView: SurveyView;
  SurveyList: SurveyView[];
  BallotForm: BallotForm;
  RegisterPreview: RegisterPreview;
  RegisterImported: CommandOutcome & { surveyId: string; households: number };
  StoredDocument: StoredDocument;
  DevToken: { token: string };
  Clock: ClockView;
  Liveness: { status: string; uptimeSeconds: number };
  Health: HealthAnswer;
  Projections: { items: ListedCheckpoint[] };
  Projection: Checkpoint;
  CriteriaSetLoaded: CriteriaSetSummary & { loaded: boolean; position: string | null };
  CriteriaSetList: CriteriaSetSummary[];
  CriteriaSetWithDocument: CriteriaSetSummary & { document: CriteriaSetDocument };
  ProvinceProcedures: {
    provinceCode: string;
    revisions: number;
    byVersion: Partial<Record<ProcedureVersion, LoadedProvinceProcedure>>;
  };
  ProvinceProceduresLoaded: ApiAnswers['ProvinceProcedures'] & { loaded: boolean };
  CommuneGroupAnswer: { communeCode: string; group: CommuneGroupFact | null };
  /** What the commune may open (procedure and level) and, for what it may not, why. */
  CommuneOpenable: { communeCode: string; communeName: string; options: OpeningOption[] };
  CommuneGroupSet: AnswerOf<CommunesController['setGroup']>;
  CommunePilotSet: AnswerOf<CommunesController['setPilot']>;
  ConstructionDebtLedger: AnswerOf<ConstructionDebtsController['read']>;
  ConstructionDebtChanged: AnswerOf<ConstructionDebtsController['record']>;
  ProvinceConstructionDebts: AnswerOf<ConstructionDebtsController['province']>;
  BoardReport: ReportResponse<BoardPage>;
  StandingsReport: ReportResponse<{ communes: CommuneStanding[]; summary: StandingsAggregate[] }>;
  StandingsSummaryReport: ReportResponse<StandingsAggregate[]>;
  PlanProgressReport: ReportResponse<PlanProgress>;
  DecisionsReportAnswer: ReportResponse<DecisionsReport>;
  SurveysReport: ReportResponse<CommuneSurvey[]>;
  PipelineReportAnswer: ReportResponse<PipelineReport>;
  ReadModelsReport: ReportResponse<VersionsRow[]>;
  EmulationProgramme: Omit<Programme, 'awardTypes'> & { awardTypes: AwardType[] };
  AwardTypes: (AwardType & { ruleLabels: string[] })[];
  Rankings: ClusterScores[];
  Candidates: Candidate[];
  Quotas: QuotaLine[];
  Nominations: Nomination[];
  Nomination: Nomination;
  Eligibility: EligibilityReport;
  AwardDecisionView: AwardDecision & { awards: Award[] };
  Awards: Award[];
  AwardDecisions: DecisionSummary[];
  CommuneRegistry: CommuneAwards[];
  AwardTallies: AwardTally[];
  KnownRecipients: KnownRecipient[];
  DossierDocuments: DossierDocumentItem[];
  CommuneStatusAcknowledged: AnswerOf<CommunesController['acknowledge']>;
  CommuneRecordAnswer: CommuneLineageView;
  UnitsRegistered: AnswerOf<ReferenceController['registerUnits']>;
  UnitsChanged: AnswerOf<ReferenceController['changeUnits']>;
  ProvinceUnits: AnswerOf<ReferenceController['units']>;
  MyArea: AnswerOf<ReferenceController['myArea']>;
  ProvincePlanSet: AnswerOf<ReferenceController['setPlan']>;
  ProvincePlan: AnswerOf<ReferenceController['plan']>;
  ProvinceCommuneGroups: AnswerOf<ReferenceController['communeGroups']>;
  ProvinceCommunePilots: AnswerOf<ReferenceController['communePilots']>;
  ProgrammePeriods: AnswerOf<ReferenceController['periods']>;
  CalendarYears: CalendarYearView[];
  CalendarYearLoaded: CalendarYearView & { loaded: boolean; position: string | null };
}

export type AnswerName = keyof ApiAnswers;
