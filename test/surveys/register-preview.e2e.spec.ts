import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/harness';
import { household, NO_RATE_LIMITS, registerCsv, SurveyDriver, VILLAGES } from './survey-driver';

const DURING = '2025-03-10T01:00:00.000Z';

/** A register as a spreadsheet: a header row, then household code and village per row. */
const registerXlsx = async (rows: readonly (readonly string[])[]): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách hộ');
  sheet.addRow(['Mã hộ', 'Thôn']);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

describe('Household register: preview, XLSX, and the public ballot form', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('register_preview_e2e', {
      worker: false,
      config: { publicBallots: true, rateLimits: NO_RATE_LIMITS },
    });
    t.clock.set(DURING);
  });
  afterAll(() => t.close());

  const preview = (s: SurveyDriver, file: Buffer, name: string, token = s.tokens.front) =>
    t.http
      .post(`/api/v1/surveys/${s.surveyId}/register/preview`)
      .set('authorization', `Bearer ${token}`)
      .attach('file', file, name);

  it('previews a CSV register: every bad line listed by number, nothing imported', async () => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    const lines = registerCsv(6).split('\n');
    lines[3] = `${household(2).code},`; // line 4: no village
    lines[5] = `${household(0).code},${VILLAGES[0]}`; // line 6: the code of line 2 again
    const res = await preview(s, Buffer.from(lines.join('\n'), 'utf8'), 'danh-sach-ho.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, households: 0, totalErrors: 2 });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ line: 4, code: 'CSV_MISSING_VILLAGE', message: 'Dòng 4: thiếu tên thôn' }),
      expect.objectContaining({ line: 6, code: 'CSV_DUPLICATE_CODE' }),
    ]);
    expect((await s.view()).register).toBeNull();

    const good = await preview(s, Buffer.from(registerCsv(6), 'utf8'), 'danh-sach-ho.csv');
    expect(good.body).toEqual({
      valid: true,
      households: 6,
      villages: [{ village: VILLAGES[0], households: 6 }],
      errors: [],
      totalErrors: 0,
    });
    expect((await s.view()).register).toBeNull();
  });

  it('imports an XLSX register; a bad row is named by its spreadsheet row number', async () => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    const rows = Array.from({ length: 5 }, (_, i) => [household(i).code, household(i).village]);
    const bad = await preview(s, await registerXlsx([...rows, ['', VILLAGES[1]]]), 'ho.xlsx');
    expect(bad.body).toMatchObject({
      valid: false,
      errors: [{ line: 7, code: 'CSV_MISSING_CODE', message: 'Dòng 7: thiếu mã hộ' }],
    });
    const imported = await t.http
      .post(`/api/v1/surveys/${s.surveyId}/register`)
      .set('authorization', `Bearer ${s.tokens.front}`)
      .attach('file', await registerXlsx(rows), 'ho.xlsx');
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ households: 5 });
    expect((await s.view()).participation.households).toBe(5);
  });

  it('refuses a file that is neither CSV nor a readable XLSX, and a caller who may not import', async () => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    const res = await preview(s, broken, 'hong.xlsx');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REGISTER_XLSX_UNREADABLE' });
    const commune = await preview(s, Buffer.from(registerCsv(2)), 'ho.csv', s.tokens.commune);
    expect(commune.status).toBe(403);
  });

  it('answers the public ballot form without an account, and nothing about households', async () => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    const before = await t.http.get(`/api/v1/surveys/${s.surveyId}/ballot-form`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ state: 'not-ready', communeName: 'xã Nông Thượng' });
    await s.registered(3);
    const open = await t.http.get(`/api/v1/surveys/${s.surveyId}/ballot-form`);
    expect(Object.keys(open.body).sort()).toEqual([
      'communeName',
      'period',
      'questions',
      'state',
      'surveyId',
    ]);
    expect(open.body.state).toBe('open');
    expect((await s.close()).status).toBe(200);
    const closed = await t.http.get(`/api/v1/surveys/${s.surveyId}/ballot-form`);
    expect(closed.body.state).toBe('closed');
    const unknown = await t.http.get('/api/v1/surveys/00000000-0000-4000-8000-000000000000/ballot-form');
    expect(unknown.status).toBe(404);
  });
});

describe('The public ballot form when online ballots without an account are off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('ballot_form_paper_e2e', { worker: false, config: { publicBallots: false } });
    t.clock.set(DURING);
  });
  afterAll(() => t.close());

  it("says the survey takes paper forms, and the page's ballot is refused", async () => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    await s.registered(3);
    const form = await t.http.get(`/api/v1/surveys/${s.surveyId}/ballot-form`);
    expect(form.body.state).toBe('paper-only');
    expect((await s.ballot(0)).status).toBe(401);
  });
});
