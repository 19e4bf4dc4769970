import { randomUUID } from 'node:crypto';
import { StreamConflictError } from '../src/errors';
import { createEventStore } from '../src/factory';
import { createPostgresEventStore, LATEST_SCHEMA_VERSION, type PostgresEventStore } from '../src/postgres';
import { APPENDED_CHANNEL, listenerName } from '../src/postgres/append-signal';
import { decodePair } from '../src/position-codec';
import { START, type Position, type RecordedEvent, type Subscription } from '../src/port';
import { eventStoreConformance, testEvent, untilVisible } from '../src/testing';
import { DATABASE_URL, dropSchema, openClient, withClient } from './pg-test-support';
import { Client } from 'pg';
import { eventually } from '../../../test/support/eventually';
import { testServerUrl } from '../../../test/support/test-database';

const SCHEMA = 'es_postgres_spec';

beforeAll(async () => {
  await dropSchema(SCHEMA);
});

describe('PostgreSQL event store: conformance', () => {
  eventStoreConformance((upcasters) =>
    createPostgresEventStore({ connectionString: DATABASE_URL, schema: SCHEMA, upcasters }),
  );
});

describe('PostgreSQL event store: specifics', () => {
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema: SCHEMA });
  });
  afterAll(() => store.close());

  it('migrates once when several processes start together', async () => {
    const schema = `${SCHEMA}_migrate`;
    await dropSchema(schema);
    const stores = await Promise.all(
      Array.from({ length: 4 }, () =>
        createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolSize: 1 }),
      ),
    );
    await Promise.all(stores.map((s) => s.close()));
    const again = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolSize: 1 });
    await again.close();

    const { rows } = await withClient((c) =>
      c.query(`SELECT version FROM ${schema}.es_migrations ORDER BY version`),
    );
    expect(rows.map((r) => r.version)).toEqual(
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    await dropSchema(schema);
  });

  it('creates a missing database, tolerating a concurrent creator', async () => {
    const database = `ntm_es_spec_${randomUUID().slice(0, 8)}`;
    const url = new URL(DATABASE_URL);
    url.pathname = `/${database}`;
    try {
      const stores = await Promise.all(
        [1, 2].map(() => createPostgresEventStore({ connectionString: url.toString(), poolSize: 1 })),
      );
      const { nextExpectedVersion } = await stores[0].append('created-db', [testEvent()], {
        expectedVersion: 'no-stream',
      });
      expect(nextExpectedVersion).toBe(1);
      expect(await stores[1].streamVersion('created-db')).toBe(1);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await withClient((c) => c.query(`DROP DATABASE IF EXISTS ${database}`));
    }
  });

  it('is what the factory builds by default, on DATABASE_URL', async () => {
    const viaFactory = await createEventStore({
      connectionString: DATABASE_URL,
      schema: SCHEMA,
      poolSize: 1,
    });
    try {
      const streamId = `factory-${randomUUID()}`;
      await viaFactory.append(streamId, [testEvent()], { expectedVersion: 'no-stream' });
      expect(await store.streamVersion(streamId)).toBe(1);
    } finally {
      await viaFactory.close();
    }
  });

  it('keeps event ids unique across the whole store', async () => {
    const event = testEvent();
    await store.append(`unique-a-${event.eventId}`, [event], { expectedVersion: 'no-stream' });
    await expect(
      store.append(`unique-b-${event.eventId}`, [event], { expectedVersion: 'no-stream' }),
    ).rejects.toBeInstanceOf(StreamConflictError);
  });

  it('never lets a reader pass a transaction that commits after a later one', async () => {
    const prefix = `late-${randomUUID().slice(0, 8)}-`;
    const before = await store.headPosition();
    const reads = jest.spyOn(store, 'readAll');
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribe({
      after: before,
      streamPrefixes: [prefix],
      idleMs: 5,
      handle: async (events) => {
        delivered.push(...events);
      },
    });

    // A takes its global position first and stays open; B takes a later one and commits first.
    const txA = await openClient();
    const eventA = testEvent('Late', { who: 'A' });
    const eventB = testEvent('Early', { who: 'B' });
    try {
      await txA.query('BEGIN');
      const a = await store.appendWithin(txA, `${prefix}a`, [eventA], { expectedVersion: 'no-stream' });
      const b = await store.append(`${prefix}b`, [eventB], { expectedVersion: 'no-stream' });
      expect(decodePair(a.position)[1] < decodePair(b.position)[1]).toBe(true);

      // B is committed, yet nothing may show it while A, older, is still open.
      const slice = await store.readAll({ after: before, streamPrefixes: [prefix] });
      expect(slice.events).toEqual([]);
      expect((await store.headPosition()) < b.position).toBe(true);
      // B was acknowledged: a read model that must show it waits for this position.
      expect(await store.committedPosition()).toBe(b.position);
      // Proving an absence: the subscription reads three times after B committed (reads follow one another:
      // the fourth starts once the third is handled) and still delivers nothing.
      const readsSince = reads.mock.calls.length;
      await eventually(
        async () => reads.mock.calls.length - readsSince >= 4,
        'three reads of the subscription after B committed',
      );
      expect(delivered).toEqual([]);
      expect(subscription.position < a.position).toBe(true);

      await txA.query('COMMIT');
      await subscription.waitFor(b.position);
      expect(delivered.map((e) => e.eventId)).toEqual([eventA.eventId, eventB.eventId]);
      const all = await store.readAll({ after: before, streamPrefixes: [prefix] });
      expect(all.events.map((e) => e.eventId)).toEqual([eventA.eventId, eventB.eventId]);
    } finally {
      reads.mockRestore();
      await txA.end();
      await subscription.stop();
    }
  });

  it('is not held back by a transaction of another database that stays open', async () => {
    // The server's `postgres` database always exists; this run's store lives in a database of its own.
    const elsewhere = new Client({ connectionString: testServerUrl() });
    await elsewhere.connect();
    const prefix = `elsewhere-${randomUUID().slice(0, 8)}-`;
    const before = await store.headPosition();
    const subscription = store.subscribe({
      after: before,
      streamPrefixes: [prefix],
      idleMs: 5,
      handle: async () => {},
    });
    try {
      await elsewhere.query('BEGIN');
      await elsewhere.query('SELECT pg_current_xact_id()');
      const { position } = await store.append(`${prefix}a`, [testEvent()], { expectedVersion: 'no-stream' });

      // Held for a second at most (the store then asks whose the transaction is), not until it ends: before
      // the horizon left other databases out, all three waited for the other transaction's end.
      await eventually(
        async () => (await store.readAll({ after: before, streamPrefixes: [prefix] })).events.length === 1,
        'the event read while the other transaction is open',
      );
      await eventually(async () => (await store.headPosition()) === position, 'the head at the event');
      await subscription.waitFor(position);
      expect(await elsewhere.query('SELECT 1')).toBeTruthy(); // still open: the read did not wait for its end
    } finally {
      await elsewhere.query('ROLLBACK');
      await elsewhere.end();
      await subscription.stop();
    }
  });

  it('appends inside a caller transaction that rolls back: nothing stays', async () => {
    const streamId = `rolled-back-${randomUUID()}`;
    await withClient(async (client) => {
      await client.query('BEGIN');
      const result = await store.appendWithin(client, streamId, [testEvent()], {
        expectedVersion: 'no-stream',
      });
      expect(result.written).toBe(true);
      await client.query('ROLLBACK');
    });
    expect(await store.streamVersion(streamId)).toBeNull();
  });

  it('reports START as head of an empty store, then the last appended position', async () => {
    const schema = `${SCHEMA}_empty`;
    await dropSchema(schema);
    const empty = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolSize: 2 });
    try {
      expect(await empty.headPosition()).toBe(START);
      expect(await empty.committedPosition()).toBe(START);
      expect(await empty.readAll()).toEqual({ events: [], position: START, isEnd: true });
      const { position } = await empty.append('only', [testEvent(), testEvent()], {
        expectedVersion: 'no-stream',
      });
      expect(await untilVisible(empty, position)).toBe(position);
    } finally {
      await empty.close();
      await dropSchema(schema);
    }
  });

  describe('idle subscriptions wake on appends', () => {
    // A caught-up subscription sleeps until signalled (here up to an hour), and polls every 5 s while no LISTEN
    // session is up: an event delivered within 4 s was signalled.
    const IDLE_MS = 5_000;
    const SIGNALLED_WITHIN_MS = 4_000;
    const quietStore = () =>
      createPostgresEventStore({ connectionString: DATABASE_URL, schema: SCHEMA, quietPollMs: 3_600_000 });
    const listeners = async () => {
      const { rows } = await withClient((c) =>
        c.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
          [listenerName(SCHEMA)],
        ),
      );
      return rows.map((r) => r.pid);
    };
    const subscribed = async (store: PostgresEventStore, prefix: string) => {
      const seen: string[] = [];
      const subscription = store.subscribe({
        after: await store.headPosition(),
        streamPrefixes: [prefix],
        idleMs: IDLE_MS,
        handle: async (events) => void seen.push(...events.map((e) => e.streamId)),
      });
      return { seen, subscription };
    };
    const deliveredSoon = async (subscription: Subscription, position: Position) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          subscription.waitFor(position).then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SIGNALLED_WITHIN_MS))),
        ]);
      } finally {
        clearTimeout(timer); // a pending timer would keep jest from exiting
      }
    };

    /**
     * A sleeping subscription of one store (`reader`), after `prepare` (given the LISTEN session's pid); `append`
     * through another store (`writer`, another process) must reach it within SIGNALLED_WITHIN_MS.
     */
    const deliveredAcross = async (
      prefix: string,
      append: (writer: PostgresEventStore, streamId: string) => Promise<Position>,
      prepare: (listener: number) => Promise<void> = async () => undefined,
    ) => {
      const reader = await quietStore();
      const writer = await createPostgresEventStore({ connectionString: DATABASE_URL, schema: SCHEMA });
      try {
        const { seen, subscription } = await subscribed(reader, prefix);
        const [listener] = await eventually(async () => {
          const pids = await listeners();
          return pids.length > 0 ? pids : undefined;
        }, 'the LISTEN session');
        await prepare(listener);
        const streamId = `${prefix}${randomUUID()}`;
        const position = await append(writer, streamId);
        expect(await deliveredSoon(subscription, position)).toBe(true);
        expect(seen).toEqual([streamId]);
        await subscription.stop();
      } finally {
        await reader.close();
        await writer.close();
      }
    };
    const appendNew = async (writer: PostgresEventStore, streamId: string) =>
      (await writer.append(streamId, [testEvent()], { expectedVersion: 'no-stream' })).position;

    it('delivers at once an event another process appended while the subscription slept', () =>
      deliveredAcross('woken-', appendNew));

    it('delivers at once an event another process appended within its own transaction, once signalled', () =>
      deliveredAcross('within-', async (writer, streamId) => {
        const position = await withClient(async (client) => {
          await client.query('BEGIN');
          const appended = await writer.appendWithin(client, streamId, [testEvent()], {
            expectedVersion: 'no-stream',
          });
          await client.query('COMMIT');
          return appended.position;
        });
        writer.signalAppended();
        return position;
      }));

    it('signals a run of appends at most once a pause apart, and the last append is signalled too', async () => {
      const writer = await createPostgresEventStore({ connectionString: DATABASE_URL, schema: SCHEMA });
      const listening = await openClient();
      const heard: number[] = [];
      listening.on('notification', (n) => {
        if (n.channel === APPENDED_CHANNEL && n.payload === SCHEMA) heard.push(performance.now());
      });
      await listening.query(`LISTEN ${APPENDED_CHANNEL}`);
      try {
        // Given a process appending 40 times in a row, each as soon as the last one committed ...
        const started = performance.now();
        for (let i = 0; i < 40; i++) await appendNew(writer, `signal-run-${randomUUID()}`);
        const lastAppended = performance.now();
        // ... then the last of them is signalled after it was committed ...
        await eventually(
          async () => (heard.some((t) => t > lastAppended) ? true : undefined),
          'the last signal',
        );
        // ... and no two signals came less than a pause apart (20 ms): the first at once, then one a pause.
        const bound = 2 + Math.ceil((performance.now() - started) / 20);
        expect(heard.length).toBeLessThanOrEqual(bound);
        expect(heard.length).toBeLessThan(40);
      } finally {
        await listening.end();
        await writer.close();
      }
    });

    it('listens again after its session is cut (a database restart)', () =>
      deliveredAcross('relistened-', appendNew, async (first) => {
        await withClient((c) => c.query('SELECT pg_terminate_backend($1::int)', [first]));
        await eventually(async () => {
          const pids = (await listeners()).filter((pid) => pid !== first);
          return pids.length > 0 ? pids : undefined;
        }, 'a new LISTEN session');
      }));
  });
});
