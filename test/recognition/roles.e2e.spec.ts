import { startTestApp, type TestApp } from '../support/harness';
import {
  allCriteria,
  DossierDriver,
  findings,
  nongThuong,
  sha,
  submissionEvidence,
  tokensFor,
  type Tokens,
} from '../support/dossier-driver';

/**
 * At every step of the walk, each role that does not own the step is tried first and refused (403),
 * as is the owning role from another province; then the owner acts.
 */
describe('Every step refuses every other role and every outsider', () => {
  let t: TestApp;
  let tokens: Tokens;
  let outsiders: Tokens;

  beforeAll(async () => {
    t = await startTestApp('roles_e2e', { worker: false });
    tokens = await tokensFor(t, nongThuong);
    outsiders = await tokensFor(t, {
      provinceCode: '24',
      districtCode: '213',
      communeCode: '07210',
      name: 'xã Tân Yên',
    });
  });
  afterAll(() => t.close());

  type RoleName = 'commune' | 'front' | 'district' | 'province' | 'council' | 'chairman' | 'admin';
  const tokenOf = (set: Tokens, role: RoleName) => (role === 'council' ? set.council[0] : set[role]);
  const ROLES: RoleName[] = ['commune', 'front', 'district', 'province', 'council', 'chairman', 'admin'];

  it('walks the 2021-2025 procedure with every wrong actor refused at every step', async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    const steps: [string, RoleName, object][] = [
      ['self-assessment', 'commune', { criteria: allCriteria() }],
      ['public-posting', 'commune', { where: ['Trụ sở UBND xã'], from: d.daysAgo(30) }],
      ['public-posting/close', 'commune', {}],
      ['survey-result', 'front', { households: 1000, formsCollected: 800, satisfied: 780 }],
      ['commune-meeting', 'commune', { attendees: 30, votesFor: 30, votesAgainst: 0, minutes: sha(9) }],
      ['submission', 'commune', submissionEvidence()],
      [
        'district/posting',
        'district',
        { report: sha(11), where: ['Cổng thông tin điện tử huyện'], from: d.daysAgo(30) },
      ],
      ['district/posting/close', 'district', {}],
      [
        'district/vote',
        'district',
        { counts: { members: 15, present: 15, for: 15, against: 0 }, minutes: sha(12) },
      ],
      ['verification', 'district', { findings: findings() }],
      ['appraisal/posting', 'province', { from: d.daysAgo(30) }],
      ['appraisal/posting/close', 'province', {}],
      ['appraisal/votes', 'council', { vote: 'approve' }],
      ['appraisal/conclusion', 'province', { counts: { members: 1, present: 1, for: 1, against: 0 } }],
      ['decision', 'chairman', { decisionNumber: '12/QĐ-UBND', decidedOn: '2025-12-15' }],
      ['announcement', 'province', { announcedOn: '2025-12-20' }],
    ];
    for (const [path, owner, body] of steps) {
      for (const role of ROLES.filter((r) => r !== owner)) {
        const res = await d.send(path, tokenOf(tokens, role), body);
        expect({ path, role, status: res.status, code: res.body.code }).toEqual({
          path,
          role,
          status: 403,
          code: 'ROLE_NOT_ALLOWED',
        });
      }
      const outsider = await d.send(path, tokenOf(outsiders, owner), body);
      expect({ path, status: outsider.status, code: outsider.body.code }).toEqual({
        path,
        status: 403,
        code: 'OUTSIDE_JURISDICTION',
      });
      await d.ok(path, tokenOf(tokens, owner), body);
    }
    expect((await d.get()).status).toBe('recognised');
  });

  it("shows a dossier and its history only within the reader's jurisdiction", async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    const read = (token: string, path = '') =>
      t.http.get(`/api/v1/dossiers/${d.id}${path}`).set('authorization', `Bearer ${token}`);
    for (const token of [
      tokens.commune,
      tokens.front,
      tokens.district,
      tokens.province,
      tokens.chairman,
      tokens.admin,
    ]) {
      expect((await read(token)).status).toBe(200);
    }
    for (const token of [outsiders.commune, outsiders.district, outsiders.province, outsiders.chairman]) {
      const res = await read(token);
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 403,
        code: 'OUTSIDE_JURISDICTION',
      });
      expect((await read(token, '/history')).status).toBe(403);
    }
  });
});
