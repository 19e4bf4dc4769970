// Shapes of the API's answers the screens read. The OpenAPI document does not describe most response bodies yet
// (see schema.d.ts: `content?: never`), so these mirror libs/recognition's DossierView and the board's items.
import type { components } from './schema';

export type Role =
  | 'commune_officer'
  | 'front_officer'
  | 'district_officer'
  | 'province_officer'
  | 'council_member'
  | 'chairman'
  | 'emulation_secretary'
  | 'emulation_member'
  | 'admin';

export type Level = 'ntm' | 'nang-cao' | 'kieu-mau';

export interface CommuneRef {
  provinceCode: string;
  districtCode?: string;
  communeCode: string;
  name: string;
}

export interface StepRecord {
  step: string;
  round: number;
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
}

export interface StepDefinition {
  id: string;
  actions: Partial<Record<string, Role>>;
}

export interface Criterion {
  number: number;
  group: string;
  name: string;
  key: boolean;
  indicators: { code?: string; name?: string }[];
}

export interface CriterionAssessment {
  criterion: number;
  met: boolean;
  value: string;
  evidence: string[];
}

export interface Violation {
  code?: string;
  message: string;
  criterion?: number;
  field?: string;
}

export interface Round {
  number: number;
  submittedAt: string;
  changes: string | null;
  evidence: string[];
  verification: { findings?: { criterion: number; met: boolean; note?: string }[] } | null;
  appraisal: {
    votes: { memberId: string; memberName: string | null; vote: string; castAt: string }[];
    conclusion: { passed?: boolean; counts?: unknown } | null;
  };
  returned: {
    reasons?: { criterion?: number; document?: string; text?: string; message?: string }[];
    at?: string;
  } | null;
}

export interface DossierView {
  id: string;
  /** Mã hồ sơ; null for dossiers opened before codes existed. */
  code: string | null;
  status: string;
  commune: CommuneRef;
  level: Level;
  year: number;
  version: number;
  asOf: string;
  openedAt: string;
  openedBy: string;
  current: StepRecord | null;
  steps: StepRecord[];
  round: number;
  rounds: Round[];
  assessments: { criteria: CriterionAssessment[]; report?: string; at?: string }[];
  postings: {
    where: string[];
    from: string;
    until?: string;
    closedAt: string | null;
    comments: { author?: string; content: string; receivedAt?: string }[];
  }[];
  survey: { households: number; formsCollected: number; satisfied: number } | null;
  meeting: {
    attendees: number;
    votesFor: number;
    votesAgainst: number;
    minutes: string;
    heldAt?: string;
  } | null;
  decision: { outcome: 'granted' | 'refused'; decisionNumber: string | null; decidedOn: string } | null;
  announcement: { announcedOn: string; where: string | null } | null;
  procedure: {
    version: string;
    title: string;
    steps: StepDefinition[];
    supplementation: StepDefinition;
    criteria: Record<Level, { criteria: Criterion[]; source: string }>;
  };
  summary: {
    status: string;
    statusLabel: string;
    levelLabel: string | null;
    step: {
      id: string;
      label: string;
      round: number;
      openedAt: string;
      dueAt: string | null;
      overdue: boolean;
    } | null;
    round: number | null;
    failedConditions: Violation[] | null;
  };
}

export interface HistoryEntry {
  version: number;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
  actor: string;
  role: string;
}

export interface BoardItem {
  dossierId: string;
  /** Mã hồ sơ; null for dossiers opened before codes existed. */
  code: string | null;
  communeName: string;
  level: string;
  levelLabel: string;
  year: number;
  status: string;
  statusLabel: string;
  step: string | null;
  stepLabel: string | null;
  round: number;
  dueAt: string | null;
  daysInStep: number | null;
  overdue: boolean;
  returns: number;
  decisionNumber: string | null;
}

export interface BoardAnswer {
  position: string;
  data: { total: number; page: number; pageSize: number; items: BoardItem[] };
}

export interface CommandAnswer {
  version: number;
  events: { type: string }[];
  position?: string;
}

/** A document the dossier produced (receipt, return letter, decision, refusal), downloadable as PDF. */
export type DossierDocument = components['schemas']['DossierDocumentItem'];

export type SurveyView = components['schemas']['SurveyView'];
export type SurveyCompletion = components['schemas']['CompletionOutcome'];
export type RegisterPreview = components['schemas']['RegisterPreview'];
