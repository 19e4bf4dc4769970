import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  createPostgresEventStore,
  START,
  type EventStore,
  type EventToAppend,
  type PostgresEventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
} from '@ntm/event-store';
import type { RunnableProjection } from '../projection';
import { ProjectionCheckpoints } from './checkpoints';
import { LeaseManager } from './leases';
import { ProjectionRunner, type RunnerLogger } from './projection-runner';
import { eventually } from '../../../../test/support/eventually';
import { testDatabaseUrl } from '../../../../test/support/test-database';

const DATABASE_URL = testDatabaseUrl();
const ES_SCHEMA = 'es_runner_spec';
const RM_SCHEMA = 'rm_runner_spec';

let store: PostgresEventStore;
let db: DataSource;
let checkpoints: ProjectionCheckpoints;

const event = (type: string, data: unknown = {}): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { actor: 'tester', role: 'system', correlationId: randomUUID(), causationId: randomUUID() },
});

/** Inserts one row per event: the primary key makes a second application of an event fail loudly. */
const insertRows = async (projection: string, events: RecordedEvent[], manager: EntityManager) => {
  for (const e of events) {
    await manager.query(
      `INSERT INTO ${RM_SCHEMA}.runner_rows (event_id, projection, position) VALUES ($1, $2, $3)`,
      [e.eventId, projection, e.position],
    );
  }
};

const rowsOf = async (projection: string): Promise<string[]> =>
  (
    await db.query(`SELECT event_id FROM ${RM_SCHEMA}.runner_rows WHERE projection = $1 ORDER BY position`, [
      projection,
    ])
  ).map((r: { event_id: string }) => r.event_id);

const quietLogger = () => {
  const lines: string[] = [];
  const logger: RunnerLogger = {
    log: (m) => lines.push(`log: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
  return { lines, logger };
};

/** Appends `types` as single-event streams under `prefix`; returns the recorded events in order. */
const seed = async (prefix: string, types: string[]): Promise<RecordedEvent[]> => {
  let last: Position = START;
  for (const [i, type] of types.entries()) {
    last = (await store.append(`${prefix}${i}`, [event(type, { i })], { expectedVersion: 'no-stream' }))
      .position;
  }
  // Another test's open transaction anywhere in the cluster holds readers back: wait until ours show.
  while ((await store.headPosition()) < last) await new Promise((resolve) => setTimeout(resolve, 10));
  return (await store.readAll({ after: START, streamPrefixes: [prefix], maxCount: 10_000 })).events;
};

beforeAll(async () => {
  const admin = new DataSource({ type: 'postgres', url: DATABASE_URL });
  await admin.initialize();
  await admin.query(`DROP SCHEMA IF EXISTS ${ES_SCHEMA} CASCADE`);
  await admin.query(`DROP SCHEMA IF EXISTS ${RM_SCHEMA} CASCADE`);
  await admin.query(`CREATE SCHEMA ${RM_SCHEMA}`);
  await admin.query(
    `CREATE TABLE ${RM_SCHEMA}.runner_rows (event_id uuid PRIMARY KEY, projection text NOT NULL, position text NOT NULL)`,
  );
  await admin.destroy();
  store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema: ES_SCHEMA, poolSize: 4 });
  db = new DataSource({ type: 'postgres', url: DATABASE_URL, schema: RM_SCHEMA, poolSize: 4 });
  await db.initialize();
  checkpoints = new ProjectionCheckpoints(db);
});

afterAll(async () => {
  await store?.close();
  await db?.destroy();
});

describe('ProjectionRunner', () => {
  it('applies every event exactly once across a stop in mid-stream and a restart', async () => {
    const prefix = `once-${randomUUID().slice(0, 8)}-`;
    const types = Array.from({ length: 200 }, (_, i) => (i % 10 === 9 ? 'Ignored' : 'Counted'));
    const events = await seed(prefix, types);
    const last = events[events.length - 1].position;
    const counted = events.filter((e) => e.type === 'Counted');

    let batches = 0;
    let first: ProjectionRunner | undefined = undefined;
    const projection = (onBatch?: () => void): RunnableProjection => ({
      name: 'exactly-once',
      label: 'Thử nghiệm',
      handles: ['Counted'],
      streamPrefixes: [prefix],
      apply: async (batch, manager) => {
        await insertRows('exactly-once', batch, manager);
        onBatch?.();
      },
    });
    first = new ProjectionRunner(
      projection(() => {
        batches += 1;
        if (batches === 3) void first!.stop();
      }),
      db,
      store,
      { batchSize: 25, idleMs: 5, logger: quietLogger().logger },
    );
    await first.start();
    await expect(first.waitFor(last)).rejects.toThrow('is stopped');

    // Stopped mid-stream: what is stored is exactly what the checkpoint covers.
    const stopped = (await checkpoints.get('exactly-once'))!;
    expect(stopped.position).toBe(first.status().position);
    const covered = counted.filter((e) => e.position <= stopped.position).map((e) => e.eventId);
    expect(covered.length).toBeGreaterThan(0);
    expect(covered.length).toBeLessThan(counted.length);
    expect(await rowsOf('exactly-once')).toEqual(covered);

    const second = new ProjectionRunner(projection(), db, store, { batchSize: 25, idleMs: 5 });
    await second.start();
    await second.waitFor(last);
    await second.stop();

    expect(await rowsOf('exactly-once')).toEqual(counted.map((e) => e.eventId));
    expect((await checkpoints.get('exactly-once'))!.position).toBe(last);
    expect(second.status()).toMatchObject({ state: 'stopped', position: last, lastError: null });
  });

  it('retries a failing handler with backoff, parks with the error stored and logged, and resume continues', async () => {
    const prefix = `park-${randomUUID().slice(0, 8)}-`;
    const events = await seed(prefix, [
      'Counted',
      'Counted',
      'Counted',
      'Counted',
      'Counted',
      'Poison',
      'Counted',
      'Counted',
    ]);
    const poison = events[5];
    const last = events[events.length - 1].position;
    let broken = true;
    let poisonTries = 0;
    const projection: RunnableProjection = {
      name: 'parks',
      label: 'Thử nghiệm',
      streamPrefixes: [prefix],
      apply: async (batch, manager) => {
        await insertRows('parks', batch, manager);
        if (broken && batch.some((e) => e.type === 'Poison')) {
          poisonTries += 1;
          throw new Error('Sự kiện Poison thiếu mã xã (communeCode)');
        }
      },
    };
    const { lines, logger } = quietLogger();
    const runner = new ProjectionRunner(projection, db, store, {
      maxAttempts: 3,
      backoffMs: 5,
      idleMs: 5,
      logger,
    });
    await runner.start();
    await expect(runner.waitFor(last)).rejects.toThrow('is parked');

    // 3 tries of the whole batch, then one more while narrowing it down to the culprit.
    expect(poisonTries).toBe(4);
    expect(runner.status()).toMatchObject({
      state: 'parked',
      position: events[4].position,
      failedPosition: poison.position,
      lastError: 'Sự kiện Poison thiếu mã xã (communeCode)',
      attempts: 3,
    });
    expect(await checkpoints.get('parks')).toMatchObject({
      status: 'parked',
      position: events[4].position,
      failedPosition: poison.position,
      lastError: 'Sự kiện Poison thiếu mã xã (communeCode)',
      attempts: 3,
    });
    expect(await rowsOf('parks')).toEqual(events.slice(0, 5).map((e) => e.eventId));
    expect(lines.filter((l) => l.startsWith('warn: batch failed'))).toHaveLength(2);
    expect(lines).toContainEqual(
      expect.stringMatching(/^error: parked at .* after 3 tries: Sự kiện Poison thiếu mã xã/),
    );

    // A parked checkpoint stays parked across restarts until someone resumes it.
    const restarted = new ProjectionRunner(projection, db, store, { logger });
    await restarted.start();
    expect(restarted.status().state).toBe('parked');
    expect(await rowsOf('parks')).toHaveLength(5);

    broken = false;
    await runner.resume();
    await runner.waitFor(last);
    await runner.stop();
    expect(await rowsOf('parks')).toEqual(events.map((e) => e.eventId));
    expect(await checkpoints.get('parks')).toMatchObject({
      status: 'running',
      position: last,
      lastError: null,
      failedPosition: null,
      attempts: 0,
    });
  });

  it('rebuilds from START after resetCheckpoint', async () => {
    const prefix = `reset-${randomUUID().slice(0, 8)}-`;
    const events = await seed(prefix, ['Counted', 'Counted', 'Counted']);
    const last = events[events.length - 1].position;
    const projection: RunnableProjection = {
      name: 'rebuilt',
      label: 'Thử nghiệm',
      streamPrefixes: [prefix],
      apply: (batch, manager) => insertRows('rebuilt', batch, manager),
    };
    const run = async () => {
      const runner = new ProjectionRunner(projection, db, store, { idleMs: 5 });
      await runner.start();
      await runner.waitFor(last);
      await runner.stop();
    };
    await run();
    await db.query(`DELETE FROM ${RM_SCHEMA}.runner_rows WHERE projection = 'rebuilt'`);
    await checkpoints.reset('rebuilt');
    expect((await checkpoints.get('rebuilt'))!.position).toBe(START);
    await run();
    expect(await rowsOf('rebuilt')).toEqual(events.map((e) => e.eventId));
  });

  it('stays stopped when stop() comes while it is still reading its checkpoint', async () => {
    const prefix = `early-${randomUUID().slice(0, 8)}-`;
    await seed(prefix, ['Counted']);
    const projection: RunnableProjection = {
      name: 'early-stop',
      label: 'Thử nghiệm',
      streamPrefixes: [prefix],
      apply: (batch, manager) => insertRows('early-stop', batch, manager),
    };
    const runner = new ProjectionRunner(projection, db, store, { idleMs: 5 });
    const started = runner.start();
    await runner.stop();
    await started;
    expect(runner.status().state).toBe('stopped');
    expect(await rowsOf('early-stop')).toEqual([]);
  });

  it('resubscribes from its checkpoint after the event store fails, logging it', async () => {
    const prefix = `flaky-${randomUUID().slice(0, 8)}-`;
    const events = await seed(prefix, ['Counted', 'Counted']);
    // The port's contract, with its first subscription lost at once (as when the database drops the connection).
    let subscriptions = 0;
    const flaky: EventStore = Object.create(store, {
      subscribe: {
        value: (options: SubscriptionOptions): Subscription => {
          subscriptions += 1;
          if (subscriptions > 1) return store.subscribe(options);
          const done = Promise.reject(new Error('Connection terminated unexpectedly'));
          return { waitFor: () => done, position: START, stop: async () => undefined, done };
        },
      },
    });
    const { lines, logger } = quietLogger();
    const runner = new ProjectionRunner(
      {
        name: 'flaky',
        label: 'Thử nghiệm',
        streamPrefixes: [prefix],
        apply: (batch, manager) => insertRows('flaky', batch, manager),
      },
      db,
      flaky,
      { idleMs: 5, backoffMs: 5, logger },
    );
    await runner.start();
    await runner.waitFor(events[1].position);
    await runner.stop();

    expect(subscriptions).toBe(2);
    expect(lines).toContainEqual(
      'warn: event store failed (Connection terminated unexpectedly); resubscribing in 5 ms',
    );
    expect(await rowsOf('flaky')).toEqual(events.map((e) => e.eventId));
  });

  it('stops the second of two runners sharing a name, with every event still applied once', async () => {
    const prefix = `twins-${randomUUID().slice(0, 8)}-`;
    const events = await seed(
      prefix,
      Array.from({ length: 60 }, () => 'Counted'),
    );
    const last: Position = events[events.length - 1].position;
    // Nothing is applied until both have read the checkpoint at START: on a loaded machine the first could
    // otherwise finish all 60 events before the second opens, and the two would never meet.
    let bothOpened!: () => void;
    const opened = new Promise<void>((resolve) => (bothOpened = resolve));
    const projection: RunnableProjection = {
      name: 'twins',
      label: 'Thử nghiệm',
      streamPrefixes: [prefix],
      apply: async (batch, manager) => {
        await opened;
        await insertRows('twins', batch, manager);
      },
    };
    const { lines, logger } = quietLogger();
    const twins = [1, 2].map(
      () => new ProjectionRunner(projection, db, store, { batchSize: 5, idleMs: 5, backoffMs: 5, logger }),
    );
    await Promise.all(twins.map((r) => r.start()));
    bothOpened();
    const outcomes = await Promise.allSettled(twins.map((r) => r.waitFor(last)));
    await Promise.all(twins.map((r) => r.stop()));

    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
    expect(twins.map((r) => r.status().state)).toEqual(['stopped', 'stopped']);
    expect(lines).toContainEqual(expect.stringContaining('another runner with this name is active'));
    expect(twins.map((r) => r.status().failedPosition)).toEqual([null, null]);
    expect((await checkpoints.get('twins'))!.status).toBe('running');
    expect(await rowsOf('twins')).toEqual(events.map((e) => e.eventId));
  });

  it('picks up a resume made elsewhere (admin route, CLI) while the worker keeps running', async () => {
    const prefix = `resume-live-${randomUUID().slice(0, 8)}-`;
    const events = await seed(prefix, ['Counted', 'Poison', 'Counted']);
    const last = events[events.length - 1].position;
    let broken = true;
    const projection: RunnableProjection = {
      name: 'resume-live',
      label: 'Thử nghiệm',
      streamPrefixes: [prefix],
      apply: async (batch, manager) => {
        if (broken && batch.some((e) => e.type === 'Poison')) throw new Error('Poison');
        await insertRows('resume-live', batch, manager);
      },
    };
    const leases = new LeaseManager(db, { heartbeatMs: 200, applicationName: 'resume-live-lease' });
    const { lines, logger } = quietLogger();
    const runner = new ProjectionRunner(projection, db, store, {
      maxAttempts: 1,
      backoffMs: 5,
      idleMs: 5,
      leases,
      leaseRetryMs: 50,
      logger,
    });
    try {
      await runner.start();
      await expect(runner.waitFor(last)).rejects.toThrow('is parked');
      expect(runner.status().state).toBe('parked');
      expect(await rowsOf('resume-live')).toEqual([events[0].eventId]);

      // What POST /api/v1/admin/projections/:name/resume and `cli resume` do: clear the park in the table only.
      broken = false;
      await checkpoints.resume('resume-live');
      await eventually(async () => runner.status().state !== 'parked', 'the runner to see the resume');
      await runner.waitFor(last);
      expect(runner.status().state).toBe('running');
      expect(await rowsOf('resume-live')).toEqual(events.map((e) => e.eventId));
      expect(lines).toContain('log: resumed: contending again');
    } finally {
      await runner.stop();
      await leases.close();
    }
  });
});
