import {
  Inject,
  Module,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Queue } from 'bullmq';
import { text } from 'express';
import IORedis from 'ioredis';
import { APP_CONFIG, type AppConfig, Clock } from '@ntm/application';
import { SURVEY_CLOSING_QUEUE, SurveyClosingScheduler, type SurveyCloseJob } from './survey-closing';
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

const CLOSING_QUEUE = Symbol('SURVEY_CLOSING_QUEUE');

/**
 * The survey routes and the services the worker shares: the per-stream command path, the closing timer's
 * scheduler (its own BullMQ producer, so the API needs no worker) and the closing itself.
 */
@Module({
  controllers: [SurveysController],
  providers: [
    SurveyStreams,
    SurveyCompletion,
    {
      provide: CLOSING_QUEUE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Queue<SurveyCloseJob>(SURVEY_CLOSING_QUEUE, {
          connection: new IORedis(config.redisUrl, { maxRetriesPerRequest: null }),
          prefix: config.queuePrefix,
        }),
    },
    {
      provide: SurveyClosingScheduler,
      inject: [CLOSING_QUEUE, Clock],
      useFactory: (queue: Queue<SurveyCloseJob>, clock: Clock) => new SurveyClosingScheduler(queue, clock),
    },
    OpenSurveyHandler,
    ImportRegisterHandler,
    CastBallotHandler,
    EnterPaperBatchHandler,
    CloseSurveyHandler,
    GetSurveyHandler,
    ListDossierSurveysHandler,
  ],
  exports: [SurveyStreams, SurveyCompletion, SurveyClosingScheduler],
})
export class SurveysModule implements NestModule, OnApplicationShutdown {
  constructor(@Inject(CLOSING_QUEUE) private readonly queue: Queue<SurveyCloseJob>) {}

  /** The register may come as a plain CSV body (Content-Type: text/csv) rather than a multipart upload. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: MAX_REGISTER_BYTES }))
      .forRoutes({ path: 'api/v1/surveys/:id/register', method: RequestMethod.POST });
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = await this.queue.client;
    await this.queue.close();
    await connection.quit().catch(() => undefined);
  }
}
