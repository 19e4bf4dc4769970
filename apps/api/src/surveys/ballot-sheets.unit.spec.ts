import { buffer } from 'node:stream/consumers';
import { DomainError } from '@ntm/decider';
import { surveyHouseholdToken, type OpenedSurvey, type RegisterRow } from '@ntm/survey';
import {
  BAN_CAU,
  KEY,
  NA_DI,
  QUESTIONS,
  SURVEY_ID,
  code,
  openWithRegister,
  stateOf,
} from '../../../../libs/survey/src/testing/fixtures';
import { pdfImages, pdfText } from '../../../../test/support/pdf-text';
import { decodeQr } from '../../../../test/support/qr';
import { ballotLink, MAX_SHEETS_PER_FILE, renderBallotSheets, selectSheets } from './ballot-sheets';

const PUBLIC_URL = 'https://ntm.backan.gov.vn';
const tokenOf = (c: string) => surveyHouseholdToken(KEY, SURVEY_ID, c);
const survey = (villages: Record<string, number>) => stateOf(openWithRegister(villages)) as OpenedSurvey;
/** The register file as the commune holds it: one row per household, in its own order. */
const rows = (villages: Record<string, number>): RegisterRow[] =>
  Object.entries(villages).flatMap(([village, n], v) =>
    Array.from({ length: n }, (_, i) => ({
      line: v * 1000 + n - i + 1,
      code: code(village, n - i),
      village,
    })),
  );
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (e) {
    if (e instanceof DomainError) return { kind: e.kind, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('not refused');
};

describe('ballot sheets: one sheet per household, the code and its QR on a stub cut off the form', () => {
  const villages = { [NA_DI]: 3, [BAN_CAU]: 2 };

  it('prints every household of the register file, by village then code, with a QR link to its ballot page', async () => {
    const { sheets, parts } = selectSheets(survey(villages), rows(villages), tokenOf, {});
    expect(parts).toBe(1);
    expect(sheets.map((s) => s.code)).toEqual(['BC-0001', 'BC-0002', 'ND-0001', 'ND-0002', 'ND-0003']);
    const pdf = await buffer(
      await renderBallotSheets(
        {
          surveyId: SURVEY_ID,
          communeName: 'xã Dương Quang',
          round: 1,
          questions: QUESTIONS,
          period: { opensAt: '2025-03-03T00:00:00.000Z', closesAt: '2025-03-24T00:00:00.000Z' },
          publicUrl: PUBLIC_URL,
        },
        sheets,
      ),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text.match(/PHIẾU LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN/g)).toHaveLength(5);
    expect(text).toContain('Phiếu lấy ý kiến người dân xã Dương Quang (đợt 1)');
    expect(text).toContain('từ 03/03/2025 đến hết 24/03/2025');
    expect(text).toContain(QUESTIONS.overall.text);
    for (const q of QUESTIONS.criteria) expect(text).toContain(q.text);
    for (const s of sheets) expect(text).toContain(`MÃ HỘ GIA ĐÌNH (dùng một lần) ${s.code} ${s.village}`);
    expect(text).toContain('Phiếu không ghi tên, không ghi mã hộ');
    expect(text).toContain(`${PUBLIC_URL}/phieu/${SURVEY_ID}`);

    // One QR image per sheet, on its page, and a phone reading it opens the household's ballot page.
    const images = pdfImages(pdf);
    expect(images.map((i) => i.page)).toEqual([1, 2, 3, 4, 5]);
    expect(images.map((i) => decodeQr(i.png))).toEqual(
      sheets.map((s) => `${PUBLIC_URL}/phieu/${SURVEY_ID}#ma=${s.code}`),
    );
  }, 30_000);

  it('puts the code after "#ma=" (a fragment, never sent to the server), escaped', () => {
    expect(ballotLink(`${PUBLIC_URL}/`, SURVEY_ID, 'HK 01/2')).toBe(
      `${PUBLIC_URL}/phieu/${SURVEY_ID}#ma=HK%2001%2F2`,
    );
  });

  it('prints one village, and a large selection in parts of at most MAX_SHEETS_PER_FILE sheets', () => {
    const large = { [NA_DI]: MAX_SHEETS_PER_FILE + 1, [BAN_CAU]: 2 };
    const s = survey(large);
    expect(selectSheets(s, rows(large), tokenOf, { village: BAN_CAU }).sheets).toHaveLength(2);
    const first = selectSheets(s, rows(large), tokenOf, { village: NA_DI });
    expect(first).toMatchObject({ parts: 2 });
    expect(first.sheets).toHaveLength(MAX_SHEETS_PER_FILE);
    const second = selectSheets(s, rows(large), tokenOf, { village: NA_DI, part: 2 });
    expect(second.sheets.map((x) => x.code)).toEqual([code(NA_DI, MAX_SHEETS_PER_FILE + 1)]);
    expect(refusal(() => selectSheets(s, rows(large), tokenOf, { village: NA_DI, part: 3 }))).toMatchObject({
      kind: 'invalid',
      code: 'SHEET_PART_OUT_OF_RANGE',
    });
    expect(refusal(() => selectSheets(s, rows(large), tokenOf, { village: 'Thôn Khác' }))).toMatchObject({
      kind: 'invalid',
      code: 'VILLAGE_NOT_IN_REGISTER',
    });
  });

  it('refuses a file that is not the register the survey imported, naming the line', () => {
    const s = survey(villages);
    const other = rows(villages).map((r, i) => (i === 1 ? { ...r, code: 'ND-9999' } : r));
    expect(refusal(() => selectSheets(s, other, tokenOf, {}))).toMatchObject({
      kind: 'rule',
      code: 'REGISTER_FILE_MISMATCH',
      message: expect.stringContaining(`dòng ${other[1].line} (mã hộ ND-9999`),
    });
    expect(refusal(() => selectSheets(s, rows(villages).slice(1), tokenOf, {}))).toMatchObject({
      code: 'REGISTER_FILE_MISMATCH',
      message: expect.stringContaining('có 4 hộ, danh sách đã nhập cho khảo sát có 5 hộ'),
    });
    const moved = rows(villages).map((r, i) => (i === 0 ? { ...r, village: BAN_CAU } : r));
    expect(refusal(() => selectSheets(s, moved, tokenOf, {}))).toMatchObject({
      code: 'REGISTER_FILE_MISMATCH',
    });
  });
});
