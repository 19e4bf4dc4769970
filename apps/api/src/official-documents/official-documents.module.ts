import { Module } from '@nestjs/common';
import { LawModule } from '../dossiers/law.module';
import { PlaceNames } from './place-names';

/** What every official document needs from the system: the names of the places it is issued in and for. */
@Module({ imports: [LawModule], providers: [PlaceNames], exports: [PlaceNames] })
export class OfficialDocumentsModule {}
