import { Module } from '@nestjs/common';
import { ReadModels } from './read-models.service';
import { ReportsController } from './reports.controller';

/** Query API over the read models, the plan and the administrative units. */
@Module({
  controllers: [ReportsController],
  providers: [ReadModels],
  exports: [ReadModels],
})
export class ReportsModule {}
