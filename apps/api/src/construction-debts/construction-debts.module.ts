import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { LawModule } from '../dossiers/law.module';
import { ReportsModule } from '../reports/reports.module';
import { ConstructionDebtsController } from './construction-debts.controller';

/** The communes' construction-debt ledgers and the province's list of communes that owe. */
@Module({ imports: [DocumentsModule, LawModule, ReportsModule], controllers: [ConstructionDebtsController] })
export class ConstructionDebtsModule {}
