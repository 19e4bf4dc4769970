import { VIETNAM_OVERRIDES } from '@ntm/calendar';
import { startTestApp, type TestApp } from '../support/harness';
import { DossierDriver, nongThuong, submissionEvidence } from '../support/dossier-driver';
import { SurveyDriver } from '../surveys/survey-driver';

/**
 * RULES-2026 §3 (calendar): 2027 is not announced, so it shows as provisional and an administrator loads it; 24/11
 * (Ngày Văn hóa Việt Nam) may become a holiday without a release. Loaded years are events, and the working days
 * the app counts (step deadlines, survey windows) follow them at once.
 */
describe('Holiday years loaded by an administrator over HTTP', () => {
  let t: TestApp;
  let admin: string;
  const NOW = '2026-11-16T02:00:00.000Z'; // Monday 16/11/2026, 09:00 in Vietnam

  const forecast2027 = {
    year: 2027,
    daysOff: [
      {
        from: '2027-02-04',
        to: '2027-02-12',
        name: 'Nghỉ Tết Nguyên Đán (dự kiến)',
        source: 'Dự kiến của Bộ Nội vụ',
      },
    ],
    workingDays: [],
    provisional: true,
    source: 'Dự kiến, chờ Thủ tướng Chính phủ quyết định',
  };
  /** 2026 as announced, with 24/11 added (a test assumption, not an announcement). */
  const with2411 = {
    year: 2026,
    daysOff: [
      ...VIETNAM_OVERRIDES.daysOff.filter((p) => p.from.startsWith('2026-')),
      { from: '2026-11-24', to: '2026-11-24', name: 'Ngày Văn hóa Việt Nam', source: 'Giả định kiểm thử' },
    ],
    workingDays: VIETNAM_OVERRIDES.workingDays.filter((w) => w.date.startsWith('2026-')),
    provisional: false,
    source: 'Công văn 12729/VPCP-KGVX và quyết định về Ngày Văn hóa Việt Nam (giả định kiểm thử)',
  };

  beforeAll(async () => {
    t = await startTestApp('calendar_years_e2e', { worker: false });
    t.clock.set(NOW);
    admin = await t.token('admin');
  });
  afterAll(() => t.close());

  const load = (body: string, token = admin) =>
    t.http
      .post('/api/v1/calendar/years')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send(body);
  const years = async () =>
    (await t.http.get('/api/v1/calendar/years').set('authorization', `Bearer ${admin}`)).body as {
      year: number;
      status: string;
      origin: string;
      source: string | null;
      revision: number | null;
      loadedBy: string | null;
    }[];

  it('refuses a bad file with 400 naming the line and the field in Vietnamese, and applies nothing', async () => {
    const text = JSON.stringify(
      { ...forecast2027, daysOff: [{ ...forecast2027.daysOff[0], from: '2026-12-31' }] },
      null,
      2,
    );
    const line = text.split('\n').findIndex((l) => l.includes('2026-12-31')) + 1;
    const res = await load(text);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_HOLIDAY_YEAR');
    expect(res.body.message).toContain(
      `Dòng ${line}, trường daysOff[0].from: Ngày 2026-12-31 không thuộc năm 2027`,
    );
    expect(res.body.violations[0].field).toBe('daysOff[0].from');
    expect((await years()).find((y) => y.year === 2027)).toMatchObject({
      status: 'provisional',
      origin: 'none',
    });
    const officer = await t.token('province_officer', { provinceCode: '06' });
    expect((await load(JSON.stringify(forecast2027), officer)).status).toBe(403);
  });

  it('loads 2027 as provisional with its source and author; the same file again changes nothing', async () => {
    const res = await load(JSON.stringify(forecast2027, null, 2));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      year: 2027,
      status: 'provisional',
      origin: 'loaded',
      revision: 1,
      loaded: true,
    });
    const again = await load(JSON.stringify(forecast2027));
    expect(again.status).toBe(200);
    expect(again.body.loaded).toBe(false);
    const list = await years();
    expect(list.find((y) => y.year === 2026)).toMatchObject({ status: 'announced', origin: 'built-in' });
    expect(list.find((y) => y.year === 2027)).toMatchObject({
      status: 'provisional',
      origin: 'loaded',
      source: forecast2027.source,
      revision: 1,
      loadedBy: expect.any(String),
    });
  });

  it('counts working days on a loaded year at once: a survey window and a step deadline run a day longer over 24/11', async () => {
    // 20 working days from Monday 16/11/2026 end on Monday 14/12 (the national survey rule's window).
    const before = await SurveyDriver.start(t);
    await before.opened({});
    expect((await before.view()).windowEndsAt.slice(0, 10)).toBe('2026-12-14');
    /** The district's verification deadline of a dossier submitted now: 15 working days (UNVERIFIED default). */
    const verificationDue = async () => {
      const d = new DossierDriver(t, before.tokens, nongThuong);
      await d.open();
      await d.prepare();
      await d.submit();
      const { current } = await d.get();
      expect(current.step).toBe('district-verification');
      return (current.dueAt as string).slice(0, 10);
    };
    expect(await verificationDue()).toBe('2026-12-07');
    expect((await load(JSON.stringify(with2411))).status).toBe(201);
    expect(await verificationDue()).toBe('2026-12-08');
    const after = await SurveyDriver.start(t);
    await after.opened({});
    const view = await after.view();
    expect(view.windowEndsAt.slice(0, 10)).toBe('2026-12-15');
    expect(view.period.closesAt).toBe(view.windowEndsAt);
    expect(view.rule).toMatchObject({ id: 'quoc-gia-2021-2025-ntm', windowWorkingDays: 20 });
    // A period past the rule's window is refused, naming the last day.
    const third = await SurveyDriver.start(t);
    const late = await third.open({ period: { closesAt: '2026-12-16T00:00:00.000Z' } });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('SURVEY_WINDOW_EXCEEDED');
    expect(late.body.message).toContain('15/12/2026');
  });

  it('a command with an Idempotency-Key decided on the calendar this process had before a load: decided again on the loaded one', async () => {
    const tokens = (await SurveyDriver.start(t)).tokens;
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.prepare();
    // The process last read the calendar before this load: the keyed submission's append finds it moved.
    const with2511 = {
      ...with2411,
      daysOff: [
        ...with2411.daysOff,
        { from: '2026-11-25', to: '2026-11-25', name: 'Ngày nghỉ giả định', source: 'Giả định kiểm thử' },
      ],
    };
    expect((await load(JSON.stringify(with2511))).status).toBe(201);
    const { year } = await d.get();
    await d.ok('submission', tokens.commune, submissionEvidence({ certificateYear: year }), {
      'Idempotency-Key': `nop-${d.id}`,
    });
    const { current } = await d.get();
    expect(current.step).toBe('district-verification');
    expect((current.dueAt as string).slice(0, 10)).toBe('2026-12-09');
  });
});
