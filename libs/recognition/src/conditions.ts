import type { Violation } from '@ntm/decider';
import { criterionLabel, levelLabels, type CriteriaSet } from '@ntm/criteria';
import type { CriterionFinding } from './commands';
import { conditionEvidenceFailures } from './evidence-conditions';
import type { MaintenanceStanding } from './maintenance';
import { levelCriteria, type RevocationRule } from './procedure-types';
import type { Dossier, Round } from './state';
import { decimal, percent } from './validation';

export const currentRound = (d: Dossier): Round | undefined => d.rounds.find((r) => r.number === d.round);

/**
 * Whether each criterion is met, by the latest word on it: the council's findings, else the verification's,
 * else the commune's latest self-assessment.
 */
export const effectiveResults = (d: Dossier): Map<number, boolean> => {
  const results = new Map<number, boolean>();
  const overlay = (entries: readonly { criterion: number; met: boolean }[] | null | undefined) =>
    entries?.forEach((e) => results.set(e.criterion, e.met));
  overlay(d.assessments.at(-1)?.criteria);
  const round = currentRound(d);
  overlay(round?.verification?.findings);
  overlay(round?.appraisal.conclusion?.findings);
  return results;
};

/**
 * Every reason the commune cannot be recognised now (Regulation 18/2022's four conditions, the appraisal vote,
 * and Decision 319's extra conditions for kiểu mẫu). Empty when it can.
 */
export const recognitionFailures = (d: Dossier): Violation[] => {
  const set = levelCriteria(d.procedure, d.level);
  const failures: Violation[] = [];
  const fail = (code: string, message: string, criterion?: number) =>
    failures.push(criterion === undefined ? { code, message } : { code, message, criterion });

  // Condition 1: every criterion of the set.
  const latest = d.assessments.at(-1);
  if (!latest) fail('SELF_ASSESSMENT_MISSING', 'Chưa có kết quả tự đánh giá các tiêu chí');
  const results = effectiveResults(d);
  for (const c of set.criteria) {
    if (results.get(c.number) !== true)
      fail('CRITERION_NOT_MET', `${criterionLabel(set, c.number)} chưa đạt`, c.number);
  }
  const conclusion = currentRound(d)?.appraisal.conclusion;
  if (conclusion && !conclusion.passed) {
    fail(
      'APPRAISAL_NOT_PASSED',
      `Hội đồng thẩm định không thông qua: ${conclusion.counts.for}/${conclusion.counts.members} thành viên tán thành (${percent(conclusion.share)}), yêu cầu ${percent(conclusion.threshold)}`,
    );
  }

  // Condition 2: residents' satisfaction and survey coverage, per level; a tallied round judged by its survey
  // rule (RULES-2026 §3: coverage, per-question thresholds, group averages) carries its own verdict.
  const rule = d.procedure.satisfaction[d.level];
  const survey = d.survey;
  if (!survey) {
    fail('SURVEY_MISSING', 'Chưa có kết quả lấy ý kiến sự hài lòng của người dân');
  } else if (survey.rule) {
    for (const f of survey.rule.failures) fail(f.code, `${f.message} (theo ${survey.rule.source})`);
  } else {
    if (survey.satisfactionRate < rule.threshold) {
      fail(
        'SATISFACTION_BELOW_THRESHOLD',
        `Tỷ lệ người dân hài lòng ${percent(survey.satisfactionRate)} thấp hơn mức yêu cầu ${percent(rule.threshold)} đối với xã ${levelLabels[d.level]}`,
      );
    }
    if (survey.participationRate < rule.minimumCoverage) {
      fail(
        'SURVEY_COVERAGE_TOO_LOW',
        `Tỷ lệ hộ gia đình được lấy ý kiến ${percent(survey.participationRate)} thấp hơn mức tối thiểu ${percent(rule.minimumCoverage)}`,
      );
    }
  }

  // Conditions 3 and 4, on the documents of the latest submission.
  const round = currentRound(d);
  if (round) failures.push(...conditionEvidenceFailures(round, d.year));

  if (set.kieuMau) failures.push(...kieuMauFailures(d, set));
  return failures;
};

const kieuMauFailures = (d: Dossier, set: CriteriaSet): Violation[] => {
  const rules = set.kieuMau!;
  const declared = d.assessments.at(-1)?.kieuMau;
  if (!declared) {
    return [
      {
        code: 'KIEU_MAU_DECLARATION_MISSING',
        message: 'Chưa kê khai các điều kiện bổ sung của xã nông thôn mới kiểu mẫu',
      },
    ];
  }
  const failures: Violation[] = [];
  // Decision 319/QĐ-TTg (RULES-2026 §3): compared with the nâng cao income standard, not the province's nâng cao
  // average; a declaration recorded before this correction has no standard and must be recorded again.
  const standard = declared.nangCaoIncomeStandard;
  if (standard === undefined) {
    failures.push({
      code: 'KIEU_MAU_INCOME_STANDARD_MISSING',
      message:
        'Bản kê khai chưa nêu mức thu nhập theo tiêu chí Thu nhập của bộ tiêu chí xã nông thôn mới nâng cao áp dụng cùng thời điểm; cần kê khai lại',
    });
  } else if (declared.incomePerCapita / standard < rules.incomeFactor) {
    // Compare the ratio, not income against factor × standard: the product is inexact in floating point.
    failures.push({
      code: 'KIEU_MAU_INCOME_TOO_LOW',
      message: `Thu nhập bình quân đầu người ${decimal(declared.incomePerCapita)} triệu đồng chưa cao hơn ít nhất ${percent(rules.incomeFactor - 1)} so với mức thu nhập theo tiêu chí xã nông thôn mới nâng cao (${decimal(standard)} triệu đồng)`,
    });
  }
  if (declared.smartVillages.length < rules.minSmartVillages) {
    failures.push({
      code: 'SMART_VILLAGE_MISSING',
      message: `Cần ít nhất ${rules.minSmartVillages} mô hình thôn thông minh, mới có ${declared.smartVillages.length}`,
    });
  }
  if (declared.outstandingFields.length < rules.minOutstandingFields) {
    failures.push({
      code: 'OUTSTANDING_FIELD_MISSING',
      message: `Cần ít nhất ${rules.minOutstandingFields} lĩnh vực nổi trội, mới có ${declared.outstandingFields.length}`,
    });
  }
  return failures;
};

export interface RevocationOutcome {
  readonly failedCriteria: number[];
  readonly total: number;
  readonly failedShare: number;
  readonly keyFailed: boolean;
  readonly failedKeyCriteria: number[];
  readonly due: boolean;
}

/** Regulation 18/2022 (RULES.md §1.5): revoke at >= upper share failed, or >= lower share with a key criterion. */
export const revocationOutcome = (
  results: readonly CriterionFinding[],
  set: CriteriaSet,
  rule: RevocationRule,
): RevocationOutcome => {
  const failedCriteria = results
    .filter((r) => !r.met)
    .map((r) => r.criterion)
    .sort((a, b) => a - b);
  const keys = new Set(set.criteria.filter((c) => c.key).map((c) => c.number));
  const failedKeyCriteria = failedCriteria.filter((n) => keys.has(n));
  const total = set.criteria.length;
  const failedShare = failedCriteria.length / total;
  const keyFailed = failedKeyCriteria.length > 0;
  const due = revocationDue(failedCriteria.length, total, keyFailed, rule);
  return { failedCriteria, total, failedShare, keyFailed, failedKeyCriteria, due };
};

const revocationDue = (failed: number, total: number, keyFailed: boolean, rule: RevocationRule) =>
  failed / total >= rule.upperShare || (failed / total >= rule.lowerShare && keyFailed);

export interface AnnualReviewOutcome extends RevocationOutcome {
  readonly standing: MaintenanceStanding;
  /** How many more criteria failing would make revocation due (0 when it is; null when none could). */
  readonly criteriaToRevocation: number | null;
  /** Whether that nearest way counts on a key criterion among them (the lower share needs one). */
  readonly keyCriterionNeeded: boolean;
}

/** The yearly review's outcome: only the revocation rule decides; the warning adds no figure of its own. */
export const annualReviewOutcome = (
  results: readonly CriterionFinding[],
  set: CriteriaSet,
  rule: RevocationRule,
): AnnualReviewOutcome => {
  const outcome = revocationOutcome(results, set, rule);
  const failed = outcome.failedCriteria.length;
  // A key criterion still met can be among the next to fail: the nearest way to the threshold fails it first.
  const keyStillMet = set.criteria.some((c) => c.key && !outcome.failedCriteria.includes(c.number));
  let criteriaToRevocation: number | null = null;
  let keyCriterionNeeded = false;
  for (let more = 0; failed + more <= outcome.total; more++) {
    const keyFailed = outcome.keyFailed || (more > 0 && keyStillMet);
    if (revocationDue(failed + more, outcome.total, keyFailed, rule)) {
      criteriaToRevocation = more;
      keyCriterionNeeded = !revocationDue(failed + more, outcome.total, outcome.keyFailed, rule);
      break;
    }
  }
  const standing: MaintenanceStanding = outcome.due
    ? 'revocation-due'
    : criteriaToRevocation === 1
      ? 'near-threshold'
      : failed > 0
        ? 'slipping'
        : 'maintained';
  return { ...outcome, standing, criteriaToRevocation, keyCriterionNeeded };
};
