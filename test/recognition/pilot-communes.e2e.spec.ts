import type { OpeningOption } from '@ntm/recognition';
import { startTestApp, type TestApp } from '../support/harness';
import { recordPastRecognition } from '../support/units';

/**
 * Decision 51/2025/QĐ-TTg, Appendix II: the "xã nông thôn mới hiện đại" is piloted in selected communes. The
 * province records which (with the text that says so); only those open a hiện đại dossier, and its list of pilot
 * communes shows them.
 */
describe('the communes selected to pilot "hiện đại", over HTTP', () => {
  let t: TestApp;
  let province: string;
  let commune: string;
  const caoKy = { provinceCode: '06', communeCode: '01906', name: 'xã Cao Kỳ' };
  const basis = 'Quyết định 456/QĐ-UBND ngày 10/03/2026 của UBND tỉnh Bắc Kạn về danh sách xã thí điểm';
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp('pilot_communes_e2e', { worker: true });
    t.clock.set('2026-03-12T02:00:00.000Z');
    const admin = await t.token('admin', {});
    const units = await t.http
      .put('/api/v1/admin/units/06')
      .set(auth(admin))
      .send({ name: 'Tỉnh Bắc Kạn', districts: [], communes: [{ code: '01906', name: 'xã Cao Kỳ' }] });
    expect(units.status).toBe(200);
    // NTM under the 2026-2030 set already (the pilot builds on it), and its group set.
    await recordPastRecognition(t, caoKy.communeCode, {
      level: 'ntm',
      decisionNumber: '150/QĐ-UBND',
      decidedOn: '2026-03-01',
      period: '2026-2030',
    });
    province = await t.token('province_officer', { provinceCode: '06' });
    commune = await t.token('commune_officer', { provinceCode: '06', communeCode: caoKy.communeCode });
    const group = await t.http.post(`/api/v1/communes/${caoKy.communeCode}/group`).set(auth(province)).send({
      provinceCode: '06',
      group: 'nhom-2',
      basis: 'Quyết định 245/QĐ-UBND',
      decidedOn: '2026-02-20',
    });
    expect(group.status).toBe(201);
  });
  afterAll(() => t.close());

  const hienDai = async () => {
    const res = await t.http
      .get(`/api/v1/communes/${caoKy.communeCode}/openable?provinceCode=06`)
      .set(auth(commune));
    return (res.body.options as OpeningOption[]).find(
      (o) => o.procedureVersion === '2026-2030' && o.level === 'hien-dai',
    )!.problem;
  };
  const open = () =>
    t.http
      .post('/api/v1/dossiers')
      .set(auth(commune))
      .send({ commune: caoKy, level: 'hien-dai', procedureVersion: '2026-2030', year: 2026 });
  const select = (token: string, body: object) =>
    t.http.post(`/api/v1/communes/${caoKy.communeCode}/pilot`).set(auth(token)).send(body);

  it('refuses a hiện đại dossier until the province selects the commune, and says so before it is tried', async () => {
    expect(await hienDai()).toEqual({
      code: 'PILOT_NOT_DESIGNATED',
      message:
        'xã Cao Kỳ chưa có trong danh sách xã thí điểm xây dựng xã nông thôn mới hiện đại (Quyết định 51/2025/QĐ-TTg, ' +
        'Phụ lục II); xã chỉ lập hồ sơ sau khi được UBND tỉnh chọn thí điểm',
    });
    const refused = await open();
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('PILOT_NOT_DESIGNATED');
  });

  it('takes the selection from the province only, with a basis, and writes nothing for a refusal', async () => {
    const body = { provinceCode: '06', level: 'hien-dai', designated: true, basis, decidedOn: '2026-03-10' };
    const cases: [string, object, number, string][] = [
      [commune, body, 403, 'ROLE_NOT_ALLOWED'],
      [await t.token('province_officer', { provinceCode: '24' }), body, 403, 'OUTSIDE_JURISDICTION'],
      [province, { ...body, designated: 'yes' }, 400, 'designated'],
      [province, { ...body, level: 'ntm' }, 400, 'level'],
      [province, { ...body, basis: 'x'.repeat(501) }, 400, 'basis'],
      [province, { ...body, designated: false }, 422, 'NOT_A_PILOT_COMMUNE'],
    ];
    for (const [token, sent, status, named] of cases) {
      const res = await select(token, sent);
      expect({ sent, status: res.status }).toEqual({ sent, status });
      expect(JSON.stringify(res.body)).toContain(named);
    }
    expect(await hienDai()).toMatchObject({ code: 'PILOT_NOT_DESIGNATED' });
  });

  it('once selected, the commune opens its hiện đại dossier and the province lists it; taken off, it lists why', async () => {
    const selected = await select(province, {
      provinceCode: '06',
      level: 'hien-dai',
      designated: true,
      basis,
      decidedOn: '2026-03-10',
    });
    expect(selected.status).toBe(201);
    expect(selected.body.pilots).toEqual([
      expect.objectContaining({ level: 'hien-dai', designated: true, basis, decidedOn: '2026-03-10' }),
    ]);
    const list = await t.http
      .get(`/api/v1/provinces/06/commune-pilots?minPosition=${selected.body.position}`)
      .set(auth(province));
    expect(list.status).toBe(200);
    expect(list.body.communes).toEqual([
      {
        communeCode: '01906',
        pilot: expect.objectContaining({ level: 'hien-dai', designated: true, basis }),
      },
    ]);
    const outside = await t.http
      .get('/api/v1/provinces/06/commune-pilots')
      .set(auth(await t.token('province_officer', { provinceCode: '24' })));
    expect(outside.status).toBe(403);

    expect(await hienDai()).toBeNull();
    const opened = await open();
    expect(opened.status).toBe(201);

    const withdrawn = await select(province, {
      provinceCode: '06',
      level: 'hien-dai',
      designated: false,
      basis: 'Quyết định 789/QĐ-UBND ngày 01/06/2026 điều chỉnh danh sách xã thí điểm',
      decidedOn: '2026-06-01',
    });
    expect(withdrawn.status).toBe(201);
    const after = await t.http
      .get(`/api/v1/provinces/06/commune-pilots?minPosition=${withdrawn.body.position}`)
      .set(auth(province));
    expect(after.body.communes).toEqual([
      {
        communeCode: '01906',
        pilot: expect.objectContaining({ designated: false, decidedOn: '2026-06-01' }),
      },
    ]);
  });
});
