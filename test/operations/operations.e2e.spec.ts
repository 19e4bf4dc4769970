import { buildTag } from '@ntm/read-models';
import { ProjectionCheckpoints } from '@ntm/read-models/runner';
import { DataSource } from 'typeorm';
import { encodePair, type EventStore } from '@ntm/event-store';
import { EVENT_STORE } from '@ntm/application';
import { rebuildReadModels } from '../../apps/cli/src/rebuild';
import { startTestApp, type TestApp } from '../support/harness';
import { eventually } from '../support/eventually';
import { DossierDriver, nongThuong, tokensFor, type Tokens } from '../support/dossier-driver';

/** The value of one sample in Prometheus exposition text, or undefined when the series is absent. */
const sample = (text: string, name: string, labels: Record<string, string>): number | undefined => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    const parts = inner.split(',');
    if (wanted.every((w) => parts.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
};

describe('operations: metrics, parked projections, request ids', () => {
  let t: TestApp;
  let tokens: Tokens;

  beforeAll(async () => {
    t = await startTestApp('operations');
    tokens = await tokensFor(t, nongThuong);
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    return res.text;
  };

  it('counts commands by name and outcome, with their latency', async () => {
    const before = await scrape();
    const opened = sample(before, 'ntm_command_duration_seconds_count', {
      command: 'DossiersController.open',
      outcome: 'ok',
    });
    expect(opened ?? 0).toBe(0);

    const dossier = new DossierDriver(t, tokens, nongThuong);
    await dossier.open();
    // A refused command is counted under the error code it answered with, not as a success.
    const refusal = await dossier.send('submission', tokens.commune);
    expect(refusal.status).toBeGreaterThanOrEqual(400);

    const after = await scrape();
    expect(
      sample(after, 'ntm_command_duration_seconds_count', {
        command: 'DossiersController.open',
        outcome: 'ok',
      }),
    ).toBe(1);
    const refused = after
      .split('\n')
      .filter(
        (l) => l.startsWith('ntm_command_duration_seconds_count{') && l.includes('DossiersController.submit'),
      );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(`outcome="${refusal.body.code}"`);
    expect(after).toContain('# TYPE ntm_queue_jobs gauge');
  });

  it('counts the pending timers the due_timers table holds', async () => {
    // A submitted dossier waits for verification, a step with a statutory deadline.
    const dossier = new DossierDriver(t, tokens, nongThuong);
    await dossier.open();
    await dossier.prepare();
    await dossier.submit();
    const db = t.app.get(DataSource);
    const pending = async () =>
      (await db.query(
        `SELECT kind, count(*)::int AS n FROM ${t.config.schema}.due_timers WHERE status = 'pending' GROUP BY kind`,
      )) as { kind: string; n: number }[];
    const rows = await eventually(async () => {
      const r = await pending();
      return r.length > 0 ? r : undefined;
    }, 'a pending timer');
    const text = await scrape();
    for (const { kind, n } of rows) {
      const due = sample(text, 'ntm_timers_pending', { kind, when: 'due' }) ?? 0;
      const later = sample(text, 'ntm_timers_pending', { kind, when: 'later' }) ?? 0;
      expect(due + later).toBe(n);
    }
  });

  it('shows each subscriber’s position and lag, and a parked one until an administrator resumes it', async () => {
    const db = t.app.get(DataSource);
    const checkpoints = new ProjectionCheckpoints(db);
    await checkpoints.install();
    const name = 'test-parked-projection';
    await checkpoints.open(name, null);
    await checkpoints.park(name, 'boom', encodePair(1n, 1n), 5);

    const parked = await scrape();
    expect(sample(parked, 'ntm_projection_parked', { subscriber: name })).toBe(1);
    // It has applied nothing, and the store holds at least the opened dossier's events.
    expect(sample(parked, 'ntm_projection_lag_events', { subscriber: name })).toBeGreaterThan(0);

    // Only an administrator may resume, and nothing changes when someone else tries.
    await t.http
      .post(`/api/v1/admin/projections/${name}/resume`)
      .set('authorization', `Bearer ${tokens.chairman}`)
      .expect(403);
    expect((await checkpoints.get(name))?.status).toBe('parked');
    for (const unknown of ['no-such-projection', '%00', 'x'.repeat(201)])
      await t.http
        .post(`/api/v1/admin/projections/${unknown}/resume`)
        .set('authorization', `Bearer ${tokens.admin}`)
        .expect(404);

    const listed = await t.http
      .get('/api/v1/admin/projections')
      .set('authorization', `Bearer ${tokens.admin}`)
      .expect(200);
    expect(listed.body.items.find((c: { name: string }) => c.name === name)).toMatchObject({
      status: 'parked',
    });

    const resumed = await t.http
      .post(`/api/v1/admin/projections/${name}/resume`)
      .set('authorization', `Bearer ${tokens.admin}`)
      .expect(200);
    expect(resumed.body).toMatchObject({ name, status: 'running', lastError: null });
    expect(sample(await scrape(), 'ntm_projection_parked', { subscriber: name })).toBe(0);
  });

  it('marks the build a rebuild replaced, named by its projection’s label, beside the new live build', async () => {
    const list = async () =>
      (
        await t.http
          .get('/api/v1/admin/projections')
          .set('authorization', `Bearer ${tokens.admin}`)
          .expect(200)
      ).body.items as { name: string; label: string | null; status: string; build: string | null }[];
    const board = (items: Awaited<ReturnType<typeof list>>) =>
      items.filter((c) => c.name.startsWith('dossier-board@'));
    const before = board(await list());
    expect(before.map((c) => c.build)).toEqual(['live']);

    // When: the board is rebuilt (blue/green, the worker builds it) and the new build goes live.
    const [rebuilt] = await rebuildReadModels({
      db: t.app.get(DataSource),
      store: t.app.get<EventStore>(EVENT_STORE),
      names: ['dossier-board'],
      timeoutMs: 60_000,
    });
    const after = await eventually(async () => {
      const items = board(await list());
      return items.length === 2 ? items : undefined;
    }, 'the new build’s checkpoint');
    expect(after.map((c) => [c.name, c.build])).toEqual([
      [before[0].name, 'replaced'],
      [`dossier-board@${buildTag(rebuilt.build)}`, 'live'],
    ]);
    expect(after.map((c) => c.label)).toEqual(['Bảng theo dõi hồ sơ', 'Bảng theo dõi hồ sơ']);
    // Jobs without builds say nothing of builds.
    expect((await list()).find((c) => c.name === 'pm:commune-record')?.build).toBeNull();
  });

  it('answers every request with a request id: the caller’s when it is a short token, a fresh one otherwise', async () => {
    const echoed = await t.http.get('/api/health').set('x-request-id', 'req-123.abc');
    expect(echoed.headers['x-request-id']).toBe('req-123.abc');
    const replaced = await t.http.get('/api/health').set('x-request-id', '<script>alert(1)</script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('metrics behind a token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('operations_token', {
      worker: false,
      config: { metricsToken: 'scrape-secret-0123' },
    });
  });
  afterAll(() => t.close());

  it('refuses a scrape without the configured bearer token', async () => {
    await t.http.get('/metrics').expect(401);
    await t.http.get('/metrics').set('authorization', 'Bearer wrong').expect(401);
    const ok = await t.http.get('/metrics').set('authorization', 'Bearer scrape-secret-0123').expect(200);
    expect(ok.text).toContain('ntm_command_duration_seconds');
  });
});

describe('metrics in production without a token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('operations_prod', { worker: false, config: { production: true } });
  });
  afterAll(() => t.close());

  it('are not served at all', async () => {
    await t.http.get('/metrics').expect(404);
  });
});
