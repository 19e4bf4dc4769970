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
