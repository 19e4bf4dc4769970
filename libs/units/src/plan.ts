import { forbidden, invalid, type Command, type Decider, type DomainEvent } from '@ntm/decider';
import {
  LEVELS,
  PERIODS,
  levelLabels,
  periodLevels,
  periodOfYear,
  prerequisiteLevel,
  type Level,
} from '@ntm/criteria';

/**
 * A province's plan for new rural development (e.g. "Kế hoạch 2017/KH-UBND"): targets of communes reaching a
 * level by a year, province-wide or per district, at the levels the year's period offers (2026-2030: hiện đại
 * too). One stream per province; each setting replaces the
 * whole plan and keeps who set it.
 */
export const planStreamId = (provinceCode: string): string => `plan-${provinceCode}`;
export const PLAN_STREAM_PREFIX = 'plan-';

export interface PlanTarget {
  readonly year: number;
  readonly level: string;
  readonly target: number;
  /** '' for a province-wide target. */
  readonly districtCode: string;
}

export interface ProvincePlanSetData {
  readonly provinceCode: string;
  readonly title: string;
  readonly reference: string | null;
  readonly targets: readonly PlanTarget[];
  readonly setBy: string;
  readonly setAt: string;
}

export type PlanEvent = DomainEvent<'ProvincePlanSet', ProvincePlanSetData>;

export type SetProvincePlan = Command<
  'SetProvincePlan',
  {
    readonly provinceCode: string;
    readonly title: string;
    readonly reference?: string | null;
    readonly targets: readonly {
      readonly year: number;
      readonly level: string;
      readonly target: number;
      readonly districtCode?: string | null;
    }[];
  }
>;

export interface ProvincePlanState {
  readonly plan: ProvincePlanSetData | null;
}

const key = (t: PlanTarget) => `${t.districtCode}|${t.year}|${t.level}`;

/** A target's level must be one its year's period offers (a 2025 target cannot be hiện đại). */
const requireOfferedLevel = (t: PlanTarget, i: number): void => {
  const period = periodOfYear(t.year);
  if (!period)
    throw invalid(
      'YEAR_OUTSIDE_PERIODS',
      `Năm ${t.year} không thuộc giai đoạn nào của chương trình (${PERIODS.join(', ')})`,
      `targets.${i}.year`,
    );
  const offered = periodLevels[period];
  if (!(LEVELS as readonly string[]).includes(t.level) || !offered.includes(t.level as Level))
    throw invalid(
      'LEVEL_NOT_IN_PERIOD',
      `Mức "${t.level}" không có trong giai đoạn ${period} của năm ${t.year}; giai đoạn này có: ${offered.map((l) => levelLabels[l]).join(', ')}`,
      `targets.${i}.level`,
    );
};

const decideSetPlan = (command: SetProvincePlan, state: ProvincePlanState): PlanEvent[] => {
  const { data, metadata } = command;
  const { actor } = metadata;
  const provincial =
    actor.role === 'province_officer' &&
    actor.jurisdiction.provinceCode === data.provinceCode &&
    actor.jurisdiction.districtCode === undefined;
  if (actor.role !== 'admin' && !provincial) {
    throw forbidden(
      'ROLE_NOT_ALLOWED',
      `Chỉ quản trị hệ thống hoặc cán bộ cấp tỉnh của tỉnh ${data.provinceCode} được nhập kế hoạch của tỉnh`,
    );
  }
  const targets: PlanTarget[] = data.targets.map((t) => ({
    year: t.year,
    level: t.level,
    target: t.target,
    districtCode: t.districtCode ?? '',
  }));
  const seen = new Set<string>();
  const dup = targets.map(key).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
  if (dup.length)
    throw invalid('DUPLICATE_TARGET', `Chỉ tiêu bị trùng (huyện|năm|mức): ${dup.join(', ')}`, 'targets');
  targets.forEach(requireOfferedLevel);
  // A level built on another is a subset of it: 20 nâng cao (or hiện đại) communes are among the 60 NTM communes.
  const byKey = new Map(targets.map((t) => [key(t), t.target]));
  targets.forEach((t) => {
    const lowerLevel = prerequisiteLevel[t.level as Level];
    const lower = lowerLevel ? byKey.get(key({ ...t, level: lowerLevel })) : undefined;
    if (lowerLevel && lower !== undefined && t.target > lower) {
      throw invalid(
        'TARGET_EXCEEDS_LOWER_LEVEL',
        `Chỉ tiêu ${levelLabels[t.level as Level]} năm ${t.year}${t.districtCode ? ` (huyện ${t.districtCode})` : ''} là ${t.target} xã, lớn hơn chỉ tiêu ${levelLabels[lowerLevel]} (${lower} xã)`,
        'targets',
      );
    }
  });
  const plan = {
    provinceCode: data.provinceCode,
    title: data.title,
    reference: data.reference ?? null,
    targets,
  };
  const current = state.plan;
  if (
    current &&
    JSON.stringify([current.title, current.reference, current.targets]) ===
      JSON.stringify([plan.title, plan.reference, plan.targets])
  )
    return [];
  return [{ type: 'ProvincePlanSet', data: { ...plan, setBy: actor.id, setAt: metadata.now } }];
};

export const provincePlanDecider: Decider<SetProvincePlan, PlanEvent, ProvincePlanState> = {
  decide: decideSetPlan,
  evolve: (_state, event) => ({ plan: event.data }),
  initialState: () => ({ plan: null }),
};
