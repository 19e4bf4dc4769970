import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '@ntm/application';
import type { PostgresEventStore } from '@ntm/event-store';
import { caughtUp, ProjectionCatalog, PROJECTORS } from '@ntm/read-models';
import { applyDirect, allEvents, freshBuild, snapshot, type TestDb } from '../reports/support';
import { startTestApp, type TestApp } from '../support/harness';
import { DossierDriver, nongThuong, tokensFor, type Tokens } from '../support/dossier-driver';
import { eventually } from '../support/eventually';
import { testDatabaseUrl } from '../support/test-database';
import { DEADLINES_QUEUE, DueTimers } from '../../apps/worker/src/timers/due-timers';

const ROOT = path.resolve(__dirname, '../..');

/** A real worker process (apps/worker/src/main.ts), on the test's schema and queue prefix. */
const startWorker = (t: TestApp, lines: string[]): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      // The test waits for the 'worker started' line, logged at info.
      LOG_LEVEL: 'info',
      DATABASE_URL: testDatabaseUrl(),
      DB_SCHEMA: t.config.schema,
      QUEUE_PREFIX: t.config.queuePrefix,
      REDIS_URL: t.config.redisUrl,
      TIMER_RECONCILE_MS: '500',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (b: Buffer) => lines.push(...b.toString().split('\n'));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${lines.join('\n')}`)), 60_000);
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('worker started')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}):\n${lines.join('\n')}`)));
  });
};

/**
 * Two worker processes on one database: each projection and process manager has one owner (an advisory lock of
 * the owner's lease session); kill -9 of the owner hands every one of them to the other within 15 s, and the read
 * models still equal a fresh rebuild (nothing lost, nothing applied twice).
 */
describe('Workers in pairs', () => {
  let t: TestApp;
  let tokens: Tokens;
  let pg: Client;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    t = await startTestApp('failover_e2e', { worker: false });
    tokens = await tokensFor(t, nongThuong);
    pg = new Client({ connectionString: testDatabaseUrl() });
    await pg.connect();
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await pg.end();
    await t.close();
  });

  /** Leases held, by worker process id (its lease session's application_name is ntm-worker-<pid>). */
  const leases = async (): Promise<Map<number, number>> => {
    const { rows } = await pg.query(
      `SELECT a.application_name AS app, count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND a.datname = current_database()
          AND a.application_name LIKE 'ntm-worker-%' GROUP BY 1`,
    );
    return new Map(
      rows.map((r: { app: string; n: number }) => [Number(r.app.replace('ntm-worker-', '')), r.n]),
    );
  };

  const walk = async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.prepare();
    await d.submit();
    return d;
  };

  it('one owner each; kill -9 of the owner: the other takes over within 15 s; read models equal a fresh rebuild', async () => {
    const linesA: string[] = [];
    const linesB: string[] = [];
    const a = await startWorker(t, linesA);
    workers.push(a);
    // Every projection and process manager of A has its lease before B comes.
    let owned = 0;
    await eventually(
      async () => {
        const n = (await leases()).get(a.pid!) ?? 0;
        const stable = n > 0 && n === owned;
        owned = n;
        if (!stable) await new Promise((r) => setTimeout(r, 500));
        return stable;
      },
      'worker A to hold its leases',
      30_000,
    );
    const b = await startWorker(t, linesB);
    workers.push(b);
    for (let i = 0; i < 2; i++) await walk();
    // B tried to take leases: its lease session (opened by its first try) has run a try or its heartbeat since.
    await eventually(
      async () => {
        const { rows } = await pg.query(
          `SELECT query FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
          [`ntm-worker-${b.pid}`],
        );
        return rows.some((r: { query: string }) => /pg_try_advisory_lock|^SELECT 1$/.test(r.query));
      },
      'worker B to try for leases',
      30_000,
    );
    let held = await leases();
    expect(held.get(a.pid!)).toBe(owned);
    expect(held.get(b.pid!) ?? 0).toBe(0);

    // Load continues while the owner dies: it dies once the load has stored its first event.
    const eventsStored = async (): Promise<number> =>
      (await pg.query(`SELECT count(*)::int AS n FROM ${t.config.schema}.es_events`)).rows[0].n;
    const storedBefore = await eventsStored();
    const load = (async () => {
      const walked: DossierDriver[] = [];
      for (let i = 0; i < 4; i++) walked.push(await walk());
      return walked;
    })();
    await eventually(async () => (await eventsStored()) > storedBefore, 'the load to store an event');
    a.kill('SIGKILL');
    const killedAt = Date.now();
    await eventually(
      async () => ((await leases()).get(b.pid!) ?? 0) >= owned,
      'worker B to take every lease',
      20_000,
    );
    const takeover = Date.now() - killedAt;
    await load;
    console.log(`takeover of ${owned} leases after kill -9 of the owner: ${takeover} ms`);
    expect(takeover).toBeLessThan(15_000);
    held = await leases();
    expect([...held.keys()]).toEqual([b.pid]);

    // The survivor catches up: each live read model equals a build made afresh from the whole history.
    const db = t.app.get(DataSource);
    const store = t.app.get<PostgresEventStore>(EVENT_STORE);
    const testDb = { schema: t.config.schema, db, store } as unknown as TestDb;
    const catalog = new ProjectionCatalog(db);
    // Everything stored, as readers see it (another transaction anywhere in the cluster may hold readers back).
    const {
      rows: [{ n: stored }],
    } = await pg.query(`SELECT count(*)::int AS n FROM ${t.config.schema}.es_events`);
    const events = await eventually(
      async () => {
        const all = await allEvents(store);
        return all.length === stored ? all : undefined;
      },
      'every event to be visible',
      30_000,
    );
    for (const p of PROJECTORS) {
      const live = (await catalog.versionsOf(p.name)).live;
      await eventually(() => caughtUp(db, store, p, live), `${p.name} to catch up`, 20_000);
      const fresh = { version: live.version, build: 900 };
      await freshBuild(testDb, p, fresh);
      await applyDirect(testDb, p, fresh, events);
      expect([p.name, await snapshot(testDb, p, live)]).toEqual([p.name, await snapshot(testDb, p, fresh)]);
    }

    // Every open step has its deadline's timer row (once) and, after B's reconciliation, its job.
    const timers = new DueTimers(db, t.config.schema, t.config.deadlineReminderWorkingDays);
    const { rows } = await pg.query(
      `SELECT count(DISTINCT stream_id)::int AS n FROM ${t.config.schema}.es_events
        WHERE event_type = 'StepOpened' AND data->>'dueAt' IS NOT NULL`,
    );
    const pending = await eventually(async () => {
      const list = (await timers.pending()).filter((timer) => timer.kind === 'step-deadline');
      return list.length === rows[0].n ? list : undefined;
    }, 'a timer for every open step');
    expect(pending).toHaveLength(6);
    // A connection handed to a queue is the caller's to close (queue.close() leaves it open).
    const connection = new IORedis(t.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new (await import('bullmq')).Queue(DEADLINES_QUEUE, {
      connection,
      prefix: t.config.queuePrefix,
    });
    try {
      for (const timer of pending) {
        await eventually(() => queue.getJob(timer.id), `the job of ${timer.id}`);
      }
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }, 180_000);
});
