import { DomainError } from '@ntm/decider';
import type { DocumentStore } from '@ntm/documents';

// Fields of dossier commands that cite stored documents by SHA-256.
const DOCUMENT_FIELDS = new Set(['evidence', 'report', 'minutes', 'documents']);

/** Every document a command's data cites, with the path of the field that cites it. */
export const documentReferences = (data: unknown, path = ''): { field: string; sha256: string }[] => {
  if (Array.isArray(data)) return data.flatMap((item, i) => documentReferences(item, `${path}[${i}]`));
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) => {
    const field = path ? `${path}.${key}` : key;
    if (!DOCUMENT_FIELDS.has(key)) return documentReferences(value, field);
    const cited = Array.isArray(value)
      ? value.map((v, i) => ({ v, f: `${field}[${i}]` }))
      : [{ v: value, f: field }];
    return cited
      .filter(({ v }) => typeof v === 'string')
      .map(({ v, f }) => ({ field: f, sha256: v as string }));
  });
};

/** Evidence must exist before an event may cite it: refuse the command naming every missing document. */
export const assertDocumentsExist = async (data: unknown, documents: DocumentStore): Promise<void> => {
  const refs = documentReferences(data);
  const present = await Promise.all(refs.map((r) => documents.has(r.sha256)));
  const missing = refs.filter((_, i) => !present[i]);
  if (missing.length === 0) return;
  throw new DomainError(
    'invalid',
    'DOCUMENT_NOT_FOUND',
    `Tài liệu chưa được tải lên: ${missing.map((m) => `${m.field} (${m.sha256.slice(0, 12)}…)`).join('; ')}. Hãy tải tài liệu lên trước (POST /api/v1/documents) rồi dẫn chiếu SHA-256`,
    missing.map((m) => ({
      code: 'DOCUMENT_NOT_FOUND',
      field: m.field,
      message: `Tài liệu ${m.sha256} ở trường '${m.field}' chưa được tải lên`,
    })),
  );
};
