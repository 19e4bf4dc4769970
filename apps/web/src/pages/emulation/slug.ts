// Ids the API takes (lower-case letters without marks, digits, hyphens; at most 63 characters), made from a name in
// the browser so that nobody has to type one.

const MAX_ID = 63;

/** "Hợp tác xã Nông nghiệp Đồng Tâm" → "hop-tac-xa-nong-nghiep-dong-tam", cut at `max` characters. */
export const slugOf = (text: string, max = MAX_ID): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, max)
    .replace(/-+$/, '');

/** Six random letters or digits: two people of the same name get different ids. */
export const randomSuffix = (): string =>
  crypto.getRandomValues(new Uint32Array(1))[0].toString(36).padStart(6, '0').slice(-6);

/** The id of a collective or a person: the name's slug and the suffix, within 63 characters. */
export const nomineeId = (name: string, suffix: string): string => {
  const base = slugOf(name, MAX_ID - suffix.length - 1);
  return base ? `${base}-${suffix}` : suffix;
};
