import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersController } from './dossiers.controller';
import { ExecuteDossierHandler } from './dossier.handlers';
import { GetDossierHandler, GetDossierHistoryHandler } from './dossier.queries';
import { CommunesController, CriteriaSetsController, ProvinceProceduresController } from './law.controller';
import { LawRegistry } from './law.registry';

@Module({
  imports: [DocumentsModule],
  controllers: [DossiersController, CriteriaSetsController, ProvinceProceduresController, CommunesController],
  providers: [LawRegistry, ExecuteDossierHandler, GetDossierHandler, GetDossierHistoryHandler],
  exports: [LawRegistry],
})
export class DossiersModule {}
