import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { DomainError } from '@ntm/decider';
import { Clock } from '@ntm/application';
import { SURVEY_CLOSING_QUEUE, type SurveyCloseJob } from '../../../api/src/surveys/survey-closing';
import { SurveyCompletion, type CompletionOutcome } from '../../../api/src/surveys/survey-completion';
import { systemActor } from '../system-actor';

/**
 * At the end of a survey's period: close it as the system, record the result on the dossier, post it.
 * A timer that fires after the Front closed the survey finds every step done and does nothing.
 */
@Processor(SURVEY_CLOSING_QUEUE)
export class SurveyClosingProcessor extends WorkerHost {
  private readonly logger = new Logger('SurveyClosing');

  constructor(
    private readonly completion: SurveyCompletion,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<SurveyCloseJob>, token?: string): Promise<CompletionOutcome['status']> {
    const { surveyId, posting, causationId, correlationId } = job.data;
    let outcome: CompletionOutcome;
    try {
      outcome = await this.completion.complete(surveyId, {
        actor: systemActor('survey-closing'),
        posting,
        causationId,
        correlationId,
      });
    } catch (e) {
      // A rule of the domain will not change on retry; infrastructure failures will.
      if (e instanceof DomainError) throw new UnrecoverableError(`${e.code}: ${e.message}`);
      throw e;
    }
    if (outcome.status === 'open') {
      // Fired before the period ended (clocks disagree): wait for the rest of it.
      const closesAt = Date.parse(job.data.closesAt);
      await job.moveToDelayed(Date.now() + Math.max(1000, closesAt - this.clock.now().getTime()), token);
      throw new DelayedError();
    }
    if (outcome.dossierError) {
      throw new UnrecoverableError(
        `survey ${surveyId} closed and posted, dossier refused the result: ${outcome.dossierError.code}: ${outcome.dossierError.message}`,
      );
    }
    this.logger.log(`survey ${surveyId}: ${outcome.status}`);
    return outcome.status;
  }
}
