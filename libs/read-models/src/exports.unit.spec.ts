import ExcelJS from 'exceljs';
import { toCsv, toXlsx, type Sheet } from './exports';

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
    const data = await toXlsx([
      { name: 'x', columns: [{ header: 'Tên xã', value: (r: { n: string }) => r.n }], rows: [{ n: '=1+1' }] },
    ]);
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    const cell = book.worksheets[0].getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe('=1+1');
  });

  it('writes every sheet into one workbook, the names cut to what Excel allows', async () => {
    const book = new ExcelJS.Workbook();
    const data = await toXlsx([sheet, { ...sheet, name: 'Tổng hợp' }]);
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([sheet.name.slice(0, 31), 'Tổng hợp']);
    const ws = book.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, 'Tên xã', 'Số tiêu chí đạt']);
    expect(ws.getRow(2).values).toEqual([undefined, 'xã Nông Thượng', 19]);
    expect(ws.getRow(3).getCell(2).value).toBeNull();
    expect(ws.rowCount).toBe(4);
  });
});
