import { Module } from '@nestjs/common';
import { SurveyCompletion } from './survey-completion';
import { SurveyStreams } from './survey-streams';
import {
  CastBallotHandler,
  CloseSurveyHandler,
  EnterPaperBatchHandler,
  ImportRegisterHandler,
  OpenSurveyHandler,
} from './survey.handlers';
import {
  GetBallotFormHandler,
  GetBallotSheetsHandler,
  GetSurveyHandler,
  ListDossierSurveysHandler,
} from './survey.queries';
import { RateLimitModule } from '../http/rate-limit';
import { LawModule } from '../dossiers/law.module';
import { ReportsModule } from '../reports/reports.module';
import { CsvBodyInterceptor, RegisterImportGuard } from './register-upload';
import { SurveysController } from './surveys.controller';

/**
 * The survey routes and the services the worker shares: the per-stream command path and the closing itself.
 * The closing timer is the worker's (a due_timers row from SurveyOpened, executed by BullMQ).
 */
@Module({
  // The ballot route's rate limit guard needs it, also where ApiModule is absent (the worker imports this module).
  imports: [RateLimitModule, LawModule, ReportsModule],
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
    GetBallotFormHandler,
    GetBallotSheetsHandler,
    RegisterImportGuard,
    CsvBodyInterceptor,
  ],
  exports: [SurveyStreams, SurveyCompletion],
})
export class SurveysModule {}
