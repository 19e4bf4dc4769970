import { Module } from '@nestjs/common';
import { DossiersController } from './dossiers.controller';
import { ExecuteDossierHandler } from './dossier.handlers';
import { GetDossierHandler, GetDossierHistoryHandler } from './dossier.queries';

@Module({
  controllers: [DossiersController],
  providers: [ExecuteDossierHandler, GetDossierHandler, GetDossierHistoryHandler],
})
export class DossiersModule {}
