import { Module } from '@nestjs/common';
import { LawModule } from '../dossiers/law.module';
import { ReadModels } from './read-models.service';
import { ReportsController } from './reports.controller';
import { REPORT_QUERY_HANDLERS } from './reports.queries';

/** Query API over the read models, the plan and the administrative units. */
@Module({
  imports: [LawModule],
  controllers: [ReportsController],
  providers: [ReadModels, ...REPORT_QUERY_HANDLERS],
  exports: [ReadModels],
})
export class ReportsModule {}
