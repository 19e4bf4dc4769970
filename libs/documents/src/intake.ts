import { createHash, type Hash } from 'node:crypto';
import { DomainError, type Violation } from '@ntm/decider';
import { detectMediaTypeOfEnds, MEDIA_TYPE_LABELS, SIGNATURE_BYTES, signatureOf } from './media-type';
import type { DocumentMediaType } from './media-type';
import { sanitizeFileName, type DocumentPolicy } from './policy';

/** Size of a stored chunk (a PostgreSQL row, a step of a streamed write). */
export const CHUNK_BYTES = 256 * 1024;
/**
 * Last bytes kept to judge an office file (ZIP) by its central directory at the end. A DOCX or XLSX directory
 * takes well under this; one that does not fit is refused as an unrecognised type.
 */
export const TAIL_BYTES = 1024 * 1024;
/** First bytes kept: the signatures, and an OpenDocument file's "mimetype" entry, which comes first. */
const HEAD_BYTES = 4096;

/** An upload as it arrives: the content streams; the name and declared type come first (multipart headers). */
export interface DocumentUpload {
  readonly content: AsyncIterable<Uint8Array> | Buffer;
  readonly fileName: string;
  /** The type the uploader declared; checked against the content, which decides. */
  readonly mediaType: string;
}

export interface CheckedDocument {
  readonly sha256: string;
  readonly mediaType: DocumentMediaType;
  readonly fileName: string;
  readonly size: number;
}

// Declared types that say nothing, and spellings of the known types that some clients send.
const UNSPECIFIED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const ALIASES: Readonly<Record<string, DocumentMediaType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
};
const normaliseDeclared = (mediaType: string): string => {
  const bare = mediaType.split(';')[0].trim().toLowerCase();
  return ALIASES[bare] ?? bare;
};

const mebibytes = (bytes: number) =>
  (bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 2 }) + ' MiB';

const refuse = (violations: readonly Violation[]): DomainError =>
  new DomainError('invalid', violations[0].code, violations.map((v) => v.message).join(' '), violations);

/** True for the error an upload over the size limit raises (the API answers it with 413). */
export const isTooLarge = (error: unknown): boolean =>
  error instanceof DomainError && error.code === 'DOCUMENT_TOO_LARGE';

/**
 * Checks an upload while it streams, so no adapter ever holds the whole file: the file name before any byte,
 * the type from the first bytes before the first chunk is handed on, the size limit as soon as it is passed, and
 * at the end the office formats (by their central directory) and the declared type. Every refusal is a
 * DomainError of kind 'invalid' naming the field; the adapter then discards what it wrote.
 */
export class DocumentIntake {
  readonly fileName: string;
  private readonly hash: Hash = createHash('sha256');
  private size = 0;
  private head = Buffer.alloc(0);
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private signature: DocumentMediaType | 'zip' | undefined;
  private shown: string;

  constructor(
    private readonly upload: DocumentUpload,
    private readonly policy: DocumentPolicy,
  ) {
    this.fileName = sanitizeFileName(upload.fileName);
    this.shown = this.fileName || 'không tên';
    if (!this.fileName) {
      throw refuse([
        {
          code: 'DOCUMENT_FILE_NAME_INVALID',
          field: 'fileName',
          message: 'Tên tệp (trường fileName) không hợp lệ hoặc để trống.',
        },
      ]);
    }
  }

  private allowedLabels(): string {
    return this.policy.allowedMediaTypes.map((t) => MEDIA_TYPE_LABELS[t]).join(', ');
  }

  private typeNotAllowed(): DomainError {
    return refuse([
      {
        code: 'DOCUMENT_TYPE_NOT_ALLOWED',
        field: 'mediaType',
        message: `Nội dung tệp "${this.shown}" không thuộc loại được chấp nhận (trường mediaType): chỉ nhận ${this.allowedLabels()}.`,
      },
    ]);
  }

  private tooLarge(): DomainError {
    return refuse([
      {
        code: 'DOCUMENT_TOO_LARGE',
        field: 'content',
        message: `Tệp "${this.shown}" (trường content) vượt quá giới hạn dung lượng ${mebibytes(this.policy.maxBytes)}.`,
      },
    ]);
  }

  /** Checks the first bytes: refuses content that cannot be one of the allowed kinds. */
  private checkSignature(): void {
    this.signature = signatureOf(this.head);
    const allowed = this.policy.allowedMediaTypes;
    const zipAllowed = allowed.some((t) => t.startsWith('application/vnd.'));
    if (this.signature === undefined) throw this.typeNotAllowed();
    if (this.signature === 'zip' ? !zipAllowed : !allowed.includes(this.signature))
      throw this.typeNotAllowed();
  }

  private observe(bytes: Buffer): void {
    this.size += bytes.length;
    if (this.size > this.policy.maxBytes) throw this.tooLarge();
    this.hash.update(bytes);
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, bytes.subarray(0, HEAD_BYTES - this.head.length)]);
    }
    this.tail.push(bytes);
    this.tailBytes += bytes.length;
    // Keep only what the last TAIL_BYTES need.
    while (this.tail.length > 1 && this.tailBytes - this.tail[0].length >= TAIL_BYTES) {
      this.tailBytes -= this.tail.shift()!.length;
    }
  }

  /**
   * The content in chunks of `chunkSize` bytes (the last one shorter), checked as described above. The first chunk
   * is handed on only once the first bytes passed the type check; a chunk past the size limit never is.
   */
  async *chunks(chunkSize = CHUNK_BYTES): AsyncGenerator<Buffer> {
    const source = Buffer.isBuffer(this.upload.content) ? [this.upload.content] : this.upload.content;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const piece of source) {
      let bytes = Buffer.isBuffer(piece)
        ? piece
        : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      while (bytes.length > 0) {
        const take = bytes.subarray(0, chunkSize - pendingBytes);
        bytes = bytes.subarray(take.length);
        this.observe(take);
        if (this.signature === undefined && this.head.length >= SIGNATURE_BYTES) this.checkSignature();
        pending.push(take);
        pendingBytes += take.length;
        if (pendingBytes === chunkSize) {
          if (this.signature === undefined) this.checkSignature();
          // Copy: the parser may reuse the buffers it handed us.
          yield Buffer.concat(pending, pendingBytes);
          pending = [];
          pendingBytes = 0;
        }
      }
    }
    if (this.size === 0) {
      throw refuse([
        {
          code: 'DOCUMENT_EMPTY',
          field: 'content',
          message: `Tệp "${this.shown}" (trường content) không có nội dung.`,
        },
      ]);
    }
    if (this.signature === undefined) this.checkSignature();
    if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
  }

  /** After every chunk was taken: the final checks (office formats, declared type) and what is to be stored. */
  finish(): CheckedDocument {
    const tail = Buffer.concat(this.tail, this.tailBytes);
    const detected = detectMediaTypeOfEnds(this.head, tail, this.size);
    if (!detected || !this.policy.allowedMediaTypes.includes(detected)) throw this.typeNotAllowed();
    const declared = normaliseDeclared(this.upload.mediaType);
    if (!UNSPECIFIED.has(declared) && declared !== detected) {
      throw refuse([
        {
          code: 'DOCUMENT_TYPE_MISMATCH',
          field: 'mediaType',
          message: `Loại tệp khai báo (trường mediaType) "${this.upload.mediaType}" không khớp với nội dung tệp "${this.shown}" (${MEDIA_TYPE_LABELS[detected]}).`,
        },
      ]);
    }
    return { sha256: this.hash.digest('hex'), mediaType: detected, fileName: this.fileName, size: this.size };
  }
}
