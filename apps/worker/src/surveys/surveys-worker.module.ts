import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DossiersModule } from '../../../api/src/dossiers/dossiers.module';
import { SURVEY_CLOSING_QUEUE } from '../../../api/src/surveys/survey-closing';
import { SurveysModule } from '../../../api/src/surveys/surveys.module';
import { WorkerCoreModule } from '../worker-core.module';
import { SurveyClosingProcessor } from './survey-closing.processor';

/**
 * The survey's closing timer (its BullMQ processor; the timer itself is a due_timers row from SurveyOpened).
 * Import it into a module that has BullModule.forRoot.
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: SURVEY_CLOSING_QUEUE }),
    SurveysModule,
    DossiersModule,
    WorkerCoreModule,
  ],
  providers: [SurveyClosingProcessor],
  exports: [SurveysModule],
})
export class SurveysWorkerModule {}
