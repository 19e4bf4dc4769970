import { startTestApp, type TestApp } from '../support/harness';
import { nongThuong, tokensFor, type Tokens } from '../support/dossier-driver';

describe('Bull Board: the queues, for administrators only', () => {
  let t: TestApp;
  let tokens: Tokens;

  beforeAll(async () => {
    t = await startTestApp('bull-board');
    tokens = await tokensFor(t, nongThuong);
  });
  afterAll(() => t.close());

  it('answers 401 without a valid token and 403 to any role but admin', async () => {
    const none = await t.http.get('/api/admin/queues/api/queues');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const forged = await t.http.get('/api/admin/queues').set('authorization', 'Bearer not-a-token');
    expect(forged.status).toBe(401);
    for (const token of [tokens.province, tokens.commune, tokens.chairman]) {
      const res = await t.http.get('/api/admin/queues/api/queues').set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    }
  });

  it('shows the administrator the deadline and survey-closing queues', async () => {
    const page = await t.http.get('/api/admin/queues').set('authorization', `Bearer ${tokens.admin}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    const api = await t.http
      .get('/api/admin/queues/api/queues')
      .set('authorization', `Bearer ${tokens.admin}`);
    expect(api.status).toBe(200);
    const names = (api.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['deadlines', 'survey-closing']);
  });
});
