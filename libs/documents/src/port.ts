import type { DocumentMediaType } from './media-type';
import type { NewDocument } from './policy';

/** A stored evidence file's metadata. The content is addressed by its SHA-256; the file name is metadata only. */
export interface StoredDocument {
  /** Lowercase hex SHA-256 of the content. */
  readonly sha256: string;
  readonly size: number;
  /** Judged by content, not as declared. */
  readonly mediaType: DocumentMediaType;
  /** Sanitised name given by the first upload of this content. */
  readonly fileName: string;
  /** ISO instant of the first upload of this content. */
  readonly storedAt: string;
}

/** Storage for dossier documents (evidence files). */
export interface DocumentStore {
  /**
   * Checks the upload against the policy (throws DomainError 'invalid') and stores it. Idempotent: the same content
   * is stored once, and a later put of it returns the metadata of the first.
   */
  put(input: NewDocument): Promise<StoredDocument>;
  /** null when no document has that hash; throws DomainError 'invalid' for a malformed hash. */
  get(sha256: string): Promise<{ content: Buffer; meta: StoredDocument } | null>;
  has(sha256: string): Promise<boolean>;
}
