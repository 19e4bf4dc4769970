import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { invalid } from '@ntm/decider';
import type { DocumentUpload } from './intake';
import type { DocumentMediaType } from './media-type';

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

/** A stored document opened for reading: its content streams (and fails at the end if it was altered). */
export interface OpenedDocument {
  readonly meta: StoredDocument;
  readonly content: Readable;
}

/**
 * Storage for dossier documents (evidence files), shared by every API replica. Content streams in and out, never
 * whole in memory; it is addressed by its SHA-256, so the same bytes are stored once.
 */
export interface DocumentStore {
  /**
   * Checks the upload while it streams (DocumentIntake: throws DomainError 'invalid', and nothing is kept) and
   * stores it. Idempotent: the same content is stored once, and a later put of it returns the first metadata.
   */
  put(upload: DocumentUpload): Promise<StoredDocument>;
  /** Prepares the storage (tables) if needed; safe to call from replicas starting together. */
  install(): Promise<void>;
  /** null when no document has that hash; throws DomainError 'invalid' for a malformed hash. */
  open(sha256: string): Promise<OpenedDocument | null>;
  /** The metadata, or null; throws DomainError 'invalid' for a malformed hash. */
  stat(sha256: string): Promise<StoredDocument | null>;
  close(): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** The hash in lower case; refuses (400 DOCUMENT_HASH_INVALID) anything but 64 hex digits. */
export const checkHash = (sha256: string): string => {
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
    throw invalid(
      'DOCUMENT_HASH_INVALID',
      'Mã SHA-256 của tài liệu (trường sha256) không hợp lệ: phải gồm 64 chữ số thập lục phân.',
      'sha256',
    );
  }
  return sha256.toLowerCase();
};

export const isDocumentHash = (value: unknown): value is string =>
  typeof value === 'string' && SHA256_HEX.test(value);

/**
 * The content as a stream that checks its hash on the way: a stored file altered behind the store's back ends in
 * an error instead of being served as evidence.
 */
export const verifiedContent = (sha256: string, source: AsyncIterable<Uint8Array>): Readable =>
  Readable.from(
    (async function* () {
      const hash = createHash('sha256');
      for await (const piece of source) {
        hash.update(piece);
        yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      }
      if (hash.digest('hex') !== sha256)
        throw new Error(`Document ${sha256} is corrupt in storage: its content has another hash`);
    })(),
    { objectMode: false },
  );
