import { movement } from '../../libs/commendation/src/testing/fixtures';
import { startTestApp, type TestApp } from '../support/harness';
import { appointDemoCouncil, BASE, EmulationDriver, PROVINCE } from './emulation-driver';

/*
 * The recipients a province knows, searched by a nomination form: a person nominated before and a cooperative with a
 * prior award the secretary recorded, found by their names typed without diacritics, each with the id they hold so
 * that a second nomination keeps their record.
 */
describe('searching the recipients a province knows over HTTP', () => {
  let t: TestApp;
  let e: EmulationDriver;
  let officer = '';
  let position = '';
  const search = (query: string, token = officer) =>
    e.send('get', `${BASE}/recipients?${query}&minPosition=${encodeURIComponent(position)}`, token);

  beforeAll(async () => {
    t = await startTestApp('commendation_recipients_e2e');
    e = new EmulationDriver(t);
    const { secretary } = await appointDemoCouncil(t);
    officer = await t.token('province_officer', { provinceCode: PROVINCE });
    await e.ok('post', `${BASE}/movements`, secretary, movement);
    await e.ok('post', `${BASE}/prior-awards`, secretary, {
      awardId: 'bk-2024-htx-dong-tam',
      recipient: { kind: 'collective', id: 'htx-dong-tam-a1b2c3', name: 'Hợp tác xã Nông nghiệp Đồng Tâm' },
      awardTypeId: 'bang-khen-chu-tich-tinh',
      year: 2024,
      decisionNumber: '1800/QĐ-UBND',
      decidedOn: '2024-12-10',
    });
    ({ position } = await e.ok('post', '/api/v1/emulation/nominations', officer, {
      provinceCode: PROVINCE,
      movementId: movement.id,
      awardTypeId: 'bang-khen-chu-tich-tinh',
      year: 2025,
      nominee: {
        kind: 'individual',
        id: 'ha-van-duc-x7k2p9',
        name: 'Hà Văn Đức',
        position: 'Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân xã',
        unit: 'xã Nông Thượng',
      },
      achievement: {
        kind: 'movement-result',
        period: '2021-2025',
        text: 'Lãnh đạo xã đạt chuẩn nông thôn mới',
      },
    }));
  }, 180_000);
  afterAll(() => t.close());

  it('finds a person nominated before by the name typed without diacritics, with the id they hold', async () => {
    const res = await search('q=ha%20van%20duc');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        kind: 'individual',
        id: 'ha-van-duc-x7k2p9',
        recipientKey: 'individual:ha-van-duc-x7k2p9',
        name: 'Hà Văn Đức',
        // The position and the unit as sent, each in its field.
        position: 'Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân xã',
        unit: 'xã Nông Thượng',
        awards: 0,
        nominations: 1,
      },
    ]);
    // A prior award the secretary recorded makes its recipient known too; the kind narrows the search.
    const collectives = await search('q=dong%20tam&kind=collective');
    expect(collectives.body).toEqual([
      expect.objectContaining({ id: 'htx-dong-tam-a1b2c3', awards: 1, nominations: 0 }),
    ]);
    expect((await search('q=ha%20van%20duc&kind=collective')).body).toEqual([]);
  });

  it('refuses a search too long or of an unknown kind, naming the field', async () => {
    for (const [query, field] of [
      [`q=${'a'.repeat(201)}`, 'q'],
      ['q=duc&kind=commune', 'kind'],
    ]) {
      const res = await search(query);
      expect([res.status, res.body.code, res.body.violations[0].field]).toEqual([
        400,
        'VALIDATION_FAILED',
        field,
      ]);
      expect(res.body.message).toContain(`Trường '${field}'`);
    }
  });

  it('answers only users whose jurisdiction covers the province', async () => {
    const outsider = await t.token('province_officer', { provinceCode: '24' });
    const res = await search('q=duc', outsider);
    expect([res.status, res.body.code]).toEqual([403, 'OUTSIDE_JURISDICTION']);
  });
});
