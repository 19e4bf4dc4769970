import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
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
import { RateLimitModule } from '../http/rate-limit';
import { CsvBodyInterceptor, RegisterImportGuard } from './register-upload';
import { SurveysController } from './surveys.controller';

const CLOSING_QUEUE = Symbol('SURVEY_CLOSING_QUEUE');

/**
 * The survey routes and the services the worker shares: the per-stream command path, the closing timer's
 * scheduler (its own BullMQ producer, so the API needs no worker) and the closing itself.
 */
@Module({
  // The ballot route's rate limit guard needs it, also where ApiModule is absent (the worker imports this module).
  imports: [RateLimitModule],
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
    RegisterImportGuard,
    CsvBodyInterceptor,
  ],
  exports: [SurveyStreams, SurveyCompletion, SurveyClosingScheduler],
})
export class SurveysModule implements OnApplicationShutdown {
  constructor(@Inject(CLOSING_QUEUE) private readonly queue: Queue<SurveyCloseJob>) {}

  async onApplicationShutdown(): Promise<void> {
    const connection = await this.queue.client;
    await this.queue.close();
    await connection.quit().catch(() => undefined);
  }
}
