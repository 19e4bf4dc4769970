import { DomainError, type Violation } from '@ntm/decider';
import { detectMediaType, MEDIA_TYPE_LABELS, type DocumentMediaType } from './media-type';

export interface DocumentPolicy {
  /** Kinds accepted, judged by content. */
  readonly allowedMediaTypes: readonly DocumentMediaType[];
  /** Largest accepted file, in bytes. */
  readonly maxBytes: number;
}

export const DEFAULT_DOCUMENT_POLICY: DocumentPolicy = {
  allowedMediaTypes: Object.keys(MEDIA_TYPE_LABELS) as DocumentMediaType[],
  maxBytes: 20 * 1024 * 1024,
};

/** The default policy, with the size limit from DOCUMENT_MAX_BYTES when it is set. */
export const documentPolicyFromEnv = (env: NodeJS.ProcessEnv = process.env): DocumentPolicy => {
  const raw = env.DOCUMENT_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_DOCUMENT_POLICY;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new Error(`DOCUMENT_MAX_BYTES must be a positive whole number of bytes, got "${raw}"`);
  }
  return { ...DEFAULT_DOCUMENT_POLICY, maxBytes: Number(raw) };
};

export interface NewDocument {
  readonly content: Buffer;
  readonly fileName: string;
  /** The type the uploader declared; checked against the content, which decides. */
  readonly mediaType: string;
}

export interface CheckedDocument {
  readonly mediaType: DocumentMediaType;
  readonly fileName: string;
  readonly size: number;
}

const MAX_FILE_NAME_LENGTH = 200;

/**
 * The file name as metadata: the last path segment only, without control, format (e.g. right-to-left override)
 * or reserved characters, white space folded, no leading or trailing dots, at most 200 characters (keeping the
 * extension). Vietnamese letters are kept (in NFC). May return '' when nothing usable is left.
 */
export const sanitizeFileName = (fileName: string): string => {
  const base = fileName.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const chars = [...cleaned];
  if (chars.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)].slice(0, 16) : [];
  return [...chars.slice(0, MAX_FILE_NAME_LENGTH - extension.length), ...extension].join('');
};

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

/**
 * Checks an upload against the policy and returns what is to be stored; throws a DomainError of kind 'invalid'
 * listing every violation. The content decides the type: the declared one must agree or say nothing.
 */
export const checkDocument = (input: NewDocument, policy: DocumentPolicy): CheckedDocument => {
  const violations: Violation[] = [];
  const fail = (code: string, field: string, message: string) => violations.push({ code, field, message });
  const fileName = sanitizeFileName(input.fileName);
  const shown = fileName || 'không tên';
  const size = input.content.length;
  const detected = detectMediaType(input.content);
  const allowed = policy.allowedMediaTypes.map((t) => MEDIA_TYPE_LABELS[t]).join(', ');

  if (!fileName)
    fail('DOCUMENT_FILE_NAME_INVALID', 'fileName', 'Tên tệp (trường fileName) không hợp lệ hoặc để trống.');
  if (size === 0) {
    fail('DOCUMENT_EMPTY', 'content', `Tệp "${shown}" (trường content) không có nội dung.`);
  } else if (!detected || !policy.allowedMediaTypes.includes(detected)) {
    fail(
      'DOCUMENT_TYPE_NOT_ALLOWED',
      'mediaType',
      `Nội dung tệp "${shown}" không thuộc loại được chấp nhận (trường mediaType): chỉ nhận ${allowed}.`,
    );
  } else {
    const declared = normaliseDeclared(input.mediaType);
    if (!UNSPECIFIED.has(declared) && declared !== detected) {
      fail(
        'DOCUMENT_TYPE_MISMATCH',
        'mediaType',
        `Loại tệp khai báo (trường mediaType) "${input.mediaType}" không khớp với nội dung tệp "${shown}" (${MEDIA_TYPE_LABELS[detected]}).`,
      );
    }
  }
  if (size > policy.maxBytes) {
    fail(
      'DOCUMENT_TOO_LARGE',
      'content',
      `Tệp "${shown}" (trường content) có dung lượng ${mebibytes(size)}, vượt quá giới hạn ${mebibytes(policy.maxBytes)}.`,
    );
  }
  // `!detected` always comes with a violation above; testing it here lets the compiler see the type is known.
  if (violations.length > 0 || !detected) {
    throw new DomainError(
      'invalid',
      violations[0].code,
      violations.map((v) => v.message).join(' '),
      violations,
    );
  }
  return { mediaType: detected, fileName, size };
};
