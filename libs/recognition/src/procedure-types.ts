import type { TimeLimit } from '@ntm/calendar';
import type { CriteriaSet, Level, Period } from '@ntm/criteria';
import type { Role } from '@ntm/decider';
import type { DossierCommandType } from './commands';

export type { Level } from '@ntm/criteria';

export const PROCEDURE_VERSIONS = ['2021-2025', '2025-two-tier', '2026-2030'] as const;
export type ProcedureVersion = (typeof PROCEDURE_VERSIONS)[number];

/** Every step any procedure version may use. A version lists the ones it uses, in order. */
export const STEP_IDS = [
  'commune-preparation',
  'district-verification',
  'provincial-verification',
  'provincial-appraisal',
  'supplementation',
  'decision',
  'announcement',
  'revocation-assessment',
  'revocation-decision',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** Commands valid whatever the step (each has its own gate); every other command belongs to steps. */
export const UNSTEPPED_COMMANDS = [
  'OpenDossier',
  'WithdrawDossier',
  'MarkStepOverdue',
  'RemindStepDeadline',
  'ProposeRevocation',
  'RecordAnnualReview',
] as const;
export type StepCommandType = Exclude<DossierCommandType, (typeof UNSTEPPED_COMMANDS)[number]>;

export interface StepDefinition {
  readonly id: StepId;
  /** Null when no time limit applies or none was found in the law. */
  readonly limit: TimeLimit | null;
  /** The commands valid while this step is current, and the role that may send each. */
  readonly actions: Readonly<Partial<Record<StepCommandType, Role>>>;
  /** Why a value is a default rather than the law (UNVERIFIED notes). */
  readonly note?: string;
}

/** A share threshold: passed when the share reaches `threshold` (0..1, inclusive). */
export interface VoteRule {
  readonly threshold: number;
  /** Share of members that must be present for a vote to count (0..1); 0 when no quorum applies. */
  readonly quorum: number;
  readonly note?: string;
}

/** Condition 2 of Regulation 18/2022 per level: residents' satisfaction and how many households were asked. */
export interface SatisfactionRule {
  /** Satisfied forms / valid collected forms (0..1). */
  readonly threshold: number;
  /** Forms collected / households (0..1). */
  readonly minimumCoverage: number;
  readonly note?: string;
}

/**
 * The residents' survey beyond condition 2's two shares, as data (RULES-2026 §3; the Front's Hướng dẫn
 * 90/HD-MTTW-BTT sets the shape, provinces set the figures): the window in working days, thresholds per
 * question and averages over groups of questions (question ids of the survey's form), and a coverage that
 * replaces the level's minimum when the province sets one. A round records the rule built from it whole.
 */
export interface SurveyRuleDefaults {
  readonly windowWorkingDays: number;
  /** Permille, 0-1000; absent: the level's minimum coverage. */
  readonly coveragePermille?: number;
  readonly questions: readonly { readonly question: string; readonly thresholdPermille: number }[];
  readonly groups: readonly { readonly questions: readonly string[]; readonly averagePermille: number }[];
  /** The text the figures come from. */
  readonly source: string;
  readonly note?: string;
}

/** Regulation 18/2022 §1.5: revoke at >= upper share failed, or >= lower share with a key criterion failed. */
export interface RevocationRule {
  readonly lowerShare: number;
  readonly upperShare: number;
  /** Where the shares stand against the law (shown with the rule). */
  readonly note?: string;
}

export interface ProcedureDefinition {
  readonly version: ProcedureVersion;
  readonly title: string;
  readonly legalBasis: string;
  /** The criteria period the procedure serves (absent in dossiers opened before 2026: 2021-2025). */
  readonly period?: Period;
  /** Set when a province's own internal procedure overrides the national default (recorded whole). */
  readonly province?: {
    readonly provinceCode: string;
    /** The province's decision publishing its internal procedure, e.g. "2111/QĐ-UBND ngày 03/07/2025". */
    readonly basis: string;
    /** 1, 2, ... per province and version. */
    readonly revision: number;
  };
  /** Whether communes sit under a district (the 2021-2025 procedure needs the district code). */
  readonly requiresDistrict: boolean;
  /** The recognition flow, in order: each step opens when the one before it finishes. */
  readonly steps: readonly StepDefinition[];
  /** Opened when a review step returns the dossier; resubmission goes back to that review step. */
  readonly supplementation: StepDefinition;
  /** The revocation flow on a recognised dossier, in order. */
  readonly revocationSteps: readonly StepDefinition[];
  /** Roles for the commands that are not tied to a step. */
  readonly roles: {
    readonly open: Role;
    readonly withdraw: Role;
    readonly proposeRevocation: Role;
    /** Who records the yearly review after recognition (raised on read for procedures recorded before it). */
    readonly annualReview: Role;
    readonly timer: Role;
  };
  /** Minimum length of the commune's public posting of its draft report. */
  readonly communePosting: TimeLimit;
  /** Minimum length of the posting of the appraisal report on the provincial portal. */
  readonly appraisalPosting: TimeLimit;
  /**
   * 2021-2025 district stage (RULES-2026 §3, from provincial practice): the district posts its verification report
   * for comments and its steering board votes before the dossier goes to the province. Absent in procedures
   * recorded before this correction, whose dossiers go on as they were opened.
   */
  readonly districtStage?: { readonly posting: TimeLimit; readonly board: VoteRule };
  readonly communeMeeting: VoteRule;
  readonly appraisalCouncil: VoteRule;
  readonly satisfaction: Readonly<Record<Level, SatisfactionRule>>;
  /** Absent in procedures recorded before survey rules were data (their rounds take the version's current one). */
  readonly survey?: SurveyRuleDefaults;
  readonly revocation: RevocationRule;
  /** The criteria set per level (kiểu mẫu carries its extra conditions). */
  /** Only the levels the procedure offers (a 2026-2030 dossier holds the set it was opened under). */
  readonly criteria: Readonly<Partial<Record<Level, CriteriaSet>>>;
}

/** The criteria set a procedure holds for a level (every dossier's procedure holds its own level's set). */
export const levelCriteria = (p: ProcedureDefinition, level: Level): CriteriaSet => {
  const set = p.criteria[level];
  if (!set) throw new Error(`Procedure ${p.version} holds no criteria set for level ${level}`);
  return set;
};

/** The period a procedure version serves: the 2021-2025 regulation (as issued and after the 2025 reform), or 2026-2030. */
export const periodOf = (p: Pick<ProcedureDefinition, 'version' | 'period'>): Period =>
  p.period ?? (p.version === '2026-2030' ? '2026-2030' : '2021-2025');
