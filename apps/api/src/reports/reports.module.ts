import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { ReadModels } from './read-models.service';
import { ReferenceController } from './reference.controller';
import { ReportsController } from './reports.controller';

/** Query API over the read models, the plan and the administrative units. */
@Module({
  imports: [DossiersModule],
  controllers: [ReportsController, ReferenceController],
  providers: [ReadModels],
  exports: [ReadModels],
})
export class ReportsModule {}
