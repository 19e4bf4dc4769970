import type { TimeLimit } from '@ntm/calendar';
import {
  DomainError,
  ROLES,
  forbidden,
  type Command,
  type Decider,
  type DomainEvent,
  type Role,
  type Violation,
} from '@ntm/decider';
import {
  type ProcedureDefinition,
  type ProcedureVersion,
  type StepCommandType,
  type StepDefinition,
  type StepId,
  type SurveyRuleDefaults,
  type VoteRule,
} from './procedure-types';
import { getProcedure, isProcedureVersion } from './procedures';

/**
 * A province's internal procedure (TTHC nội bộ) on top of the national default: time limits, roles and notes
 * per step, posting periods and vote rules. Loaded by an administrator as data, recorded as an event in the
 * province's stream, and applied whole into the procedure a dossier records at its opening.
 */
export const provinceProcedureStreamId = (provinceCode: string): string =>
  `province-procedure-${provinceCode}`;

export interface StepOverride {
  readonly limit?: TimeLimit | null;
  readonly actions?: Readonly<Partial<Record<StepCommandType, Role>>>;
  readonly note?: string;
}

export interface ProvinceProcedureDocument {
  readonly provinceCode: string;
  readonly version: ProcedureVersion;
  /** The province's decision, e.g. "2111/QĐ-UBND". */
  readonly decision: string;
  /** YYYY-MM-DD. */
  readonly decidedOn: string;
  readonly steps?: Readonly<Partial<Record<StepId, StepOverride>>>;
  readonly communePosting?: TimeLimit;
  readonly appraisalPosting?: TimeLimit;
  readonly communeMeeting?: VoteRule;
  readonly appraisalCouncil?: VoteRule;
  /** The province's survey rule (window, coverage, per-question thresholds, group averages) over the national one. */
  readonly survey?: Partial<Omit<SurveyRuleDefaults, 'source'>>;
  readonly note?: string;
}

export interface LoadedProvinceProcedure {
  readonly document: ProvinceProcedureDocument;
  readonly revision: number;
  readonly loadedAt: string;
  readonly loadedBy: string;
}

export type ProvinceProcedureCommand = Command<'LoadProvinceProcedure', { readonly document: unknown }>;
export type ProvinceProcedureEvent = DomainEvent<'ProvinceProcedureLoaded', LoadedProvinceProcedure>;

/** The latest loaded document per procedure version. */
export interface ProvinceProcedures {
  readonly byVersion: Readonly<Partial<Record<ProcedureVersion, LoadedProvinceProcedure>>>;
  readonly revisions: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDate = (v: unknown) => {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  return m !== null && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === v;
};
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const checkLimit = (v: unknown, field: string, fail: (f: string, m: string) => void, nullable: boolean) => {
  if (v === null && nullable) return;
  if (
    !isObject(v) ||
    typeof v.amount !== 'number' ||
    !Number.isInteger(v.amount) ||
    v.amount < 1 ||
    v.amount > 365 ||
    (v.unit !== 'working-days' && v.unit !== 'calendar-days')
  ) {
    fail(field, 'cần { "amount": số ngày 1-365, "unit": "working-days" hoặc "calendar-days" }');
  }
};

const checkVote = (v: unknown, field: string, fail: (f: string, m: string) => void) => {
  if (
    !isObject(v) ||
    typeof v.threshold !== 'number' ||
    v.threshold <= 0 ||
    v.threshold > 1 ||
    typeof v.quorum !== 'number' ||
    v.quorum < 0 ||
    v.quorum > 1
  ) {
    fail(field, 'cần { "threshold": tỷ lệ (0,1], "quorum": tỷ lệ [0,1] }');
  }
};

const isPermille = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000;
const isQuestionId = (v: unknown) => typeof v === 'string' && v.trim() !== '' && v.length <= 50;
const PERMILLE = 'cần số nguyên phần nghìn từ 0 đến 1000 (950 = 95%)';

/** The survey rule's shape; its question ids are checked against each round's form when the round opens. */
const checkSurvey = (s: unknown, fail: (f: string, m: string) => void) => {
  if (!isObject(s))
    return fail('survey', 'cần { "windowWorkingDays", "coveragePermille", "questions", "groups", "note" }');
  for (const k of Object.keys(s))
    if (!['windowWorkingDays', 'coveragePermille', 'questions', 'groups', 'note'].includes(k))
      fail(`survey.${k}`, 'trường không được biết');
  const w = s.windowWorkingDays;
  if (w !== undefined && (!Number.isInteger(w) || (w as number) < 1 || (w as number) > 365))
    fail('survey.windowWorkingDays', 'cần số ngày làm việc từ 1 đến 365');
  if (s.coveragePermille !== undefined && !isPermille(s.coveragePermille))
    fail('survey.coveragePermille', PERMILLE);
  if (s.note !== undefined && (typeof s.note !== 'string' || s.note.length > 2000))
    fail('survey.note', 'cần một chuỗi (tối đa 2000 ký tự)');
  if (s.questions !== undefined) {
    if (!Array.isArray(s.questions) || s.questions.length > 60)
      fail('survey.questions', 'cần danh sách tối đa 60 câu hỏi');
    else
      s.questions.forEach((q: unknown, i) => {
        const at = `survey.questions[${i}]`;
        if (!isObject(q)) return fail(at, 'cần { "question", "thresholdPermille" }');
        if (!isQuestionId(q.question)) fail(`${at}.question`, 'cần mã câu hỏi của phiếu (tối đa 50 ký tự)');
        if (!isPermille(q.thresholdPermille)) fail(`${at}.thresholdPermille`, PERMILLE);
      });
  }
  if (s.groups !== undefined) {
    if (!Array.isArray(s.groups) || s.groups.length > 20)
      fail('survey.groups', 'cần danh sách tối đa 20 nhóm câu hỏi');
    else
      s.groups.forEach((g: unknown, i) => {
        const at = `survey.groups[${i}]`;
        if (!isObject(g)) return fail(at, 'cần { "questions", "averagePermille" }');
        if (
          !Array.isArray(g.questions) ||
          g.questions.length === 0 ||
          g.questions.length > 60 ||
          !g.questions.every(isQuestionId)
        )
          fail(`${at}.questions`, 'cần 1 đến 60 mã câu hỏi của phiếu');
        if (!isPermille(g.averagePermille)) fail(`${at}.averagePermille`, PERMILLE);
      });
  }
};

/** Every problem of a province procedure document, naming its field; empty when it can be applied. */
export const provinceProcedureProblems = (doc: unknown): Violation[] => {
  const problems: Violation[] = [];
  const fail = (field: string, message: string) =>
    problems.push({ code: 'PROVINCE_PROCEDURE_INVALID', field, message: `Trường ${field}: ${message}` });
  if (!isObject(doc)) {
    fail('(gốc)', 'cần một đối tượng JSON');
    return problems;
  }
  const allowed = [
    'provinceCode',
    'version',
    'decision',
    'decidedOn',
    'steps',
    'communePosting',
    'appraisalPosting',
    'communeMeeting',
    'appraisalCouncil',
    'survey',
    'note',
  ];
  for (const k of Object.keys(doc)) if (!allowed.includes(k)) fail(k, 'trường không được biết');
  if (typeof doc.provinceCode !== 'string' || !/^\d{2}$/.test(doc.provinceCode))
    fail('provinceCode', 'cần mã tỉnh 2 chữ số');
  if (typeof doc.version !== 'string' || !isProcedureVersion(doc.version)) {
    fail('version', 'phiên bản quy trình không tồn tại');
    return problems;
  }
  if (typeof doc.decision !== 'string' || doc.decision.trim() === '' || doc.decision.length > 100)
    fail('decision', 'cần số quyết định của tỉnh (tối đa 100 ký tự)');
  if (!isDate(doc.decidedOn)) fail('decidedOn', 'cần ngày dạng YYYY-MM-DD');
  if (doc.note !== undefined && (typeof doc.note !== 'string' || doc.note.length > 2000))
    fail('note', 'cần một chuỗi (tối đa 2000 ký tự)');
  const base = getProcedure(doc.version);
  const steps = [...base.steps, base.supplementation, ...base.revocationSteps];
  if (doc.steps !== undefined) {
    if (!isObject(doc.steps)) fail('steps', 'cần các bước theo mã bước');
    else {
      for (const [id, o] of Object.entries(doc.steps)) {
        const def = steps.find((s) => s.id === id);
        const at = `steps.${id}`;
        if (!def) {
          fail(at, `quy trình ${base.version} không có bước này (có: ${steps.map((s) => s.id).join(', ')})`);
          continue;
        }
        if (!isObject(o)) {
          fail(at, 'cần { "limit", "actions", "note" }');
          continue;
        }
        for (const k of Object.keys(o))
          if (!['limit', 'actions', 'note'].includes(k)) fail(`${at}.${k}`, 'trường không được biết');
        if (o.limit !== undefined) checkLimit(o.limit, `${at}.limit`, fail, true);
        if (o.note !== undefined && (typeof o.note !== 'string' || o.note.length > 2000))
          fail(`${at}.note`, 'cần một chuỗi (tối đa 2000 ký tự)');
        if (o.actions !== undefined) {
          if (!isObject(o.actions)) fail(`${at}.actions`, 'cần vai trò theo thao tác');
          else {
            for (const [action, role] of Object.entries(o.actions)) {
              if (!(action in def.actions))
                fail(
                  `${at}.actions.${action}`,
                  `bước này không có thao tác đó (có: ${Object.keys(def.actions).join(', ')})`,
                );
              if (
                typeof role !== 'string' ||
                !(ROLES as readonly string[]).includes(role) ||
                role === 'system'
              )
                fail(
                  `${at}.actions.${action}`,
                  `vai trò không tồn tại (có: ${ROLES.filter((r) => r !== 'system').join(', ')})`,
                );
            }
          }
        }
      }
    }
  }
  if (doc.communePosting !== undefined) checkLimit(doc.communePosting, 'communePosting', fail, false);
  if (doc.appraisalPosting !== undefined) checkLimit(doc.appraisalPosting, 'appraisalPosting', fail, false);
  if (doc.communeMeeting !== undefined) checkVote(doc.communeMeeting, 'communeMeeting', fail);
  if (doc.appraisalCouncil !== undefined) checkVote(doc.appraisalCouncil, 'appraisalCouncil', fail);
  if (doc.survey !== undefined) checkSurvey(doc.survey, fail);
  return problems;
};

const formatDate = (iso: string) => iso.split('-').reverse().join('/');

/** The national procedure with the province's overrides applied (pure). */
export const applyProvinceProcedure = (
  base: ProcedureDefinition,
  loaded: LoadedProvinceProcedure,
): ProcedureDefinition => {
  const doc = loaded.document;
  const step = (s: StepDefinition): StepDefinition => {
    const o = doc.steps?.[s.id];
    if (!o) return s;
    return {
      ...s,
      ...(o.limit === undefined ? {} : { limit: o.limit }),
      actions: { ...s.actions, ...(o.actions ?? {}) },
      ...(o.note === undefined ? {} : { note: o.note }),
    };
  };
  const basis = `Quyết định ${doc.decision} ngày ${formatDate(doc.decidedOn)}`;
  return {
    ...base,
    title: `${base.title} (theo quy trình nội bộ của tỉnh, mã ${doc.provinceCode})`,
    legalBasis: `${base.legalBasis}; ${basis} của UBND tỉnh`,
    province: { provinceCode: doc.provinceCode, basis, revision: loaded.revision },
    steps: base.steps.map(step),
    supplementation: step(base.supplementation),
    revocationSteps: base.revocationSteps.map(step),
    ...(doc.communePosting ? { communePosting: doc.communePosting } : {}),
    ...(doc.appraisalPosting ? { appraisalPosting: doc.appraisalPosting } : {}),
    ...(doc.communeMeeting ? { communeMeeting: doc.communeMeeting } : {}),
    ...(doc.appraisalCouncil ? { appraisalCouncil: doc.appraisalCouncil } : {}),
    ...(doc.survey && base.survey
      ? { survey: { ...base.survey, ...doc.survey, source: `${basis} của UBND tỉnh` } }
      : {}),
  };
};

export const initialProvinceProcedures = (): ProvinceProcedures => ({ byVersion: {}, revisions: 0 });

export const evolveProvinceProcedures = (
  state: ProvinceProcedures,
  event: ProvinceProcedureEvent,
): ProvinceProcedures => ({
  byVersion: { ...state.byVersion, [event.data.document.version]: event.data },
  revisions: Math.max(state.revisions, event.data.revision),
});

const decideLoad = (
  command: ProvinceProcedureCommand,
  state: ProvinceProcedures,
): ProvinceProcedureEvent[] => {
  const { actor, now } = command.metadata;
  if (actor.role !== 'admin')
    throw forbidden('ROLE_NOT_ALLOWED', 'Chỉ quản trị hệ thống được nạp quy trình của tỉnh');
  const problems = provinceProcedureProblems(command.data.document);
  if (problems.length > 0) {
    throw new DomainError(
      'invalid',
      'PROVINCE_PROCEDURE_INVALID',
      `Quy trình của tỉnh không hợp lệ, chưa nạp: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  }
  const document = command.data.document as ProvinceProcedureDocument;
  const current = state.byVersion[document.version];
  if (current && JSON.stringify(current.document) === JSON.stringify(document)) return [];
  return [
    {
      type: 'ProvinceProcedureLoaded',
      data: { document, revision: state.revisions + 1, loadedAt: now, loadedBy: actor.id },
    },
  ];
};

export const provinceProcedureDecider: Decider<
  ProvinceProcedureCommand,
  ProvinceProcedureEvent,
  ProvinceProcedures
> = {
  decide: decideLoad,
  evolve: evolveProvinceProcedures,
  initialState: initialProvinceProcedures,
};
