import ExcelJS from 'exceljs';
import { DomainError, invalid } from '@ntm/decider';
import { registerText, xlsxAsCsv } from './register-file';

const register = async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách hộ');
  sheet.addRow(['Mã hộ', 'Thôn']);
  for (let i = 1; i <= 8; i++) sheet.addRow([`DQ-000${i}`, i <= 6 ? 'Thôn Khuổi Mật' : 'Thôn Nà Pài']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
const TEXT = [
  'Mã hộ,Thôn',
  ...Array.from({ length: 8 }, (_, k) => `DQ-000${k + 1},Thôn ${k < 6 ? 'Khuổi Mật' : 'Nà Pài'}`),
].join('\n');

/** A reader that throws on its first `failures` calls, then answers TEXT; counts its calls. */
const failing = (failures: number, error: () => Error = () => new Error('Unexpected end of data')) => {
  const reader = async () => {
    reader.calls++;
    if (reader.calls <= failures) throw error();
    return TEXT;
  };
  reader.calls = 0;
  return reader;
};

describe('an xlsx register read as CSV text', () => {
  it('reads the first worksheet as CSV, the same text on every read', async () => {
    const file = await register();
    // exceljs's streaming reader races (exceljs#3064): one read in a few hundred failed on Node 20 before
    // failed reads were read again; the reads below go through that race as they come.
    const texts = new Set<string>();
    for (let i = 0; i < 100; i++) texts.add(String(await registerText(file)));
    expect([...texts]).toEqual([TEXT]);
  });

  it('reads again after a failed read (the streaming reader’s race), up to three reads', async () => {
    const file = await register();
    const twice = failing(2);
    expect(await xlsxAsCsv(file, twice)).toBe(TEXT);
    expect(twice.calls).toBe(3);

    const always = failing(Infinity);
    await expect(xlsxAsCsv(file, always)).rejects.toMatchObject({
      kind: 'invalid',
      violations: [expect.objectContaining({ code: 'REGISTER_XLSX_UNREADABLE', field: 'file' })],
    });
    expect(always.calls).toBe(3);
  });

  it('does not read again a register it refused (too many rows)', async () => {
    const refused = failing(Infinity, () => invalid('REGISTER_TOO_MANY_ROWS', 'Quá nhiều dòng', 'file'));
    await expect(xlsxAsCsv(await register(), refused)).rejects.toBeInstanceOf(DomainError);
    expect(refused.calls).toBe(1);
  });
});
