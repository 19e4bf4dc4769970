import ExcelJS from 'exceljs';
import type { Response } from 'superagent';

/** supertest's parser for a binary body (a file download). */
export const binary = (res: Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

export interface XlsxTable {
  /** The title block's lines above the table. */
  readonly title: string[];
  /** The header's row number (1-based). */
  readonly headerRow: number;
  readonly header: string[];
  /** Each row's cells by column, as the workbook holds them (dates as Date). */
  readonly rows: ExcelJS.CellValue[][];
  readonly sheet: ExcelJS.Worksheet;
}

/**
 * A sheet of an exported workbook read as a person sees it: the header is the last frozen row (the export's
 * ySplit), the title the lines above it, the rows everything below.
 */
export const readTable = async (data: Buffer, sheetName?: string): Promise<XlsxTable> => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  const sheet = sheetName ? book.getWorksheet(sheetName) : book.worksheets[0];
  if (!sheet) throw new Error(`No sheet ${sheetName}`);
  const headerRow = (sheet.views[0] as { ySplit?: number } | undefined)?.ySplit;
  if (!headerRow) throw new Error('The sheet has no frozen header');
  const width = sheet.getRow(headerRow).cellCount;
  const cells = (r: number) => Array.from({ length: width }, (_, i) => sheet.getRow(r).getCell(i + 1).value);
  return {
    title: Array.from({ length: headerRow - 1 }, (_, i) => sheet.getCell(i + 1, 1).value)
      .filter((v) => v !== null)
      .map(String),
    headerRow,
    header: cells(headerRow).map(String),
    rows: Array.from({ length: sheet.rowCount - headerRow }, (_, i) => cells(headerRow + 1 + i)),
    sheet,
  };
};
