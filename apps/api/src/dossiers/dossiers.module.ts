import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersController } from './dossiers.controller';
import { ExecuteDossierHandler } from './dossier.handlers';
import { GetDossierHandler, GetDossierHistoryHandler } from './dossier.queries';
import { CommunesController, CriteriaSetsController, ProvinceProceduresController } from './law.controller';
import { LawRegistry } from './law.registry';
import { ReferenceController } from '../reports/reference.controller';
import { ReportsModule } from '../reports/reports.module';

@Module({
  imports: [DocumentsModule, ReportsModule],
  controllers: [
    DossiersController,
    CriteriaSetsController,
    ProvinceProceduresController,
    CommunesController,
    // The register of units and the plans are written through the law registry; their reports read projections.
    ReferenceController,
  ],
  providers: [LawRegistry, ExecuteDossierHandler, GetDossierHandler, GetDossierHistoryHandler],
})
export class DossiersModule {}
