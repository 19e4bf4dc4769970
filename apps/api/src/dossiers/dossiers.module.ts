import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersController } from './dossiers.controller';
import { DossierStepHandler, OpenDossierHandler } from './dossier.handlers';
import {
  GetDossierDocumentHandler,
  GetDossierHandler,
  GetDossierHistoryHandler,
  ListDossierDocumentsHandler,
} from './dossier.queries';
import { OfficialDocumentsModule } from '../official-documents/official-documents.module';
import {
  CalendarYearsController,
  CommunesController,
  CriteriaSetsController,
  ProvinceProceduresController,
} from './law.controller';
import { LawModule } from './law.module';
import { ListCriteriaSetsHandler } from './law.queries';
import { ReferenceController } from '../reports/reference.controller';
import { ReportsModule } from '../reports/reports.module';

@Module({
  imports: [DocumentsModule, LawModule, OfficialDocumentsModule, ReportsModule],
  controllers: [
    DossiersController,
    CriteriaSetsController,
    ProvinceProceduresController,
    CommunesController,
    CalendarYearsController,
    // The register of units and the plans are written through the law registry; their reports read projections.
    ReferenceController,
  ],
  providers: [
    OpenDossierHandler,
    DossierStepHandler,
    GetDossierHandler,
    GetDossierHistoryHandler,
    ListDossierDocumentsHandler,
    GetDossierDocumentHandler,
    ListCriteriaSetsHandler,
  ],
})
export class DossiersModule {}
