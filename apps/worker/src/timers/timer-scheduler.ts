import { Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { Clock } from '@ntm/application';
import { TIMER_KINDS, type DueTimer, type DueTimers, type TimerKind } from './due-timers';

const BULK = 500;

/** Every timer job: retried with backoff, removed once done (its row says it fired) or failed (reconciliation re-adds it). */
const jobOptions = (id: string, delay: number): JobsOptions => ({
  jobId: id,
  delay,
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
});

export interface ReconcileResult {
  readonly pending: number;
  /** Jobs that did not exist and were added. */
  readonly added: number;
  /** Delayed jobs whose delay changed (the clock moved). */
  readonly moved: number;
}

/**
 * Hands due timers to BullMQ. A timer's job id is its row id, so adding it again while its job exists does
 * nothing: reconciliation (on start, every `timerReconcileMs`, after Redis lost its data) simply adds every
 * pending row. When the clock moves, each waiting job's delay is set again relative to the new "now".
 */
export class TimerScheduler {
  private readonly logger = new Logger('Timers');

  constructor(
    private readonly timers: DueTimers,
    private readonly queues: Readonly<Record<TimerKind, Queue>>,
    private readonly clock: Clock,
  ) {}

  private delayOf(t: DueTimer): number {
    return Math.max(0, t.dueAt.getTime() - this.clock.now().getTime());
  }

  /** Adds the timers' jobs; existing jobs stay as they are. */
  async schedule(timers: readonly DueTimer[]): Promise<void> {
    for (const kind of Object.keys(TIMER_KINDS) as TimerKind[]) {
      const ofKind = timers.filter((t) => t.kind === kind);
      for (let i = 0; i < ofKind.length; i += BULK) {
        await this.queues[kind].addBulk(
          ofKind.slice(i, i + BULK).map((t) => ({
            name: TIMER_KINDS[kind].job,
            data: t.payload,
            opts: jobOptions(t.id, this.delayOf(t)),
          })),
        );
      }
    }
  }

  /**
   * Every pending timer gets its job. With `reevaluate` (the clock moved), each job is looked at: a missing one is
   * added, a delayed one is moved to its due time under the new clock.
   */
  async reconcile(reevaluate = false): Promise<ReconcileResult> {
    const pending = await this.timers.pending();
    let added = 0;
    let moved = 0;
    const missing: DueTimer[] = [];
    for (const t of pending) {
      const job = await this.queues[t.kind].getJob(t.id);
      if (!job) {
        missing.push(t);
        continue;
      }
      if (reevaluate && (await job.getState()) === 'delayed') {
        await job.changeDelay(this.delayOf(t));
        moved += 1;
      }
    }
    await this.schedule(missing);
    added = missing.length;
    if (added || moved)
      this.logger.log(`reconciled ${pending.length} pending timers: ${added} added, ${moved} moved`);
    return { pending: pending.length, added, moved };
  }
}
