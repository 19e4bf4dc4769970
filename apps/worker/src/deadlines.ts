import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DelayedError, type Job } from 'bullmq';
import { DomainError } from '@ntm/decider';
import { Clock, type CommandOutcome } from '@ntm/application';
import { DossierStepCommand, type DossierStep } from '../../api/src/dossiers/dossier.handlers';
import { systemActor } from './system-actor';
import {
  DEADLINES_QUEUE,
  DueTimers,
  TIMER_KINDS,
  type DeadlineJob,
  type ReminderJob,
} from './timers/due-timers';

export { DEADLINES_QUEUE, type DeadlineJob } from './timers/due-timers';

type TimerCommand = 'MarkStepOverdue' | 'RemindStepDeadline';

const isReminder = (job: Job<DeadlineJob | ReminderJob>): job is Job<ReminderJob> =>
  job.name === TIMER_KINDS['step-reminder'].job;

/**
 * When a step's deadline passes, ask the dossier to mark the step overdue; when it nears (the step's reminder),
 * ask it to record the reminder. The decider checks both, so a stale timer changes nothing. The timer (a
 * due_timers row, from StepOpened) is marked done once the command succeeded or was refused; any other failure is
 * retried by BullMQ, and after that by reconciliation, which schedules the row again. The job id is the command's
 * Idempotency-Key: a retry, or a second worker, acts once.
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

  async process(job: Job<DeadlineJob | ReminderJob>, token?: string): Promise<number> {
    const { dossierId, step, round, causationId, correlationId } = job.data;
    const reminder = isReminder(job) ? job.data : null;
    const early = Date.parse(reminder?.remindAt ?? job.data.dueAt) - this.clock.now().getTime();
    if (early > 0) {
      // Due later than this process's clock says now (the clock was moved back): wait, decide nothing yet.
      await job.moveToDelayed(Date.now() + early, token);
      throw new DelayedError();
    }
    const command: Extract<DossierStep, { type: TimerCommand }> = reminder
      ? { type: 'RemindStepDeadline', data: { step, round, workingDays: reminder.workingDays } }
      : { type: 'MarkStepOverdue', data: { step, round } };
    const what = reminder ? 'reminder' : 'deadline';
    try {
      const outcome = await this.commands.execute<DossierStepCommand<TimerCommand>, CommandOutcome>(
        new DossierStepCommand(
          dossierId,
          command,
          {
            actor: systemActor(reminder ? 'deadline-reminder' : 'deadline-timer'),
            correlationId,
            idempotencyKey: job.id,
          },
          causationId,
        ),
      );
      const acted = outcome.events.length > 0;
      if (acted)
        this.logger.log(
          `dossier ${dossierId}: step ${step} (round ${round}) ${reminder ? 'nearly due' : 'overdue'}`,
        );
      await this.timers.markDone(job.id!, acted ? (reminder ? 'reminded' : 'overdue') : 'stale');
      return outcome.events.length;
    } catch (e) {
      // A rule of the domain will not change on retry: the timer is done, the refusal logged.
      if (!(e instanceof DomainError)) throw e;
      this.logger.warn(
        `dossier ${dossierId}: ${what} of ${step} (round ${round}) refused: ${e.code}: ${e.message}`,
      );
      await this.timers.markDone(job.id!, `refused: ${e.code}`);
      return 0;
    }
  }
}
