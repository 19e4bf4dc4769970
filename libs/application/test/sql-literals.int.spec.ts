import { Client } from 'pg';
import { escapeLiteral } from 'pg';
import { testDatabaseUrl } from '../../../test/support/test-database';
import { quoteLiteral, typedLiteral } from '../src/commands/sql-literals';

// Texts that break naive quoting: quotes of both kinds, backslashes before quotes, escapes JSON writes, Vietnamese.
const TRICKY = [
  '',
  "O'Brien",
  "''",
  'C:\\path\\to',
  "\\'; DROP TABLE x; --",
  'ends with \\',
  '"quoted" and \\"escaped\\"',
  JSON.stringify({ note: 'Xã "Dương Quang"\n\t\\ đạt chuẩn', list: ["'", '\\', '"'] }),
  'Biên bản họp thôn {1,2} NULL',
];

describe('SQL literals written by regular expressions, read back by the real PostgreSQL', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });
  afterAll(() => db.end());

  it('quotes a string exactly as pg escapeLiteral does', () => {
    for (const text of TRICKY) expect(quoteLiteral(text)).toBe(escapeLiteral(text));
  });

  it('reads every tricky text back unchanged, under either setting of standard_conforming_strings', async () => {
    for (const setting of ['on', 'off']) {
      await db.query(`SET standard_conforming_strings = ${setting}`);
      const { rows } = await db.query<{ v: string }>(
        TRICKY.map((t) => `SELECT ${quoteLiteral(t)}::text AS v`).join(' UNION ALL '),
      );
      expect(rows.map((r) => r.v)).toEqual(TRICKY);
    }
    await db.query('RESET standard_conforming_strings');
  });

  it('writes arrays of text and of JSON that PostgreSQL reads back element for element', async () => {
    const texts = TRICKY.filter((t) => t !== '');
    const json = texts.map((t) => JSON.stringify({ t, n: [1, null] }));
    const { rows } = await db.query<{ texts: string[]; json: unknown[]; none: null; empty: unknown[] }>(
      `SELECT ${typedLiteral(texts, 'text[]')} AS texts,
              ${typedLiteral(json, 'jsonb[]')} AS json,
              ${typedLiteral(null, 'jsonb[]')} AS none,
              ${typedLiteral([], 'jsonb[]')} AS empty`,
    );
    expect(rows[0].texts).toEqual(texts);
    expect(rows[0].json).toEqual(texts.map((t) => ({ t, n: [1, null] })));
    expect(rows[0].none).toBeNull();
    expect(rows[0].empty).toEqual([]);
  });

  it('writes a JSON value as jsonb', async () => {
    const answer = { message: "Hồ sơ 'đã nhận'", path: 'a\\b' };
    const { rows } = await db.query<{ v: unknown }>(`SELECT ${typedLiteral(answer, 'jsonb')} AS v`);
    expect(rows[0].v).toEqual(answer);
  });
});
