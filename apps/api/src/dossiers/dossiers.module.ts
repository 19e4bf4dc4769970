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
import { CommunesController, CriteriaSetsController, ProvinceProceduresController } from './law.controller';
import { LawRegistry } from './law.registry';

@Module({
  imports: [DocumentsModule, OfficialDocumentsModule],
  controllers: [DossiersController, CriteriaSetsController, ProvinceProceduresController, CommunesController],
  providers: [
    LawRegistry,
    OpenDossierHandler,
    DossierStepHandler,
    GetDossierHandler,
    GetDossierHistoryHandler,
    ListDossierDocumentsHandler,
    GetDossierDocumentHandler,
  ],
})
export class DossiersModule {}
