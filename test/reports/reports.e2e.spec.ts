import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { PostgresEventStore } from '@ntm/event-store';
import {
  ProjectionHost,
  ProjectionRunners,
  type PlanProgress,
  type StandingsAggregate,
} from '@ntm/read-models';
import { EVENT_STORE } from '@ntm/application';
import { dossierStreamId } from '@ntm/recognition';
import { granted, history, opened2026 } from '../../libs/recognition/src/testing/events';
import { appendHistory, toAppend, type DossierPlan } from '../../libs/read-models/src/testing/history';
import type { TestApp } from '../support/harness';
import { MIN_POSITION_WAIT_MS, ReadModels } from '../../apps/api/src/reports/read-models.service';
import { eventually } from '../support/eventually';
import { startTestApp } from '../support/harness';
import { binary, readTable } from '../support/xlsx';
import { ALL_CRITERIA, bacKan, catchUpProjections, twoBacKanDossiers } from './support';

/** A 2026-2030 dossier of `commune`, of 2026, recognised on `decidedOn`. */
const appendRecognised2026 = async (
  store: PostgresEventStore,
  o: {
    commune: { provinceCode: string; communeCode: string; name: string };
    level: string;
    decidedOn: string;
  },
) => {
  const dossierId = randomUUID();
  const events = history(opened2026(), granted({ level: o.level as 'ntm' })).map((e) => ({
    type: e.type,
    data: {
      ...e.data,
      dossierId,
      ...(e.type === 'DossierOpened' ? { level: o.level, commune: o.commune } : {}),
      ...(e.type === 'RecognitionGranted'
        ? { communeCode: o.commune.communeCode, period: '2026-2030', decidedOn: o.decidedOn }
        : {}),
    },
  }));
  await store.append(dossierStreamId(dossierId), toAppend(events), { expectedVersion: 'no-stream' });
};

describe('reports API', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  // Until the runner lands in this file, the live builds are filled directly.
  const catchUp = (position?: string) => catchUpProjections(t.app, t.config.schema, position);

  beforeAll(async () => {
    t = await startTestApp('rm_reports_api', { worker: false });
    tokens = {
      admin: await t.token('admin'),
      province: await t.token('province_officer', { provinceCode: '06' }),
      otherProvince: await t.token('province_officer', { provinceCode: '24' }),
      district: await t.token('district_officer', { provinceCode: '06', districtCode: '058' }),
      commune: await t.token('commune_officer', {
        provinceCode: '06',
        districtCode: '058',
        communeCode: '01843',
      }),
      // Signed with the app's key but without the province a council member must carry: refused as a token.
      noJurisdiction: await t.rawToken({ sub: 'hoi-dong-khong-tinh', role: 'council_member' }),
    };
    const plans = twoBacKanDossiers();
    const store = t.app.get<PostgresEventStore>(EVENT_STORE);
    await appendHistory(store, plans);
    await catchUp();
  });
  afterAll(() => t.close());

  it('registers a province’s units (administrators only) and counts communes without a dossier', async () => {
    const units = {
      name: 'Tỉnh Bắc Kạn',
      districts: [{ code: '058', name: 'Thành phố Bắc Kạn' }],
      communes: [
        { code: '01843', name: 'xã Nông Thượng', districtCode: '058' },
        { code: '01840', name: 'xã Dương Quang', districtCode: '058' },
        { code: '01849', name: 'phường Huyền Tụng', districtCode: '058' },
      ],
    };
    const refused = await t.http.put('/api/v1/admin/units/06').set(auth(tokens.province)).send(units);
    expect(refused.status).toBe(403);
    const bad = await t.http
      .put('/api/v1/admin/units/06')
      .set(auth(tokens.admin))
      .send({ ...units, communes: [{ code: '1', name: 'x', districtCode: '999' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('999');
    const ok = await t.http.put('/api/v1/admin/units/06').set(auth(tokens.admin)).send(units);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ provinceCode: '06', districts: 1, communes: 3, position: expect.any(String) });
    await catchUp(ok.body.position);

    const res = await t.http.get('/api/v1/reports/standings?province=06').set(auth(tokens.province));
    expect(res.status).toBe(200);
    expect(typeof res.body.position).toBe('string');
    expect(res.body.data.communes.map((c: { communeCode: string }) => c.communeCode)).toEqual([
      '01840',
      '01843',
      '01849',
    ]);
    const [total] = res.body.data.summary;
    expect(total).toMatchObject({
      districtCode: null,
      communes: 3,
      assessed: 2,
      atLeast: { ntm: 1 },
      below15: 0,
    });
    expect(total.share.ntm).toBeCloseTo(1 / 3, 10);
    expect(total.averageCriteriaMet).toBeCloseTo((19 + 16) / 2, 10);
  });

  it('takes a province’s plan from its own officers and shows progress against it', async () => {
    const plan = {
      title: 'Kế hoạch xây dựng nông thôn mới giai đoạn 2021-2025',
      reference: 'Kế hoạch 2017/KH-UBND',
      targets: [
        { year: 2025, level: 'ntm', target: 3 },
        { year: 2025, level: 'nang-cao', target: 1 },
        { year: 2024, level: 'ntm', target: 2, districtCode: '058' },
      ],
    };
    expect((await t.http.put('/api/v1/plans/06').set(auth(tokens.otherProvince)).send(plan)).status).toBe(
      403,
    );
    expect((await t.http.put('/api/v1/plans/06').set(auth(tokens.district)).send(plan)).status).toBe(403);
    const tooHigh = await t.http
      .put('/api/v1/plans/06')
      .set(auth(tokens.province))
      .send({
        ...plan,
        targets: [
          { year: 2025, level: 'ntm', target: 3 },
          { year: 2025, level: 'nang-cao', target: 5 },
        ],
      });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.code).toBe('TARGET_EXCEEDS_LOWER_LEVEL');
    const saved = await t.http.put('/api/v1/plans/06').set(auth(tokens.province)).send(plan);
    expect(saved.status).toBe(200);
    expect(saved.body.targets).toHaveLength(3);
    await catchUp(saved.body.position);

    const progress = await t.http.get('/api/v1/reports/plan-progress?province=06').set(auth(tokens.province));
    expect(progress.status).toBe(200);
    expect(progress.body.data.targets).toEqual([
      expect.objectContaining({
        districtCode: null,
        year: 2025,
        level: 'ntm',
        target: 3,
        achieved: 1,
        remaining: 2,
      }),
      expect.objectContaining({ districtCode: null, year: 2025, level: 'nang-cao', target: 1, achieved: 0 }),
      expect.objectContaining({
        districtCode: '058',
        districtName: 'Thành phố Bắc Kạn',
        year: 2024,
        level: 'ntm',
        target: 2,
        achieved: 1,
      }),
    ]);
  });

  it('takes a 2026-2030 plan with hiện đại targets, refuses hiện đại for 2025, and counts by period', async () => {
    // Province 24, apart from the other tests: a 2024 NTM recognition (2021-2025) and a 2026 hiện đại one.
    const commune = (communeCode: string, name: string) => ({ provinceCode: '24', communeCode, name });
    const store = t.app.get<PostgresEventStore>(EVENT_STORE);
    await appendHistory(store, [
      { ...twoBacKanDossiers()[0], commune: { ...commune('07201', 'xã Tân Cương'), districtCode: '213' } },
    ]);
    await appendRecognised2026(store, {
      commune: commune('07202', 'xã Phúc Xuân'),
      level: 'hien-dai',
      decidedOn: '2026-04-18',
    });
    const officer = auth(tokens.otherProvince);
    const periods = await t.http.get('/api/v1/periods').set(officer);
    expect(periods.body).toContainEqual({
      period: '2026-2030',
      from: 2026,
      to: 2030,
      levels: expect.arrayContaining(['ntm', 'hien-dai']),
    });
    const plan = {
      title: 'Kế hoạch xây dựng nông thôn mới giai đoạn 2026-2030',
      targets: [
        { year: 2026, level: 'ntm', target: 2 },
        { year: 2026, level: 'hien-dai', target: 1 },
        { year: 2025, level: 'ntm', target: 1 },
      ],
    };
    const early = await t.http
      .put('/api/v1/plans/24')
      .set(officer)
      .send({ ...plan, targets: [...plan.targets, { year: 2025, level: 'hien-dai', target: 1 }] });
    expect(early.status).toBe(400);
    expect(early.body.code).toBe('LEVEL_NOT_IN_PERIOD');
    expect(early.body.violations).toEqual([
      expect.objectContaining({ field: 'targets.3.level', message: expect.stringContaining('2021-2025') }),
    ]);
    expect((await t.http.get('/api/v1/plans/24').set(officer)).status).toBe(404);

    const saved = await t.http.put('/api/v1/plans/24').set(officer).send(plan);
    expect(saved.status).toBe(200);
    const read = await t.http.get('/api/v1/plans/24').set(officer);
    expect(read.body.targets).toEqual([
      { year: 2025, level: 'ntm', target: 1, districtCode: null },
      { year: 2026, level: 'ntm', target: 2, districtCode: null },
      { year: 2026, level: 'hien-dai', target: 1, districtCode: null },
    ]);
    await catchUp(saved.body.position);
    const progress = await t.http.get('/api/v1/reports/plan-progress?province=24').set(officer);
    expect(progress.status).toBe(200);
    // 2026 counts only 2026-2030 recognitions (the 2024 NTM commune is judged again), and hiện đại holds NTM.
    expect(
      progress.body.data.targets.map((x: { year: number; level: string; achieved: number }) => [
        x.year,
        x.level,
        x.achieved,
      ]),
    ).toEqual([
      [2025, 'ntm', 1],
      [2026, 'ntm', 1],
      [2026, 'hien-dai', 1],
    ]);
    // The standings count a hiện đại commune as NTM and as hiện đại, not as nâng cao or kiểu mẫu.
    const standings = await t.http.get('/api/v1/reports/standings?province=24').set(officer);
    expect(standings.status).toBe(200);
    const [total] = standings.body.data.summary;
    expect(total).toMatchObject({
      atLeast: { ntm: 2, nangCao: 0, kieuMau: 0, hienDai: 1 },
      highest: { ntm: 1, nangCao: 0, kieuMau: 0, hienDai: 1 },
    });
  });

  it('filters and counts a period by the criteria set a dossier is judged under, never by its year', async () => {
    // Province 08, apart from the other tests: xã Lang Quán's 2021-2025 dossier, opened on 10/02/2026 (so of 2026)
    // and recognised on 20/03/2026; xã Hùng Lợi's 2026-2030 dossier, recognised on 18/04/2026.
    const store = t.app.get<PostgresEventStore>(EVENT_STORE);
    const commune = (communeCode: string, name: string) => ({ provinceCode: '08', communeCode, name });
    await appendHistory(store, [
      {
        dossierId: randomUUID(),
        commune: { ...commune('02200', 'xã Lang Quán'), districtCode: '070' },
        level: 'ntm',
        year: 2026,
        holdings: [],
        start: '2026-02-10T02:00:00.000Z',
        met: ALL_CRITERIA,
        outcome: 'announced',
        decision: { number: '310/QĐ-UBND', on: '2026-03-20' },
      },
    ]);
    await appendRecognised2026(store, {
      commune: commune('02201', 'xã Hùng Lợi'),
      level: 'ntm',
      decidedOn: '2026-04-18',
    });
    const officer = auth(await t.token('province_officer', { provinceCode: '08' }));
    const saved = await t.http
      .put('/api/v1/plans/08')
      .set(officer)
      .send({
        title: 'Kế hoạch xây dựng nông thôn mới',
        targets: [
          { year: 2025, level: 'ntm', target: 1 },
          { year: 2026, level: 'ntm', target: 2 },
        ],
      });
    expect(saved.status).toBe(200);
    await catchUp(saved.body.position);
    const get = async (route: string) => {
      const res = await t.http.get(`/api/v1/${route}`).set(officer);
      expect([route, res.status]).toEqual([route, 200]);
      return res.body.data;
    };
    const targets = async (q: string) =>
      ((await get(`reports/plan-progress?province=08&${q}`)) as PlanProgress).targets.map((x) => [
        x.year,
        x.achieved,
      ]);
    const heldNtm = async (q: string) =>
      ((await get(`reports/standings/summary?province=08&${q}`)) as StandingsAggregate[])[0].atLeast.ntm;
    const boardCommunes = async (q: string) =>
      ((await get(`board?province=08&${q}`)) as { items: { communeCode: string }[] }).items
        .map((i) => i.communeCode)
        .sort();

    // The plan's 2026 target counts only the 2026-2030 recognition, and so do the standings of that period:
    // the same one commune (by the dossiers' year, the 2021-2025 one would have been counted there too).
    expect(await targets('criteriaPeriod=2026-2030')).toEqual([[2026, 1]]);
    expect(await heldNtm('criteriaPeriod=2026-2030')).toBe(1);
    expect(await boardCommunes('criteriaPeriod=2026-2030')).toEqual(['02201']);
    // 2021-2025: its dossier of 2026 is found with its year, and its recognition, made in 2026, meets no 2025 target.
    expect(await targets('criteriaPeriod=2021-2025')).toEqual([[2025, 0]]);
    expect(await heldNtm('criteriaPeriod=2021-2025&year=2026')).toBe(1);
    expect(await boardCommunes('criteriaPeriod=2021-2025&year=2026')).toEqual(['02200']);
    expect(await boardCommunes('year=2026')).toEqual(['02200', '02201']);
    const decided = (await get('reports/decisions?province=08&criteriaPeriod=2021-2025')) as {
      batches: { communes: { communeCode: string }[] }[];
    };
    expect(decided.batches.flatMap((b) => b.communes.map((c) => c.communeCode))).toEqual(['02200']);

    // A year before the chosen criteria period, and the old name of the filter, are refused.
    const early = await t.http
      .get('/api/v1/reports/standings?province=08&criteriaPeriod=2026-2030&year=2025')
      .set(officer);
    expect(early.status).toBe(400);
    expect(early.body.message).toBe(
      "Trường 'year' không được trước năm đầu của giai đoạn bộ tiêu chí đã chọn (criteriaPeriod)",
    );
    expect((await t.http.get('/api/v1/board?period=2021-2025').set(officer)).status).toBe(400);
  });

  it('shows each caller only their own jurisdiction', async () => {
    expect((await t.http.get('/api/v1/board?province=06').set(auth(tokens.otherProvince))).status).toBe(403);
    expect((await t.http.get('/api/v1/board').set(auth(tokens.noJurisdiction))).status).toBe(401);
    expect((await t.http.get('/api/v1/board?district=059').set(auth(tokens.district))).status).toBe(403);
    const own = await t.http.get('/api/v1/board').set(auth(tokens.commune));
    expect(own.status).toBe(200);
    expect(own.body.data.items.map((i: { communeCode: string }) => i.communeCode)).toEqual(['01843']);
    const all = await t.http.get('/api/v1/board?province=06&pageSize=1').set(auth(tokens.admin));
    expect(all.body.data).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    const waiting = await t.http.get('/api/v1/board/waiting').set(auth(tokens.district));
    expect(waiting.body.data.items).toEqual([
      expect.objectContaining({
        communeCode: '01840',
        step: 'district-verification',
        stepLabel: 'Huyện thẩm tra hồ sơ',
      }),
    ]);
    const bad = await t.http.get('/api/v1/board?overdue=perhaps').set(auth(tokens.admin));
    expect(bad.status).toBe(400);
  });

  it('exports each report as CSV and XLSX with Vietnamese headers', async () => {
    const csv = await t.http.get('/api/v1/reports/standings.csv?province=06').set(auth(tokens.province));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Mã huyện,Tên huyện,Mã xã,Tên xã,Số tiêu chí đạt,Tổng số tiêu chí,Các tiêu chí chưa đạt,Mức đạt chuẩn,Số quyết định công nhận,Ngày quyết định,Số lần bị thu hồi,Quyết định thu hồi gần nhất,Năm rà soát gần nhất,Kết quả rà soát duy trì tiêu chí',
    );
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('xã Nông Thượng,19,19,,nông thôn mới,1180/QĐ-UBND,2024-07-01');

    const xlsx = await t.http
      .get('/api/v1/reports/standings.xlsx?province=06')
      .set(auth(tokens.province))
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Kết quả theo xã', 'Tổng hợp']);
    const summary = await readTable(xlsx.body, 'Tổng hợp');
    expect(summary.title.slice(0, 2)).toEqual([
      'Tỉnh Bắc Kạn',
      'Kết quả thực hiện tiêu chí nông thôn mới theo xã',
    ]);
    expect(summary.header[0]).toBe('Đơn vị');
    expect(summary.rows[0].slice(0, 2)).toEqual(['Toàn tỉnh', 3]);

    for (const report of [
      'board',
      'reports/decisions',
      'reports/surveys',
      'reports/pipeline',
      'reports/plan-progress',
    ]) {
      const res = await t.http.get(`/api/v1/${report}.csv?province=06`).set(auth(tokens.province));
      expect([report, res.status]).toEqual([report, 200]);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
    }
    expect((await t.http.get('/api/v1/reports/decisions.pdf').set(auth(tokens.province))).status).toBe(400);
  });

  describe('?minPosition=', () => {
    const store = () => t.app.get<PostgresEventStore>(EVENT_STORE);
    const more = (): DossierPlan => ({
      dossierId: randomUUID(),
      commune: { ...bacKan, communeCode: '01849', name: 'phường Huyền Tụng' },
      level: 'ntm',
      year: 2025,
      holdings: [],
      start: '2025-02-10T02:00:00.000Z',
      met: ALL_CRITERIA,
      outcome: 'preparing',
    });

    it('answers 503 after a bounded wait when the read model has not reached the position', async () => {
      const position = await appendHistory(store(), [more()]);
      const started = Date.now();
      const res = await t.http.get(`/api/v1/board?minPosition=${position}`).set(auth(tokens.admin));
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'READ_MODEL_BEHIND', minPosition: position });
      expect(res.body.message).toContain(position);
      expect(Date.now() - started).toBeGreaterThanOrEqual(MIN_POSITION_WAIT_MS - 50);
    });

    it('waits for the runner to reach a client’s own write, and is not held back by other streams’ events', async () => {
      const db = t.app.get(DataSource);
      const host = new ProjectionHost(db, store(), new ProjectionRunners(db, store()).run, { pollMs: 50 });
      const position = await appendHistory(store(), [more()]);
      // Each look at the read models reads the catalog's versions once.
      const looks = jest.spyOn(t.app.get(ReadModels).catalog, 'versions');
      const waiting = t.http
        .get(`/api/v1/board?commune=01849&minPosition=${position}`)
        .set(auth(tokens.admin))
        .then((r) => r);
      // The request waits: it found the board behind its position and looks again.
      await eventually(async () => looks.mock.calls.length >= 2, 'the request to wait for its position');
      looks.mockRestore();
      await host.start();
      try {
        const res = await waiting;
        expect(res.status).toBe(200);
        expect(res.body.position >= position).toBe(true);
        expect(res.headers['x-read-model-position']).toBe(res.body.position);
        expect(res.body.data.total).toBe(2);
        // A survey's event is not the board's: the board has caught up with it as soon as it has all before it.
        const { position: other } = await store().append(
          `survey-${randomUUID()}`,
          [
            {
              eventId: randomUUID(),
              type: 'SurveyResultPosted',
              data: {},
              metadata: { actor: 'x', role: 'front_officer', correlationId: 'c', causationId: 'c' },
            },
          ],
          { expectedVersion: 'no-stream' },
        );
        const started = Date.now();
        const after = await t.http.get(`/api/v1/board?minPosition=${other}`).set(auth(tokens.admin));
        expect(after.status).toBe(200);
        expect(after.body.position >= other).toBe(true);
        expect(Date.now() - started).toBeLessThan(MIN_POSITION_WAIT_MS);
      } finally {
        await host.stop();
      }
    });
  });
});
