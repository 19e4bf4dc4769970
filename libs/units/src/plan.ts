import { forbidden, invalid, type Command, type Decider, type DomainEvent } from '@ntm/decider';

/**
 * A province's plan for new rural development (e.g. "Kế hoạch 2017/KH-UBND"): targets of communes reaching a
 * level by a year, province-wide or per district (2021-2025). One stream per province; each setting replaces the
 * whole plan and keeps who set it.
 */
export const planStreamId = (provinceCode: string): string => `plan-${provinceCode}`;
export const PLAN_STREAM_PREFIX = 'plan-';

/** Levels in ascending order: a higher level's communes are among the lower level's. */
export const PLAN_LEVELS = ['ntm', 'nang-cao', 'kieu-mau'] as const;
const planLevelLabels: Record<(typeof PLAN_LEVELS)[number], string> = {
  ntm: 'nông thôn mới',
  'nang-cao': 'nông thôn mới nâng cao',
  'kieu-mau': 'nông thôn mới kiểu mẫu',
};

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
  // A higher standard is a subset of the lower one: 20 nâng cao communes are among the 60 NTM communes.
  const byKey = new Map(targets.map((t) => [key(t), t.target]));
  for (const t of targets) {
    const i = (PLAN_LEVELS as readonly string[]).indexOf(t.level);
    if (i < 0)
      throw invalid('INVALID_FIELD', `Mức "${t.level}" không có trong kế hoạch giai đoạn 2021-2025`, 'level');
    const lowerLevel = i > 0 ? PLAN_LEVELS[i - 1] : undefined;
    const lower = lowerLevel ? byKey.get(key({ ...t, level: lowerLevel })) : undefined;
    if (lowerLevel && lower !== undefined && t.target > lower) {
      throw invalid(
        'TARGET_EXCEEDS_LOWER_LEVEL',
        `Chỉ tiêu ${planLevelLabels[PLAN_LEVELS[i]]} năm ${t.year}${t.districtCode ? ` (huyện ${t.districtCode})` : ''} là ${t.target} xã, lớn hơn chỉ tiêu ${planLevelLabels[lowerLevel]} (${lower} xã)`,
        'targets',
      );
    }
  }
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
