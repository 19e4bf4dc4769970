export type { DocumentStore, StoredDocument } from './port';
export { detectMediaType, MEDIA_TYPE_LABELS, type DocumentMediaType } from './media-type';
export {
  checkDocument,
  DEFAULT_DOCUMENT_POLICY,
  documentPolicyFromEnv,
  sanitizeFileName,
  type CheckedDocument,
  type DocumentPolicy,
  type NewDocument,
} from './policy';
export {
  LocalDiskDocumentStore,
  localDiskDocumentStoreFromEnv,
  type LocalDiskDocumentStoreOptions,
} from './local-disk-store';
