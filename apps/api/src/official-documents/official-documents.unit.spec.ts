import type { DossierEvent } from '@ntm/recognition';
import {
  appraised,
  districtStage,
  granted,
  history,
  inVerification,
  refusedByLetter,
  returned,
} from '../../../../libs/recognition/src/testing/events';
import { dateLine, fileSlug, renderOfficialDocument, type OfficialDocument } from './decree30';
import { pdfText as textOf } from '../../../../test/support/pdf-text';
import { documentFileName, dossierDocument, listDossierDocuments, type Places } from './dossier-documents';

const places: Places = { province: 'Bắc Kạn', district: 'thành phố Bắc Kạn' };

const CODE = '06-2025-0007';

/** Events as the store gives them back: who recorded each, and when; the dossier opened with its code. */
const recorded = (events: readonly DossierEvent[], role = 'district_officer') =>
  events.map((e, i) => ({
    ...e,
    data: i === 0 ? { ...e.data, code: CODE } : e.data,
    recordedAt: new Date(Date.UTC(2025, 2, 3, 2, i)),
    metadata: { actor: 'u-huyen', role, correlationId: 'c', causationId: 'c' },
  }));

const render = async (key: string, events: ReturnType<typeof recorded>): Promise<string> => {
  const doc = dossierDocument(key, events, places);
  expect(doc).not.toBeNull();
  const pdf = await renderOfficialDocument(doc!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // Tinos embedded: Times New Roman's metrics, and every Vietnamese letter has a glyph.
  expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos/);
  return textOf(pdf);
};

/** What every document of Decree 30 carries: national title, motto, number, place and date, recipients. */
const expectDecree30Frame = (text: string, number: string, placeAndDate: string) => {
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
  expect(text).toContain(`Số: ${number}`);
  expect(text).toContain(placeAndDate);
  expect(text).toContain('Nơi nhận:');
};

describe('Official documents in the layout of Decree 30/2020/NĐ-CP, Appendix I', () => {
  it('writes the date as Appendix I §II.6 does: a leading 0 for days below 10 and for January and February', () => {
    expect(dateLine('2025-03-05')).toBe('ngày 05 tháng 3 năm 2025');
    expect(dateLine('2025-02-18')).toBe('ngày 18 tháng 02 năm 2025');
    expect(dateLine('2025-12-10')).toBe('ngày 10 tháng 12 năm 2025');
  });

  it('names files in plain Latin: "1234/QĐ-UBND" is "1234-QD-UBND", not "Q--UBND"', () => {
    expect(fileSlug('1234/QĐ-UBND')).toBe('1234-QD-UBND');
    expect(documentFileName('06-2025-0007', 'return-2')).toBe('06-2025-0007-tra-ho-so-2.pdf');
  });

  it('the recognition decision: issuer, number, Bắc Kạn and the date, the three articles, the chairman, Nơi nhận', async () => {
    const events = recorded(history(appraised(), granted()), 'chairman');
    const text = await render('decision', events);
    expectDecree30Frame(text, '1234/QĐ-UBND', 'Bắc Kạn, ngày 18 tháng 4 năm 2025');
    expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH BẮC KẠN');
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain(
      'Về việc công nhận xã Nông Thượng, thành phố Bắc Kạn, tỉnh Bắc Kạn đạt chuẩn nông thôn mới năm 2025',
    );
    expect(text).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC KẠN');
    expect(text).toContain('Căn cứ Quyết định 18/2022/QĐ-TTg');
    expect(text).toMatch(/Điều 1\. Công nhận xã Nông Thượng/);
    expect(text).toContain('Như Điều 3;');
    expect(text).toContain('Chủ tịch UBND tỉnh Bắc Kạn'); // the signer's name from the event
  });

  it('the receipt of a submission: the dossier code, the time received, the next step and its due date', async () => {
    const events = recorded(inVerification());
    expect(listDossierDocuments(events).map((d) => d.key)).toEqual(['receipt-1']);
    const text = await render('receipt-1', events);
    expectDecree30Frame(text, `${CODE}-1/PTN`, 'Bắc Kạn, ngày 24 tháng 3 năm 2025');
    expect(text).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN'); // the district's committee receives it
    expect(text).toContain('PHIẾU TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('09:00 ngày 24/03/2025');
    expect(text).toContain('Huyện thẩm tra hồ sơ');
    expect(text).toContain(`Mã hồ sơ ${CODE}`);
    expect(text).toContain(`Lưu: hồ sơ ${CODE}.`);
  });

  it('the return letter lists every reason under the criterion or document it names, criteria first', async () => {
    const events = recorded(
      history(
        inVerification(),
        districtStage(),
        returned([
          { text: 'Thiếu chữ ký của Chủ tịch UBND xã trên báo cáo.', document: 'Báo cáo kết quả' },
          { criterion: 17, text: 'Tỷ lệ hộ có nhà tiêu hợp vệ sinh chưa có số liệu minh chứng.' },
          { criterion: 5, text: 'Thiếu quyết định công nhận trường đạt chuẩn quốc gia.' },
        ]),
      ),
    );
    expect(listDossierDocuments(events).map((d) => d.key)).toEqual(['receipt-1', 'return-1']);
    const text = await render('return-1', events);
    expectDecree30Frame(text, `${CODE}-1/TL`, 'Bắc Kạn, ngày 28 tháng 3 năm 2025');
    expect(text).toContain('V/v trả hồ sơ đề nghị xét, công nhận xã Nông Thượng đạt chuẩn nông thôn mới');
    expect(text).toContain('Kính gửi: Ủy ban nhân dân xã Nông Thượng');
    const five = text.indexOf('Tiêu chí số 5 - Trường học');
    const seventeen = text.indexOf('Tiêu chí số 17');
    const document = text.indexOf('Văn bản: Báo cáo kết quả');
    expect(five).toBeGreaterThan(0);
    expect(seventeen).toBeGreaterThan(five);
    expect(document).toBeGreaterThan(seventeen);
    expect(text).toContain('Thiếu quyết định công nhận trường đạt chuẩn quốc gia.');
    expect(text).toContain('Như trên;');
  });

  it("the refusal letter gives every failed condition and the chairman's reasons", async () => {
    const refusedAfterAppraisal = history(appraised({ councilFor: 5 }), refusedByLetter());
    const events = recorded(refusedAfterAppraisal, 'chairman');
    const text = await render('refusal', events);
    expectDecree30Frame(text, '88/UBND-NNMT', 'Bắc Kạn, ngày 18 tháng 4 năm 2025');
    expect(text).toContain('V/v không công nhận xã Nông Thượng đạt chuẩn nông thôn mới năm 2025');
    expect(text).toContain('Hồ sơ chưa bảo đảm tính xác thực.');
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
  });

  it('a document the dossier has not produced is none, and an unknown key is none', () => {
    const events = recorded(inVerification());
    expect(dossierDocument('decision', events, places)).toBeNull();
    expect(dossierDocument('receipt-2', events, places)).toBeNull();
    expect(dossierDocument('../etc/passwd', events, places)).toBeNull();
  });

  it('numbers pages from the second on and keeps a long annex table across pages', async () => {
    const doc: OfficialDocument = {
      issuer: { name: 'Ủy ban nhân dân tỉnh Bắc Kạn' },
      number: '9/QĐ-UBND',
      place: 'Bắc Kạn',
      date: '2026-01-09',
      type: 'Quyết định',
      summary: 'Về việc thử',
      content: [{ kind: 'paragraph', text: 'Nội dung.' }],
      signature: { title: 'Chủ tịch', name: 'Nguyễn Văn A' },
      recipients: ['Lưu: VT'],
      annex: {
        title: 'Danh sách',
        subtitle: 'Kèm theo',
        content: [
          {
            kind: 'table',
            columns: [
              { header: 'STT', share: 0.1 },
              { header: 'Tên', share: 0.9 },
            ],
            rows: Array.from({ length: 60 }, (_, i) => [String(i + 1), `Thôn số ${i + 1}`]),
          },
        ],
      },
    };
    const text = textOf(await renderOfficialDocument(doc));
    expect(text).toContain('Bắc Kạn, ngày 09 tháng 01 năm 2026');
    expect(text).toContain('(Kèm theo Quyết định số 9/QĐ-UBND ngày 09 tháng 01 năm 2026)');
    expect(text).toContain('Thôn số 60');
  });
});
