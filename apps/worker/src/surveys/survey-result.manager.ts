import { DomainError, domainEvent } from '@ntm/decider';
import type { RecordedEvent } from '@ntm/event-store';
import type { ManagerCommand, ProcessManager } from '@ntm/read-models';
import { SURVEY_STREAM_PREFIX, type SurveyClosed } from '@ntm/survey';
import type { SurveyCompletion } from '../../../api/src/surveys/survey-completion';
import { systemActor } from '../system-actor';

/**
 * Process manager: a closed survey's result reaches its dossier. The only path when the closing timer closes the
 * survey; after the Front's close, which records it at once when it can, this makes sure it does whatever failed in
 * between. Retried until the dossier holds the result, or the dossier refuses it (recorded in
 * process_manager_refusals and logged).
 */
export class SurveyResultManager implements ProcessManager {
  readonly name = 'pm:survey-result';
  readonly label = 'Chuyển kết quả lấy ý kiến vào hồ sơ';
  readonly handles = ['SurveyClosed'];
  readonly streamPrefixes = [SURVEY_STREAM_PREFIX];

  constructor(private readonly completion: SurveyCompletion) {}

  react(source: RecordedEvent): ManagerCommand[] {
    const { surveyId } = domainEvent<SurveyClosed>(source).data;
    return [
      {
        description: `RecordSurveyResult of survey ${surveyId}`,
        send: async () => {
          try {
            return await this.completion.recordResult(surveyId, systemActor('survey-result'), {
              correlationId: source.metadata.correlationId,
              causationId: source.eventId,
            });
          } catch (e) {
            // Recorded meanwhile by the Front's close (a concurrent append lost the race): done.
            if (e instanceof DomainError && (await this.completion.dossierHolds(surveyId))) return null;
            throw e;
          }
        },
      },
    ];
  }
}
