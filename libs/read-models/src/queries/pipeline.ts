import type { EntityManager } from 'typeorm';
import type { StepRow } from '../projectors/pipeline';
import { stepLabels, type StepId } from '@ntm/recognition';
import { Conditions, daysBetween, iso, scopeConditions, rowsOf, type Scope } from './sql';

export interface PipelineTables {
  readonly steps: string;
  readonly returns: string;
}

export interface PipelineFilter extends Scope {
  readonly year?: number;
  readonly level?: string;
  readonly now: Date;
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

/** Dossiers per step, median and 90th-percentile days per step, returns per round, overdue steps. */
export const queryPipeline = async (
  m: EntityManager,
  t: PipelineTables,
  f: PipelineFilter,
): Promise<PipelineReport> => {
  const filters = () =>
    scopeConditions(f, new Conditions()).add('year = $?', f.year).add('level = $?', f.level);
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
