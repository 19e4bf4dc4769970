import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '@ntm/application';
import type { EventStore } from '@ntm/event-store';
import { dossierStreamId, type OpeningOption } from '@ntm/recognition';
import { startTestApp, type TestApp } from '../support/harness';
import { recordPastRecognition } from '../support/units';

/**
 * What a commune may open (GET /communes/{code}/openable): every procedure and level with the reason it cannot be
 * opened, in the words the opening itself refuses with, following the commune's group, the criteria sets, its
 * recognitions and its open dossier.
 */
describe('what a commune may open, over HTTP', () => {
  let t: TestApp;
  let officer: string;
  const commune = { provinceCode: '06', communeCode: '01900', name: 'xã Thượng Minh' };

  beforeAll(async () => {
    t = await startTestApp('openable_e2e', { worker: false });
    // After Decision 51/2025/QĐ-TTg took effect (15/02/2026): the answer depends on the day.
    t.clock.set('2026-03-02T02:00:00.000Z');
    const admin = await t.token('admin', {});
    const units = await t.http
      .put('/api/v1/admin/units/06')
      .set('authorization', `Bearer ${admin}`)
      .send({
        name: 'Tỉnh Bắc Kạn',
        districts: [],
        communes: [
          { code: '01900', name: 'xã Thượng Minh' },
          { code: '01903', name: 'xã Bằng Thành' },
        ],
      });
    expect(units.status).toBe(200);
    officer = await t.token('commune_officer', { provinceCode: '06', communeCode: commune.communeCode });
  });
  afterAll(() => t.close());

  const openable = async (token = officer, query = 'provinceCode=06') => {
    const res = await t.http
      .get(`/api/v1/communes/${commune.communeCode}/openable?${query}`)
      .set('authorization', `Bearer ${token}`);
    return res;
  };
  const problems = (options: OpeningOption[]) =>
    Object.fromEntries(options.map((o) => [`${o.procedureVersion} ${o.level}`, o.problem?.code ?? null]));

  it('offers what may be opened and explains the rest; the group set, the 2026-2030 NTM dossier opens; then it is the open one', async () => {
    const before = await openable();
    expect(before.status).toBe(200);
    expect(before.body.communeName).toBe('xã Thượng Minh');
    // No group yet: no 2026-2030 dossier; no province set of nâng cao or kiểu mẫu; no new 2021-2025 dossier since
    // 15/02/2026 (RULES-2026.md §1, period-rules.ts: the conservative reading, no transition rule was found).
    expect(problems(before.body.options)).toEqual({
      '2026-2030 ntm': 'COMMUNE_GROUP_MISSING',
      '2026-2030 nang-cao': 'LEVEL_NOT_OFFERED',
      '2026-2030 kieu-mau': 'LEVEL_NOT_OFFERED',
      '2026-2030 hien-dai': expect.stringMatching(/^(COMMUNE_GROUP_MISSING|PREREQUISITE_NOT_HELD)$/),
      '2021-2025 ntm': 'PERIOD_CLOSED',
      '2021-2025 nang-cao': 'PERIOD_CLOSED',
      '2021-2025 kieu-mau': 'PERIOD_CLOSED',
      '2025-two-tier ntm': 'PERIOD_CLOSED',
      '2025-two-tier nang-cao': 'PERIOD_CLOSED',
      '2025-two-tier kieu-mau': 'PERIOD_CLOSED',
    });
    const closed = (before.body.options as OpeningOption[]).find(
      (o) => o.procedureVersion === '2025-two-tier' && o.level === 'ntm',
    )!;
    expect(closed.problem!.message).toMatch(
      /^Không lập hồ sơ mới theo giai đoạn 2021-2025 sau ngày 14\/02\/2026: Quyết định số 51\/2025\/QĐ-TTg/,
    );
    // What the answer refuses, the opening refuses in the same words, and writes nothing.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const head = await store.committedPosition();
    const dossierId = randomUUID();
    const refused = await t.http
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${officer}`)
      .send({ dossierId, commune, level: 'ntm', procedureVersion: '2025-two-tier', year: 2026 });
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([
      422,
      'PERIOD_CLOSED',
      closed.problem!.message,
    ]);
    expect(await store.streamVersion(dossierStreamId(dossierId))).toBeNull();
    expect(await store.committedPosition()).toEqual(head);
    const missing = (before.body.options as OpeningOption[]).find(
      (o) => o.procedureVersion === '2026-2030' && o.level === 'ntm',
    )!;
    expect(missing.problem!.message).toBe(
      'Tỉnh chưa xác định nhóm xã (nhóm 1, 2 hoặc 3 theo Quyết định 51/2025/QĐ-TTg) cho xã Thượng Minh',
    );
    expect(missing.criteriaSet).toMatchObject({ id: 'qd51-2025-xa-ntm', test: false });

    const province = await t.token('province_officer', { provinceCode: '06' });
    const group = await t.http
      .post(`/api/v1/communes/${commune.communeCode}/group`)
      .set('authorization', `Bearer ${province}`)
      .send({
        provinceCode: '06',
        group: 'nhom-2',
        basis: 'Quyết định 245/QĐ-UBND',
        decidedOn: '2026-02-20',
      });
    expect(group.status).toBe(201);
    const grouped = await openable();
    expect(problems(grouped.body.options)['2026-2030 ntm']).toBeNull();

    // What the answer offers, the opening accepts.
    const opened = await t.http
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${officer}`)
      .send({ commune, level: 'ntm', procedureVersion: '2026-2030', year: 2026 });
    expect(opened.status).toBe(201);
    const after = (await openable()).body.options as OpeningOption[];
    const ntm = after.find((o) => o.procedureVersion === '2026-2030' && o.level === 'ntm')!;
    expect(ntm.problem).toEqual({
      code: 'DOSSIER_ALREADY_OPEN',
      message: expect.stringMatching(
        /^xã Thượng Minh đang có hồ sơ mở cho mức và giai đoạn này \(mã hồ sơ 06-2026-\d{4}\)/,
      ),
    });
  });

  it('answers only within the officer’s area, and names the bad field', async () => {
    const elsewhere = await t.token('commune_officer', { provinceCode: '06', communeCode: '01901' });
    const outside = await openable(elsewhere);
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('OUTSIDE_JURISDICTION');
    const bad = await openable(officer, 'provinceCode=6');
    expect(bad.status).toBe(400);
    expect(bad.body.violations).toEqual([expect.objectContaining({ field: 'provinceCode' })]);
    const badCode = await t.http
      .get('/api/v1/communes/x1/openable?provinceCode=06')
      .set('authorization', `Bearer ${officer}`);
    expect(badCode.status).toBe(400);
  });

  /*
   * RULES-2026.md §1, period-rules.ts: the 10 criteria and 47 indicators of Decision 51/2025/QĐ-TTg replace the 19
   * of Decision 318; a 2021-2025 recognition is not a judgement against them (the conservative reading, UNVERIFIED).
   */
  it('a commune recognised NTM in 2021-2025 opens NTM under 2026-2030; the "hiện đại" pilot waits for it', async () => {
    const code = '01903';
    const bangThanh = { provinceCode: '06', communeCode: code, name: 'xã Bằng Thành' };
    // Its 2021-2025 recognition, as the commune-record process manager wrote it before periods were recorded.
    await recordPastRecognition(t, code, {
      level: 'ntm',
      decisionNumber: '2870/QĐ-UBND',
      decidedOn: '2023-12-22',
    });
    const province = await t.token('province_officer', { provinceCode: '06' });
    const group = await t.http
      .post(`/api/v1/communes/${code}/group`)
      .set('authorization', `Bearer ${province}`)
      .send({
        provinceCode: '06',
        group: 'nhom-3',
        basis: 'Quyết định 245/QĐ-UBND',
        decidedOn: '2026-02-20',
      });
    expect(group.status).toBe(201);
    const commune = await t.token('commune_officer', { provinceCode: '06', communeCode: code });
    const answer = await t.http
      .get(`/api/v1/communes/${code}/openable?provinceCode=06`)
      .set('authorization', `Bearer ${commune}`);
    const options = problems(answer.body.options);
    expect(options['2026-2030 ntm']).toBeNull();
    expect(options['2026-2030 hien-dai']).toBe('PREREQUISITE_NOT_HELD');

    const record = await t.http
      .get(`/api/v1/communes/${code}/record`)
      .set('authorization', `Bearer ${commune}`);
    expect(record.body.commune.holdings).toEqual({ '2021-2025': ['ntm'], '2026-2030': [] });

    // What the answer offers, the opening accepts: the 2021-2025 recognition does not make it ALREADY_RECOGNISED.
    const opened = await t.http
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${commune}`)
      .send({ commune: bangThanh, level: 'ntm', procedureVersion: '2026-2030', year: 2026 });
    expect(opened.status).toBe(201);
    const dossier = await t.http
      .get(`/api/v1/dossiers/${opened.body.dossierId}`)
      .set('authorization', `Bearer ${commune}`);
    // The levels the dossier was opened on are those of its own period.
    expect(dossier.body.holdings).toEqual([]);
  });
});
