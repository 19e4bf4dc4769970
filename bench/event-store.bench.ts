import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  createPostgresEventStore,
  DEFAULT_DATABASE_URL,
  START,
  type EventToAppend,
  type PostgresEventStore,
} from '@ntm/event-store';
import { concurrently, formatNumber, perSecond, printTable, timed } from './support/measure';

/**
 * The PostgreSQL event store against plain INSERTs into a table of the same payload, on the same
 * database, at the same concurrency and batch size; then read-all and subscription catch-up rates.
 * Sizes: BENCH_APPENDS (appends per write scenario and round, default 1000), BENCH_ROUNDS (default 5; the
 * table shows medians), BENCH_CATCH_UP_EVENTS (default 200000).
 */
const SCHEMA = 'bench_es';
const APPENDS = Number(process.env.BENCH_APPENDS ?? 1000);
const CATCH_UP_EVENTS = Number(process.env.BENCH_CATCH_UP_EVENTS ?? 200_000);
const WRITERS = 10;
const BATCH = 100;
const READ_PAGE = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface WriteScenario {
  readonly label: string;
  readonly unit: 'appends/s' | 'events/s';
  readonly writers: number;
  readonly batch: number;
  /** Appends each writer makes. */
  readonly appendsPerWriter: number;
}

const payload = (n: number) => ({
  dossierId: randomUUID(),
  commune: 'Xã Nông Thượng',
  district: 'Thành phố Bắc Kạn',
  province: 'Tỉnh Bắc Kạn',
  criterion: (n % 19) + 1,
  result: n % 3 === 0 ? 'đạt' : 'chưa đạt',
  note: 'Tiêu chí 17 (Môi trường và an toàn thực phẩm) đã được thẩm định',
});

const makeEvents = (count: number, offset: number): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'CriterionAssessed',
    data: payload(offset + i),
    metadata: {
      actor: 'bench-user',
      role: 'district-appraiser',
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  }));

/** Each writer appends to its own stream with the exact expected version, as a command handler does. */
const storeWrites = async (
  store: PostgresEventStore,
  scenario: WriteScenario,
  tag: string,
): Promise<number> => {
  const seconds = await timed(() =>
    concurrently(scenario.writers, async (writer) => {
      const streamId = `bench-${tag}-${writer}-${randomUUID()}`;
      let version = 0;
      for (let i = 0; i < scenario.appendsPerWriter; i += 1) {
        const events = makeEvents(scenario.batch, i * scenario.batch);
        version = (await store.append(streamId, events, { expectedVersion: version })).nextExpectedVersion;
      }
    }),
  );
  return perSecond(
    scenario.writers * scenario.appendsPerWriter * (scenario.unit === 'events/s' ? scenario.batch : 1),
    seconds,
  );
};

/** The same payloads into a plain (uuid, stream, jsonb, jsonb) table: one INSERT per append. */
const rawWrites = async (pool: Pool, scenario: WriteScenario): Promise<number> => {
  const single = `INSERT INTO ${SCHEMA}.raw_events (id, stream_id, data, metadata) VALUES ($1, $2, $3, $4)`;
  const many = `INSERT INTO ${SCHEMA}.raw_events (id, stream_id, data, metadata)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[])`;
  const seconds = await timed(() =>
    concurrently(scenario.writers, async (writer) => {
      const streamId = `raw-${writer}-${randomUUID()}`;
      for (let i = 0; i < scenario.appendsPerWriter; i += 1) {
        const events = makeEvents(scenario.batch, i * scenario.batch);
        const ids = events.map((e) => e.eventId);
        const data = events.map((e) => JSON.stringify(e.data));
        const metadata = events.map((e) => JSON.stringify(e.metadata));
        if (scenario.batch === 1) {
          await pool.query({
            name: 'raw_single',
            text: single,
            values: [ids[0], streamId, data[0], metadata[0]],
          });
        } else {
          await pool.query({
            name: 'raw_many',
            text: many,
            values: [ids, events.map(() => streamId), data, metadata],
          });
        }
      }
    }),
  );
  return perSecond(
    scenario.writers * scenario.appendsPerWriter * (scenario.unit === 'events/s' ? scenario.batch : 1),
    seconds,
  );
};

export const eventStoreBench = async (): Promise<void> => {
  const connectionString = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const setup = new Pool({ connectionString, max: 1 });
  // The store creates the database if missing; the schema is dropped first so every run starts empty.
  const first = await createPostgresEventStore({ connectionString, schema: SCHEMA, poolSize: 1 });
  await first.close();
  await setup.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  const store = await createPostgresEventStore({ connectionString, schema: SCHEMA, poolSize: WRITERS });
  await setup.query(`CREATE TABLE ${SCHEMA}.raw_events (
    id uuid PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`);
  const raw = new Pool({ connectionString, max: WRITERS });
  const { rows } = await setup.query<{ server_version: string }>('SHOW server_version');

  const scenarios: WriteScenario[] = [
    {
      label: '1 event per append, 1 writer',
      unit: 'appends/s',
      writers: 1,
      batch: 1,
      appendsPerWriter: APPENDS,
    },
    {
      label: `1 event per append, ${WRITERS} writers`,
      unit: 'appends/s',
      writers: WRITERS,
      batch: 1,
      appendsPerWriter: APPENDS / WRITERS,
    },
    {
      label: `${BATCH} events per append, 1 writer`,
      unit: 'events/s',
      writers: 1,
      batch: BATCH,
      appendsPerWriter: APPENDS / 10,
    },
    {
      label: `${BATCH} events per append, ${WRITERS} writers`,
      unit: 'events/s',
      writers: WRITERS,
      batch: BATCH,
      appendsPerWriter: APPENDS / 10 / WRITERS,
    },
  ];
  const table: string[][] = [];
  try {
    // Warm both paths (connections, prepared statements, plpgsql plan cache) outside the timings.
    const warm: WriteScenario = {
      label: 'warm-up',
      unit: 'appends/s',
      writers: WRITERS,
      batch: 1,
      appendsPerWriter: 20,
    };
    await storeWrites(store, warm, 'warm');
    await rawWrites(raw, warm);

    for (const [i, scenario] of scenarios.entries()) {
      // Alternate the two sides and keep the medians: the machine is shared, its load drifts.
      const storeRates: number[] = [];
      const rawRates: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        storeRates.push(await storeWrites(store, scenario, `s${i}r${round}`));
        rawRates.push(await rawWrites(raw, scenario));
      }
      const storeRate = median(storeRates);
      const rawRate = median(rawRates);
      table.push([
        `${scenario.label} (${scenario.unit})`,
        formatNumber(storeRate),
        formatNumber(rawRate),
        `${Math.round((storeRate / rawRate) * 100)}%`,
      ]);
    }

    // Fill up to the catch-up size with 100-event appends from 10 writers.
    const stored = Number((await setup.query(`SELECT count(*) FROM ${SCHEMA}.es_events`)).rows[0].count);
    const missing = Math.max(0, CATCH_UP_EVENTS - stored);
    const appendsPerWriter = Math.ceil(missing / BATCH / WRITERS);
    if (appendsPerWriter > 0) {
      await storeWrites(
        store,
        { label: 'fill', unit: 'events/s', writers: WRITERS, batch: BATCH, appendsPerWriter },
        'fill',
      );
    }
    const total = Number((await setup.query(`SELECT count(*) FROM ${SCHEMA}.es_events`)).rows[0].count);
    await setup.query(`VACUUM ANALYZE ${SCHEMA}.es_events`);

    let readCount = 0;
    const readSeconds = await timed(async () => {
      for (let after = START, isEnd = false; !isEnd;) {
        const slice = await store.readAll({ after, maxCount: READ_PAGE });
        readCount += slice.events.length;
        ({ position: after, isEnd } = slice);
      }
    });
    table.push([
      `read-all, pages of ${READ_PAGE} (events/s)`,
      formatNumber(perSecond(readCount, readSeconds)),
      '-',
      '-',
    ]);

    const head = await store.headPosition();
    let delivered = 0;
    const catchUpSeconds = await timed(async () => {
      const subscription = store.subscribe({
        after: START,
        batchSize: READ_PAGE,
        handle: async (events) => {
          delivered += events.length;
        },
      });
      await subscription.waitFor(head);
      await subscription.stop();
    });
    if (delivered !== total || readCount !== total) {
      throw new Error(`Expected ${total} events, read ${readCount}, subscription delivered ${delivered}`);
    }
    table.push([
      `subscription catch-up over ${formatNumber(total)} events (events/s)`,
      formatNumber(perSecond(delivered, catchUpSeconds)),
      '-',
      '-',
    ]);

    printTable(
      `Event store (PostgreSQL ${rows[0].server_version}, schema ${SCHEMA}; write rows: median of ${ROUNDS} rounds of ${APPENDS} appends)`,
      ['scenario', 'event store', 'raw INSERT', 'store/raw'],
      table,
    );
  } finally {
    await store.close();
    await raw.end();
    await setup.end();
  }
};
