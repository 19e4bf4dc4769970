export {
  checkHash,
  isDocumentHash,
  verifiedContent,
  type DocumentStore,
  type OpenedDocument,
  type StoredDocument,
} from './port';
export {
  detectMediaType,
  detectMediaTypeOfEnds,
  MEDIA_TYPE_LABELS,
  signatureOf,
  type DocumentMediaType,
} from './media-type';
export { DEFAULT_DOCUMENT_POLICY, sanitizeFileName, type DocumentPolicy } from './policy';
export {
  CHUNK_BYTES,
  DocumentIntake,
  isTooLarge,
  TAIL_BYTES,
  type CheckedDocument,
  type DocumentUpload,
} from './intake';
export { documentReferences, type DocumentReference } from './references';
export { PostgresDocumentStore, type PostgresDocumentStoreOptions } from './postgres-store';
export { S3DocumentStore, type S3DocumentStoreOptions, type S3Settings } from './s3-store';
