import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Queue, UnrecoverableError, type Job } from 'bullmq';
import { DomainError } from '@ntm/decider';
import type { RecordedEvent } from '@ntm/event-store';
import { deadlineJobId, type EventOf } from '@ntm/recognition';
import { Clock } from '@ntm/application';
import { ExecuteDossierCommand } from '../../api/src/dossiers/dossier.messages';
import { systemActor } from './system-actor';

export const DEADLINES_QUEUE = 'deadlines';

export interface DeadlineJob {
  readonly dossierId: string;
  readonly step: string;
  readonly round: number;
  readonly dueAt: string;
  /** The StepOpened event that set this deadline. */
  readonly causationId: string;
  readonly correlationId: string;
}

/**
 * Process manager: every StepOpened with a due date becomes a delayed job. The job id is deterministic,
 * so replaying the same event after a crash schedules nothing twice.
 */
export class DeadlineScheduler {
  constructor(
    private readonly queue: Queue<DeadlineJob>,
    private readonly clock: Clock,
  ) {}

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const e of events) {
      if (e.type !== 'StepOpened') continue;
      const { step, round, dueAt } = (e as unknown as EventOf<'StepOpened'>).data;
      if (!dueAt) continue;
      const dossierId = e.streamId.replace(/^dossier-/, '');
      await this.queue.add(
        'step-deadline',
        { dossierId, step, round, dueAt, causationId: e.eventId, correlationId: e.metadata.correlationId },
        {
          jobId: deadlineJobId(dossierId, step, round),
          delay: Math.max(0, new Date(dueAt).getTime() - this.clock.now().getTime()),
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      );
    }
  }
}

/** When a deadline passes, ask the dossier to mark the step overdue; a stale timer changes nothing. */
@Processor(DEADLINES_QUEUE)
export class DeadlineProcessor extends WorkerHost {
  private readonly logger = new Logger('Deadlines');

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async process(job: Job<DeadlineJob>): Promise<number> {
    const { dossierId, step, round, causationId, correlationId } = job.data;
    try {
      const outcome = await this.commands.execute(
        new ExecuteDossierCommand(
          dossierId,
          'MarkStepOverdue',
          { step, round },
          { actor: systemActor('deadline-timer'), correlationId, idempotencyKey: job.id },
          causationId,
        ),
      );
      if (outcome.events.length)
        this.logger.log(`dossier ${dossierId}: step ${step} (round ${round}) overdue`);
      return outcome.events.length;
    } catch (e) {
      // A rule of the domain will not change on retry; infrastructure failures will.
      if (e instanceof DomainError) throw new UnrecoverableError(`${e.code}: ${e.message}`);
      throw e;
    }
  }
}
