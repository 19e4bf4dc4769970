import { startTestApp, type TestApp } from '../support/harness';
import { registerBacKan } from '../support/units';

/**
 * A province's communes with their groups (Decision 51/2025/QĐ-TTg) in one read, from the commune-groups read model:
 * what the "Nhóm xã" screen shows instead of asking each commune's group.
 */
describe('GET /api/v1/provinces/{provinceCode}/commune-groups', () => {
  let t: TestApp;
  let bacKan: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const setGroup = async (communeCode: string, group: string, basis: string) => {
    const res = await t.http
      .post(`/api/v1/communes/${communeCode}/group`)
      .set(auth(bacKan))
      .send({ provinceCode: '06', group, basis, decidedOn: '2026-02-20' });
    expect(res.status).toBe(201);
    expect(res.body.position).toEqual(expect.any(String));
    return res.body.position as string;
  };
  const read = (token: string, provinceCode: string, minPosition?: string) =>
    t.http
      .get(`/api/v1/provinces/${provinceCode}/commune-groups`)
      .query(minPosition ? { minPosition } : {})
      .set(auth(token));

  beforeAll(async () => {
    t = await startTestApp('commune_groups_e2e');
    t.clock.set('2026-03-02T02:00:00.000Z');
    await registerBacKan(t, await t.token('admin'));
    bacKan = await t.token('province_officer', { provinceCode: '06' });
  });
  afterAll(() => t.close());

  it("answers every commune's group of the province in one read, and the read after a write shows it", async () => {
    await setGroup('01840', 'nhom-2', 'Quyết định 300/QĐ-UBND');
    const last = await setGroup('01843', 'nhom-3', 'Quyết định 300/QĐ-UBND');
    const both = await read(bacKan, '06', last);
    expect(both.status).toBe(200);
    expect(both.body.communes).toEqual([
      {
        communeCode: '01840',
        group: expect.objectContaining({ provinceCode: '06', group: 'nhom-2', decidedOn: '2026-02-20' }),
      },
      {
        communeCode: '01843',
        group: expect.objectContaining({
          group: 'nhom-3',
          basis: 'Quyết định 300/QĐ-UBND',
          setAt: '2026-03-02T02:00:00.000Z',
        }),
      },
    ]);
    expect(both.body.communes[0].group.setBy).toEqual(expect.any(String));

    const changed = await setGroup('01840', 'nhom-1', 'Quyết định 301/QĐ-UBND');
    const after = await read(bacKan, '06', changed);
    expect(after.status).toBe(200);
    expect(after.body.communes.map((c: { group: { group: string } }) => c.group.group)).toEqual([
      'nhom-1',
      'nhom-3',
    ]);
    expect(after.body.position >= changed).toBe(true);
    // A national role reads any province.
    expect((await read(await t.token('admin'), '06', changed)).body.communes).toHaveLength(2);
  });

  it('refuses the users of another province (403) and answers them nothing', async () => {
    const other = await read(await t.token('province_officer', { provinceCode: '19' }), '06');
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('OUTSIDE_JURISDICTION');
    expect(other.body.message).toContain('Tỉnh mã 06');
    expect(other.body.communes).toBeUndefined();
    const commune = await t.token('commune_officer', { provinceCode: '19', communeCode: '05806' });
    expect((await read(commune, '06')).status).toBe(403);
  });

  it('refuses a malformed province code (400) naming the field in Vietnamese', async () => {
    for (const code of ['6', '006', 'ab']) {
      const res = await read(bacKan, code);
      expect([code, res.status]).toEqual([code, 400]);
      expect(res.body.code).toBe('INVALID_FIELD');
      expect(res.body.message).toContain("'provinceCode'");
      expect(res.body.message).toContain('mã tỉnh 2 chữ số');
    }
  });

  it('refuses a malformed commune code when reading its group (400, not a database error)', async () => {
    for (const code of ['%00', 'x'.repeat(40), '01843;']) {
      const res = await t.http.get(`/api/v1/communes/${code}/group`).set(auth(bacKan));
      expect([code, res.status]).toEqual([code, 400]);
      expect(res.body.code).toBe('INVALID_FIELD');
    }
  });
});
