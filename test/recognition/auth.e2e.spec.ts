import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/harness';
import { eventually } from '../support/eventually';
import { openWhilePeriodOpen } from '../support/dossier-driver';

describe('Bearer tokens', () => {
  describe('in development', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp('auth_dev_e2e', { worker: false })));
    afterAll(() => t.close());

    it('mints a development token whose claims the API then honours', async () => {
      const minted = await t.http.post('/api/v1/dev/tokens').send({
        sub: 'can-bo-xa',
        role: 'commune_officer',
        provinceCode: '06',
        districtCode: '058',
        communeCode: '01843',
      });
      expect(minted.status).toBe(201);
      const open = await openWhilePeriodOpen(t, '2021-2025', () =>
        t.http
          .post('/api/v1/dossiers')
          .set('authorization', `Bearer ${minted.body.token}`)
          .send({
            commune: {
              provinceCode: '06',
              districtCode: '058',
              communeCode: '01843',
              name: 'xã Nông Thượng',
            },
            level: 'ntm',
            procedureVersion: '2021-2025',
            year: 2025,
          }),
      );
      expect(open.status).toBe(201);
      const history = await t.http
        .get(`/api/v1/dossiers/${open.body.dossierId}/history`)
        .set('authorization', `Bearer ${minted.body.token}`);
      expect(history.body[0]).toMatchObject({ actor: 'can-bo-xa', role: 'commune_officer' });
    });

    it('rejects a token signed with another key, a malformed header, and the system role', async () => {
      const forged = await t.http
        .get('/api/v1/dossiers/5d0c7e1a-0000-4000-8000-000000000000')
        .set('authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl');
      expect(forged.status).toBe(401);
      expect(forged.body.code).toBe('INVALID_TOKEN');
      const malformed = await t.http
        .get('/api/v1/dossiers/5d0c7e1a-0000-4000-8000-000000000000')
        .set('authorization', 'Basic abc');
      expect(malformed.status).toBe(401);
      const system = await t.http.post('/api/v1/dev/tokens').send({ sub: 'x', role: 'system' });
      expect(system.status).toBe(400);
    });
  });

  describe('online ballots', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp('auth_ballots_e2e', { worker: false })));
    afterAll(() => t.close());

    it('need a token unless the public ballot page is switched on', async () => {
      const res = await t.http
        .post('/api/v1/surveys/5d0c7e1a-0000-4000-8000-000000000000/ballots')
        .send({ household: 'NT-001', answers: { overall: 'satisfied' } });
      expect(res.status).toBe(401);
      expect(res.body.message).toContain('PUBLIC_BALLOTS');
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(
      async () => (t = await startTestApp('auth_prod_e2e', { worker: false, config: { devTokens: false } })),
    );
    afterAll(() => t.close());

    it('has no dev token route', async () => {
      const res = await t.http.post('/api/v1/dev/tokens').send({ sub: 'x', role: 'admin' });
      expect(res.status).toBe(404);
    });
  });
});

describe('Health', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp('health_e2e', { worker: true })));
  afterAll(() => t.close());

  it('is up with the event store head, and turns 503 naming a parked projection', async () => {
    const up = await t.http.get('/api/health');
    expect(up.status).toBe(200);
    expect(up.body.details.projections.status).toBe('up');
    // The runner creates its checkpoint row as it starts, which may be just after the app is up.
    const db = t.app.get(DataSource);
    await eventually(async () => {
      const updated = await db.query(
        `UPDATE "${t.config.schema}".projection_checkpoints SET status = 'parked', last_error = 'boom' WHERE name = 'timers' RETURNING name`,
      );
      return updated[0]?.length > 0 || undefined;
    }, 'the timers checkpoint to exist');
    const down = await t.http.get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body.details.projections.parked.map((c: { name: string }) => c.name)).toEqual(['timers']);
    // Readiness names it too, but a parked projection does not take the API replicas out of service.
    const ready = await t.http.get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.details).sort()).toEqual([
      'database',
      'eventStore',
      'projections',
      'redis',
    ]);
    expect(ready.body.details.projections.parked.map((c: { name: string }) => c.name)).toEqual(['timers']);
    expect((await t.http.get('/api/health/live')).status).toBe(200);
  });
});

describe('Readiness without Redis', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startTestApp('health_no_redis_e2e', {
        worker: false,
        config: { redisUrl: 'redis://127.0.0.1:1' },
      })),
  );
  afterAll(() => t.close());

  it('is not ready (503 naming Redis) while the process stays live', async () => {
    const ready = await t.http.get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.redis.status).toBe('down');
    expect(ready.body.details.database.status).toBe('up');
    const live = await t.http.get('/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
  });
});
