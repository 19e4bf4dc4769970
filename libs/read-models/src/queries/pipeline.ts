import type { EntityManager } from 'typeorm';
import type { StepRow } from '../projectors/pipeline';
import { stepLabels, type StepId } from '@ntm/recognition';
import { workingDaysBetween, type WorkingCalendar } from '@ntm/calendar';
import {
  Conditions,
  daysBetween,
  byYearAndCriteriaPeriod,
  iso,
  scopeConditions,
  rowsOf,
  type Scope,
  type YearAndCriteriaPeriod,
} from './sql';

export interface PipelineTables {
  readonly steps: string;
  readonly returns: string;
}

export interface PipelineFilter extends Scope, YearAndCriteriaPeriod {
  readonly level?: string;
  readonly now: Date;
  /** The working-day calendar the deadlines are counted on (holidays loaded by the administrator included). */
  readonly calendar: WorkingCalendar;
}

export interface StepFigures {
  readonly step: string;
  readonly stepLabel: string;
  /** Dossiers whose current step this is. */
  readonly open: number;
  readonly openOverdue: number;
  /** Steps of this kind that have finished, and how long they took in days. */
  readonly completed: number;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  /** The same in working days, counted as deadlines are (the opening day not counted, the closing day counted). */
  readonly medianWorkingDays: number | null;
  readonly p90WorkingDays: number | null;
  /** Steps of this kind ever marked or found overdue. */
  readonly everOverdue: number;
}

export interface OverdueStep {
  readonly dossierId: string;
  readonly communeCode: string;
  readonly districtCode: string | null;
  readonly step: string;
  readonly stepLabel: string;
  readonly round: number;
  readonly dueAt: string;
  readonly daysOverdue: number;
}

export interface PipelineReport {
  readonly steps: StepFigures[];
  readonly returnsPerRound: {
    readonly round: number;
    readonly returns: number;
    readonly byStep: Record<string, number>;
  }[];
  readonly overdue: OverdueStep[];
}

interface StepsRow {
  step: string;
  open: number;
  open_overdue: number;
  completed: number;
  median: number | null;
  p90: number | null;
  ever_overdue: number;
}

const label = (step: string) => stepLabels[step as StepId] ?? step;

/** The p-quantile of ascending `sorted` values, interpolated between neighbours (PostgreSQL's percentile_cont). */
export const percentile = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * p;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
};

export interface FinishedStep {
  readonly step: string;
  readonly openedAt: string;
  readonly closedAt: string;
}

/** Median and 90th percentile of the working days each kind of step took. */
export const workingDayFigures = (
  steps: readonly FinishedStep[],
  calendar: WorkingCalendar,
): Map<string, { median: number | null; p90: number | null }> => {
  const days = new Map<string, number[]>();
  for (const s of steps) {
    const list = days.get(s.step) ?? [];
    list.push(workingDaysBetween(s.openedAt, s.closedAt, calendar));
    days.set(s.step, list);
  }
  return new Map(
    [...days].map(([step, list]) => {
      const sorted = list.sort((a, b) => a - b);
      return [step, { median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) }];
    }),
  );
};

/** Dossiers per step, median and 90th-percentile days per step, returns per round, overdue steps. */
export const queryPipeline = async (
  m: EntityManager,
  t: PipelineTables,
  f: PipelineFilter,
): Promise<PipelineReport> => {
  const filters = () =>
    byYearAndCriteriaPeriod(scopeConditions(f, new Conditions()), f).add('level = $?', f.level);
  const c = filters();
  const lateAt = (now: string) =>
    `(overdue OR (due_at IS NOT NULL AND due_at < coalesce(closed_at, ${now}::timestamptz)))`;
  const late = lateAt(c.param(f.now.toISOString()));
  const steps = await rowsOf<StepsRow>(
    m,
    `SELECT step,
            count(*) FILTER (WHERE closed_at IS NULL)::int AS open,
            count(*) FILTER (WHERE closed_at IS NULL AND ${late})::int AS open_overdue,
            count(*) FILTER (WHERE closed_at IS NOT NULL)::int AS completed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90,
            count(*) FILTER (WHERE ${late})::int AS ever_overdue
       FROM ${t.steps} ${c.sql} GROUP BY step ORDER BY step`,
    c.params,
  );
  const d = filters().raw('closed_at IS NOT NULL');
  const finished = await rowsOf<{ step: string; opened_at: Date; closed_at: Date }>(
    m,
    `SELECT step, opened_at, closed_at FROM ${t.steps} ${d.sql}`,
    d.params,
  );
  const working = workingDayFigures(
    finished.map((s) => ({ step: s.step, openedAt: iso(s.opened_at)!, closedAt: iso(s.closed_at)! })),
    f.calendar,
  );
  const r = filters();
  const returns = await rowsOf<{ round: number; step: string; returns: number }>(
    m,
    `SELECT round, step, count(*)::int AS returns FROM ${t.returns} ${r.sql} GROUP BY round, step ORDER BY round, step`,
    r.params,
  );
  const o = filters().raw('closed_at IS NULL');
  o.raw(lateAt(o.param(f.now.toISOString())));
  const overdue = await rowsOf<StepRow>(
    m,
    `SELECT * FROM ${t.steps} ${o.sql} ORDER BY due_at, dossier_id`,
    o.params,
  );
  const perRound = new Map<number, { round: number; returns: number; byStep: Record<string, number> }>();
  for (const r of returns) {
    const entry = perRound.get(r.round) ?? {
      round: r.round,
      returns: 0,
      byStep: {},
    };
    entry.returns += r.returns;
    entry.byStep[r.step] = r.returns;
    perRound.set(r.round, entry);
  }
  return {
    steps: steps.map((s): StepFigures => ({
      step: s.step,
      stepLabel: label(s.step),
      open: s.open,
      openOverdue: s.open_overdue,
      completed: s.completed,
      medianDays: s.median,
      p90Days: s.p90,
      medianWorkingDays: working.get(s.step)?.median ?? null,
      p90WorkingDays: working.get(s.step)?.p90 ?? null,
      everOverdue: s.ever_overdue,
    })),
    returnsPerRound: [...perRound.values()],
    overdue: overdue.map((s): OverdueStep => ({
      dossierId: s.dossier_id,
      communeCode: s.commune_code,
      districtCode: s.district_code,
      step: s.step,
      stepLabel: label(s.step),
      round: s.round,
      dueAt: iso(s.due_at)!,
      daysOverdue: daysBetween(s.due_at!, f.now),
    })),
  };
};
