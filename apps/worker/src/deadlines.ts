import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DelayedError, type Job } from 'bullmq';
import { DomainError } from '@ntm/decider';
import { Clock, type CommandOutcome } from '@ntm/application';
import { DossierStepCommand } from '../../api/src/dossiers/dossier.handlers';
import { systemActor } from './system-actor';
import { DEADLINES_QUEUE, DueTimers, type DeadlineJob } from './timers/due-timers';

export { DEADLINES_QUEUE, type DeadlineJob } from './timers/due-timers';

/**
 * When a step's deadline passes, ask the dossier to mark the step overdue; a stale timer changes nothing. The
 * timer (a due_timers row, from StepOpened) is marked done once the command succeeded or was refused; any
 * other failure is retried by BullMQ, and after that by reconciliation, which schedules the row again.
 */
@Processor(DEADLINES_QUEUE)
export class DeadlineProcessor extends WorkerHost {
  private readonly logger = new Logger('Deadlines');

  constructor(
    private readonly commands: CommandBus,
    private readonly timers: DueTimers,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<DeadlineJob>, token?: string): Promise<number> {
    const { dossierId, step, round, dueAt, causationId, correlationId } = job.data;
    const early = Date.parse(dueAt) - this.clock.now().getTime();
    if (early > 0) {
      // Due later than this process's clock says now (the clock was moved back): wait, decide nothing yet.
      await job.moveToDelayed(Date.now() + early, token);
      throw new DelayedError();
    }
    try {
      const outcome = await this.commands.execute<DossierStepCommand<'MarkStepOverdue'>, CommandOutcome>(
        new DossierStepCommand(
          dossierId,
          { type: 'MarkStepOverdue', data: { step, round } },
          { actor: systemActor('deadline-timer'), correlationId, idempotencyKey: job.id },
          causationId,
        ),
      );
      if (outcome.events.length)
        this.logger.log(`dossier ${dossierId}: step ${step} (round ${round}) overdue`);
      await this.timers.markDone(job.id!, outcome.events.length ? 'overdue' : 'stale');
      return outcome.events.length;
    } catch (e) {
      // A rule of the domain will not change on retry: the timer is done, the refusal logged.
      if (!(e instanceof DomainError)) throw e;
      this.logger.warn(
        `dossier ${dossierId}: deadline of ${step} (round ${round}) refused: ${e.code}: ${e.message}`,
      );
      await this.timers.markDone(job.id!, `refused: ${e.code}`);
      return 0;
    }
  }
}
