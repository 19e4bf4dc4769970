import { Module } from '@nestjs/common';
import { LawModule } from '../dossiers/law.module';
import { ExportTitles } from './export-title';
import { ReadModels } from './read-models.service';
import { ReportsController } from './reports.controller';
import { REPORT_QUERY_HANDLERS } from './reports.queries';

/** Query API over the read models, the plan and the administrative units. */
@Module({
  imports: [LawModule],
  controllers: [ReportsController],
  providers: [ReadModels, ExportTitles, ...REPORT_QUERY_HANDLERS],
  exports: [ReadModels, ExportTitles],
})
export class ReportsModule {}
