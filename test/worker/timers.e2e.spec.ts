import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { deadlineJobId, dossierStreamId } from '@ntm/recognition';
import { Clock, SystemClock } from '@ntm/application';
import { DEADLINES_QUEUE, DueTimers } from '../../apps/worker/src/timers/due-timers';
import { Timers } from '../../apps/worker/src/worker.module';
import { startTestApp, type TestApp } from '../support/harness';
import { DossierDriver, nongThuong, tokensFor, type Tokens } from '../support/dossier-driver';
import { eventually } from '../support/eventually';
import { testDatabaseUrl } from '../support/test-database';

const DAY_MS = 86_400_000;

/** Deletes every key of the test's queue prefix: what a Redis restart without persistence does to the timers. */
const flushQueues = async (redis: IORedis, prefix: string): Promise<number> => {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
};

describe('Timers as data: a due_timers projection in PostgreSQL, BullMQ only executes them', () => {
  let t: TestApp;
  let tokens: Tokens;
  let queue: Queue;
  let redis: IORedis;

  beforeAll(async () => {
    // The real clock of a non-production deployment: shared through PostgreSQL, moved by the dev route.
    t = await startTestApp('timers_e2e', {
      worker: true,
      realClock: true,
      config: { timerReconcileMs: 300 },
    });
    tokens = await tokensFor(t, nongThuong);
    queue = t.app.get(getQueueToken(DEADLINES_QUEUE));
    redis = new IORedis(t.config.redisUrl, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await t.http.post('/api/v1/dev/clock').send({ reset: true });
    await redis.quit();
    await t.close();
  });

  const overdueEvents = async (dossierId: string) => {
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT metadata->>'actor' AS actor FROM ${t.config.schema}.es_events WHERE stream_id = $1 AND event_type = 'StepOverdue'`,
        [dossierStreamId(dossierId)],
      );
      return rows;
    } finally {
      await db.end();
    }
  };

  it('survives Redis losing its data, and fires once when the moved clock passes the deadline', async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.prepare();
    await d.submit();
    const step = (await d.get()).current;
    expect(step.step).toBe('district-verification');
    const jobId = deadlineJobId(d.id, 'district-verification', step.round);

    // The timer is a row first (the timers projection), then a delayed job.
    const timers = t.app.get(DueTimers);
    const row = await eventually(() => timers.get(jobId), 'the due timer row');
    expect(row).toMatchObject({ kind: 'step-deadline', status: 'pending', streamId: dossierStreamId(d.id) });
    expect(row.dueAt.toISOString()).toBe(step.dueAt);
    const first = await eventually(() => queue.getJob(jobId), 'the deadline job');

    // Redis loses everything under the queue prefix (a restart without persistence).
    const lostAt = Date.now();
    expect(first.timestamp).toBeLessThan(lostAt);
    expect(await flushQueues(redis, t.config.queuePrefix)).toBeGreaterThan(0);
    // Reconciliation (every 300 ms here, 30 s by default) schedules the pending timer again, with the same id: a job
    // created after the loss (it may already be back by the time this looks, so its age, not its absence, tells).
    const back = await eventually(async () => {
      const job = await queue.getJob(jobId);
      return job && job.timestamp >= lostAt ? job : undefined;
    }, 'reconciliation to schedule the timer again');
    expect(await back.getState()).toBe('delayed');
    expect(back.data).toMatchObject({ dossierId: d.id, step: 'district-verification', dueAt: step.dueAt });
    expect(await overdueEvents(d.id)).toEqual([]);

    // An operator moves the clock 16 working days on (15 are allowed): the deadline fires, without waiting.
    const days = Math.ceil((Date.parse(step.dueAt) - Date.now()) / DAY_MS) + 1;
    expect(days).toBeLessThanOrEqual(25); // 16 working days: three weeks and a bit
    const moved = await t.http.post('/api/v1/dev/clock').send({ advanceDays: days });
    expect(moved.status).toBe(201);
    expect(moved.body.offsetMs).toBe(days * DAY_MS);
    expect(Date.parse(moved.body.now)).toBeGreaterThan(Date.parse(step.dueAt));

    const overdue = await eventually(async () => {
      const view = await d.get();
      return view.current.overdue ? view : undefined;
    }, 'the moved clock to fire the deadline');
    expect(Date.parse(overdue.current.overdueAt)).toBeGreaterThan(Date.parse(step.dueAt));
    await eventually(async () => (await timers.get(jobId))?.status === 'done', 'the timer to be marked done');
    expect((await timers.get(jobId))?.status).toBe('done');

    // Done timers are not scheduled again, and it fired once.
    const passes = jest.spyOn(t.app.get(Timers).scheduler, 'reconcile');
    await flushQueues(redis, t.config.queuePrefix);
    // Passes run one after another: when the fourth starts, three have finished since the flush.
    await eventually(async () => passes.mock.calls.length >= 4, 'three reconciliation passes');
    passes.mockRestore();
    expect(await queue.getJob(jobId)).toBeUndefined();
    expect(await overdueEvents(d.id)).toEqual([{ actor: 'system:deadline-timer' }]);
  });

  it('answers with the shared time and refuses an ambiguous move', async () => {
    const view = await t.http.get('/api/v1/dev/clock');
    expect(view.status).toBe(200);
    expect(typeof view.body.offsetMs).toBe('number');
    const bad = await t.http.post('/api/v1/dev/clock').send({ advanceDays: 1, reset: true });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CLOCK_MOVE_AMBIGUOUS');
  });
});

describe('The clock in production', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startTestApp('timers_prod_clock', {
        worker: false,
        realClock: true,
        config: { movableClock: false },
      })),
  );
  afterAll(() => t.close());

  it('has no clock route and runs on real time', async () => {
    expect((await t.http.post('/api/v1/dev/clock').send({ advanceDays: 16 })).status).toBe(404);
    expect(t.app.get(Clock)).toBeInstanceOf(SystemClock);
  });
});
