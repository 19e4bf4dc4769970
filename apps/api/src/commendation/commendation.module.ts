import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
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

/** Emulation and commendation: routes under /api/v1/emulation. Its read side is in memory (no tables to migrate). */
@Module({
  imports: [DocumentsModule],
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
