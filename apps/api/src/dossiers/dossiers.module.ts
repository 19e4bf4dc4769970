import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersController } from './dossiers.controller';
import { ExecuteDossierHandler } from './dossier.handlers';
import { GetDossierHandler, GetDossierHistoryHandler } from './dossier.queries';

@Module({
  imports: [DocumentsModule],
  controllers: [DossiersController],
  providers: [ExecuteDossierHandler, GetDossierHandler, GetDossierHistoryHandler],
})
export class DossiersModule {}
