import { CsvError, parse } from 'csv-parse/sync';
import { DomainError, type Violation } from '@ntm/decider';
import { normaliseHouseholdCode, normaliseVillage, surveyHouseholdToken } from './household';
import type { RegisterHousehold } from './types';

/** One household of the register as read from the file, before hashing. */
export interface RegisterRow {
  /** Line of the file where the row starts (1-based, counting the header and blank lines). */
  readonly line: number;
  readonly code: string;
  readonly village: string;
}

/** A register error names the line and the column (`field`: code or village) it was found in. */
export interface RegisterViolation extends Violation {
  readonly line: number;
}

/** First-cell labels (lower case, without diacritics) that mark the first row as a header, not a household. */
const HEADER_LABELS = new Set(['ma ho', 'ma ho gia dinh', 'household code', 'household', 'code']);

const withoutDiacritics = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();

const SYNTAX_MESSAGES: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'dấu ngoặc kép chưa được đóng',
  CSV_INVALID_CLOSING_QUOTE: 'dấu ngoặc kép đóng sai vị trí',
};

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * Reads a household register: two columns, household code then village (thôn/ấp/bản), comma or semicolon
 * separated, UTF-8 with or without BOM, an optional header row ("Mã hộ", ...). Rows whose cells are all empty
 * are blank lines. Every malformed row is reported by line number, and then nothing is returned: an import
 * with errors is refused whole (DomainError 'invalid' REGISTER_CSV_INVALID, one violation per error).
 */
export const parseHouseholdRegister = (text: string | Buffer): RegisterRow[] => {
  const violations: RegisterViolation[] = [];
  // csv-parse counts lines wrongly after a blank CRLF line, so line endings are unified first.
  const source = (typeof text === 'string' ? text : text.toString('utf8')).replace(/\r\n?/g, '\n');
  let records: ParsedRecord[];
  try {
    // The typings do not model `info: true`, which wraps each record with its position.
    records = parse(source, {
      bom: true,
      info: true,
      delimiter: [',', ';'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = Number(e.lines ?? 0);
    const reason = SYNTAX_MESSAGES[e.code] ?? 'sai cú pháp CSV';
    throw registerError([{ code: 'CSV_SYNTAX', message: `Dòng ${line}: ${reason}`, line }]);
  }

  const firstLineOf = new Map<string, number>();
  const rows: RegisterRow[] = [];
  records.forEach(({ record, info }, index) => {
    if (record.every((cell) => cell === '')) return;
    // info.lines is where the record ends; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (index === 0 && HEADER_LABELS.has(withoutDiacritics(record[0] ?? ''))) return;
    if (record.length !== 2) {
      violations.push({
        code: 'CSV_COLUMN_COUNT',
        message: `Dòng ${line}: có ${record.length} cột, cần đúng 2 cột (mã hộ, thôn)`,
        line,
      });
      return;
    }
    const code = normaliseHouseholdCode(record[0]);
    const village = normaliseVillage(record[1]);
    if (code === '') {
      violations.push({
        code: 'CSV_MISSING_CODE',
        message: `Dòng ${line}: thiếu mã hộ`,
        field: 'code',
        line,
      });
    }
    if (village === '') {
      violations.push({
        code: 'CSV_MISSING_VILLAGE',
        message: `Dòng ${line}: thiếu tên thôn`,
        field: 'village',
        line,
      });
    }
    if (code === '') return;
    const first = firstLineOf.get(code);
    if (first !== undefined) {
      violations.push({
        code: 'CSV_DUPLICATE_CODE',
        message: `Dòng ${line}: mã hộ «${code}» trùng với dòng ${first}`,
        field: 'code',
        line,
      });
      return;
    }
    firstLineOf.set(code, line);
    if (village !== '') rows.push({ line, code, village });
  });

  if (violations.length > 0) throw registerError(violations);
  if (rows.length === 0) {
    throw new DomainError('invalid', 'REGISTER_EMPTY', 'Danh sách hộ không có hộ nào', [
      { code: 'REGISTER_EMPTY', message: 'Danh sách hộ không có hộ nào', field: 'file' },
    ]);
  }
  return rows;
};

const registerError = (violations: RegisterViolation[]) =>
  new DomainError(
    'invalid',
    'REGISTER_CSV_INVALID',
    `Danh sách hộ có ${violations.length} lỗi, chưa nhập hộ nào: ${violations
      .slice(0, 5)
      .map((v) => v.message)
      .join('; ')}${violations.length > 5 ? '; …' : ''}`,
    violations,
  );

/**
 * The shell's step between the file and the ImportHouseholdRegister command: hash every code with the key and
 * the survey id (per-survey tokens). The decider stores the tokens in token order, not in the file's.
 */
export const hashRegister = (
  key: string | Buffer,
  surveyId: string,
  rows: readonly RegisterRow[],
): RegisterHousehold[] =>
  rows.map((r) => ({ token: surveyHouseholdToken(key, surveyId, r.code), village: r.village }));
