import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '@ntm/application';
import { testSet2026, passingReports2026 } from '@ntm/criteria';
import type { EventStore } from '@ntm/event-store';
import { getProcedure, dossierStreamId } from '@ntm/recognition';
import { startTestApp, type TestApp } from '../support/harness';
import { catchUpProjections } from '../reports/support';
import {
  DossierDriver,
  nongThuong,
  openWhilePeriodOpen,
  sha,
  tokensFor,
  uploadSamples,
  type Tokens,
} from '../support/dossier-driver';

/**
 * The law as it stands in 2026 over HTTP: a criteria set loaded as data (Decision 51/2025/QĐ-TTg form), a
 * commune's group set by the province, a province's own procedure (two-tier: Decree 131/2025/NĐ-CP, Art. 44),
 * a 2026-2030 NTM dossier of a group-3 commune walked from opening to decision and announcement, and a
 * 2021-2025 dossier opened before the change walking on unchanged.
 */
describe('2026-2030 over HTTP', () => {
  let t: TestApp;
  let tokens: Tokens;
  let law: Tokens;
  // A commune after the July 2025 mergers: province and commune only, no district.
  const commune = { provinceCode: '06', communeCode: '01900', name: 'xã Thượng Minh' };
  const set = testSet2026('06');

  beforeAll(async () => {
    t = await startTestApp('law_2026_e2e', { worker: false });
    tokens = await tokensFor(t, nongThuong); // uploads the sample evidence documents
    const at = { provinceCode: '06', communeCode: commune.communeCode };
    law = {
      ...tokens,
      commune: await t.token('commune_officer', at),
      front: await t.token('front_officer', at),
      district: tokens.province, // the province verifies under two-tier government
    };
    await uploadSamples(t, law.commune);
    // 2026-2030 commands name communes of the register (Chợ Mới communes of Bắc Kạn, as the fixtures use them).
    const units = await t.http
      .put('/api/v1/admin/units/06')
      .set('authorization', `Bearer ${tokens.admin}`)
      .send({
        name: 'Tỉnh Bắc Kạn',
        districts: [],
        communes: [
          { code: '01900', name: 'xã Thượng Minh' },
          { code: '01901', name: 'xã Cao Kỳ' },
        ],
      });
    expect(units.status).toBe(200);
  });
  afterAll(() => t.close());

  const post = (path: string, token: string, body: object | string, headers: Record<string, string> = {}) => {
    let req = t.http
      .post(path)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json');
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const get = (path: string, token = tokens.admin) =>
    t.http.get(path).set('authorization', `Bearer ${token}`);

  it('refuses a bad criteria-set file with 400 naming the line and the field, and records nothing', async () => {
    const bad = JSON.stringify(
      {
        ...set,
        criteria: set.criteria.map((c, i) =>
          i === 5 ? { ...c, indicators: [{ ...c.indicators[0], comparison: 'at-most' }] } : c,
        ),
      },
      null,
      2,
    );
    const line = bad.split('\n').findIndex((l) => l.includes('"comparison": "at-most"')) + 1;
    const res = await post('/api/v1/criteria-sets', tokens.admin, bad);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CRITERIA_SET_INVALID');
    expect(res.body.message).toContain(`Dòng ${line}, trường criteria[5].indicators[0].comparison`);
    expect(res.body.violations[0].field).toBe('criteria[5].indicators[0].comparison');
    expect((await get(`/api/v1/criteria-sets/${set.id}`)).status).toBe(404);
    const list = await get('/api/v1/criteria-sets');
    expect(list.body.map((s: { id: string }) => s.id)).not.toContain(set.id);
  });

  it('loads a criteria set for an administrator only, lists it and returns it whole', async () => {
    expect((await post('/api/v1/criteria-sets', tokens.province, set)).status).toBe(403);
    const res = await post('/api/v1/criteria-sets', tokens.admin, JSON.stringify(set, null, 2));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: set.id,
      version: 1,
      loaded: true,
      test: true,
      criteria: 10,
      indicators: 11,
    });
    const again = await post('/api/v1/criteria-sets', tokens.admin, set);
    expect(again.status).toBe(200);
    expect(again.body.loaded).toBe(false);
    await catchUpProjections(t.app, t.config.schema, res.body.position); // the list is a read model; no worker here
    const list = await get('/api/v1/criteria-sets', law.commune);
    expect(list.body.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['qd318-2022-xa-ntm', 'qd51-2025-xa-ntm', 'qd51-2025-xa-ntm-hien-dai', set.id]),
    );
    const one = await get(`/api/v1/criteria-sets/${set.id}`);
    expect(one.status).toBe(200);
    expect(one.body.document).toEqual(set);
    expect(one.body.hash).toBe(res.body.hash);
  });

  it('walks a 2026-2030 NTM dossier of a group-3 commune through the province procedure to the announcement', async () => {
    // The province sets the commune's group (Decision 51/2025/QĐ-TTg) and loads its internal procedure.
    const group = await post(`/api/v1/communes/${commune.communeCode}/group`, tokens.province, {
      provinceCode: '06',
      group: 'nhom-3',
      basis: 'Quyết định 245/QĐ-UBND ngày 20/02/2026 của UBND tỉnh',
      decidedOn: '2026-02-20',
    });
    expect(group.status).toBe(201);
    expect(group.body.group).toMatchObject({ group: 'nhom-3', decidedOn: '2026-02-20' });
    const procedure = await post('/api/v1/province-procedures', tokens.admin, {
      provinceCode: '06',
      version: '2026-2030',
      decision: '512/QĐ-UBND',
      decidedOn: '2026-03-01',
      steps: { 'provincial-verification': { limit: { amount: 10, unit: 'working-days' } } },
    });
    expect(procedure.status).toBe(201);

    const d = new DossierDriver(t, law, nongThuong);
    const openBody = {
      commune,
      level: 'ntm',
      procedureVersion: '2026-2030',
      year: 2026,
      criteriaSetId: set.id,
    };
    const opened = await d.send('', law.commune, openBody);
    expect(opened.status).toBe(201);
    d.id = opened.body.dossierId;
    // A retried open without an Idempotency-Key does not make a second dossier.
    const retried = await d.send('', law.commune, openBody);
    expect(retried.status).toBe(409);
    expect(retried.body.code).toBe('DOSSIER_ALREADY_OPEN');
    expect(retried.body.message).toContain('06-2026-0001');

    let view = await d.get();
    expect(view).toMatchObject({
      code: '06-2026-0001',
      period: '2026-2030',
      criteriaSet: { id: set.id, version: 1 },
      communeGroup: { group: 'nhom-3' },
      procedure: { version: '2026-2030', province: { provinceCode: '06', revision: 1 } },
    });
    expect(
      view.procedure.steps.find((s: { id: string }) => s.id === 'provincial-verification').limit,
    ).toEqual({
      amount: 10,
      unit: 'working-days',
    });

    // The commune reports indicator values; the system computes. Income 40 < 50 (group 3): criterion 3 not met.
    const low = passingReports2026(sha).map((r) => (r.code === '3.1' ? { ...r, value: 40 } : r));
    const first = await d.ok('indicator-assessment', law.commune, { indicators: low });
    expect(first.events.map((e: { type: string }) => e.type)).toEqual(['SelfAssessmentRecorded']);
    view = await d.get();
    expect(view.assessments[0]).toMatchObject({ group: 'nhom-3', metCount: 9, total: 10 });
    expect(view.assessments[0].criteria[2]).toMatchObject({ criterion: 3, met: false });
    // Ticking criteria is refused under 2026-2030.
    const ticked = await d.send('self-assessment', law.commune, {
      criteria: [{ criterion: 1, met: true, value: 'Đạt', evidence: [sha(1)] }],
    });
    expect(ticked.status).toBe(422);
    expect(ticked.body.code).toBe('INDICATOR_ASSESSMENT_REQUIRED');
    await d.ok('indicator-assessment', law.commune, { indicators: passingReports2026(sha) });
    view = await d.get();
    expect(view.assessments[1]).toMatchObject({ metCount: 10, total: 10 });

    await d.ok('public-posting', law.commune, { where: ['Trụ sở UBND xã'], from: d.daysAgo(30) });
    await d.ok('public-posting/close', law.commune);
    await d.ok('survey-result', law.front, { households: 1000, formsCollected: 800, satisfied: 780 });
    await d.ok('commune-meeting', law.commune, {
      attendees: 37,
      votesFor: 37,
      votesAgainst: 0,
      minutes: sha(99),
    });
    await d.submit();
    expect((await d.get()).current.step).toBe('provincial-verification');
    await d.verifyByProvince2026();
    await d.appraise();
    const decided = await d.ok('decision', tokens.chairman, {
      decisionNumber: '88/QĐ-UBND',
      decidedOn: '2026-11-20',
    });
    expect(decided.events.map((e: { type: string }) => e.type)).toContain('RecognitionGranted');
    await d.ok('announcement', tokens.province, { announcedOn: '2026-11-25', where: 'Nhà văn hóa xã' });
    view = await d.get();
    expect(view.status).toBe('recognised');
    const history = await get(`/api/v1/dossiers/${d.id}/history`);
    expect(history.body[0]).toMatchObject({ type: 'DossierOpened', data: { code: '06-2026-0001' } });
    expect(history.body[0].actor).toEqual(expect.any(String));
  });

  it('numbers concurrent openings without a gap or a twin, and keeps one open 2026-2030 dossier per commune', async () => {
    // Five communes of the province open at once in 2027: five distinct codes 06-2027-0001..0005.
    const communes = [1, 2, 3, 4, 5].map((n) => ({
      ...nongThuong,
      communeCode: `0195${n}`,
      name: `xã Thử ${n}`,
    }));
    const openers = await Promise.all(
      communes.map((c) =>
        t.token('commune_officer', {
          provinceCode: c.provinceCode,
          districtCode: c.districtCode,
          communeCode: c.communeCode,
        }),
      ),
    );
    const opened = await openWhilePeriodOpen(t, '2021-2025', () =>
      Promise.all(
        communes.map((c, i) =>
          post('/api/v1/dossiers', openers[i], {
            commune: c,
            level: 'ntm',
            procedureVersion: '2021-2025',
            year: 2027,
          }),
        ),
      ),
    );
    expect(opened.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const codes = await Promise.all(
      opened.map(async (r) => (await get(`/api/v1/dossiers/${r.body.dossierId}`)).body.code),
    );
    expect([...codes].sort()).toEqual([
      '06-2027-0001',
      '06-2027-0002',
      '06-2027-0003',
      '06-2027-0004',
      '06-2027-0005',
    ]);

    // Two racing opens of the same 2026-2030 dossier without an Idempotency-Key: one opens, one is refused.
    const other = { provinceCode: '06', communeCode: '01901', name: 'xã Cao Kỳ' };
    await post(`/api/v1/communes/${other.communeCode}/group`, tokens.province, {
      provinceCode: '06',
      group: 'nhom-2',
      basis: 'Quyết định 245/QĐ-UBND ngày 20/02/2026 của UBND tỉnh',
      decidedOn: '2026-02-20',
    });
    const officer = await t.token('commune_officer', { provinceCode: '06', communeCode: other.communeCode });
    const body = {
      commune: other,
      level: 'ntm',
      procedureVersion: '2026-2030',
      year: 2026,
      criteriaSetId: set.id,
    };
    const race = await Promise.all([
      post('/api/v1/dossiers', officer, body),
      post('/api/v1/dossiers', officer, body),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = race.find((r) => r.status === 201)!;
    expect(race.find((r) => r.status === 409)!.body.code).toBe('DOSSIER_ALREADY_OPEN');
    // Withdrawing frees the commune's slot for a new dossier.
    const withdrawn = await post(`/api/v1/dossiers/${winner.body.dossierId}/withdrawal`, officer, {
      reason: 'Chưa đủ điều kiện',
    });
    expect(withdrawn.status).toBe(200);
    const reopened = await post('/api/v1/dossiers', officer, body);
    expect(reopened.status).toBe(201);
    expect(reopened.body.dossierId).not.toBe(winner.body.dossierId);
  });

  it('walks a 2021-2025 dossier opened before the change (old DossierOpened, upcast on read) unchanged', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const dossierId = randomUUID();
    const meta = {
      actor: 'u-xa-nt',
      role: 'commune_officer',
      correlationId: randomUUID(),
      causationId: randomUUID(),
    };
    const openedAt = new Date(t.clock.now().getTime() - 60 * 86_400_000).toISOString();
    // The DossierOpened of 2025, as it was stored: no code, no period, no pinned document.
    const procedure = JSON.parse(JSON.stringify(getProcedure('2021-2025')));
    delete procedure.satisfaction['hien-dai'];
    await store.append(
      dossierStreamId(dossierId),
      [
        {
          eventId: randomUUID(),
          type: 'DossierOpened',
          data: {
            dossierId,
            commune: nongThuong,
            level: 'ntm',
            year: 2025,
            holdings: [],
            procedure,
            openedAt,
            openedBy: 'u-xa-nt',
          },
          metadata: meta,
        },
        {
          eventId: randomUUID(),
          type: 'StepOpened',
          data: { step: 'commune-preparation', round: 1, openedAt, dueAt: null, limit: null },
          metadata: meta,
        },
      ],
      { expectedVersion: 'no-stream' },
    );
    const d = new DossierDriver(t, tokens, nongThuong, dossierId);
    const before = await d.get();
    expect(before).toMatchObject({
      code: null,
      period: '2021-2025',
      criteriaSet: { id: 'qd318-2022-xa-ntm' },
    });
    await d.prepare();
    await d.submit();
    expect((await d.get()).current.step).toBe('district-verification');
    await d.verify();
    await d.appraise();
    await d.ok('decision', tokens.chairman, { decisionNumber: '1234/QĐ-UBND', decidedOn: '2025-12-15' });
    const after = await d.get();
    expect(after.status).toBe('recognised');
    // Never rewritten: the stored first event still has the old shape.
    const [stored] = await store.readStream(dossierStreamId(dossierId));
    expect(stored.metadata.schemaVersion).toBe(2);
  });
});
