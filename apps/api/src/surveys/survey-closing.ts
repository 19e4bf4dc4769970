import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { RecordedEvent } from '@ntm/event-store';
import type { SurveyOpened } from '@ntm/survey';
import type { Clock } from '@ntm/application';

export const SURVEY_CLOSING_QUEUE = 'survey-closing';

/** BullMQ job id of a survey's closing timer (BullMQ forbids ':' in ids): one timer per survey. */
export const surveyCloseJobId = (surveyId: string): string => `survey-close__${surveyId}`;

/** How the result is posted once the survey closes; absent fields take the defaults. */
export interface PostingPlan {
  readonly days?: number;
  readonly places?: readonly string[];
}

export interface SurveyCloseJob {
  readonly surveyId: string;
  readonly closesAt: string;
  readonly posting?: PostingPlan;
  /** The SurveyOpened event, when a process manager scheduled the job. */
  readonly causationId?: string;
  readonly correlationId?: string;
}

/**
 * Schedules the delayed job that closes a survey when its period ends. The job id is deterministic, so the
 * open route and the process manager (replaying SurveyOpened after a crash) never schedule a survey twice.
 */
export class SurveyClosingScheduler {
  private readonly logger = new Logger('SurveyClosing');

  constructor(
    private readonly queue: Queue<SurveyCloseJob>,
    private readonly clock: Clock,
  ) {}

  async schedule(job: SurveyCloseJob): Promise<void> {
    await this.queue.add('close-survey', job, {
      jobId: surveyCloseJobId(job.surveyId),
      delay: Math.max(0, Date.parse(job.closesAt) - this.clock.now().getTime()),
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  /** The process manager's entry: every SurveyOpened read from the store gets its timer. */
  async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const e of events) {
      if (e.type !== 'SurveyOpened') continue;
      const { surveyId, period } = (e as unknown as RecordedEvent<'SurveyOpened', SurveyOpened['data']>).data;
      await this.schedule({
        surveyId,
        closesAt: period.closesAt,
        causationId: e.eventId,
        correlationId: e.metadata.correlationId,
      });
    }
  }

  /** After the Front closed the survey by hand the timer has nothing to do; failing to drop it is harmless. */
  async cancel(surveyId: string): Promise<void> {
    await this.queue
      .remove(surveyCloseJobId(surveyId))
      .catch((e) => this.logger.warn(`cancel ${surveyId}: ${e}`));
  }
}
