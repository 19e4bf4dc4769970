import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { DomainError } from '@ntm/decider';
import { Clock } from '@ntm/application';
import { SURVEY_CLOSING_QUEUE, type SurveyCloseJob } from '../../../api/src/surveys/survey-closing';
import { SurveyCompletion, type ClosingOutcome } from '../../../api/src/surveys/survey-completion';
import { systemActor } from '../system-actor';
import { DueTimers } from '../timers/due-timers';

/**
 * At the end of a survey's period: close it as the system and post the result. The dossier is not this job's: the
 * survey-result process manager takes the result there from SurveyClosed (one path, retried until done or refused). A timer that fires after the Front closed and posted the
 * survey finds every step done and does nothing. The timer row is marked done once it has run or was refused.
 */
@Processor(SURVEY_CLOSING_QUEUE)
export class SurveyClosingProcessor extends WorkerHost {
  private readonly logger = new Logger('SurveyClosing');

  constructor(
    private readonly completion: SurveyCompletion,
    private readonly timers: DueTimers,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<SurveyCloseJob>, token?: string): Promise<ClosingOutcome['status'] | 'refused'> {
    const { surveyId, posting, causationId, correlationId } = job.data;
    let outcome: ClosingOutcome;
    try {
      outcome = await this.completion.closeAndPost(surveyId, {
        actor: systemActor('survey-closing'),
        posting,
        causationId,
        correlationId,
      });
    } catch (e) {
      // A rule of the domain will not change on retry: the timer is done, the refusal logged.
      if (!(e instanceof DomainError)) throw e;
      this.logger.warn(`survey ${surveyId}: closing refused: ${e.code}: ${e.message}`);
      await this.timers.markDone(job.id!, `refused: ${e.code}`);
      return 'refused';
    }
    if (outcome.status === 'open') {
      // Fired before the period ended (clocks disagree): wait for the rest of it.
      const closesAt = Date.parse(job.data.closesAt);
      await job.moveToDelayed(Date.now() + Math.max(1000, closesAt - this.clock.now().getTime()), token);
      throw new DelayedError();
    }
    await this.timers.markDone(job.id!, outcome.status);
    this.logger.log(`survey ${surveyId}: ${outcome.status}`);
    return outcome.status;
  }
}
