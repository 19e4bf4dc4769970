import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { text } from 'express';
import { SurveyCompletion } from './survey-completion';
import { SurveyStreams } from './survey-streams';
import {
  CastBallotHandler,
  CloseSurveyHandler,
  EnterPaperBatchHandler,
  ImportRegisterHandler,
  OpenSurveyHandler,
} from './survey.handlers';
import { GetSurveyHandler, ListDossierSurveysHandler } from './survey.queries';
import { MAX_REGISTER_BYTES, SurveysController } from './surveys.controller';

/**
 * The survey routes and the services the worker shares: the per-stream command path and the closing itself.
 * The closing timer is the worker's (a due_timers row from SurveyOpened, executed by BullMQ).
 */
@Module({
  controllers: [SurveysController],
  providers: [
    SurveyStreams,
    SurveyCompletion,
    OpenSurveyHandler,
    ImportRegisterHandler,
    CastBallotHandler,
    EnterPaperBatchHandler,
    CloseSurveyHandler,
    GetSurveyHandler,
    ListDossierSurveysHandler,
  ],
  exports: [SurveyStreams, SurveyCompletion],
})
export class SurveysModule implements NestModule {
  /** The register may come as a plain CSV body (Content-Type: text/csv) rather than a multipart upload. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: MAX_REGISTER_BYTES }))
      .forRoutes({ path: 'api/v1/surveys/:id/register', method: RequestMethod.POST });
  }
}
