import ExcelJS from 'exceljs';
import { toCsv, toXlsx, type ExportTitle, type Sheet } from './exports';

const title: ExportTitle = {
  province: 'Tỉnh Bắc Kạn',
  report: 'Bảng theo dõi hồ sơ',
  // 18:30 UTC is already the next day in Vietnam.
  exportedAt: '2026-11-30T18:30:00Z',
  filters: [
    { label: 'Năm', value: '2025' },
    { label: 'Mức', value: 'nông thôn mới' },
  ],
};
/** Where the table starts: four title lines and a blank one. */
const HEADER = 6;

const sheet: Sheet<{ name: string; n: number | null }> = {
  name: 'Kết quả theo xã, một tên rất dài vượt quá ba mươi mốt ký tự',
  columns: [
    { header: 'Tên xã', value: (r) => r.name },
    { header: 'Số tiêu chí đạt', value: (r) => r.n },
  ],
  rows: [
    { name: 'xã Nông Thượng', n: 19 },
    { name: 'xã "Dương Quang", thôn Nà Dì', n: null },
    { name: 'dòng\nmới', n: 0 },
  ],
};

describe('exports', () => {
  it('writes CSV with a byte-order mark, Vietnamese headers, and quotes only where needed', () => {
    expect(toCsv([sheet])).toBe(
      '\uFEFFTên xã,Số tiêu chí đạt\r\nxã Nông Thượng,19\r\n"xã ""Dương Quang"", thôn Nà Dì",\r\n"dòng\nmới",0\r\n',
    );
  });

  it('neutralises text cells a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const hostile: Sheet<{ name: string; n: number }> = {
      name: 'x',
      columns: [
        { header: 'Tên xã', value: (r) => r.name },
        { header: 'Số', value: (r) => r.n },
      ],
      rows: [
        { name: '=HYPERLINK("http://evil.example","bấm")', n: -3 },
        { name: '+1+1', n: 0 },
        { name: '-2+3', n: 1 },
        { name: '@SUM(A1:A2)', n: 2 },
        { name: '\t=1+1', n: 3 },
        { name: '\r=1+1', n: 4 },
        { name: 'xã Nông Thượng', n: 5 },
      ],
    };
    const lines = toCsv([hostile]).replace('\uFEFF', '').split('\r\n');
    expect(lines.slice(1, -1)).toEqual([
      '"\'=HYPERLINK(""http://evil.example"",""bấm"")",-3',
      "'+1+1,0",
      "'-2+3,1",
      "'@SUM(A1:A2),2",
      "'\t=1+1,3",
      '"\'\r=1+1",4',
      'xã Nông Thượng,5',
    ]);
  });

  it('writes a formula-like text into XLSX as a text cell, never a formula', async () => {
    const book = new ExcelJS.Workbook();
    const data = await toXlsx(
      [
        {
          name: 'x',
          columns: [{ header: 'Tên xã', value: (r: { n: string }) => r.n }],
          rows: [{ n: '=1+1' }],
        },
      ],
      title,
    );
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    const cell = book.worksheets[0].getRow(HEADER + 1).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe('=1+1');
  });

  it('writes every sheet into one workbook, the names cut to what Excel allows', async () => {
    const book = new ExcelJS.Workbook();
    const data = await toXlsx([sheet, { ...sheet, name: 'Tổng hợp' }], title);
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([sheet.name.slice(0, 31), 'Tổng hợp']);
    const ws = book.worksheets[0];
    expect(ws.getRow(HEADER).values).toEqual([undefined, 'Tên xã', 'Số tiêu chí đạt']);
    expect(ws.getRow(HEADER + 1).values).toEqual([undefined, 'xã Nông Thượng', 19]);
    expect(ws.getRow(HEADER + 2).getCell(2).value).toBeNull();
    expect(ws.rowCount).toBe(HEADER + 3);
  });

  it('puts the title block above a frozen header with an auto-filter, and dates as real dates dd/mm/yyyy', async () => {
    type Row = { name: string; due: string | null; decided: string | null };
    const data = await toXlsx(
      [
        {
          name: 'Hồ sơ',
          columns: [
            { header: 'Tên xã', value: (r: Row) => r.name, width: 24 },
            { header: 'Hạn xử lý', value: (r: Row) => r.due, date: true },
            { header: 'Ngày quyết định', value: (r: Row) => r.decided, date: true },
          ],
          rows: [
            // 20:00 UTC on 31/12 is 03:00 on 01/01 in Vietnam: the day printed is Vietnam's.
            { name: 'xã Nông Thượng', due: '2025-12-31T20:00:00.000Z', decided: '2024-07-01' },
            { name: 'xã Dương Quang', due: null, decided: null },
          ],
        },
      ],
      title,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    const ws = book.worksheets[0];
    expect([1, 2, 3, 4, 5].map((r) => ws.getCell(r, 1).value)).toEqual([
      'Tỉnh Bắc Kạn',
      'Bảng theo dõi hồ sơ',
      'Ngày xuất: 01/12/2026',
      'Điều kiện lọc: Năm: 2025; Mức: nông thôn mới',
      null,
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER });
    expect(ws.autoFilter).toBe('A6:C8');
    expect(ws.getRow(HEADER).values).toEqual([undefined, 'Tên xã', 'Hạn xử lý', 'Ngày quyết định']);
    expect(ws.getColumn(1).width).toBe(24);
    const first = ws.getRow(HEADER + 1);
    expect(first.getCell(1).value).toBe('xã Nông Thượng');
    expect(first.getCell(2).value).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(first.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(3).value).toEqual(new Date(Date.UTC(2024, 6, 1)));
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getRow(HEADER + 2).values).toEqual([undefined, 'xã Dương Quang']);
  });

  it('says when no filter chose the rows', async () => {
    const data = await toXlsx([sheet], { ...title, filters: [] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0].getCell(4, 1).value).toBe('Điều kiện lọc: không (tất cả)');
  });
});
