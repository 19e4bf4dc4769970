import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENT_STORE, type TokenClaims } from '@ntm/application';
import type { Role } from '@ntm/decider';
import type { EventStore } from '@ntm/event-store';
import { UNITS_STREAM } from '@ntm/units';
import { startTestApp, type TestApp } from '../support/harness';
import { recordPastRecognition } from '../support/units';
import { catchUpProjections } from '../reports/support';

/**
 * The register of administrative units over HTTP: the 2025 rearrangement of Bắc Kạn and Thái Nguyên (Resolution
 * 202/2025/QH15; Resolution 1683/NQ-UBTVQH15 Art. 1.1 for Tân Cương), the record of the merged commune with its
 * predecessors, the province's acknowledgement (thừa nhận), and 2026-2030 commands refused for codes that are gone.
 */
describe('administrative units with lineage over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let thaiNguyen: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp('units_e2e', { worker: false });
    t.clock.set('2026-03-02T02:00:00.000Z');
    admin = await t.token('admin');
    thaiNguyen = await t.token('province_officer', { provinceCode: '19' });
  });
  afterAll(() => t.close());

  it('takes register changes from administrators only, all or nothing, with the reason in Vietnamese', async () => {
    const file = JSON.parse(
      await readFile(join(__dirname, '../fixtures/units-thai-nguyen-2025.json'), 'utf8'),
    );
    const refused = await t.http.post('/api/v1/admin/units/changes').set(auth(thaiNguyen)).send(file);
    expect(refused.status).toBe(403);
    const bad = await t.http
      .post('/api/v1/admin/units/changes')
      .set(auth(admin))
      .send({
        changes: [...file.changes, { type: 'DissolveUnit', code: '01843', effectiveOn: '2025-07-01' }],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('changes[11].basis');
    await expect(t.app.get<EventStore>(EVENT_STORE).readStream(UNITS_STREAM)).rejects.toThrow(/not found/);

    const ok = await t.http.post('/api/v1/admin/units/changes').set(auth(admin)).send(file);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ changes: 11, events: 11, position: expect.any(String) });

    await catchUpProjections(t.app, t.config.schema, ok.body.position);
    const units = await t.http.get('/api/v1/admin/units/19').set(auth(thaiNguyen));
    expect(units.status).toBe(200);
    expect(units.body.communes).toEqual([
      expect.objectContaining({
        code: '05800',
        status: 'merged',
        successorCode: '05806',
        since: '2025-07-01',
      }),
      expect.objectContaining({ code: '05803', status: 'merged', successorCode: '05806' }),
      expect.objectContaining({
        code: '05806',
        status: 'active',
        predecessorCodes: ['05800', '05803'],
        basis: expect.objectContaining({
          number: '1683/NQ-UBTVQH15',
          unverified: expect.stringMatching(/^UNVERIFIED/),
        }),
      }),
    ]);
  });

  it("shows the merged commune's record with its predecessors' recognitions, and takes the province's acknowledgement", async () => {
    // Xã Thịnh Đức was recognised before the merger (the commune-record process manager's event, written directly
    // in its shape before recognitions carried their period: raised to 2021-2025 on read, never rewritten).
    await recordPastRecognition(t, '05800', {
      level: 'ntm',
      decisionNumber: '3012/QĐ-UBND',
      decidedOn: '2022-12-20',
    });
    const record = await t.http.get('/api/v1/communes/05806/record').set(auth(thaiNguyen));
    expect(record.status).toBe(200);
    expect(record.body.commune).toMatchObject({
      code: '05806',
      name: 'xã Tân Cương',
      status: 'active',
      holdings: { '2021-2025': [], '2026-2030': [] },
    });
    expect(record.body.predecessors).toEqual([
      expect.objectContaining({
        code: '05800',
        name: 'xã Thịnh Đức',
        status: 'merged',
        mergedOn: '2025-07-01',
        holdings: { '2021-2025': ['ntm'], '2026-2030': [] },
        recognitions: [
          expect.objectContaining({ decisionNumber: '3012/QĐ-UBND', period: '2021-2025', revoked: null }),
        ],
      }),
      expect.objectContaining({
        code: '05803',
        holdings: { '2021-2025': [], '2026-2030': [] },
        recognitions: [],
      }),
    ]);

    const body = {
      level: 'ntm',
      reasons: ['Xã Thịnh Đức đã đạt chuẩn nông thôn mới (Quyết định 3012/QĐ-UBND ngày 20/12/2022)'],
      decisionNumber: '250/QĐ-UBND',
      decidedOn: '2026-03-01',
    };
    const other = await t.token('province_officer', { provinceCode: '24' });
    expect(
      (await t.http.post('/api/v1/communes/05806/acknowledgements').set(auth(other)).send(body)).status,
    ).toBe(403);
    const tooHigh = await t.http
      .post('/api/v1/communes/05806/acknowledgements')
      .set(auth(thaiNguyen))
      .send({ ...body, level: 'nang-cao' });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.code).toBe('NO_PREDECESSOR_HOLDS_LEVEL');
    const acknowledged = await t.http
      .post('/api/v1/communes/05806/acknowledgements')
      .set(auth(thaiNguyen))
      .send(body);
    expect(acknowledged.status).toBe(201);
    // The acknowledged standing is of 2021-2025 (the July 2025 merger): it does not stand for the 2026-2030 set
    // (RULES-2026.md §1, period-rules.ts), so the commune is still offered NTM under 2026-2030.
    expect(acknowledged.body.commune.holdings).toEqual({ '2021-2025': ['ntm'], '2026-2030': [] });
    expect(acknowledged.body.acknowledgements).toEqual([
      expect.objectContaining({
        level: 'ntm',
        period: '2021-2025',
        decisionNumber: '250/QĐ-UBND',
        mergerBasis: expect.objectContaining({ number: '1683/NQ-UBTVQH15' }),
        predecessors: [
          { code: '05800', name: 'xã Thịnh Đức', holdings: ['ntm'] },
          { code: '05803', name: 'xã Bình Sơn', holdings: [] },
          { code: '05806', name: 'xã Tân Cương', holdings: [] },
        ],
        unverified: expect.stringMatching(/^UNVERIFIED/),
      }),
    ]);
  });

  it('refuses 2026-2030 commands that name a merged-away or unknown code, naming what became of it', async () => {
    const open = async (commune: { provinceCode: string; communeCode: string; name: string }) =>
      t.http
        .post('/api/v1/dossiers')
        .set(
          auth(
            await t.token('commune_officer', {
              provinceCode: commune.provinceCode,
              communeCode: commune.communeCode,
            }),
          ),
        )
        .send({ commune, level: 'hien-dai', procedureVersion: '2026-2030', year: 2026 });
    const merged = await open({ provinceCode: '19', communeCode: '05800', name: 'xã Thịnh Đức' });
    expect(merged.status).toBe(422);
    expect(merged.body.code).toBe('UNIT_MERGED');
    expect(merged.body.message).toMatch(/xã Thịnh Đức.*xã Tân Cương \(mã 05806\).*1683\/NQ-UBTVQH15/);
    const unknown = await open({ provinceCode: '19', communeCode: '09999', name: 'xã Không Có' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNIT_UNKNOWN');
    // Bắc Kạn is part of Thái Nguyên since 01/07/2025: its code answers for no commune.
    const oldProvince = await open({ provinceCode: '06', communeCode: '01843', name: 'xã Nông Thượng' });
    expect(oldProvince.status).toBe(422);
    expect(oldProvince.body.message).toContain('Tỉnh Thái Nguyên');
    const oldGroup = await t.http.post('/api/v1/communes/05803/group').set(auth(thaiNguyen)).send({
      provinceCode: '19',
      group: 'nhom-3',
      basis: 'Quyết định 300/QĐ-UBND',
      decidedOn: '2026-02-20',
    });
    expect(oldGroup.status).toBe(422);
    expect(oldGroup.body.code).toBe('UNIT_MERGED');
    const group = await t.http.post('/api/v1/communes/05806/group').set(auth(thaiNguyen)).send({
      provinceCode: '19',
      group: 'nhom-3',
      basis: 'Quyết định 300/QĐ-UBND',
      decidedOn: '2026-02-20',
    });
    expect(group.status).toBe(201);
  });

  it("loads a province's list from a file: each problem names its line and field, nothing is written", async () => {
    // TEST DATA: province 99, its communes and their codes are made up.
    const file = (communes: object[]) => JSON.stringify({ name: 'Tỉnh Thử Nghiệm', communes }, null, 2);
    const put = (token: string, text: string) =>
      t.http
        .put('/api/v1/admin/units/99')
        .set(auth(token))
        .set('content-type', 'application/json')
        .send(text);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const before = (await store.readStream(UNITS_STREAM)).length;

    expect((await put(thaiNguyen, file([]))).status).toBe(403);
    // communes[1] opens on line 8: its code on 9, its district on 11; communes[2]'s code on 14.
    const bad = await put(
      admin,
      file([
        { code: '09901', name: 'xã Thử Một' },
        { code: '991', name: 'xã Thử Hai', districtCode: '999' },
        { code: '09901', name: 'xã Thử Ba' },
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.violations).toEqual([
      {
        code: 'DUPLICATE_UNIT',
        field: 'communes[2].code',
        message: 'Dòng 14, trường communes[2].code: mã xã 09901 bị trùng, đã có ở communes[0]',
      },
    ]);
    const wrong = await put(
      admin,
      file([
        { code: '09901', name: 'xã Thử Một' },
        { code: '991', name: 'xã Thử Hai', districtCode: '999' },
      ]),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.violations.map((v: { message: string }) => v.message)).toEqual([
      'Dòng 9, trường communes[1].code: mã xã cần 5 chữ số',
      'Dòng 11, trường communes[1].districtCode: huyện mã 999 chưa có trong danh mục',
    ]);
    // A code another province's commune holds: the register's state refuses it (422), at its line.
    const taken = await put(admin, file([{ code: '05806', name: 'xã Thử Một' }]));
    expect(taken.status).toBe(422);
    expect(taken.body.violations).toEqual([
      expect.objectContaining({
        code: 'UNIT_CODE_TAKEN',
        field: 'communes[0].code',
        message: expect.stringMatching(
          /^Dòng 5, trường communes\[0\]\.code: mã 05806 đã dùng cho xã Tân Cương/,
        ),
      }),
    ]);
    expect((await store.readStream(UNITS_STREAM)).length).toBe(before);

    const ok = await put(admin, file([{ code: '09901', name: 'xã Thử Một' }]));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ provinceCode: '99', districts: 0, communes: 1, position: expect.any(String) });
    await catchUpProjections(t.app, t.config.schema, ok.body.position);
    const units = await t.http.get('/api/v1/admin/units/99').set(auth(admin));
    expect(units.body).toMatchObject({
      name: 'Tỉnh Thử Nghiệm',
      communes: [expect.objectContaining({ code: '09901', name: 'xã Thử Một', status: 'active' })],
    });
  });

  it("names each user's own area from the register (the web app's header), the old province with the one it is now part of", async () => {
    const areaOf = async (role: Role, claims: Partial<TokenClaims>) => {
      const res = await t.http.get('/api/v1/me/area').set(auth(await t.token(role, claims)));
      expect(res.status).toBe(200);
      return res.body;
    };
    expect(await areaOf('commune_officer', { provinceCode: '19', communeCode: '05806' })).toEqual({
      province: { code: '19', name: 'Tỉnh Thái Nguyên', now: null },
      district: null,
      commune: { code: '05806', name: 'xã Tân Cương' },
    });
    expect(
      await areaOf('commune_officer', { provinceCode: '06', districtCode: '058', communeCode: '01840' }),
    ).toEqual({
      province: { code: '06', name: 'Tỉnh Bắc Kạn', now: { code: '19', name: 'Tỉnh Thái Nguyên' } },
      district: { code: '058', name: 'Thành phố Bắc Kạn' },
      commune: { code: '01840', name: 'xã Dương Quang' },
    });
    // A code the register does not know has no name; an account bound to no unit has no area.
    expect(await areaOf('province_officer', { provinceCode: '42' })).toEqual({
      province: { code: '42', name: null, now: null },
      district: null,
      commune: null,
    });
    expect(await areaOf('admin', {})).toEqual({ province: null, district: null, commune: null });
  });
});
