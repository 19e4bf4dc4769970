import type { Command, DomainEvent, Location, Violation } from '@ntm/decider';
import type { SurveyRule } from './rule';
import type { GrowOnlyIndex } from './grow-only-index';

/** Every survey round's stream starts so. */
export const SURVEY_STREAM_PREFIX = 'survey-';
/** Event stream of one survey round. */
export const surveyStreamId = (surveyId: string): string => `${SURVEY_STREAM_PREFIX}${surveyId}`;
export const surveyIdOfStream = (streamId: string): string => streamId.slice(SURVEY_STREAM_PREFIX.length);

/** Households per register chunk event: 5,000 tokens of 64 hex characters keep an event near 350 KB (limit 1 MiB). */
export const REGISTER_CHUNK_SIZE = 5000;
/** Forms per paper batch: a village's stack larger than this is entered as several batches (same event budget). */
export const MAX_BATCH_FORMS = 5000;
/** Tokens listed per side of a households difference: two wholly different stacks must not overflow the event. */
export const MAX_LISTED_HOUSEHOLDS = 100;
/**
 * Fewest forms a paper batch may hold when the survey does not say (surveys opened before the rule existed):
 * a batch's counts are recorded with its households, so a batch of one form would show that household's
 * answers. UNVERIFIED: no rule was found for this figure; 5 is a choice, configurable per survey.
 */
export const DEFAULT_MINIMUM_BATCH_FORMS = 5;
/** Criterion questions per form at most (one per criterion: 19 today), besides the overall question. */
export const MAX_CRITERIA_QUESTIONS = 50;

/**
 * How household tokens were derived. 'per-survey': HMAC of the survey id and the code, so one household has
 * different tokens in different rounds. 'per-household': HMAC of the code alone, as registers imported before
 * the per-survey tokens were (their stored events say nothing, and keep working).
 */
export type TokenScheme = 'per-survey' | 'per-household';

export const ANSWERS = ['satisfied', 'not-satisfied', 'no-answer'] as const;
export type Answer = (typeof ANSWERS)[number];
/** A form's answers by question id. Every question is answered; 'no-answer' is not allowed for the overall one. */
export type Answers = Readonly<Record<string, Answer>>;

export interface SurveyQuestion {
  readonly id: string;
  /** Vietnamese wording printed on the form. */
  readonly text: string;
}
export interface CriterionQuestion extends SurveyQuestion {
  /** Number of the criterion the question is about (e.g. 17 for Môi trường và an toàn thực phẩm). */
  readonly criterion: number;
}
export interface SurveyQuestions {
  /** "Are you satisfied with the commune's NTM results?": decides the satisfaction rate. */
  readonly overall: SurveyQuestion;
  readonly criteria: readonly CriterionQuestion[];
}

export interface SurveyPeriod {
  /** ISO timestamps; ballots are taken from opensAt (inclusive) until closesAt (exclusive). */
  readonly opensAt: string;
  readonly closesAt: string;
}

export type SurveyStatus = 'open' | 'closed' | 'posted';

/** What a new round needs to know about the round before it (read by the shell with `roundSummary`). */
export interface SurveyRoundSummary {
  readonly surveyId: string;
  readonly dossierId: string;
  readonly round: number;
  readonly status: SurveyStatus;
}

/** Forms answering one question, by answer. answered = satisfied + notSatisfied. */
export interface QuestionCounts {
  readonly question: string;
  readonly satisfied: number;
  readonly notSatisfied: number;
  readonly noAnswer: number;
}

export interface RegisterHousehold {
  /** surveyHouseholdToken(key, surveyId, code): never the code itself. */
  readonly token: string;
  readonly village: string;
}

export interface VillageHouseholds {
  readonly village: string;
  readonly households: number;
}

// ---------------------------------------------------------------------------------------------- commands

/** What a survey is, as opened: fixed for its lifetime. */
export interface SurveyDefinition {
  readonly surveyId: string;
  readonly dossierId: string;
  /** 1 for the first survey of a dossier; n + 1 only after round n was closed. */
  readonly round: number;
  readonly location: Location;
  readonly questions: SurveyQuestions;
  readonly period: SurveyPeriod;
  /** From the dossier's procedure version: minimum ballots ÷ households, in permille (700 = 70%). */
  readonly coverageMinimumPermille: number;
  /** From the dossier's procedure version: minimum satisfied ÷ ballots, in permille (900 = 90%). */
  readonly satisfactionThresholdPermille: number;
  /**
   * The province's survey rule as data (coverage, per-question thresholds, group averages, window): absent in
   * surveys opened before rules were data, which are judged by the two permilles above only.
   */
  readonly rule?: SurveyRule;
  /**
   * The end of the rule's window: its working days from the opening, on the calendar as loaded when the round
   * opened. The period may not run past it. Absent in surveys opened before rules were data.
   */
  readonly windowEndsAt?: string;
  /** Fewest forms in a paper batch; absent in surveys opened before the rule (DEFAULT_MINIMUM_BATCH_FORMS). */
  readonly minimumBatchForms?: number;
  /** How the result is posted when the survey closes (the closing timer reads it); absent: the defaults. */
  readonly posting?: { readonly days?: number; readonly places?: readonly string[] };
}

export type OpenSurvey = Command<
  'OpenSurvey',
  SurveyDefinition & {
    /** Required for round > 1: the summary of round - 1. */
    readonly previousRound?: SurveyRoundSummary;
  }
>;

/** Replaces the register wholesale; only before the first ballot or batch entry. */
export type ImportHouseholdRegister = Command<
  'ImportHouseholdRegister',
  { readonly surveyId: string; readonly importId: string; readonly households: readonly RegisterHousehold[] }
>;

export type CastOnlineBallot = Command<
  'CastOnlineBallot',
  { readonly surveyId: string; readonly token: string; readonly answers: Answers }
>;

export interface PaperForm {
  readonly token: string;
  readonly answers: Answers;
}
/** A village board's stack as typed in: every form, or the households that returned a form plus the counts. */
export type PaperBatchInput =
  | { readonly mode: 'forms'; readonly forms: readonly PaperForm[] }
  | {
      readonly mode: 'counts';
      readonly households: readonly string[];
      readonly counts: readonly QuestionCounts[];
    };

export type EnterPaperBatch = Command<
  'EnterPaperBatch',
  {
    readonly surveyId: string;
    readonly batchId: string;
    readonly village: string;
    readonly input: PaperBatchInput;
  }
>;

export type CloseSurvey = Command<'CloseSurvey', { readonly surveyId: string }>;

export type PostSurveyResult = Command<
  'PostSurveyResult',
  {
    readonly surveyId: string;
    /** ISO timestamps of the public posting period. */
    readonly from: string;
    readonly until: string;
    /** Where it is posted, in Vietnamese (e.g. "Nhà văn hóa thôn Nà Pài", "Đài truyền thanh xã"). */
    readonly places: readonly string[];
  }
>;

export type SurveyCommand =
  OpenSurvey | ImportHouseholdRegister | CastOnlineBallot | EnterPaperBatch | CloseSurvey | PostSurveyResult;

// ------------------------------------------------------------------------------------------------ events

export type SurveyOpened = DomainEvent<
  'SurveyOpened',
  SurveyDefinition & { readonly openedBy: string; readonly openedAt: string }
>;

/** The register's summary; its tokens follow in `chunks` HouseholdRegisterChunkAdded events of the same append. */
export type HouseholdRegisterImported = DomainEvent<
  'HouseholdRegisterImported',
  {
    readonly surveyId: string;
    readonly importId: string;
    readonly households: number;
    readonly villages: readonly VillageHouseholds[];
    readonly chunks: number;
    readonly importedBy: string;
    readonly importedAt: string;
    /** Absent in registers imported before per-survey tokens: 'per-household'. */
    readonly tokenScheme?: TokenScheme;
  }
>;

export type HouseholdRegisterChunkAdded = DomainEvent<
  'HouseholdRegisterChunkAdded',
  {
    readonly surveyId: string;
    readonly importId: string;
    /** 1-based. */
    readonly chunk: number;
    /** Tokens in token order across the whole register (never the file's order); older registers: file order. */
    readonly villages: readonly { readonly village: string; readonly tokens: readonly string[] }[];
  }
>;

export type OnlineBallotCast = DomainEvent<
  'OnlineBallotCast',
  { readonly surveyId: string; readonly token: string; readonly village: string; readonly answers: Answers }
>;

/**
 * One officer's typing of a batch. Forms are reduced to counts plus the sorted list of households that returned
 * one, so a paper entry never links a household to its answers.
 */
export type PaperBatchEntered = DomainEvent<
  'PaperBatchEntered',
  {
    readonly surveyId: string;
    readonly batchId: string;
    readonly village: string;
    /** 1-based, per batch. */
    readonly entryNo: number;
    readonly enteredBy: string;
    /** The officer's name from the sign-in; absent when it gave none (and in entries made before names were kept). */
    readonly enteredByName?: string;
    readonly enteredAt: string;
    readonly mode: PaperBatchInput['mode'];
    readonly forms: number;
    readonly households: readonly string[];
    /** In question order, overall first. */
    readonly counts: readonly QuestionCounts[];
  }
>;

/** Two entries by different officers agree: the batch's forms count from now on. */
export type PaperBatchAccepted = DomainEvent<
  'PaperBatchAccepted',
  {
    readonly surveyId: string;
    readonly batchId: string;
    readonly village: string;
    /** [earlier entryNo, later entryNo]. */
    readonly agreedEntries: readonly [number, number];
    readonly forms: number;
    readonly counts: readonly QuestionCounts[];
  }
>;

export type CountField = 'satisfied' | 'notSatisfied' | 'noAnswer';
export type BatchDifference =
  | { readonly field: 'forms'; readonly earlier: number; readonly later: number }
  | {
      readonly field: CountField;
      readonly question: string;
      readonly earlier: number;
      readonly later: number;
    }
  | {
      readonly field: 'households';
      readonly onlyInEarlier: HouseholdsListed;
      readonly onlyInLater: HouseholdsListed;
    };

/** How many households one entry has and the other lacks, with the first few tokens to look them up by. */
export interface HouseholdsListed {
  readonly count: number;
  /** At most MAX_LISTED_HOUSEHOLDS, sorted. */
  readonly tokens: readonly string[];
}

export interface BatchComparison {
  /** The other officer's current entry the new one was compared with. */
  readonly entryNo: number;
  readonly enteredBy: string;
  readonly differences: readonly BatchDifference[];
}

/** The new entry agrees with no other officer's entry: none of the batch counts until one does. */
export type PaperBatchMismatched = DomainEvent<
  'PaperBatchMismatched',
  {
    readonly surveyId: string;
    readonly batchId: string;
    readonly village: string;
    readonly entryNo: number;
    readonly comparisons: readonly BatchComparison[];
  }
>;

export type BatchStatus = 'awaiting-second-entry' | 'disputed' | 'accepted';

export interface QuestionTally extends QuestionCounts {
  readonly criterion?: number;
  readonly answered: number;
  /** floor(satisfied × 1000 ÷ answered); 0 when nobody answered. */
  readonly satisfactionPermille: number;
}

export interface VillageTally {
  readonly village: string;
  readonly households: number;
  readonly ballots: number;
  readonly satisfied: number;
}

export interface SurveyTally {
  readonly surveyId: string;
  readonly dossierId: string;
  readonly round: number;
  readonly households: number;
  /** Valid forms collected (online + accepted paper); every one answers the overall question. */
  readonly ballots: number;
  readonly online: number;
  readonly paper: number;
  /** Ballots answering 'satisfied' to the overall question. */
  readonly satisfied: number;
  /** Rounded down, for display; the verdicts below are exact. */
  readonly participationPermille: number;
  readonly satisfactionPermille: number;
  readonly coverageMinimumPermille: number;
  readonly satisfactionThresholdPermille: number;
  readonly coverageMet: boolean;
  readonly thresholdMet: boolean;
  /** Overall question first, then the criteria in form order. */
  readonly perQuestion: readonly QuestionTally[];
  readonly perVillage: readonly VillageTally[];
  /** The rule the result is judged by (absent when the survey has no rule). */
  readonly rule?: { readonly id: string; readonly source: string };
  /** Where the survey's rule is not met (absent when the survey has no rule). */
  readonly ruleFailures?: readonly Violation[];
}

export type SurveyCloseReason = 'period-ended' | 'closed-by-front';

export type SurveyClosed = DomainEvent<
  'SurveyClosed',
  {
    readonly surveyId: string;
    readonly closedBy: string;
    readonly closedAt: string;
    readonly reason: SurveyCloseReason;
    readonly tally: SurveyTally;
    /** Batches without two agreeing entries at closing: their forms are not in the tally. */
    readonly excludedBatches: readonly {
      readonly batchId: string;
      readonly village: string;
      readonly status: Exclude<BatchStatus, 'accepted'>;
    }[];
  }
>;

export type SurveyResultPosted = DomainEvent<
  'SurveyResultPosted',
  {
    readonly surveyId: string;
    readonly postedBy: string;
    readonly postedAt: string;
    readonly from: string;
    readonly until: string;
    readonly places: readonly string[];
  }
>;

export type SurveyEvent =
  | SurveyOpened
  | HouseholdRegisterImported
  | HouseholdRegisterChunkAdded
  | OnlineBallotCast
  | PaperBatchEntered
  | PaperBatchAccepted
  | PaperBatchMismatched
  | SurveyClosed
  | SurveyResultPosted;

// ------------------------------------------------------------------------------------------------- state

export interface BatchEntry {
  readonly entryNo: number;
  readonly enteredBy: string;
  /** The officer's name from the sign-in; absent when it gave none (and in entries made before names were kept). */
  readonly enteredByName?: string;
  readonly forms: number;
  /** Sorted. */
  readonly households: readonly string[];
  readonly householdSet: ReadonlySet<string>;
  readonly counts: readonly QuestionCounts[];
}

export interface PaperBatch {
  readonly batchId: string;
  readonly village: string;
  readonly status: BatchStatus;
  /** The current entry of each officer who typed the batch (a re-entry replaces the officer's previous one). */
  readonly entries: readonly BatchEntry[];
  readonly entriesMade: number;
  /** Set once two entries agree. */
  readonly accepted?: BatchEntry;
}

export interface VillageCounts {
  readonly ballots: number;
  readonly satisfied: number;
}

/** Kept up to date by evolve so closing never re-reads the ballots. */
export interface RunningCounts {
  readonly ballots: number;
  readonly online: number;
  readonly paper: number;
  /** In question order, overall first. */
  readonly perQuestion: readonly QuestionCounts[];
  readonly perVillage: ReadonlyMap<string, VillageCounts>;
}

export interface Register {
  readonly importId: string;
  readonly households: number;
  readonly villages: readonly VillageHouseholds[];
  /** How the shell must hash a household code to find it in this register. */
  readonly tokenScheme: TokenScheme;
}

interface SurveyCommon extends SurveyDefinition {
  readonly register?: Register;
  /** token -> village. */
  readonly households: GrowOnlyIndex<string>;
  /** Tokens that voted online. */
  readonly onlineVoters: GrowOnlyIndex<true>;
  /** token -> ids of the batches any entry of which listed it (whether a batch still holds it: see the batch). */
  readonly batchesOf: GrowOnlyIndex<string>;
  readonly batches: ReadonlyMap<string, PaperBatch>;
  readonly counts: RunningCounts;
}

export type OpenedSurvey =
  | (SurveyCommon & { readonly status: 'open' })
  | (SurveyCommon & { readonly status: 'closed'; readonly tally: SurveyTally })
  | (SurveyCommon & {
      readonly status: 'posted';
      readonly tally: SurveyTally;
      readonly posting: { readonly from: string; readonly until: string; readonly places: readonly string[] };
    });

export type SurveyState = { readonly status: 'none' } | OpenedSurvey;
