import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DossiersModule } from '../../../api/src/dossiers/dossiers.module';
import { SURVEY_CLOSING_QUEUE } from '../../../api/src/surveys/survey-closing';
import { SurveysModule } from '../../../api/src/surveys/surveys.module';
import { SurveyClosingProcessor } from './survey-closing.processor';

/**
 * The survey's closing timer. Import it into a module that has BullModule.forRoot; it exports the
 * SurveyClosingScheduler, whose `handle(events)` a process manager runs on SurveyOpened (streams 'survey-').
 */
@Module({
  imports: [BullModule.registerQueue({ name: SURVEY_CLOSING_QUEUE }), SurveysModule, DossiersModule],
  providers: [SurveyClosingProcessor],
  exports: [SurveysModule],
})
export class SurveysWorkerModule {}
