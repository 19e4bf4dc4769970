import { dateVi } from '@ntm/calendar';
import { levelLabels, type Level } from '@ntm/criteria';
import { levelsLabel, nomineeKindLabels } from './labels';
import { inQuotaBase, quotaArithmetic, quotaLabel, quotasFor, type QuotaSpec } from './quotas';
import { quotaCapacity } from './shares';
import type { AwardType, EligibilityRule, Evidence, Movement, Nominee, QuotaBase } from './types';

// The record, as the shell reads it from the event log, passed in whole so that the check stays pure.

export interface RecognitionFact {
  readonly dossierId: string;
  readonly level: Level;
  readonly decisionNumber: string;
  readonly decidedOn: string;
  readonly revoked: { readonly decisionNumber: string; readonly decidedOn: string } | null;
}

export interface SurveyFact {
  readonly dossierId: string;
  readonly satisfactionRate: number;
  readonly participationRate: number;
}

/**
 * A level the province acknowledged (thừa nhận) for a commune formed by the 2025 merger (RULES-2026.md §2): the
 * merged commune holds it as if recognised, and the awards of the communes merged into it are its history.
 */
export interface AcknowledgementFact {
  readonly level: Level;
  readonly decisionNumber: string;
  readonly decidedOn: string;
  /** The codes of the communes merged into it. */
  readonly predecessors: readonly string[];
}

/** The nominee's place in its cluster's ranking for the year under consideration. */
export interface ClusterStanding {
  readonly clusterId: string;
  readonly clusterName: string;
  readonly year: number;
  readonly rank: number;
  readonly of: number;
  readonly score: number;
  readonly leader: boolean;
}

export interface AwardFact {
  readonly awardId: string;
  readonly awardTypeId: string;
  readonly year: number;
  readonly decisionNumber: string;
  readonly revoked: boolean;
}

export interface EligibilityRecord {
  /** The nominee's recognitions (communes only), revoked ones included. */
  readonly recognitions: readonly RecognitionFact[];
  /** The levels the province acknowledged for it after a merger (communes only). */
  readonly acknowledgements: readonly AcknowledgementFact[];
  readonly surveys: readonly SurveyFact[];
  readonly standing: ClusterStanding | null;
  /** The nominee's awards in the registry, across years. */
  readonly awards: readonly AwardFact[];
  /**
   * The bases of the movement's quotas, counted in the province now (cluster leaders: in the year under
   * consideration; communes recognised in the period: within the movement's years). A base not counted is 0.
   */
  readonly counts: Readonly<Partial<Record<QuotaBase, number>>>;
  /** Places already taken in each quota of this movement (by quota key), the nomination under check excluded. */
  readonly quotaUse: Readonly<Record<string, number>>;
}

export type CheckStatus = 'passed' | 'failed' | 'not-applicable';

export interface EligibilityCheck {
  readonly rule: EligibilityRule['kind'] | 'nominee-kind';
  readonly label: string;
  readonly status: CheckStatus;
  /** What the record shows, in Vietnamese, with its figures. */
  readonly detail: string;
  readonly evidence: readonly Evidence[];
}

export interface QuotaUse {
  readonly base: QuotaBase;
  readonly baseCount: number;
  readonly capacity: number;
  readonly used: number;
}

export interface EligibilityReport {
  readonly awardTypeId: string;
  readonly awardTypeName: string;
  readonly eligible: boolean;
  readonly checks: readonly EligibilityCheck[];
  /** The quota the nominee takes a place in (or, when all are full, the first it belongs to), if any. */
  readonly quota: QuotaUse | null;
  /** That quota's key (its reservation), null when no quota binds the nominee. */
  readonly quotaKey: string | null;
}

export interface EligibilityInput {
  readonly awardType: AwardType;
  readonly nominee: Nominee;
  readonly movement: Movement;
  /** The year under consideration. */
  readonly year: number;
  readonly record: EligibilityRecord;
}

const passed = (
  rule: EligibilityCheck['rule'],
  label: string,
  detail: string,
  evidence: Evidence[] = [],
): EligibilityCheck => ({
  rule,
  label,
  status: 'passed',
  detail,
  evidence,
});
const failed = (rule: EligibilityCheck['rule'], label: string, detail: string): EligibilityCheck => ({
  rule,
  label,
  status: 'failed',
  detail,
  evidence: [],
});
const notApplicable = (
  rule: EligibilityCheck['rule'],
  label: string,
  nominee: Nominee,
): EligibilityCheck => ({
  rule,
  label,
  status: 'not-applicable',
  detail: `Không áp dụng cho ${nomineeKindLabels[nominee.kind]}`,
  evidence: [],
});

const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

const acknowledgementEvidence = (a: AcknowledgementFact): Evidence => ({
  kind: 'acknowledgement',
  level: a.level,
  decisionNumber: a.decisionNumber,
  decidedOn: a.decidedOn,
});

const recognitionEvidence = (r: RecognitionFact): Evidence => ({
  kind: 'recognition',
  dossierId: r.dossierId,
  level: r.level,
  decisionNumber: r.decisionNumber,
  decidedOn: r.decidedOn,
});

/** The label of a rule, as the report and the award-type listing show it. */
export const ruleLabel = (rule: EligibilityRule): string => {
  switch (rule.kind) {
    case 'holds-recognition':
      return `Đang giữ danh hiệu xã đạt chuẩn ${levelLabels[rule.level]}`;
    case 'recognised-in-period':
      return `Được công nhận đạt chuẩn (${levelsLabel(rule.levels)}) trong giai đoạn của phong trào`;
    case 'leads-cluster':
      return 'Dẫn đầu cụm, khối thi đua trong năm';
    case 'consecutive-titles':
      return `${rule.years} năm liên tục đạt danh hiệu ${rule.title}${rule.endingWith === 'previous-year' ? ' (tính đến năm trước)' : ''}`;
    case 'not-awarded-in-earlier-period':
      return 'Chưa được khen thưởng cùng hình thức ở giai đoạn trước';
    case 'quota':
      return `Trong tỷ lệ tối đa ${quotaLabel(rule)}`;
    default: {
      const _exhaustive: never = rule;
      return _exhaustive;
    }
  }
};

type RecordRule = Exclude<EligibilityRule, { kind: 'quota' }>;
const isRecordRule = (rule: EligibilityRule): rule is RecordRule => rule.kind !== 'quota';

/** The rules read from the record; quotas are checked together in quotaCheck. */
const checkRule = (rule: RecordRule, input: EligibilityInput): EligibilityCheck => {
  const { nominee, record, movement, year } = input;
  const label = ruleLabel(rule);
  switch (rule.kind) {
    case 'holds-recognition': {
      if (nominee.kind !== 'commune') return notApplicable(rule.kind, label, nominee);
      const ofLevel = record.recognitions.filter((r) => r.level === rule.level);
      const held = ofLevel.filter((r) => r.revoked === null);
      if (held.length > 0) {
        const r = held[held.length - 1];
        return passed(
          rule.kind,
          label,
          `Quyết định công nhận số ${r.decisionNumber} ngày ${dateVi(r.decidedOn)}`,
          [recognitionEvidence(r)],
        );
      }
      const acknowledged = record.acknowledgements.find((a) => a.level === rule.level);
      if (acknowledged) {
        return passed(
          rule.kind,
          label,
          `Tỉnh thừa nhận mức đạt chuẩn sau sắp xếp đơn vị hành chính: văn bản số ${acknowledged.decisionNumber} ngày ${dateVi(acknowledged.decidedOn)}`,
          [acknowledgementEvidence(acknowledged)],
        );
      }
      const revoked = ofLevel.find((r) => r.revoked !== null);
      return failed(
        rule.kind,
        label,
        revoked?.revoked
          ? `Quyết định công nhận số ${revoked.decisionNumber} đã bị thu hồi (Quyết định số ${revoked.revoked.decisionNumber} ngày ${dateVi(revoked.revoked.decidedOn)})`
          : `${nominee.name} chưa được công nhận đạt chuẩn ${levelLabels[rule.level]}`,
      );
    }
    case 'recognised-in-period': {
      if (nominee.kind !== 'commune') return notApplicable(rule.kind, label, nominee);
      const inPeriod = record.recognitions.filter(
        (r) =>
          r.revoked === null &&
          rule.levels.includes(r.level) &&
          yearOf(r.decidedOn) >= movement.fromYear &&
          yearOf(r.decidedOn) <= movement.toYear,
      );
      if (inPeriod.length > 0) {
        return passed(
          rule.kind,
          label,
          inPeriod
            .map(
              (r) =>
                `Đạt chuẩn ${levelLabels[r.level]}: Quyết định số ${r.decisionNumber} ngày ${dateVi(r.decidedOn)}`,
            )
            .join('; '),
          inPeriod.map(recognitionEvidence),
        );
      }
      return failed(
        rule.kind,
        label,
        `${nominee.name} không có quyết định công nhận đạt chuẩn (${levelsLabel(rule.levels)}) còn hiệu lực trong giai đoạn ${movement.fromYear}-${movement.toYear}`,
      );
    }
    case 'leads-cluster': {
      const s = record.standing;
      if (!s)
        return failed(
          rule.kind,
          label,
          `Chưa có kết quả chấm điểm, xếp hạng cụm, khối thi đua năm ${year} của ${nominee.name}`,
        );
      const evidence: Evidence = {
        kind: 'cluster-rank',
        clusterId: s.clusterId,
        clusterName: s.clusterName,
        year: s.year,
        rank: s.rank,
        score: s.score,
      };
      if (s.leader)
        return passed(rule.kind, label, `Dẫn đầu ${s.clusterName} năm ${s.year} (${s.score} điểm)`, [
          evidence,
        ]);
      return failed(
        rule.kind,
        label,
        `Xếp hạng ${s.rank}/${s.of} trong ${s.clusterName} năm ${s.year} (${s.score} điểm), không dẫn đầu`,
      );
    }
    case 'consecutive-titles': {
      const last = rule.endingWith === 'nomination-year' ? year : year - 1;
      const years = Array.from({ length: rule.years }, (_, i) => last - rule.years + 1 + i);
      const held = record.awards.filter((a) => a.awardTypeId === rule.awardTypeId && !a.revoked);
      const missing = years.filter((y) => !held.some((a) => a.year === y));
      if (missing.length === 0) {
        const used = years.map((y) => held.find((a) => a.year === y)!);
        return passed(
          rule.kind,
          label,
          `Đạt danh hiệu ${rule.title} các năm ${years.join(', ')}`,
          used.map((a) => ({
            kind: 'award',
            awardId: a.awardId,
            awardTypeId: a.awardTypeId,
            year: a.year,
            decisionNumber: a.decisionNumber,
          })),
        );
      }
      return failed(
        rule.kind,
        label,
        `Không đạt danh hiệu ${rule.title} năm ${missing.join(', ')}: chuỗi ${rule.years} năm liên tục ${years[0]}-${last} bị gián đoạn`,
      );
    }
    case 'not-awarded-in-earlier-period': {
      const earlier = record.awards.filter(
        (a) => !a.revoked && rule.awardTypeIds.includes(a.awardTypeId) && a.year < movement.fromYear,
      );
      if (earlier.length === 0)
        return passed(rule.kind, label, `Chưa được khen thưởng hình thức này trước năm ${movement.fromYear}`);
      const a = earlier[0];
      return failed(
        rule.kind,
        label,
        `Đã được khen thưởng năm ${a.year} (Quyết định số ${a.decisionNumber}) ở giai đoạn trước`,
      );
    }
    default: {
      const _exhaustive: never = rule;
      return _exhaustive;
    }
  }
};

const quotaUseOf = (q: QuotaSpec, record: EligibilityRecord): QuotaUse => {
  const baseCount = record.counts[q.base] ?? 0;
  return {
    base: q.base,
    baseCount,
    capacity: quotaCapacity(baseCount, q.share, q.rounding),
    used: record.quotaUse[q.key] ?? 0,
  };
};

/** The places taken, and how the quota came to its size (a share of a counted base, rounded). */
const useDetail = (q: QuotaSpec, u: QuotaUse): string =>
  `Đã đề nghị ${u.used}/${u.capacity} suất; chỉ tiêu ${u.capacity} suất = ${quotaArithmetic(q, u.baseCount)}`;

/**
 * The quotas of the award type in the movement: the nominee takes a place in the first whose base it belongs
 * to and that has room. A commune in none of their bases is refused; another nominee outside them is not bound.
 */
const quotaCheck = (
  input: EligibilityInput,
): { check: EligibilityCheck; quota: QuotaUse | null; quotaKey: string | null } | null => {
  const { awardType, nominee, movement, record } = input;
  const specs = quotasFor(movement, awardType);
  if (specs.length === 0) return null;
  const label = `Trong tỷ lệ tối đa ${specs.map(quotaLabel).join(' hoặc ')}`;
  const facts = {
    recognitions: record.recognitions,
    acknowledged: record.acknowledgements.map((a) => a.level),
    leadsCluster: record.standing?.leader === true,
  };
  const mine = specs.filter((q) => inQuotaBase(q, nominee, facts, movement));
  if (mine.length === 0) {
    const check =
      nominee.kind === 'commune'
        ? failed(
            'quota',
            label,
            `${nominee.name} không thuộc cơ sở tính chỉ tiêu nào của ${awardType.name} trong phong trào`,
          )
        : notApplicable('quota', label, nominee);
    return { check, quota: null, quotaKey: null };
  }
  const uses = mine.map((q) => ({ q, u: quotaUseOf(q, record) }));
  const free = uses.find(({ u }) => u.used < u.capacity);
  if (free)
    return { check: passed('quota', label, useDetail(free.q, free.u)), quota: free.u, quotaKey: free.q.key };
  return {
    check: failed('quota', label, `Hết chỉ tiêu: ${uses.map(({ q, u }) => useDetail(q, u)).join('; ')}`),
    quota: uses[0].u,
    quotaKey: uses[0].q.key,
  };
};

/** Every rule checked, passed or failed: a nomination is refused with all its failures, never only the first. */
export const checkEligibility = (input: EligibilityInput): EligibilityReport => {
  const { awardType, nominee } = input;
  const kindLabel = `Đối tượng: ${awardType.nomineeKinds.map((k) => nomineeKindLabels[k]).join(', ')}`;
  const kindCheck = awardType.nomineeKinds.includes(nominee.kind)
    ? passed('nominee-kind', kindLabel, `${nominee.name} là ${nomineeKindLabels[nominee.kind]}`)
    : failed('nominee-kind', kindLabel, `${awardType.name} không xét cho ${nomineeKindLabels[nominee.kind]}`);
  const quota = quotaCheck(input);
  const checks = [
    kindCheck,
    ...awardType.rules.filter(isRecordRule).map((rule) => checkRule(rule, input)),
    ...(quota ? [quota.check] : []),
  ];
  return {
    awardTypeId: awardType.id,
    awardTypeName: awardType.name,
    eligible: checks.every((c) => c.status !== 'failed'),
    checks,
    quota: quota?.quota ?? null,
    quotaKey: quota?.quotaKey ?? null,
  };
};

/** The evidence the passed checks relied on, once each. */
export const evidenceOf = (report: EligibilityReport): Evidence[] => {
  const seen = new Set<string>();
  return report.checks
    .filter((c) => c.status === 'passed')
    .flatMap((c) => c.evidence)
    .filter((e) => {
      const key = JSON.stringify(e);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
};

/** The recognitions (dossier ids) an award on this report rests on: revoking one flags the award. */
export const restsOn = (evidence: readonly Evidence[]): string[] => [
  ...new Set(evidence.flatMap((e) => (e.kind === 'recognition' ? [e.dossierId] : []))),
];

/** The quota key a report's nomination holds; reports made before movement quotas name none: the award type's. */
export const quotaKeyOfReport = (
  report: Pick<EligibilityReport, 'awardTypeId' | 'quota'> & { readonly quotaKey?: string | null },
): string | null => report.quotaKey ?? (report.quota ? report.awardTypeId : null);
