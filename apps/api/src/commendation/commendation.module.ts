import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { LawModule } from '../dossiers/law.module';
import { CommendationReadModel } from './commendation-read-model';
import { CommendationStreams } from './commendation-streams';
import {
  ExecuteNominationHandler,
  ExecuteProgrammeHandler,
  ExecuteRegisterHandler,
  SubmitNominationHandler,
} from './commendation.handlers';
import { EmulationController } from './emulation.controller';
import { NominationsController } from './nominations.controller';
import { ReportsModule } from '../reports/reports.module';
import { OfficialDocumentsModule } from '../official-documents/official-documents.module';

/** Emulation and commendation: routes under /api/v1/emulation. Its read side is the `commendation` projection. */
@Module({
  imports: [ReportsModule, DocumentsModule, LawModule, OfficialDocumentsModule],
  controllers: [EmulationController, NominationsController],
  providers: [
    CommendationReadModel,
    CommendationStreams,
    ExecuteProgrammeHandler,
    SubmitNominationHandler,
    ExecuteNominationHandler,
    ExecuteRegisterHandler,
  ],
  exports: [CommendationReadModel],
})
export class CommendationModule {}
