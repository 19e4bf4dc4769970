import type { Response } from 'superagent';
import { startTestApp, type TestApp } from '../support/harness';
import { duongQuang } from '../support/dossier-driver';
import { pdfImages, pdfText } from '../support/pdf-text';
import { decodeQr } from '../support/qr';
import { household, NO_RATE_LIMITS, registerCsv, SurveyDriver, VILLAGES } from './survey-driver';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Two villages: three households of Nà Dì (0-2) and two of Nà Rẻo (1000, 1001). */
const CODES = [0, 1, 2, 1000, 1001].map(household);
const REGISTER = ['Mã hộ,Thôn', ...CODES.map((h) => `${h.code},${h.village}`)].join('\n');

describe('Ballot sheets and household codes (PDF) over HTTP', () => {
  let t: TestApp;
  let s: SurveyDriver;

  beforeAll(async () => {
    t = await startTestApp('ballot_sheets_e2e', { worker: false, config: { rateLimits: NO_RATE_LIMITS } });
    t.clock.set('2025-03-10T01:00:00.000Z');
    s = await SurveyDriver.start(t);
    await s.opened();
    expect((await s.register(REGISTER)).status).toBe(200);
  });
  afterAll(() => t.close());

  const sheets = (token: string | null, file = REGISTER, query = '', surveyId = s.surveyId) => {
    const req = t.http.post(`/api/v1/surveys/${surveyId}/ballot-sheets${query}`);
    return (token ? req.set('authorization', `Bearer ${token}`) : req)
      .attach('file', Buffer.from(file, 'utf8'), 'danh-sach-ho.csv')
      .buffer(true)
      .parse(binary);
  };
  const json = (res: { body: unknown }) => JSON.parse((res.body as Buffer).toString('utf8')) as object;

  it("gives the commune's Front officer one sheet per household: the codes, their QR links, the form", async () => {
    const res = await sheets(s.tokens.front);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="phieu-lay-y-kien-toan-xa.pdf"');
    expect(res.headers['x-sheet-parts']).toBe('1');
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = res.body as Buffer;
    const text = pdfText(pdf);
    expect(text.match(/PHIẾU LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN/g)).toHaveLength(CODES.length);
    expect(text).toContain('Phiếu lấy ý kiến người dân xã Nông Thượng (đợt 1)');
    for (const h of CODES) expect(text).toContain(`MÃ HỘ GIA ĐÌNH (dùng một lần) ${h.code} ${h.village}`);
    const links = pdfImages(pdf).map((i) => decodeQr(i.png));
    expect(links).toHaveLength(CODES.length);
    expect(links.map((l) => l?.replace(/^https?:\/\/[^/]+/, ''))).toEqual(
      CODES.map((h) => `/phieu/${s.surveyId}#ma=${h.code}`),
    );
  });

  it('prints one village on its own', async () => {
    const res = await sheets(s.tokens.front, REGISTER, `?village=${encodeURIComponent(VILLAGES[1])}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="phieu-lay-y-kien-thon-na-reo.pdf"',
    );
    const text = pdfText(res.body as Buffer);
    expect(text).toContain(household(1000).code);
    expect(text).not.toContain(household(0).code);
  });

  it("refuses everyone else, before reading the file: another commune's Front officer, the commune officer, no token", async () => {
    const elsewhere = await t.token('front_officer', {
      provinceCode: duongQuang.provinceCode,
      districtCode: duongQuang.districtCode,
      communeCode: duongQuang.communeCode,
    });
    const other = await sheets(elsewhere);
    expect(other.status).toBe(403);
    expect(json(other)).toMatchObject({
      code: 'OUTSIDE_JURISDICTION',
      message: expect.stringContaining('in phiếu và mã hộ gia đình'),
    });
    const commune = await sheets(s.tokens.commune);
    expect(commune.status).toBe(403);
    expect(json(commune)).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect((await sheets(null)).status).toBe(401);
    const unknown = await sheets(s.tokens.front, REGISTER, '', '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(json(unknown)).toMatchObject({ code: 'SURVEY_NOT_FOUND' });
  });

  it('refuses a file other than the imported register, an unknown village and a part out of range, in Vietnamese', async () => {
    const wrong = await sheets(s.tokens.front, registerCsv(5));
    expect(wrong.status).toBe(422);
    expect(json(wrong)).toMatchObject({ code: 'REGISTER_FILE_MISMATCH' });
    const village = await sheets(s.tokens.front, REGISTER, '?village=Th%C3%B4n%20Kh%C3%A1c');
    expect(village.status).toBe(400);
    expect(json(village)).toMatchObject({ code: 'VILLAGE_NOT_IN_REGISTER' });
    const part = await sheets(s.tokens.front, REGISTER, '?part=2');
    expect(json(part)).toMatchObject({ code: 'SHEET_PART_OUT_OF_RANGE' });
    const zero = await sheets(s.tokens.front, REGISTER, '?part=0');
    expect(zero.status).toBe(400);
    expect(json(zero)).toMatchObject({
      code: 'VALIDATION_FAILED',
      violations: [expect.objectContaining({ field: 'part' })],
    });
    const missing = await t.http
      .post(`/api/v1/surveys/${s.surveyId}/ballot-sheets`)
      .set('authorization', `Bearer ${s.tokens.front}`);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'REGISTER_FILE_MISSING' });
  });
});
