import { DomainError, type Actor } from '@ntm/decider';
import { checkHash, documentReferences } from '@ntm/documents';
import type { DocumentAccess } from '../documents/document-access';

export { documentReferences };

/**
 * Evidence must be stored, and readable by the one who cites it, before an event may cite it: citing grants the
 * dossier's area the right to read, so citing a hash one cannot read would be a way round the access index.
 * Refuses the command naming every such document, in the same words whether it is missing or out of reach.
 */
export const assertDocumentsCitable = async (
  data: unknown,
  actor: Actor,
  access: DocumentAccess,
): Promise<void> => {
  const refs = documentReferences(data).map((r) => ({ ...r, sha256: checkHash(r.sha256) }));
  if (refs.length === 0) return;
  const readable = await access.readable(actor, [...new Set(refs.map((r) => r.sha256))]);
  const missing = refs.filter((r) => !readable.has(r.sha256));
  if (missing.length === 0) return;
  throw new DomainError(
    'invalid',
    'DOCUMENT_NOT_FOUND',
    `Tài liệu chưa được tải lên hoặc không thuộc địa bàn bạn phụ trách: ${missing.map((m) => `${m.field} (${m.sha256.slice(0, 12)}…)`).join('; ')}. Hãy tải tài liệu lên trước (POST /api/v1/documents) rồi dẫn chiếu SHA-256`,
    missing.map((m) => ({
      code: 'DOCUMENT_NOT_FOUND',
      field: m.field,
      message: `Tài liệu ${m.sha256} ở trường '${m.field}' chưa được tải lên hoặc không thuộc địa bàn bạn phụ trách`,
    })),
  );
};
