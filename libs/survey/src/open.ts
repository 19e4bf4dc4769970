import { localDateVi } from '@ntm/calendar';
import { conflict, DomainError, listOr, ruleBroken, type Violation } from '@ntm/decider';
import { authorise, openedSurvey } from './guards';
import { normaliseVillage } from './household';
import {
  MAX_BATCH_FORMS,
  MAX_CRITERIA_QUESTIONS,
  REGISTER_CHUNK_SIZE,
  type HouseholdRegisterChunkAdded,
  type HouseholdRegisterImported,
  type ImportHouseholdRegister,
  type OpenSurvey,
  type OpenedSurvey,
  type SurveyOpened,
  type SurveyState,
} from './types';
import { surveyRuleViolations } from './rule';
import { instant, isNonEmptyString, reject, tokenViolation } from './validation';

const isPermille = (v: unknown): boolean =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000;

const openViolations = (d: OpenSurvey['data']): Violation[] => {
  const v: Violation[] = [];
  const need = (ok: boolean, field: string, message: string, code = 'INVALID_FIELD') => {
    if (!ok) v.push({ code, message, field });
  };
  need(isNonEmptyString(d.surveyId), 'surveyId', 'Thiếu mã khảo sát');
  need(isNonEmptyString(d.dossierId), 'dossierId', 'Thiếu mã hồ sơ');
  need(Number.isInteger(d.round) && d.round >= 1, 'round', 'Vòng khảo sát phải là số nguyên từ 1');
  need(isNonEmptyString(d.location?.provinceCode), 'location.provinceCode', 'Thiếu mã tỉnh');
  need(isNonEmptyString(d.location?.communeCode), 'location.communeCode', 'Thiếu mã xã');

  const q = d.questions;
  need(isNonEmptyString(q?.overall?.id), 'questions.overall.id', 'Thiếu mã câu hỏi chung');
  need(isNonEmptyString(q?.overall?.text), 'questions.overall.text', 'Thiếu nội dung câu hỏi chung');
  const ids = new Set([q?.overall?.id]);
  const criteria = new Set<number>();
  listOr(q?.criteria).forEach((c, i) => {
    const at = `questions.criteria[${i}]`;
    need(isNonEmptyString(c?.id), `${at}.id`, `Câu hỏi thứ ${i + 1}: thiếu mã câu hỏi`);
    need(isNonEmptyString(c?.text), `${at}.text`, `Câu hỏi thứ ${i + 1}: thiếu nội dung`);
    need(
      Number.isInteger(c?.criterion) && c.criterion >= 1,
      `${at}.criterion`,
      `Câu hỏi thứ ${i + 1}: thiếu số tiêu chí`,
    );
    need(!ids.has(c?.id), `${at}.id`, `Mã câu hỏi «${c?.id}» bị trùng`, 'DUPLICATE_QUESTION');
    need(
      !criteria.has(c?.criterion),
      `${at}.criterion`,
      `Tiêu chí ${c?.criterion} có hai câu hỏi`,
      'DUPLICATE_QUESTION',
    );
    ids.add(c?.id);
    criteria.add(c?.criterion);
  });
  need(Array.isArray(q?.criteria), 'questions.criteria', 'Thiếu danh sách câu hỏi theo tiêu chí');

  const opens = instant(d.period?.opensAt);
  const closes = instant(d.period?.closesAt);
  need(!Number.isNaN(opens), 'period.opensAt', 'Ngày bắt đầu khảo sát không hợp lệ');
  need(!Number.isNaN(closes), 'period.closesAt', 'Ngày kết thúc khảo sát không hợp lệ');
  need(!(opens >= closes), 'period.closesAt', 'Ngày kết thúc khảo sát phải sau ngày bắt đầu');
  need(
    isPermille(d.coverageMinimumPermille),
    'coverageMinimumPermille',
    'Tỷ lệ hộ tham gia tối thiểu phải là số nguyên phần nghìn từ 0 đến 1000',
  );
  need(
    isPermille(d.satisfactionThresholdPermille),
    'satisfactionThresholdPermille',
    'Tỷ lệ hài lòng tối thiểu phải là số nguyên phần nghìn từ 0 đến 1000',
  );
  need(
    d.minimumBatchForms === undefined ||
      (Number.isInteger(d.minimumBatchForms) &&
        d.minimumBatchForms >= 1 &&
        d.minimumBatchForms <= MAX_BATCH_FORMS),
    'minimumBatchForms',
    `Số phiếu tối thiểu của một tập phiếu giấy phải là số nguyên từ 1 đến ${MAX_BATCH_FORMS}`,
  );
  if (d.rule !== undefined && q?.overall && Array.isArray(q?.criteria))
    v.push(...surveyRuleViolations(d.rule, q));
  need(
    !Array.isArray(q?.criteria) || q.criteria.length <= MAX_CRITERIA_QUESTIONS,
    'questions.criteria',
    `Phiếu khảo sát có tối đa ${MAX_CRITERIA_QUESTIONS} câu hỏi theo tiêu chí`,
  );
  return v;
};

/** The period stays within the rule's window of working days (RULES-2026 §3). */
const checkWindow = (d: OpenSurvey['data']): void => {
  if (d.windowEndsAt === undefined || d.rule === undefined) return;
  if (Number.isNaN(instant(d.windowEndsAt)))
    throw reject('invalid', 'INVALID_SURVEY', 'Thông tin khảo sát không hợp lệ', [
      { code: 'INVALID_FIELD', message: 'Hạn cuối theo quy định không hợp lệ', field: 'windowEndsAt' },
    ]);
  if (instant(d.period.closesAt) > instant(d.windowEndsAt)) {
    throw new DomainError(
      'rule',
      'SURVEY_WINDOW_EXCEEDED',
      `Thời gian lấy ý kiến vượt quá ${d.rule.windowWorkingDays} ngày làm việc theo quy định (${d.rule.source}): phải kết thúc chậm nhất ngày ${localDateVi(d.windowEndsAt)}`,
      [
        {
          code: 'SURVEY_WINDOW_EXCEEDED',
          message: `Ngày kết thúc khảo sát chậm nhất là ${localDateVi(d.windowEndsAt)}`,
          field: 'period.closesAt',
        },
      ],
    );
  }
};

/** Round 1 stands alone; round n + 1 follows a closed round n of the same dossier. */
const checkRound = (d: OpenSurvey['data']): void => {
  const prev = d.previousRound;
  if (d.round === 1) {
    if (prev !== undefined) {
      throw ruleBroken(
        'ROUND_SEQUENCE',
        'Vòng khảo sát 1 không có vòng trước; vòng mới phải có số thứ tự tiếp theo',
      );
    }
    return;
  }
  if (prev === undefined || prev.dossierId !== d.dossierId || prev.round !== d.round - 1) {
    throw ruleBroken(
      'ROUND_SEQUENCE',
      `Vòng khảo sát ${d.round} phải tiếp nối vòng ${d.round - 1} của cùng hồ sơ ${d.dossierId}`,
    );
  }
  if (prev.status === 'open') {
    throw conflict(
      'PREVIOUS_ROUND_OPEN',
      `Vòng khảo sát ${prev.round} của hồ sơ chưa kết thúc, chưa mở được vòng ${d.round}`,
    );
  }
};

export const decideOpen = (c: OpenSurvey, state: SurveyState): SurveyOpened[] => {
  const d = c.data;
  // Jurisdiction is checked against the location, so a missing one is reported before anything else.
  if (typeof d.location !== 'object' || d.location === null) {
    throw reject('invalid', 'INVALID_SURVEY', 'Thông tin khảo sát không hợp lệ', [
      { code: 'INVALID_FIELD', message: 'Thiếu địa bàn (tỉnh, xã) của khảo sát', field: 'location' },
    ]);
  }
  authorise(c.metadata, { location: d.location }, ['front_officer'], 'mở khảo sát');
  if (state.status === 'open') {
    throw conflict('SURVEY_ALREADY_OPEN', `Khảo sát ${state.surveyId} đang mở`);
  }
  if (state.status !== 'none') {
    throw conflict(
      'SURVEY_REOPEN_REFUSED',
      `Khảo sát ${state.surveyId} đã kết thúc, không mở lại được; hãy mở vòng khảo sát mới`,
    );
  }
  const violations = openViolations(d);
  if (violations.length > 0)
    throw reject('invalid', 'INVALID_SURVEY', 'Thông tin khảo sát không hợp lệ', violations);
  checkRound(d);
  checkWindow(d);
  return [
    {
      type: 'SurveyOpened',
      data: {
        surveyId: d.surveyId,
        dossierId: d.dossierId,
        round: d.round,
        location: d.location,
        questions: d.questions,
        period: d.period,
        coverageMinimumPermille: d.coverageMinimumPermille,
        satisfactionThresholdPermille: d.satisfactionThresholdPermille,
        ...(d.rule === undefined ? {} : { rule: d.rule }),
        ...(d.windowEndsAt === undefined ? {} : { windowEndsAt: d.windowEndsAt }),
        ...(d.minimumBatchForms === undefined ? {} : { minimumBatchForms: d.minimumBatchForms }),
        ...(d.posting ? { posting: d.posting } : {}),
        openedBy: c.metadata.actor.id,
        openedAt: c.metadata.now,
      },
    },
  ];
};

const hasBallots = (s: OpenedSurvey): boolean => s.counts.ballots > 0 || s.batches.size > 0;

/** The whole register in one append: a summary, then chunks of tokens grouped by village. */
export const decideImportRegister = (
  c: ImportHouseholdRegister,
  state: SurveyState,
): (HouseholdRegisterImported | HouseholdRegisterChunkAdded)[] => {
  const s = openedSurvey(state, c.data.surveyId);
  authorise(c.metadata, s, ['front_officer'], 'nhập danh sách hộ');
  if (s.status !== 'open')
    throw conflict('SURVEY_CLOSED', 'Khảo sát đã kết thúc, không nhập lại danh sách hộ');
  if (hasBallots(s)) {
    throw conflict('REGISTER_LOCKED', 'Đã có phiếu khảo sát, không thay được danh sách hộ');
  }

  const { importId, households } = c.data;
  const violations: Violation[] = [];
  if (!isNonEmptyString(importId))
    violations.push({ code: 'INVALID_FIELD', message: 'Thiếu mã lần nhập', field: 'importId' });
  if (!Array.isArray(households) || households.length === 0) {
    violations.push({ code: 'REGISTER_EMPTY', message: 'Danh sách hộ không có hộ nào', field: 'households' });
  }
  const seen = new Set<string>();
  const rows = listOr(households).map((h, i) => {
    violations.push(...tokenViolation(h?.token, `households[${i}].token`));
    if (seen.has(h?.token)) {
      violations.push({
        code: 'DUPLICATE_HOUSEHOLD',
        message: `Hộ thứ ${i + 1} trùng với một hộ trước đó`,
        field: `households[${i}].token`,
      });
    }
    seen.add(h?.token);
    const village = typeof h?.village === 'string' ? normaliseVillage(h.village) : '';
    if (village === '') {
      violations.push({
        code: 'MISSING_VILLAGE',
        message: `Hộ thứ ${i + 1}: thiếu tên thôn`,
        field: `households[${i}].village`,
      });
    }
    return { token: h?.token, village };
  });
  if (violations.length > 0)
    throw reject('invalid', 'INVALID_REGISTER', 'Danh sách hộ không hợp lệ', violations);

  const perVillage = new Map<string, number>();
  for (const r of rows) perVillage.set(r.village, (perVillage.get(r.village) ?? 0) + 1);
  // Stored in token order, which has nothing to do with the file's: a token's place in the events must not
  // give away the household's line in the register.
  const inTokenOrder = [...rows].sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  const chunks: HouseholdRegisterChunkAdded[] = [];
  for (let start = 0; start < inTokenOrder.length; start += REGISTER_CHUNK_SIZE) {
    const groups = new Map<string, string[]>();
    for (const r of inTokenOrder.slice(start, start + REGISTER_CHUNK_SIZE)) {
      const tokens = groups.get(r.village);
      if (tokens) tokens.push(r.token);
      else groups.set(r.village, [r.token]);
    }
    chunks.push({
      type: 'HouseholdRegisterChunkAdded',
      data: {
        surveyId: s.surveyId,
        importId,
        chunk: chunks.length + 1,
        villages: [...groups].map(([village, tokens]) => ({ village, tokens })),
      },
    });
  }
  return [
    {
      type: 'HouseholdRegisterImported',
      data: {
        surveyId: s.surveyId,
        importId,
        households: rows.length,
        villages: [...perVillage].map(([village, n]) => ({ village, households: n })),
        chunks: chunks.length,
        importedBy: c.metadata.actor.id,
        importedAt: c.metadata.now,
        // The shell hashes with surveyHouseholdToken (hashRegister); ballots are then hashed the same way.
        tokenScheme: 'per-survey',
      },
    },
    ...chunks,
  ];
};
