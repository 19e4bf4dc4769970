import { DomainError } from '@ntm/decider';
import { spec } from '@ntm/decider/testing';
import {
  REGISTER_CHUNK_SIZE,
  hashRegister,
  householdToken,
  parseHouseholdRegister,
  surveyDecider,
  surveyHouseholdToken,
  tokenUnder,
  type HouseholdRegisterChunkAdded,
  type RegisterViolation,
} from '@ntm/survey';
import {
  BAN_CAU,
  KEY,
  NA_DI,
  SURVEY_ID,
  answers,
  importRegister,
  meta,
  FRONT_A,
  opened,
  onlineBallotCast,
  openWithRegister,
  stateOf,
  token,
} from './testing/fixtures';

const survey = spec(surveyDecider);

const parseErrors = (csv: string): RegisterViolation[] => {
  try {
    parseHouseholdRegister(csv);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).kind).toBe('invalid');
    return (e as DomainError).violations as RegisterViolation[];
  }
  throw new Error('expected the register to be refused');
};

describe('household register CSV', () => {
  it('reads an Excel export: BOM, header, CRLF, semicolons, blank rows', () => {
    const csv =
      '\ufeffMã hộ;Thôn\r\nnd-0001;Thôn Nà Dì\r\n\r\n;\r\n  ND-0002 ; Thôn  Nà Dì \r\nBC-0001;Thôn Bản Cầu';
    expect(parseHouseholdRegister(Buffer.from(csv, 'utf8'))).toEqual([
      { line: 2, code: 'ND-0001', village: NA_DI },
      { line: 5, code: 'ND-0002', village: NA_DI },
      { line: 6, code: 'BC-0001', village: BAN_CAU },
    ]);
  });

  it('reports every malformed row by line number, and applies nothing', () => {
    const csv = [
      'Mã hộ,Thôn', // 1
      'ND-0001,Thôn Nà Dì', // 2
      ',Thôn Nà Dì', // 3 missing code
      'ND-0003,', // 4 missing village
      'nd-0001,Thôn Nà Dì', // 5 duplicate of line 2 (codes compare normalised)
      'ND-0005,Thôn Nà Dì,ghi chú', // 6 three columns
      'ND-0006', // 7 one column
      '"ND-0007', // 8-9 a quoted code spanning two lines, missing village
      'x",',
      ',', // 10 blank row
      'ND-0003,Thôn Nà Dì', // 11 duplicate of line 4
      'ND-0009,Thôn Nà Dì', // 12
    ].join('\n');
    expect(parseErrors(csv).map(({ line, code, field }) => ({ line, code, field }))).toEqual([
      { line: 3, code: 'CSV_MISSING_CODE', field: 'code' },
      { line: 4, code: 'CSV_MISSING_VILLAGE', field: 'village' },
      { line: 5, code: 'CSV_DUPLICATE_CODE', field: 'code' },
      { line: 6, code: 'CSV_COLUMN_COUNT', field: undefined },
      { line: 7, code: 'CSV_COLUMN_COUNT', field: undefined },
      { line: 8, code: 'CSV_MISSING_VILLAGE', field: 'village' },
      { line: 11, code: 'CSV_DUPLICATE_CODE', field: 'code' },
    ]);
    expect(parseErrors(csv)[2].message).toBe('Dòng 5: mã hộ «ND-0001» trùng với dòng 2');
  });

  it('names the line of a CSV syntax error', () => {
    expect(parseErrors('ND-0001,Thôn Nà Dì\n"ND-0002,Thôn Nà Dì\n')).toEqual([
      { code: 'CSV_SYNTAX', message: 'Dòng 2: dấu ngoặc kép chưa được đóng', line: 2 },
    ]);
  });

  it('refuses an empty register', () => {
    expect(() => parseHouseholdRegister('Mã hộ,Thôn\n')).toThrow('Danh sách hộ không có hộ nào');
  });

  it('hashes codes with the key: deterministic, normalised, key-dependent, and never the code', () => {
    const t = householdToken(KEY, 'ND-0001');
    expect(t).toMatch(/^[0-9a-f]{64}$/);
    expect(householdToken(KEY, ' nd-0001 ')).toBe(t);
    expect(householdToken(`${KEY}-khac`, 'ND-0001')).not.toBe(t);
    expect(() => householdToken('ngan', 'ND-0001')).toThrow('at least 16 bytes');
  });

  it('hashes a register per survey: the same household has unrelated tokens in two rounds', () => {
    const round1 = surveyHouseholdToken(KEY, SURVEY_ID, 'ND-0001');
    const round2 = surveyHouseholdToken(KEY, 'a1b2c3d4-0000-4000-8000-000000000002', 'ND-0001');
    expect(round1).toMatch(/^[0-9a-f]{64}$/);
    expect(round2).not.toBe(round1);
    expect(round1).not.toBe(householdToken(KEY, 'ND-0001'));
    expect(surveyHouseholdToken(KEY, SURVEY_ID, ' nd-0001 ')).toBe(round1);
    expect(hashRegister(KEY, SURVEY_ID, [{ line: 2, code: 'ND-0001', village: NA_DI }])).toEqual([
      { token: round1, village: NA_DI },
    ]);
    expect(tokenUnder('per-survey', KEY, SURVEY_ID, 'ND-0001')).toBe(round1);
    expect(tokenUnder('per-household', KEY, SURVEY_ID, 'ND-0001')).toBe(householdToken(KEY, 'ND-0001'));
  });
});

describe('importing the register', () => {
  it('records a summary with counts per village, then the hashed households in chunks', () => {
    const villages = { [NA_DI]: REGISTER_CHUNK_SIZE + 1200, [BAN_CAU]: 4000 };
    const events = survey
      .given([opened()])
      .when(importRegister(villages))
      .thenMatch([
        {
          type: 'HouseholdRegisterImported',
          data: {
            surveyId: SURVEY_ID,
            importId: 'import-1',
            households: 10200,
            villages: [
              { village: NA_DI, households: 6200 },
              { village: BAN_CAU, households: 4000 },
            ],
            chunks: 3,
            importedBy: FRONT_A.id,
            tokenScheme: 'per-survey',
          },
        },
        { type: 'HouseholdRegisterChunkAdded', data: { chunk: 1 } },
        { type: 'HouseholdRegisterChunkAdded', data: { chunk: 2 } },
        { type: 'HouseholdRegisterChunkAdded', data: { chunk: 3 } },
      ]);
    const chunks = events.slice(1) as HouseholdRegisterChunkAdded[];
    const sizes = chunks.map((c) => c.data.villages.reduce((n, v) => n + v.tokens.length, 0));
    expect(sizes).toEqual([5000, 5000, 200]);
    // Every village is spread over the chunks in token order, never in the register's order.
    const isSorted = (tokens: readonly string[]) => tokens.every((t, i) => i === 0 || tokens[i - 1] < t);
    const perChunk = chunks.map((c) => c.data.villages.flatMap((v) => v.tokens).sort());
    expect(chunks.every((c) => c.data.villages.every((v) => isSorted(v.tokens)))).toBe(true);
    expect(isSorted(perChunk.flat())).toBe(true);
    expect(new Set(perChunk.flat()).size).toBe(10200);
    for (const c of chunks) expect(c.data.villages.map((v) => v.village).sort()).toEqual([BAN_CAU, NA_DI]);
    expect(JSON.stringify(events)).not.toContain('ND-0001');
    const state = stateOf([opened(), ...events]);
    expect(state.status === 'open' && state.households.get(token(BAN_CAU, 4000))).toEqual([BAN_CAU]);
  });

  it('refuses raw codes, missing villages and duplicates, naming each household', () => {
    const err = survey
      .given([opened()])
      .when({
        type: 'ImportHouseholdRegister',
        data: {
          surveyId: SURVEY_ID,
          importId: 'import-1',
          households: [
            { token: token(NA_DI, 1), village: NA_DI },
            { token: 'ND-0002', village: NA_DI },
            { token: token(NA_DI, 1), village: ' ' },
          ],
        },
        metadata: meta(FRONT_A),
      })
      .thenThrows('INVALID_REGISTER', 'invalid');
    expect(err.violations.map((v) => [v.code, v.field])).toEqual([
      ['INVALID_HOUSEHOLD_TOKEN', 'households[1].token'],
      ['DUPLICATE_HOUSEHOLD', 'households[2].token'],
      ['MISSING_VILLAGE', 'households[2].village'],
    ]);
  });

  it('replaces the register before the first ballot', () => {
    const state = survey
      .given(openWithRegister())
      .when(importRegister({ [BAN_CAU]: 2 }))
      .stateAfter();
    expect(state.status === 'open' && state.register?.households).toBe(2);
    expect(state.status === 'open' && state.households.has(token(NA_DI, 1))).toBe(false);
  });

  it('is locked once a ballot is cast', () => {
    const given = [...openWithRegister(), onlineBallotCast(NA_DI, 1, answers('satisfied'))];
    survey
      .given(given)
      .when(importRegister({ [BAN_CAU]: 2 }))
      .thenThrows('REGISTER_LOCKED', 'conflict');
  });
});
