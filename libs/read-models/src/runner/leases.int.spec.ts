import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import {
  createPostgresEventStore,
  START,
  type EventToAppend,
  type PostgresEventStore,
  type Position,
  type RecordedEvent,
} from '@ntm/event-store';
import type { RunnableProjection } from '../projection';
import { ProjectionCheckpoints } from './checkpoints';
import { LeaseManager } from './leases';
import { ProjectionRunner, type RunnerLogger } from './projection-runner';
import {
  listRefusals,
  installRefusals,
  PROCESS_MANAGER_RUNNER_OPTIONS,
  runnableManager,
} from './process-manager';
import { testDatabaseUrl } from '../../../../test/support/test-database';
import { eventually } from '../../../../test/support/eventually';

const DATABASE_URL = testDatabaseUrl();
const ES_SCHEMA = 'es_lease_spec';
const RM_SCHEMA = 'rm_lease_spec';

let store: PostgresEventStore;
const sources: DataSource[] = [];

const quiet: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

const event = (type: string, data: unknown = {}): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { actor: 'tester', role: 'system', correlationId: randomUUID(), causationId: randomUUID() },
});

/** One "worker": its own pool and its own lease session, as a separate process would have. */
const worker = async (name: string) => {
  const db = new DataSource({
    type: 'postgres',
    url: DATABASE_URL,
    schema: RM_SCHEMA,
    poolSize: 3,
    extra: { application_name: name },
  });
  await db.initialize();
  sources.push(db);
  return { db, leases: new LeaseManager(db, { heartbeatMs: 200, applicationName: `${name}-lease` }) };
};

const seed = async (prefix: string, n: number, from = 0): Promise<RecordedEvent[]> => {
  let last: Position = START;
  for (let i = from; i < from + n; i++) {
    last = (await store.append(`${prefix}${i}`, [event('Counted', { i })], { expectedVersion: 'no-stream' }))
      .position;
  }
  while ((await store.headPosition()) < last) await new Promise((r) => setTimeout(r, 10));
  return (await store.readAll({ after: START, streamPrefixes: [prefix], maxCount: 10_000 })).events;
};

/** Inserts one row per event: the primary key makes a second application of any event fail loudly. */
const counting = (name: string, prefix: string, applied: string[]): RunnableProjection => ({
  name,
  label: 'Thử nghiệm',
  streamPrefixes: [prefix],
  apply: async (batch: RecordedEvent[], manager: EntityManager) => {
    for (const e of batch) {
      await manager.query(`INSERT INTO ${RM_SCHEMA}.lease_rows (event_id, projection) VALUES ($1, $2)`, [
        e.eventId,
        name,
      ]);
    }
    applied.push(...batch.map((e) => e.eventId));
  },
});

const rowsOf = async (db: DataSource, name: string): Promise<string[]> =>
  (await db.query(`SELECT event_id FROM ${RM_SCHEMA}.lease_rows WHERE projection = $1`, [name])).map(
    (r: { event_id: string }) => r.event_id,
  );

beforeAll(async () => {
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${ES_SCHEMA} CASCADE`);
  await admin.query(`DROP SCHEMA IF EXISTS ${RM_SCHEMA} CASCADE`);
  await admin.query(`CREATE SCHEMA ${RM_SCHEMA}`);
  await admin.query(
    `CREATE TABLE ${RM_SCHEMA}.lease_rows (event_id uuid, projection text, PRIMARY KEY (event_id, projection))`,
  );
  await admin.end();
  store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema: ES_SCHEMA, poolSize: 4 });
});

afterAll(async () => {
  await store?.close();
  await Promise.all(sources.map((s) => s.destroy()));
});

describe('Runners with leases (any number of workers, one owner each)', () => {
  it('runs each projection on one worker; when the owner loses its session the other takes over, nothing applied twice', async () => {
    const prefix = `lease-${randomUUID().slice(0, 8)}-`;
    const a = await worker('worker-a');
    const b = await worker('worker-b');
    await new ProjectionCheckpoints(a.db).install();
    const appliedA: string[] = [];
    const appliedB: string[] = [];
    const options = { batchSize: 10, idleMs: 5, backoffMs: 5, leaseRetryMs: 100, logger: quiet };
    const runnerA = new ProjectionRunner(counting('leased', prefix, appliedA), a.db, store, {
      ...options,
      leases: a.leases,
    });
    await runnerA.start();
    await eventually(async () => runnerA.status().state === 'running', 'A to take the lease', 15_000);
    const runnerB = new ProjectionRunner(counting('leased', prefix, appliedB), b.db, store, {
      ...options,
      leases: b.leases,
    });
    await runnerB.start();

    const first = await seed(prefix, 40);
    await runnerA.waitFor(first[first.length - 1].position);
    // B stood by the whole time: it applied nothing, and its checkpoint did not fight A's.
    expect(runnerB.status().state).toBe('standby');
    expect(appliedB).toEqual([]);

    // A's lease session dies (as with kill -9 of its process, or a dropped connection) while events keep coming.
    const killer = new Client({ connectionString: DATABASE_URL });
    await killer.connect();
    const writing = seed(prefix, 60, 40);
    const killedAt = Date.now();
    await killer.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'worker-a-lease'`,
    );
    await killer.end();
    const all = await writing;
    await eventually(async () => runnerB.status().state === 'running', 'B to take over', 15_000);
    const takeover = Date.now() - killedAt;
    await runnerB.waitFor(all[all.length - 1].position);
    console.log(`lease takeover after the owner's session died: ${takeover} ms`);
    expect(takeover).toBeLessThan(15_000);
    expect(runnerA.status().state).not.toBe('running');

    // Every event applied exactly once, across both workers (the primary key would have refused a second time).
    const rows = await rowsOf(a.db, 'leased');
    expect(rows.sort()).toEqual(all.map((e) => e.eventId).sort());
    // What each worker committed: B started where A's last commit left off (A's rolled-back work is not counted).
    expect(appliedB.length).toBeGreaterThan(0);
    expect((await new ProjectionCheckpoints(a.db).get('leased'))!.position).toBe(
      all[all.length - 1].position,
    );

    await runnerA.stop();
    await runnerB.stop();
    await a.leases.close();
    await b.leases.close();
  });

  it('retries a process manager command until it succeeds, records a refusal and moves on', async () => {
    const prefix = `pm-${randomUUID().slice(0, 8)}-`;
    const w = await worker('worker-pm');
    await new ProjectionCheckpoints(w.db).install();
    await installRefusals(w.db);
    const events = await seed(prefix, 3);
    const sent: string[] = [];
    let failures = 2;
    const runner = new ProjectionRunner(
      runnableManager(
        {
          name: 'pm:test',
          label: 'Thử nghiệm',
          handles: ['Counted'],
          streamPrefixes: [prefix],
          react: (e) => [
            {
              description: `Count ${(e.data as { i: number }).i}`,
              send: async () => {
                const i = (e.data as { i: number }).i;
                if (i === 1 && failures-- > 0) throw new Error('Connection terminated unexpectedly');
                if (i === 2)
                  throw Object.assign(new Error('Hồ sơ không ở bước nhận kết quả'), {
                    code: 'STEP_NOT_ALLOWED',
                  });
                sent.push(e.eventId);
              },
            },
          ],
        },
        {
          refusal: (e) =>
            (e as { code?: string }).code
              ? { code: (e as { code: string }).code, message: (e as Error).message }
              : null,
        },
      ),
      w.db,
      store,
      {
        ...PROCESS_MANAGER_RUNNER_OPTIONS,
        backoffMs: 5,
        idleMs: 5,
        logger: quiet,
        leases: w.leases,
        leaseRetryMs: 50,
      },
    );
    await runner.start();
    await runner.waitFor(events[2].position);
    // Event 0 is sent again with the batch that failed (commands are idempotent); event 1 got through on the third try.
    expect(sent.filter((id) => id === events[1].eventId)).toHaveLength(1);
    expect(sent).toContain(events[0].eventId);
    expect(runner.status().state).toBe('running');
    expect(await listRefusals(w.db, 'pm:test')).toEqual([
      {
        manager: 'pm:test',
        eventId: events[2].eventId,
        command: 'Count 2',
        code: 'STEP_NOT_ALLOWED',
        message: 'Hồ sơ không ở bước nhận kết quả',
      },
    ]);
    expect((await new ProjectionCheckpoints(w.db).get('pm:test'))!.position).toBe(events[2].position);
    await runner.stop();
    await w.leases.close();
  });
});
