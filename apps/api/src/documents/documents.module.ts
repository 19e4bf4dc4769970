import { Module } from '@nestjs/common';
import { documentPolicyFromEnv, LocalDiskDocumentStore } from '@ntm/documents';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { DOCUMENT_STORE, DocumentsController } from './documents.controller';

@Module({
  controllers: [DocumentsController],
  providers: [
    {
      provide: DOCUMENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new LocalDiskDocumentStore({ root: config.documentsDir, policy: documentPolicyFromEnv() }),
    },
  ],
  exports: [DOCUMENT_STORE],
})
export class DocumentsModule {}
