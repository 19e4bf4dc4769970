import { Module } from '@nestjs/common';
import { LawRegistry } from './law.registry';

/** The law as data (criteria sets, province procedures, units, commune records): one registry per process. */
@Module({ providers: [LawRegistry], exports: [LawRegistry] })
export class LawModule {}
