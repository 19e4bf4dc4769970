import { isDocumentHash } from './port';

/** Fields of commands and events that cite stored documents by SHA-256 (dossiers, nominations, emulation). */
const DOCUMENT_FIELDS = new Set(['evidence', 'report', 'minutes', 'documents']);

export interface DocumentReference {
  /** Path of the citing field, e.g. `criteria[16].evidence[0]`. */
  readonly field: string;
  readonly sha256: string;
}

/**
 * Every document a command's or an event's data cites, with the path of the field that cites it. Only strings
 * are taken; `wellFormed` keeps only real hashes (an event's citations), otherwise every string is returned so a
 * command citing a malformed one is refused naming the field.
 */
export const documentReferences = (data: unknown, path = '', wellFormed = false): DocumentReference[] => {
  if (Array.isArray(data))
    return data.flatMap((item, i) => documentReferences(item, `${path}[${i}]`, wellFormed));
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) => {
    const field = path ? `${path}.${key}` : key;
    if (!DOCUMENT_FIELDS.has(key)) return documentReferences(value, field, wellFormed);
    const cited: { v: unknown; f: string }[] = Array.isArray(value)
      ? (value as unknown[]).map((v, i) => ({ v, f: `${field}[${i}]` }))
      : [{ v: value, f: field }];
    return cited
      .filter(({ v }) => (wellFormed ? isDocumentHash(v) : typeof v === 'string'))
      .map(({ v, f }) => ({ field: f, sha256: wellFormed ? (v as string).toLowerCase() : (v as string) }));
  });
};
