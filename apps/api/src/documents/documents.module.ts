import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_DOCUMENT_POLICY,
  PostgresDocumentStore,
  S3DocumentStore,
  type DocumentStore,
} from '@ntm/documents';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { ReportsModule } from '../reports/reports.module';
import { DocumentAccess } from './document-access';
import { DOCUMENT_STORE, DocumentsController } from './documents.controller';

/** The configured store: PostgreSQL (default) or an S3-compatible bucket; either is shared by every replica. */
export const documentStoreFor = (config: AppConfig): DocumentStore => {
  const policy = { ...DEFAULT_DOCUMENT_POLICY, maxBytes: config.documentMaxBytes };
  if (config.documentStore === 's3') {
    if (!config.s3) throw new Error('DOCUMENT_STORE=s3 needs the S3_* settings (S3_BUCKET at least)');
    return new S3DocumentStore({ s3: config.s3, policy });
  }
  return new PostgresDocumentStore({ connectionString: config.databaseUrl, schema: config.schema, policy });
};

@Module({
  imports: [ReportsModule],
  controllers: [DocumentsController],
  providers: [
    { provide: DOCUMENT_STORE, inject: [APP_CONFIG], useFactory: documentStoreFor },
    DocumentAccess,
  ],
  exports: [DOCUMENT_STORE, DocumentAccess],
})
export class DocumentsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DOCUMENT_STORE) private readonly store: DocumentStore) {}

  async onModuleInit(): Promise<void> {
    await this.store.install();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
