import { MEDIA_TYPE_LABELS, type DocumentMediaType } from './media-type';

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
