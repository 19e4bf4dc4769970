import {
  dueDate,
  localDate,
  localDateVi,
  workingDaysBefore,
  workingDaysLeft,
  type WorkingCalendar,
} from '@ntm/calendar';
import {
  conflict,
  requireCovers,
  requireRole,
  DomainError,
  notFound,
  roleLabels,
  ruleBroken,
  type Actor,
  type Role,
  type Violation,
} from '@ntm/decider';
import {
  LEVELS,
  allIndicators,
  assessIndicators,
  communeGroupLabels,
  criteriaSetHash,
  criterionLabel,
  kieuMauSet2021,
  levelLabels,
  nangCaoSet2021,
  ntmSet2021,
  revocationReferenceLevel,
  toCriteriaSet,
  type CriteriaSetDocument,
  type Level,
} from '@ntm/criteria';
import type {
  CommandOf,
  CriterionAssessment,
  DossierCommand,
  DossierCommandType,
  IndicatorReport,
  KieuMauDeclaration,
} from './commands';
import type { CommuneGroupFact } from './commune-record';
import { decideDistrictStage, openDistrictPosting, requireDistrictStageDone } from './district-stage';
import { submittedEvidence } from './evidence-conditions';
import { noOpenPosting, postingWindow, requirePostingEnded } from './postings';
import { applyProvinceProcedure } from './province-procedures';
import { annualReviewOutcome, currentRound, recognitionFailures, revocationOutcome } from './conditions';
import type { DossierEvent, EventOf, IndicatorRecord, PinnedCriteriaSet, Signer } from './events';
import { commandLabels, statusLabels, stepLabels } from './labels';
import {
  levelCriteria,
  UNSTEPPED_COMMANDS,
  type ProcedureDefinition,
  type StepCommandType,
  type StepDefinition,
  type StepId,
  periodOf,
} from './procedure-types';
import { getProcedure, isProcedureVersion } from './procedures';
import {
  groupProblem,
  holdingsProblem,
  pilotProblem,
  levelNotOffered,
  notInForceProblem,
  type OpeningProblem,
} from './opening';
import { openingClosedProblem } from './period-rules';
import { isOpened, type Dossier, type DossierState } from './state';
import * as v from './validation';

export interface DeciderContext {
  readonly calendar: WorkingCalendar;
}

type Handler<T extends DossierCommandType> = (
  command: CommandOf<T>,
  d: Dossier,
  ctx: DeciderContext,
) => DossierEvent[];

// ---------------------------------------------------------------------------------------------------------------
// Gates: role, jurisdiction, step.

const isStepCommand = (t: DossierCommandType): t is StepCommandType =>
  !(UNSTEPPED_COMMANDS as readonly string[]).includes(t);

const allSteps = (p: ProcedureDefinition): StepDefinition[] => [
  ...p.steps,
  p.supplementation,
  ...p.revocationSteps,
];

const stepDefinition = (p: ProcedureDefinition, id: StepId): StepDefinition => {
  const def = allSteps(p).find((s) => s.id === id);
  if (!def) throw new Error(`Procedure ${p.version} has no step ${id}`);
  return def;
};

/** Every role that may send this command somewhere in the procedure. */
const rolesFor = (type: DossierCommandType, p: ProcedureDefinition): Role[] => {
  switch (type) {
    case 'OpenDossier':
      return [p.roles.open];
    case 'WithdrawDossier':
      return [p.roles.withdraw];
    case 'ProposeRevocation':
      return [p.roles.proposeRevocation];
    case 'RecordAnnualReview':
      return [p.roles.annualReview];
    case 'MarkStepOverdue':
    case 'RemindStepDeadline':
      return [p.roles.timer];
    default:
      return allSteps(p).flatMap((s) => s.actions[type] ?? []);
  }
};

const stepNotAllowed = (type: DossierCommandType, d: Dossier) =>
  conflict(
    'STEP_NOT_ALLOWED',
    d.current
      ? `Không thể thực hiện "${commandLabels[type]}" ở bước hiện tại: ${stepLabels[d.current.step]}`
      : `Không thể thực hiện "${commandLabels[type]}": hồ sơ ở trạng thái "${statusLabels[d.status]}"`,
  );

const requireRoleFor = (actor: Actor, roles: readonly Role[], type: DossierCommandType): void =>
  requireRole(
    actor,
    roles,
    () => `Vai trò ${roleLabels[actor.role]} không được thực hiện thao tác "${commandLabels[type]}"`,
  );

/**
 * The role an actor acts in. The survey's closing timer (the procedure's timer role) records the result it
 * tallied from the Front's ballots in the Front's place; the event still names the system as its actor.
 */
const actingRole = (command: DossierCommand, p: ProcedureDefinition): Actor => {
  const { actor } = command.metadata;
  const tallied = command.type === 'RecordSurveyResult' && command.data.source === 'survey';
  if (!tallied || actor.role !== p.roles.timer) return actor;
  const frontRole = allSteps(p).flatMap((s) => s.actions.RecordSurveyResult ?? [])[0];
  return frontRole ? { ...actor, role: frontRole } : actor;
};

const authorise = (command: DossierCommand, d: Dossier): void => {
  const p = d.procedure;
  const actor = actingRole(command, p);
  requireRoleFor(actor, rolesFor(command.type, p), command.type);
  // The area is the real actor's: the timer acting in the Front's place is the system, which covers every commune.
  requireCovers(command.metadata.actor, d.commune, `${d.commune.name} (mã ${d.commune.communeCode})`);
  preconditions(command, d);
  if (!isStepCommand(command.type)) return;
  const role = d.current ? stepDefinition(p, d.current.step).actions[command.type] : undefined;
  if (!role) throw stepNotAllowed(command.type, d);
  requireRoleFor(actor, [role], command.type);
};

/** Rules that must answer before the step gate, because they explain better than "wrong step" would. */
const preconditions = (command: DossierCommand, d: Dossier): void => {
  switch (command.type) {
    case 'ReturnForSupplementation': {
      const round = currentRound(d);
      if (round?.returned) {
        throw conflict(
          'ALREADY_RETURNED',
          `Hồ sơ đã được trả lại một lần ở vòng ${round.number}; mỗi vòng chỉ trả lại một lần, bằng văn bản`,
        );
      }
      return;
    }
    case 'DecideRevocation': {
      const assessment = d.revocations.at(-1)?.assessment;
      if (assessment && !assessment.due) {
        throw ruleBroken(
          'REVOCATION_NOT_DUE',
          `Chưa đủ căn cứ thu hồi: ${assessment.failedCriteria.length}/${assessment.total} tiêu chí không đạt (${v.percent(assessment.failedShare)})` +
            (assessment.keyFailed ? '' : ', không có tiêu chí then chốt nào không đạt'),
        );
      }
      return;
    }
    case 'WithdrawDossier':
      if (!['preparing', 'in-review', 'returned'].includes(d.status)) throw stepNotAllowed(command.type, d);
      return;
    case 'ProposeRevocation':
      if (d.status !== 'recognised' || d.current !== null) throw stepNotAllowed(command.type, d);
      return;
    case 'RecordAnnualReview':
      if (d.status !== 'recognised') throw stepNotAllowed(command.type, d);
      return;
    default:
      return;
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

const stepOpened = (
  def: StepDefinition,
  round: number,
  now: string,
  ctx: DeciderContext,
): EventOf<'StepOpened'> => ({
  type: 'StepOpened',
  data: {
    step: def.id,
    round,
    openedAt: now,
    dueAt: def.limit ? dueDate(now, def.limit, ctx.calendar) : null,
    limit: def.limit,
  },
});

const nextStep = (p: ProcedureDefinition, after: StepId): StepDefinition => {
  const i = p.steps.findIndex((s) => s.id === after);
  const next = p.steps[i + 1];
  if (i < 0 || !next) throw new Error(`Procedure ${p.version} has no step after ${after}`);
  return next;
};

const signer = (actor: Actor): Signer => (actor.name ? { id: actor.id, name: actor.name } : { id: actor.id });

const criteriaOf = (d: Dossier) => levelCriteria(d.procedure, d.level);

/** Conditions 3 and 4 rest on documents: the security certificate and the debt confirmation, each cited. */
const submissionData = (data: CommandOf<'SubmitDossier'>['data'], d: Dossier, now: string) => {
  const evidence = submittedEvidence(data, d.year, now);
  const cited = [...evidence.securityCertificate.evidence, ...evidence.debtConfirmation.evidence];
  return { ...evidence, evidence: [...new Set(cited)], documents: data.documents ?? [] };
};

// ---------------------------------------------------------------------------------------------------------------
// Opening.

/** A level the law knows (the catalogue of Decisions 318, 319 and 51). */
const knownLevel = (value: string, field: string): Level => {
  if (!(LEVELS as readonly string[]).includes(value))
    throw v.bad(field, `cần một trong ${LEVELS.join(', ')}`);
  return value as Level;
};

/** The built-in 2021-2025 documents, by level: what a 2021-2025 dossier pins (equal to its procedure's sets). */
const documents2021: Readonly<Partial<Record<Level, CriteriaSetDocument>>> = {
  ntm: ntmSet2021,
  'nang-cao': nangCaoSet2021,
  'kieu-mau': kieuMauSet2021,
};

const pin = (document: CriteriaSetDocument, hash = criteriaSetHash(document)): PinnedCriteriaSet => ({
  id: document.id,
  version: document.version,
  hash,
  document,
});

const refused = (problem: OpeningProblem) => ruleBroken(problem.code, problem.message);
const refuse = (problem: OpeningProblem | null): void => {
  if (problem) throw refused(problem);
};

/** The province's published internal procedure replaces the national default's limits and roles. */
const withProvinceProcedure = (
  national: ProcedureDefinition,
  loaded: CommandOf<'OpenDossier'>['data']['provinceProcedure'] | null,
  provinceCode: string,
): ProcedureDefinition => {
  if (!loaded) return national;
  if (loaded.document.provinceCode !== provinceCode || loaded.document.version !== national.version) {
    throw v.bad(
      'provinceProcedure',
      `quy trình của tỉnh ${loaded.document.provinceCode} không áp dụng cho hồ sơ này`,
    );
  }
  return applyProvinceProcedure(national, loaded);
};

/**
 * The criteria set a dossier pins (Decision 51/2025/QĐ-TTg from 15/02/2026; the 2021-2025 decisions before):
 * the given document for 2026-2030, checked against its hash, period, levels and scope; the built-in
 * document of the level for 2021-2025.
 */
const pinCriteriaSet = (
  data: CommandOf<'OpenDossier'>['data'],
  level: Level,
  period: string,
  commune: { provinceCode: string; name: string },
): PinnedCriteriaSet => {
  if (period === '2021-2025') {
    const document = documents2021[level];
    if (!document) throw refused(levelNotOffered(level, period, commune.name));
    return pin(document);
  }
  const given = data.criteriaSet;
  if (!given) throw refused(levelNotOffered(level, period, commune.name));
  const document = given.document;
  const hash = criteriaSetHash(document);
  if (given.hash !== hash) throw v.bad('criteriaSet.hash', 'không khớp với nội dung bộ tiêu chí');
  if (document.period !== period) {
    throw ruleBroken(
      'CRITERIA_SET_WRONG_PERIOD',
      `Bộ tiêu chí ${document.id} thuộc giai đoạn ${document.period}, không áp dụng cho quy trình giai đoạn ${period}`,
    );
  }
  if (!document.levels.includes(level)) refuse(levelNotOffered(level, period, commune.name));
  if (document.scope.kind === 'province' && document.scope.provinceCode !== commune.provinceCode) {
    throw ruleBroken(
      'CRITERIA_SET_OTHER_PROVINCE',
      `Bộ tiêu chí ${document.id} do tỉnh mã ${document.scope.provinceCode} ban hành, không áp dụng cho ${commune.name}`,
    );
  }
  return pin(document, hash);
};

/** The commune's group a dossier under an indicator set is judged in (none for a 2021-2025 set). */
const groupFor = (
  document: CriteriaSetDocument,
  fact: CommuneGroupFact | null,
  commune: { provinceCode: string; name: string },
): CommuneGroupFact | null => {
  refuse(groupProblem(document, fact, commune));
  return document.assessment === 'indicators' ? fact : null;
};

/** The procedure's per-level sets for a dossier opened under a document (kiểu mẫu is re-assessed as nâng cao). */
const criteriaFromDocument = (
  document: CriteriaSetDocument,
  level: Level,
): ProcedureDefinition['criteria'] => {
  const own = toCriteriaSet(document, level);
  const reference = revocationReferenceLevel(level);
  if (reference === level) return { [level]: own };
  const referenceSet = document.levels.includes(reference)
    ? toCriteriaSet(document, reference)
    : { ...own, level: reference, kieuMau: undefined };
  return { [level]: own, [reference]: referenceSet };
};

const openDossier = (
  command: CommandOf<'OpenDossier'>,
  state: DossierState,
  ctx: DeciderContext,
): DossierEvent[] => {
  const { data, metadata } = command;
  if (isOpened(state)) throw conflict('DOSSIER_EXISTS', `Hồ sơ ${state.id} đã được lập`);
  if (typeof data.procedureVersion !== 'string' || !isProcedureVersion(data.procedureVersion)) {
    throw v.bad('procedureVersion', 'phiên bản quy trình không tồn tại');
  }
  const national = getProcedure(data.procedureVersion);
  requireRoleFor(metadata.actor, [national.roles.open], command.type);
  // The id and the commune arrive typed (a UUID, non-empty trimmed codes and name); recorded in one form.
  const dossierId = data.dossierId.toLowerCase();
  const { provinceCode, districtCode, communeCode, name } = data.commune;
  const commune = {
    provinceCode,
    ...(districtCode === undefined ? {} : { districtCode }),
    communeCode,
    name,
  };
  const level = knownLevel(data.level, 'level');
  const { year, holdings } = data;
  requireCovers(metadata.actor, commune, `${commune.name} (mã ${commune.communeCode})`);
  const base = withProvinceProcedure(national, data.provinceProcedure ?? null, commune.provinceCode);
  const period = periodOf(base);
  // The same rule the openable list answers with: no new dossier of a closed period or procedure (those opened
  // before go on).
  const today = localDate(metadata.now);
  refuse(openingClosedProblem(data.procedureVersion, today));
  const pinned = pinCriteriaSet(data, level, period, commune);
  refuse(notInForceProblem(pinned.document, today));
  const communeGroup = groupFor(pinned.document, data.communeGroup ?? null, commune);
  const procedure =
    period === '2021-2025' ? base : { ...base, criteria: criteriaFromDocument(pinned.document, level) };
  const code = data.code ?? null;
  if (base.requiresDistrict && districtCode === undefined) {
    throw v.bad('commune.districtCode', 'quy trình giai đoạn 2021-2025 cần mã huyện');
  }
  refuse(holdingsProblem(level, holdings, commune.name));
  refuse(pilotProblem(level, data.pilot ?? null, commune));
  return [
    {
      type: 'DossierOpened',
      data: {
        dossierId,
        commune,
        level,
        year,
        holdings,
        procedure,
        openedAt: metadata.now,
        openedBy: metadata.actor.id,
        code,
        period,
        criteriaSet: pinned,
        communeGroup,
      },
    },
    stepOpened(procedure.steps[0], 1, metadata.now, ctx),
  ];
};

// ---------------------------------------------------------------------------------------------------------------
// The commune's preparation.

/** A criterion claimed as met must point at its evidence. */
const assessed = (e: CriterionAssessment, i: number): CriterionAssessment => {
  if (e.met) v.cited(e.evidence, `criteria[${i}].evidence`);
  return { criterion: e.criterion, met: e.met, value: e.value, evidence: e.evidence };
};

/** Decision 319's extra conditions: declared with their documents, and incomes that can be compared. */
const kieuMauDeclared = (k: KieuMauDeclaration | null | undefined): KieuMauDeclaration => {
  if (!k) throw v.bad('kieuMau', 'hồ sơ kiểu mẫu cần kê khai các điều kiện bổ sung');
  return {
    incomePerCapita: v.positive(k.incomePerCapita, 'kieuMau.incomePerCapita'),
    nangCaoIncomeStandard: v.positive(k.nangCaoIncomeStandard, 'kieuMau.nangCaoIncomeStandard'),
    smartVillages: k.smartVillages,
    outstandingFields: k.outstandingFields,
    evidence: v.cited(k.evidence, 'kieuMau.evidence'),
  };
};

const recordSelfAssessment: Handler<'RecordSelfAssessment'> = ({ data, metadata }, d) => {
  if (usesIndicators(d)) {
    throw ruleBroken(
      'INDICATOR_ASSESSMENT_REQUIRED',
      'Theo Quyết định 51/2025/QĐ-TTg, xã kê khai giá trị từng chỉ tiêu (kèm minh chứng); hệ thống tự xác định tiêu chí đạt',
    );
  }
  const set = criteriaOf(d);
  const criteria = v.nonEmpty(data.criteria, 'criteria').map(assessed);
  v.coverSet(criteria, set, 'criteria');
  const sorted = [...criteria].sort((a, b) => a.criterion - b.criterion);
  return [
    {
      type: 'SelfAssessmentRecorded',
      data: {
        version: d.assessments.length + 1,
        round: d.round,
        criteria: sorted,
        kieuMau: set.kieuMau ? kieuMauDeclared(data.kieuMau) : null,
        report: data.report ?? null,
        metCount: sorted.filter((c) => c.met).length,
        total: set.criteria.length,
        recordedAt: metadata.now,
      },
    },
  ];
};

/** Whether the dossier's pinned set is judged per indicator (2026-2030). */
const usesIndicators = (d: Dossier): boolean => d.criteriaSet?.document.assessment === 'indicators';

/** An indicator of the pinned set, with a value of its kind (a figure, or met / not met) and its documents. */
const reported = (e: IndicatorReport, i: number, d: Dossier): IndicatorReport => {
  const field = `indicators[${i}]`;
  const known = allIndicators(d.criteriaSet!.document).find((x) => x.indicator.code === e.code);
  if (!known) throw v.bad(`${field}.code`, `chỉ tiêu ${e.code} không thuộc bộ tiêu chí ${d.criteriaSet!.id}`);
  const yesNo = known.indicator.comparison === 'boolean';
  const ok = yesNo ? typeof e.value === 'boolean' : typeof e.value === 'number' && Number.isFinite(e.value);
  if (!ok) throw v.bad(`${field}.value`, yesNo ? 'cần true (đạt) hoặc false (không đạt)' : 'cần một số');
  // Every reported value rests on documents (RULES-2026 §1: the system computes, the commune does not tick boxes).
  return { code: e.code, value: e.value, evidence: v.cited(e.evidence, `${field}.evidence`) };
};

/**
 * Decision 51/2025/QĐ-TTg: the commune reports every indicator's value with evidence; a criterion is met when
 * all its indicators meet the thresholds of the commune's group. The system judges; the commune does not tick.
 */
const recordIndicatorAssessment: Handler<'RecordIndicatorAssessment'> = ({ data, metadata }, d) => {
  const pinned = d.criteriaSet!;
  const group = d.communeGroup!.group;
  const reports = data.indicators.map((x, i) => reported(x, i, d));
  const seen = new Set<string>();
  const violations: Violation[] = [];
  reports.forEach((r, i) => {
    if (seen.has(r.code))
      violations.push({
        code: 'DUPLICATE_INDICATOR',
        message: `Chỉ tiêu ${r.code} được kê khai hai lần`,
        field: `indicators[${i}].code`,
      });
    seen.add(r.code);
  });
  for (const { criterion, indicator } of allIndicators(pinned.document)) {
    if (!seen.has(indicator.code)) {
      violations.push({
        code: 'INDICATOR_MISSING',
        message: `Thiếu giá trị chỉ tiêu ${indicator.code} (${indicator.name}) của tiêu chí ${criterion}`,
        field: 'indicators',
        criterion,
      });
    }
  }
  if (violations.length > 0) {
    throw new DomainError(
      'invalid',
      'INDICATORS_INCOMPLETE',
      violations.map((x) => x.message).join('; '),
      violations,
    );
  }
  const assessment = assessIndicators(pinned.document, group, reports);
  const evidenceOf = new Map(reports.map((r) => [r.code, r.evidence]));
  const indicators: IndicatorRecord[] = assessment.indicators.map((r) => ({
    ...r,
    evidence: evidenceOf.get(r.code) ?? [],
  }));
  const criteria: CriterionAssessment[] = assessment.criteria.map((c) => ({
    criterion: c.criterion,
    met: c.met,
    value:
      c.indicatorsTotal === 0
        ? 'Bộ tiêu chí chưa có chỉ tiêu để đánh giá'
        : `${c.indicatorsMet}/${c.indicatorsTotal} chỉ tiêu đạt (${communeGroupLabels[group]})`,
    evidence: [...new Set(indicators.filter((i) => i.criterion === c.criterion).flatMap((i) => i.evidence))],
  }));
  return [
    {
      type: 'SelfAssessmentRecorded',
      data: {
        version: d.assessments.length + 1,
        round: d.round,
        criteria,
        kieuMau: null,
        report: data.report ?? null,
        metCount: criteria.filter((c) => c.met).length,
        total: criteria.length,
        recordedAt: metadata.now,
        indicators,
        group,
      },
    },
  ];
};

const openCommunePosting = (d: Dossier) => {
  const last = d.postings.at(-1);
  return last && last.closedAt === null ? last : undefined;
};

const openPublicPosting: Handler<'OpenPublicPosting'> = ({ data, metadata }, d, ctx) => {
  if (openCommunePosting(d)) throw conflict('POSTING_ALREADY_OPEN', 'Đang có một đợt niêm yết chưa kết thúc');
  const window = postingWindow(data, d.procedure.communePosting, ctx);
  return [
    {
      type: 'PublicPostingOpened',
      data: { postingNo: d.postings.length + 1, where: data.where, ...window, openedAt: metadata.now },
    },
  ];
};

const recordPublicComment: Handler<'RecordPublicComment'> = ({ data, metadata }, d) => {
  const onPortal = d.current?.step === 'provincial-appraisal';
  const atDistrict = d.current?.step === 'district-verification';
  const appraisalPosting = currentRound(d)?.appraisal.posting;
  const window = onPortal ? appraisalPosting : atDistrict ? openDistrictPosting(d) : openCommunePosting(d);
  if (!window || window.closedAt !== null) throw noOpenPosting();
  const receivedAt = data.receivedAt ?? metadata.now;
  if (v.isBefore(receivedAt, window.from) || v.isBefore(window.until, receivedAt)) {
    throw ruleBroken(
      'COMMENT_OUTSIDE_POSTING',
      `Ngày nhận ý kiến (${localDateVi(receivedAt)}) nằm ngoài thời gian niêm yết, công khai ` +
        `(từ ngày ${localDateVi(window.from)} đến ngày ${localDateVi(window.until)})`,
    );
  }
  return [
    {
      type: 'PublicCommentRecorded',
      data: {
        posting: onPortal ? 'appraisal' : atDistrict ? 'district' : 'commune',
        round: d.round,
        author: data.author ?? null,
        content: data.content,
        receivedAt,
        recordedAt: metadata.now,
      },
    },
  ];
};

const closePublicPosting: Handler<'ClosePublicPosting'> = ({ metadata }, d) => {
  const posting = openCommunePosting(d);
  if (!posting) throw noOpenPosting();
  requirePostingEnded(posting.until, metadata.now);
  return [
    {
      type: 'PublicPostingClosed',
      data: { postingNo: posting.postingNo, comments: posting.comments.length, closedAt: metadata.now },
    },
  ];
};

const recordSurveyResult: Handler<'RecordSurveyResult'> = ({ data, metadata }, d) => {
  const { satisfied, formsCollected } = data;
  // A survey of no household has no rate: the system's own result (a tally of an empty register) meets this too.
  const households = v.count(data.households, 'households', 1);
  if (formsCollected > households) throw v.bad('formsCollected', 'số phiếu thu về không thể lớn hơn số hộ');
  if (satisfied > formsCollected)
    throw v.bad('satisfied', 'số phiếu hài lòng không thể lớn hơn số phiếu thu về');
  // A tallied result names the survey it came from, so it is recorded once.
  const surveyId = data.surveyId ?? null;
  if (data.source === 'survey' && !surveyId) throw v.bad('surveyId', 'cần mã cuộc khảo sát đã kiểm phiếu');
  // This survey's result is already on the dossier: the closing and the survey-result process manager both send
  // it (one may retry after a failure), and the dossier records it once.
  if (data.source === 'survey' && d.survey?.surveyId === surveyId) return [];
  if (data.rule !== undefined && data.source !== 'survey')
    throw v.bad(
      'rule',
      'chỉ kết quả kiểm phiếu của cuộc khảo sát mới mang kết luận theo quy định lấy ý kiến',
    );
  const perQuestion = (data.perQuestion ?? []).map(({ question, satisfied: yes, answered }, i) => {
    if (yes > answered)
      throw v.bad(`perQuestion[${i}].satisfied`, 'số hài lòng không thể lớn hơn số trả lời');
    return { question, satisfied: yes, answered, rate: answered === 0 ? 0 : yes / answered };
  });
  return [
    {
      type: 'SurveyResultRecorded',
      data: {
        households,
        formsCollected,
        satisfied,
        participationRate: formsCollected / households,
        satisfactionRate: formsCollected === 0 ? 0 : satisfied / formsCollected,
        perQuestion,
        source: data.source,
        surveyId,
        report: data.report ?? null,
        recordedAt: metadata.now,
        ...(data.rule
          ? {
              rule: {
                id: data.rule.id,
                source: data.rule.source,
                failures: data.rule.failures.map(({ code, message }) => ({ code, message })),
              },
            }
          : {}),
      },
    },
  ];
};

const holdCommuneMeeting: Handler<'HoldCommuneMeeting'> = ({ data, metadata }, d) => {
  const { attendees, votesFor, votesAgainst, minutes } = data;
  if (votesFor + votesAgainst > attendees)
    throw v.bad('votesFor', 'tổng số phiếu không thể lớn hơn số người dự họp');
  const heldAt = data.heldAt ?? metadata.now;
  const { threshold } = d.procedure.communeMeeting;
  const share = votesFor / attendees;
  if (share < threshold) {
    throw ruleBroken(
      'VOTE_BELOW_THRESHOLD',
      `Tỷ lệ tán thành ${v.percent(share)} (${votesFor}/${attendees} người dự họp) thấp hơn mức yêu cầu ${v.percent(threshold)}`,
    );
  }
  return [
    {
      type: 'CommuneMeetingHeld',
      data: { attendees, votesFor, votesAgainst, share, threshold, minutes, heldAt },
    },
  ];
};

const submitDossier: Handler<'SubmitDossier'> = ({ data, metadata }, d, ctx) => {
  const declared = submissionData(data, d, metadata.now);
  const missing: Violation[] = [];
  if (d.assessments.length === 0) {
    missing.push({ code: 'SELF_ASSESSMENT_MISSING', message: 'Chưa có kết quả tự đánh giá các tiêu chí' });
  }
  if (!d.postings.some((p) => p.closedAt !== null) || openCommunePosting(d)) {
    missing.push({
      code: 'POSTING_NOT_CLOSED',
      message: 'Chưa hoàn thành niêm yết công khai, lấy ý kiến tại xã',
    });
  }
  if (!d.survey)
    missing.push({ code: 'SURVEY_MISSING', message: 'Chưa có kết quả lấy ý kiến sự hài lòng của người dân' });
  if (!d.meeting)
    missing.push({
      code: 'MEETING_MISSING',
      message: 'Chưa có biên bản họp, bỏ phiếu đề nghị xét công nhận',
    });
  if (missing.length > 0) {
    throw ruleBroken(
      'DOSSIER_INCOMPLETE',
      `Hồ sơ chưa đủ để nộp: ${missing.map((m) => m.message).join('; ')}`,
      missing,
    );
  }
  return [
    { type: 'DossierSubmitted', data: { round: d.round, ...declared, submittedAt: metadata.now } },
    stepOpened(nextStep(d.procedure, 'commune-preparation'), d.round, metadata.now, ctx),
  ];
};

// ---------------------------------------------------------------------------------------------------------------
// Review: verification, returns, appraisal.

const verifyDossier: Handler<'VerifyDossier'> = ({ data, metadata }, d, ctx) => {
  requireDistrictStageDone(d);
  const set = criteriaOf(d);
  const findings = v.coveringFindings(data.findings, set, 'findings');
  const unmet: Violation[] = findings
    .filter((f) => !f.met)
    .map((f) => ({
      code: 'CRITERION_NOT_MET',
      message: `${criterionLabel(set, f.criterion)} chưa đạt`,
      criterion: f.criterion,
    }));
  if (unmet.length > 0) {
    throw ruleBroken(
      'VERIFICATION_NOT_PASSED',
      `Không thể xác nhận kết quả thẩm tra: ${unmet.map((u) => u.message).join('; ')}. Hãy trả hồ sơ để bổ sung`,
      unmet,
    );
  }
  const step = d.current!.step;
  return [
    {
      type: 'VerificationPassed',
      data: {
        round: d.round,
        step,
        findings,
        report: data.report ?? null,
        verifiedAt: metadata.now,
      },
    },
    stepOpened(nextStep(d.procedure, step), d.round, metadata.now, ctx),
  ];
};

const returnForSupplementation: Handler<'ReturnForSupplementation'> = ({ data, metadata }, d, ctx) => {
  const reasons = v.statedReasons(data.reasons, criteriaOf(d));
  return [
    {
      type: 'DossierReturned',
      data: { round: d.round, step: d.current!.step, reasons, returnedAt: metadata.now },
    },
    stepOpened(d.procedure.supplementation, d.round, metadata.now, ctx),
  ];
};

const resubmitDossier: Handler<'ResubmitDossier'> = ({ data, metadata }, d, ctx) => {
  const { changes } = data;
  const declared = submissionData(data, d, metadata.now);
  const returnedFrom = currentRound(d)!.returned!.step;
  const round = d.round + 1;
  return [
    { type: 'DossierResubmitted', data: { round, changes, ...declared, resubmittedAt: metadata.now } },
    stepOpened(stepDefinition(d.procedure, returnedFrom), round, metadata.now, ctx),
  ];
};

const openAppraisalPosting: Handler<'OpenAppraisalPosting'> = ({ data, metadata }, d, ctx) => {
  if (currentRound(d)!.appraisal.posting) {
    throw conflict('APPRAISAL_POSTING_EXISTS', `Báo cáo thẩm định vòng ${d.round} đã được đăng tải`);
  }
  const window = postingWindow(data, d.procedure.appraisalPosting, ctx);
  return [
    {
      type: 'AppraisalPostingOpened',
      data: { round: d.round, url: data.url ?? null, ...window, openedAt: metadata.now },
    },
  ];
};

const closeAppraisalPosting: Handler<'CloseAppraisalPosting'> = ({ metadata }, d) => {
  const posting = currentRound(d)!.appraisal.posting;
  if (!posting || posting.closedAt !== null) throw noOpenPosting();
  requirePostingEnded(posting.until, metadata.now);
  return [
    {
      type: 'AppraisalPostingClosed',
      data: { round: d.round, comments: posting.comments.length, closedAt: metadata.now },
    },
  ];
};

const castCouncilVote: Handler<'CastCouncilVote'> = ({ data, metadata }, d) => {
  const { actor } = metadata;
  if (currentRound(d)!.appraisal.votes.some((vote) => vote.memberId === actor.id)) {
    throw conflict(
      'ALREADY_VOTED',
      `Thành viên ${actor.name ?? actor.id} đã bỏ phiếu ở vòng thẩm định ${d.round}`,
    );
  }
  return [
    {
      type: 'CouncilVoteCast',
      data: {
        round: d.round,
        memberId: actor.id,
        memberName: actor.name ?? null,
        vote: data.vote,
        note: data.note ?? null,
        castAt: metadata.now,
      },
    },
  ];
};

const concludeAppraisal: Handler<'ConcludeAppraisal'> = ({ data, metadata }, d, ctx) => {
  const appraisal = currentRound(d)!.appraisal;
  if (!appraisal.posting || appraisal.posting.closedAt === null) {
    throw ruleBroken(
      'APPRAISAL_POSTING_NOT_CLOSED',
      'Chưa hoàn thành đăng tải báo cáo thẩm định trên Cổng thông tin điện tử tỉnh',
    );
  }
  const counts = v.consistentCounts(data.counts);
  // The raw counts include ballots cast outside the system, so they can only exceed the recorded ones.
  const approvals = appraisal.votes.filter((x) => x.vote === 'approve').length;
  if (counts.for < approvals) throw v.bad('counts.for', `ít hơn ${approvals} phiếu tán thành đã ghi nhận`);
  if (counts.against < appraisal.votes.length - approvals) {
    throw v.bad(
      'counts.against',
      `ít hơn ${appraisal.votes.length - approvals} phiếu không tán thành đã ghi nhận`,
    );
  }
  const findings = data.findings ? v.coveringFindings(data.findings, criteriaOf(d), 'findings') : null;
  const { threshold, quorum } = d.procedure.appraisalCouncil;
  const share = counts.for / counts.members;
  const passed = share >= threshold && counts.present / counts.members >= quorum;
  return [
    {
      type: 'AppraisalConcluded',
      data: {
        round: d.round,
        passed,
        counts,
        share,
        threshold,
        quorum,
        findings,
        minutes: data.minutes ?? null,
        concludedAt: metadata.now,
      },
    },
    stepOpened(nextStep(d.procedure, 'provincial-appraisal'), d.round, metadata.now, ctx),
  ];
};

// ---------------------------------------------------------------------------------------------------------------
// Decision and announcement.

const decideRecognition: Handler<'DecideRecognition'> = ({ data, metadata }, d, ctx) => {
  const { decisionNumber } = data;
  const decidedOn = v.date(data.decidedOn, 'decidedOn');
  const failures = recognitionFailures(d);
  if (failures.length > 0) {
    throw ruleBroken(
      'CONDITIONS_NOT_MET',
      `${d.commune.name} chưa đủ điều kiện công nhận đạt chuẩn ${levelLabels[d.level]}: ${failures.map((f) => f.message).join('; ')}`,
      failures,
    );
  }
  return [
    {
      type: 'RecognitionGranted',
      data: {
        dossierId: d.id,
        communeCode: d.commune.communeCode,
        level: d.level,
        period: d.period,
        decisionNumber,
        decidedOn,
        signer: signer(metadata.actor),
        grantedAt: metadata.now,
      },
    },
    stepOpened(nextStep(d.procedure, 'decision'), d.round, metadata.now, ctx),
  ];
};

const refuseRecognition: Handler<'RefuseRecognition'> = ({ data, metadata }, d) => {
  const own = (data.reasons ?? []).map((message): Violation => ({ code: 'CHAIRMAN_REASON', message }));
  const reasons = [...recognitionFailures(d), ...own];
  if (reasons.length === 0) {
    throw ruleBroken(
      'REASON_REQUIRED',
      'Hồ sơ đủ điều kiện; quyết định không công nhận phải nêu rõ lý do (reasons)',
    );
  }
  return [
    {
      type: 'RecognitionRefused',
      data: {
        dossierId: d.id,
        reasons,
        decisionNumber: data.decisionNumber ?? null,
        decidedOn: v.date(data.decidedOn, 'decidedOn'),
        signer: signer(metadata.actor),
        refusedAt: metadata.now,
      },
    },
  ];
};

const announceRecognition: Handler<'AnnounceRecognition'> = ({ data, metadata }) => [
  {
    type: 'RecognitionAnnounced',
    data: {
      announcedOn: v.date(data.announcedOn, 'announcedOn'),
      where: data.where ?? null,
      announcedAt: metadata.now,
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Any time: withdrawal, timers.

const withdrawDossier: Handler<'WithdrawDossier'> = ({ data, metadata }, d) => [
  {
    type: 'DossierWithdrawn',
    data: {
      reason: data.reason ?? null,
      step: d.current?.step ?? null,
      withdrawnAt: metadata.now,
    },
  },
];

/** A timer may fire late, twice, or after the step moved on: only a live, due, unmarked step becomes overdue. */
const markStepOverdue: Handler<'MarkStepOverdue'> = ({ data, metadata }, d) => {
  const current = d.current;
  const live = current && current.step === data.step && current.round === data.round && !current.overdue;
  if (!live || current.dueAt === null || v.isBefore(metadata.now, current.dueAt)) return [];
  return [
    {
      type: 'StepOverdue',
      data: { step: current.step, round: current.round, dueAt: current.dueAt, markedAt: metadata.now },
    },
  ];
};

/**
 * When the reminder of a step (its StepOpened) is due: from the start of the day `workingDays` working days are
 * left. Null without a due date, with reminders off (0), or when the step is so short that it opens already near.
 */
export const reminderDueAt = (
  opened: { readonly openedAt: string; readonly dueAt: string | null },
  workingDays: number,
  calendar: WorkingCalendar,
): string | null => {
  if (opened.dueAt === null || workingDays < 1) return null;
  const at = workingDaysBefore(opened.dueAt, workingDays, calendar);
  return v.isBefore(opened.openedAt, at) ? at : null;
};

/**
 * The reminder that a step's due date is near: like the deadline, it may fire late, twice, or after the step moved
 * on. Only a live step not yet reminded nor overdue, with at most `workingDays` working days left, is reminded; a
 * reminder that comes after the due instant says nothing (the deadline's own timer tells of it).
 */
const remindStepDeadline: Handler<'RemindStepDeadline'> = ({ data, metadata }, d, ctx) => {
  const current = d.current;
  const live =
    current &&
    current.step === data.step &&
    current.round === data.round &&
    !current.overdue &&
    current.remindedAt === null;
  if (!live || current.dueAt === null || !v.isBefore(metadata.now, current.dueAt)) return [];
  const left = workingDaysLeft(metadata.now, current.dueAt, ctx.calendar);
  if (left > data.workingDays) return [];
  return [
    {
      type: 'StepDeadlineNear',
      data: {
        step: current.step,
        round: current.round,
        dueAt: current.dueAt,
        workingDaysLeft: left,
        remindedAt: metadata.now,
      },
    },
  ];
};

// ---------------------------------------------------------------------------------------------------------------
// Yearly review after recognition (RULES-2026 §4): the commune re-assesses every criterion against the set its
// revocation is judged by; the outcome warns before the revocation rule is reached.

/** A year from the recognition's to the current one (Vietnam time). */
const reviewYear = (year: unknown, d: Dossier, now: string): number => {
  const from = Number(d.decision!.decidedOn.slice(0, 4));
  const to = Number(localDate(now).slice(0, 4));
  if (typeof year !== 'number' || !Number.isInteger(year) || year < from || year > to) {
    throw v.bad('year', `cần năm rà soát từ ${from} (năm công nhận) đến ${to}`);
  }
  return year;
};

const recordAnnualReview: Handler<'RecordAnnualReview'> = ({ data, metadata }, d) => {
  const set = levelCriteria(d.procedure, revocationReferenceLevel(d.level));
  const year = reviewYear(data.year, d, metadata.now);
  const results = v.coveringFindings(data.results, set, 'results');
  const { due: _due, ...outcome } = annualReviewOutcome(results, set, d.procedure.revocation);
  return [
    {
      type: 'AnnualReviewRecorded',
      data: {
        year,
        results,
        ...outcome,
        report: data.report ?? null,
        reviewedBy: metadata.actor.id,
        reviewedAt: metadata.now,
      },
    },
  ];
};

// ---------------------------------------------------------------------------------------------------------------
// Revocation.

const proposeRevocation: Handler<'ProposeRevocation'> = ({ data, metadata }, d, ctx) => [
  {
    type: 'RevocationProposed',
    data: { reason: data.reason, proposedBy: metadata.actor.id, proposedAt: metadata.now },
  },
  stepOpened(d.procedure.revocationSteps[0], d.round, metadata.now, ctx),
];

const assessForRevocation: Handler<'AssessForRevocation'> = ({ data, metadata }, d, ctx) => {
  const set = levelCriteria(d.procedure, revocationReferenceLevel(d.level));
  const results = v.coveringFindings(data.results, set, 'results');
  const outcome = revocationOutcome(results, set, d.procedure.revocation);
  const events: DossierEvent[] = [
    {
      type: 'RevocationAssessed',
      data: { results, ...outcome, report: data.report ?? null, assessedAt: metadata.now },
    },
  ];
  if (outcome.due) events.push(stepOpened(d.procedure.revocationSteps[1], d.round, metadata.now, ctx));
  return events;
};

const decideRevocation: Handler<'DecideRevocation'> = ({ data, metadata }, d) => {
  const assessment = d.revocations.at(-1)!.assessment!;
  return [
    {
      type: 'RecognitionRevoked',
      data: {
        dossierId: d.id,
        communeCode: d.commune.communeCode,
        level: d.level,
        period: d.period,
        decisionNumber: data.decisionNumber,
        decidedOn: v.date(data.decidedOn, 'decidedOn'),
        signer: signer(metadata.actor),
        failedCriteria: assessment.failedCriteria,
        failedShare: assessment.failedShare,
        revokedAt: metadata.now,
      },
    },
  ];
};

// ---------------------------------------------------------------------------------------------------------------

type OpenedCommand = Exclude<DossierCommand, CommandOf<'OpenDossier'>>;

const decideOpened = (command: OpenedCommand, d: Dossier, ctx: DeciderContext): DossierEvent[] => {
  switch (command.type) {
    case 'RecordSelfAssessment':
      return recordSelfAssessment(command, d, ctx);
    case 'RecordIndicatorAssessment':
      return recordIndicatorAssessment(command, d, ctx);
    case 'OpenPublicPosting':
      return openPublicPosting(command, d, ctx);
    case 'RecordPublicComment':
      return recordPublicComment(command, d, ctx);
    case 'ClosePublicPosting':
      return closePublicPosting(command, d, ctx);
    case 'RecordSurveyResult':
      return recordSurveyResult(command, d, ctx);
    case 'HoldCommuneMeeting':
      return holdCommuneMeeting(command, d, ctx);
    case 'SubmitDossier':
      return submitDossier(command, d, ctx);
    case 'VerifyDossier':
      return verifyDossier(command, d, ctx);
    case 'ReturnForSupplementation':
      return returnForSupplementation(command, d, ctx);
    case 'OpenDistrictPosting':
    case 'CloseDistrictPosting':
    case 'HoldDistrictBoardVote':
    case 'DeclareNotEligible':
      return decideDistrictStage(command, d, ctx);
    case 'ResubmitDossier':
      return resubmitDossier(command, d, ctx);
    case 'OpenAppraisalPosting':
      return openAppraisalPosting(command, d, ctx);
    case 'CloseAppraisalPosting':
      return closeAppraisalPosting(command, d, ctx);
    case 'CastCouncilVote':
      return castCouncilVote(command, d, ctx);
    case 'ConcludeAppraisal':
      return concludeAppraisal(command, d, ctx);
    case 'DecideRecognition':
      return decideRecognition(command, d, ctx);
    case 'RefuseRecognition':
      return refuseRecognition(command, d, ctx);
    case 'AnnounceRecognition':
      return announceRecognition(command, d, ctx);
    case 'WithdrawDossier':
      return withdrawDossier(command, d, ctx);
    case 'MarkStepOverdue':
      return markStepOverdue(command, d, ctx);
    case 'RemindStepDeadline':
      return remindStepDeadline(command, d, ctx);
    case 'RecordAnnualReview':
      return recordAnnualReview(command, d, ctx);
    case 'ProposeRevocation':
      return proposeRevocation(command, d, ctx);
    case 'AssessForRevocation':
      return assessForRevocation(command, d, ctx);
    case 'DecideRevocation':
      return decideRevocation(command, d, ctx);
    default: {
      const _exhaustive: never = command;
      throw new DomainError(
        'invalid',
        'UNKNOWN_COMMAND',
        `Thao tác không xác định: ${(_exhaustive as OpenedCommand).type}`,
      );
    }
  }
};

export const createDecide =
  (ctx: DeciderContext) =>
  (command: DossierCommand, state: DossierState): DossierEvent[] => {
    if (command.type === 'OpenDossier') return openDossier(command, state, ctx);
    if (!isOpened(state)) throw notFound('DOSSIER_NOT_FOUND', 'Không tìm thấy hồ sơ');
    if (command.type === 'RecordIndicatorAssessment' && !usesIndicators(state)) {
      throw ruleBroken(
        'INDICATORS_NOT_USED',
        `Bộ tiêu chí của hồ sơ không đánh giá theo chỉ tiêu; hãy ghi kết quả tự đánh giá từng tiêu chí`,
      );
    }
    authorise(command, state);
    return decideOpened(command, state, ctx);
  };
