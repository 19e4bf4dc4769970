import { Module } from '@nestjs/common';
import { PlaceNames } from './place-names';

/** What every official document needs from the system: the names of the places it is issued in and for. */
@Module({ providers: [PlaceNames], exports: [PlaceNames] })
export class OfficialDocumentsModule {}
