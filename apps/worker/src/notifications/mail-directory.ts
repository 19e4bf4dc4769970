import { readFileSync } from 'node:fs';
import type { NoticeDossier } from '@ntm/read-models';

/** Someone who gets mail: an address, the role they act in and their area (codes they do not have are absent). */
export interface MailRecipient {
  readonly email: string;
  readonly name?: string;
  readonly role: string;
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
}

const EMAIL = /^[^\s@<>",]{1,64}@[^\s@<>",]{1,190}$/;
const CODE = /^\d{2,5}$/;

/** Reads and checks a MAIL_DIRECTORY file; throws naming the first bad entry. */
export const readMailDirectory = (file: string): MailRecipient[] => {
  const entries: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(entries) || entries.length > 10_000)
    throw new Error(`MAIL_DIRECTORY ${file}: expected a list of at most 10000 recipients`);
  return entries.map((e: Record<string, unknown>, i) => {
    const codes = ['provinceCode', 'districtCode', 'communeCode'] as const;
    const ok =
      typeof e?.email === 'string' &&
      EMAIL.test(e.email) &&
      typeof e.role === 'string' &&
      codes.every((c) => e[c] === undefined || (typeof e[c] === 'string' && CODE.test(e[c] as string)));
    if (!ok) throw new Error(`MAIL_DIRECTORY ${file}: entry ${i} needs an email, a role and codes of digits`);
    return e as unknown as MailRecipient;
  });
};

/** Who in the directory a notice to `role` about this dossier reaches: the role, within the recipient's area. */
export const recipientsOf = (
  directory: readonly MailRecipient[],
  role: string,
  d: NoticeDossier,
): MailRecipient[] =>
  directory.filter(
    (r) =>
      r.role === role &&
      r.provinceCode === d.provinceCode &&
      (r.districtCode === undefined || r.districtCode === d.districtCode) &&
      (r.communeCode === undefined || r.communeCode === d.communeCode),
  );
