import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { DomainError, invalid } from '@ntm/decider';
import { parseHouseholdRegister, type RegisterViolation } from '@ntm/survey';

/** Rows read from a spreadsheet register at most (a large commune has some 50,000 households). */
export const MAX_REGISTER_ROWS = 200_000;
/** Bad lines a preview lists at most; the rest are counted. */
export const MAX_PREVIEW_ERRORS = 1_000;

/** An XLSX file is a ZIP archive: it starts with "PK\x03\x04". */
const isXlsx = (file: Buffer): boolean =>
  file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;

/** A cell's text whatever it holds: a value, rich text, a formula's result, a hyperlink's text, a date. */
const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
};

/**
 * The first worksheet of an XLSX register as CSV text, one line per spreadsheet row, so that the register's
 * parser names the row numbers the officer sees in the spreadsheet. Read as a stream, and refused beyond
 * MAX_REGISTER_ROWS rows.
 */
const readXlsxOnce = async (file: Buffer): Promise<string> => {
  const lines: string[] = [];
  // Loaded on first read: exceljs is large, and most registers come as CSV.
  const { stream } = (await import('exceljs')).default;
  const reader = new stream.xlsx.WorkbookReader(Readable.from(file), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.number > MAX_REGISTER_ROWS) {
        throw invalid(
          'REGISTER_TOO_MANY_ROWS',
          `Bảng tính danh sách hộ có quá nhiều dòng: tối đa ${MAX_REGISTER_ROWS.toLocaleString('vi-VN')} dòng`,
          'file',
        );
      }
      while (lines.length < row.number - 1) lines.push('');
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      const cells = values.map((v) => cellText(v as ExcelJS.CellValue).replace(/[\r\n]+/g, ' '));
      while (cells.length > 0 && cells[cells.length - 1].trim() === '') cells.pop();
      lines.push(cells.length === 0 ? '' : stringify([cells], { record_delimiter: '' }));
    }
    break; // the first worksheet only
  }
  return lines.join('\n');
};

// exceljs's streaming reader races on Node >= 18 (exceljs/exceljs#3064): now and then it throws on a sound file
// that the next read of the same bytes gets through. A file that fails every time is unreadable.
const XLSX_READS = 3;
const log = new Logger('RegisterFile');

/** The first worksheet as CSV text, read again after a failed read; `readOnce` is exceljs's reader but in tests. */
export const xlsxAsCsv = async (
  file: Buffer,
  readOnce: (file: Buffer) => Promise<string> = readXlsxOnce,
): Promise<string> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readOnce(file);
    } catch (e) {
      if (e instanceof DomainError) throw e;
      log.warn(
        `xlsx register of ${file.length} bytes not read (attempt ${attempt}): ${(e as Error).message}`,
      );
      if (attempt < XLSX_READS) continue;
      throw invalid(
        'REGISTER_XLSX_UNREADABLE',
        'Không đọc được tệp Excel danh sách hộ: tệp hỏng hoặc không phải định dạng .xlsx',
        'file',
      );
    }
  }
};

/** The register's text as the parser reads it: CSV as sent, or the first worksheet of an XLSX file. */
export const registerText = async (file: Buffer | string): Promise<Buffer | string> =>
  typeof file !== 'string' && isXlsx(file) ? xlsxAsCsv(file) : file;

export interface RegisterPreview {
  /** True when the register can be imported as it is. */
  readonly valid: boolean;
  /** Households the register would import (0 while it has errors). */
  readonly households: number;
  readonly villages: readonly { readonly village: string; readonly households: number }[];
  /** Every bad line (up to MAX_PREVIEW_ERRORS), in file order. */
  readonly errors: readonly RegisterViolation[];
  readonly totalErrors: number;
}

/** What importing the register would do, without doing it: the households by village, or every bad line. */
export const previewRegister = (text: Buffer | string): RegisterPreview => {
  try {
    const rows = parseHouseholdRegister(text);
    const byVillage = new Map<string, number>();
    for (const r of rows) byVillage.set(r.village, (byVillage.get(r.village) ?? 0) + 1);
    return {
      valid: true,
      households: rows.length,
      villages: [...byVillage].map(([village, households]) => ({ village, households })),
      errors: [],
      totalErrors: 0,
    };
  } catch (e) {
    if (!(e instanceof DomainError) || e.kind !== 'invalid') throw e;
    const errors = e.violations.map((v) => ({
      ...v,
      line: (v as Partial<RegisterViolation>).line ?? 0,
    }));
    return {
      valid: false,
      households: 0,
      villages: [],
      errors: errors.slice(0, MAX_PREVIEW_ERRORS),
      totalErrors: errors.length,
    };
  }
};
