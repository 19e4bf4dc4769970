/**
 * Values written into SQL text, for the statements that go as one multi-statement query (the simple protocol
 * takes no parameters). Regular-expression escaping: pg's own `escapeLiteral` builds its answer a character at a
 * time, and a batch of keyed appends carries kilobytes of JSON a command.
 */

/** What the literals are made of: text, numbers, flags, arrays of them, and JSON values. */
export type Scalar = string | number | boolean | null;

/** A string as an SQL literal, whatever `standard_conforming_strings` says: as pg's `escapeLiteral` writes it. */
export const quoteLiteral = (text: string): string =>
  text.includes('\\') ? ` E'${text.replace(/['\\]/g, '$&$&')}'` : `'${text.replace(/'/g, "''")}'`;

/** An array's text form: every element quoted, backslashes and quotes escaped. */
const arrayText = (items: readonly Scalar[]): string =>
  `{${items.map((i) => (i === null ? 'NULL' : `"${String(i).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;

/**
 * A value as a literal of the given type. A `jsonb[]` is written as ARRAY[...] of JSON literals: inside an array's
 * text form each of the JSON's quotes would be escaped, then each escape doubled again.
 */
export const typedLiteral = (value: unknown, type: string): string => {
  if (value === null || value === undefined) return `NULL::${type}`;
  if (type === 'jsonb[]' && Array.isArray(value) && value.length > 0)
    return `ARRAY[${value.map((json) => `${quoteLiteral(String(json))}::jsonb`).join(', ')}]`;
  const text = Array.isArray(value)
    ? arrayText(value as Scalar[])
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value as Scalar);
  return `${quoteLiteral(text)}::${type}`;
};
