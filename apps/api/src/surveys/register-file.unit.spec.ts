import ExcelJS from 'exceljs';
import { registerText } from './register-file';

describe('an xlsx register read as CSV text', () => {
  it('reads a sound file every time, through the streaming reader’s race (exceljs#3064)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách hộ');
    sheet.addRow(['Mã hộ', 'Thôn']);
    for (let i = 1; i <= 8; i++) sheet.addRow([`DQ-000${i}`, i <= 6 ? 'Thôn Khuổi Mật' : 'Thôn Nà Pài']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    // One read in a few hundred failed on this machine (Node 20, exceljs 4.4.0) before failed reads were retried:
    // a thousand reads of the same bytes met it almost surely.
    const texts = new Set<string>();
    for (let i = 0; i < 1000; i++) texts.add(String(await registerText(file)));
    expect([...texts]).toEqual([
      [
        'Mã hộ,Thôn',
        ...Array.from({ length: 8 }, (_, k) => `DQ-000${k + 1},Thôn ${k < 6 ? 'Khuổi Mật' : 'Nà Pài'}`),
      ].join('\n'),
    ]);
  });
});
