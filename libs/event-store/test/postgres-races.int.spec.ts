import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { StreamConflictError } from '../src/errors';
import type { AppendResult, EventToAppend, ExpectedVersion } from '../src/port';
import { createPostgresEventStore, type PostgresEventStore } from '../src/postgres';
import { testEvent } from '../src/testing';
import {
  backendPid,
  DATABASE_URL,
  dropSchema,
  expectConflict,
  openClient,
  untilBlockedBy,
  withClient,
} from './pg-test-support';

const SCHEMA = 'es_postgres_races_spec';
const WRITERS = 20;

const ids = (events: readonly { eventId: string }[]) => events.map((e) => e.eventId);

type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

describe('PostgreSQL event store: races', () => {
  let store: PostgresEventStore;
  beforeAll(async () => {
    await dropSchema(SCHEMA);
    store = await createPostgresEventStore({
      connectionString: DATABASE_URL,
      schema: SCHEMA,
      poolSize: WRITERS,
    });
  });
  afterAll(() => store.close());

  const stream = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

  /**
   * Runs `appends` while a lock on the events table holds every INSERT back, and lets them all go at once
   * when `expected` sessions wait on it: the writers then race for the same keys.
   */
  const released = async <T>(expected: number, appends: () => Promise<T>[]): Promise<T[]> => {
    const gate = await openClient();
    try {
      await gate.query('BEGIN');
      await gate.query(`LOCK TABLE ${SCHEMA}.es_events IN SHARE MODE`);
      const running = appends();
      // Settled now so a rejection while the gate is closed is not unhandled.
      const settled = Promise.allSettled(running);
      await untilBlockedBy(await backendPid(gate), expected);
      await gate.query('COMMIT');
      await settled;
      return await Promise.all(running);
    } finally {
      await gate.end();
    }
  };

  /** The stream's version agrees with its events: the highest position, positions 1..n without gaps. */
  const expectVersionFromEvents = async (streamId: string, version: number) => {
    expect(await store.streamVersion(streamId)).toBe(version);
    const read = await store.readStream(streamId);
    expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
  };

  describe('identical retries racing on the fast path', () => {
    const cases: [string, number, number][] = [
      ['a new stream, one event', 0, 1],
      ['a new stream, three events', 0, 3],
      ['an existing stream, one event', 2, 1],
      ['an existing stream, three events', 2, 3],
    ];
    it.each(cases)('%s: every retry succeeds, one copy stored', async (_, before, count) => {
      const streamId = stream('retry');
      if (before > 0) {
        await store.append(streamId, [testEvent(), testEvent()], { expectedVersion: 'no-stream' });
      }
      const events = Array.from({ length: count }, () => testEvent());
      const results = await released(8, () =>
        Array.from({ length: 8 }, () => store.append(streamId, events, { expectedVersion: before })),
      );

      const winners = results.filter((r) => r.written);
      expect(winners).toHaveLength(1);
      for (const result of results) expect(result).toEqual({ ...winners[0], written: result.written });
      expect(winners[0].nextExpectedVersion).toBe(before + count);
      expect(ids((await store.readStream(streamId)).slice(before))).toEqual(ids(events));
      await expectVersionFromEvents(streamId, before + count);
    });
  });

  it(`gives ${WRITERS} concurrent writers with expectedVersion 'any' versions 1..${WRITERS}`, async () => {
    const streamId = stream('any');
    const events = Array.from({ length: WRITERS }, (_, i) => testEvent('Ballot', { i }));
    const results = await released(WRITERS, () =>
      events.map((event) => store.append(streamId, [event], { expectedVersion: 'any' })),
    );

    expect(results.every((r) => r.written)).toBe(true);
    expect(results.map((r) => r.nextExpectedVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS }, (_, i) => i + 1),
    );
    const read = await store.readStream(streamId);
    expect(new Set(ids(read))).toEqual(new Set(ids(events)));
    // Each writer was told the version its own event landed at.
    const versionOf = new Map(read.map((e) => [e.eventId, e.streamVersion]));
    expect(events.map((e) => versionOf.get(e.eventId))).toEqual(results.map((r) => r.nextExpectedVersion));
    await expectVersionFromEvents(streamId, WRITERS);
  });

  it('keeps the version equal to the highest position through mixed appends', async () => {
    const streamId = stream('mixed');
    const first = [testEvent()];
    const steps: [readonly EventToAppend[], ExpectedVersion, number][] = [
      [first, 'no-stream', 1],
      [[testEvent(), testEvent(), testEvent()], 1, 4],
      [[testEvent(), testEvent()], 'any', 6],
      [[testEvent()], 'stream-exists', 7],
      [first, 'no-stream', 1], // an idempotent retry: the version it reports is the stored event's
    ];
    for (const [events, expectedVersion, reported] of steps) {
      const result = await store.append(streamId, events, { expectedVersion });
      expect(result.nextExpectedVersion).toBe(reported);
    }
    await expectVersionFromEvents(streamId, 7);

    await expectConflict(store.append(streamId, [testEvent()], { expectedVersion: 6 }), streamId, 6, 7);
    await expectConflict(store.append(streamId, [testEvent()], { expectedVersion: 9 }), streamId, 9, 7);
    await withClient(async (c) => {
      await c.query('BEGIN');
      await store.appendWithin(c, streamId, [testEvent(), testEvent()], { expectedVersion: 7 });
      await c.query('COMMIT');
      await c.query('BEGIN');
      await store.appendWithin(c, streamId, [testEvent()], { expectedVersion: 9 });
      await c.query('ROLLBACK');
    });
    await expectVersionFromEvents(streamId, 9);
    expect(await store.append(streamId, [testEvent()], { expectedVersion: 9 })).toMatchObject({
      nextExpectedVersion: 10,
      written: true,
    });
    await expectVersionFromEvents(streamId, 10);
  });

  it('keeps its connection when an append loses a race: a unique violation is an answer, not a broken link', async () => {
    const streamId = stream('kept');
    await store.append(streamId, [testEvent(), testEvent()], { expectedVersion: 'no-stream' });
    const since = await withClient(
      async (c) => (await c.query<{ t: string }>('SELECT clock_timestamp()::text AS t')).rows[0].t,
    );
    // A stale version: the fast INSERT meets the stored event 2 on the primary key, the function says why.
    for (let i = 0; i < 5; i++)
      await expectConflict(store.append(streamId, [testEvent()], { expectedVersion: 1 }), streamId, 1, 2);
    const opened = await withClient(
      async (c) =>
        (
          await c.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND backend_start > $1::timestamptz AND pid <> pg_backend_pid()`,
            [since],
          )
        ).rows[0].n,
    );
    expect(opened).toBe(0);
  });

  describe('appendWithin in a caller transaction', () => {
    /** A caller's connection in a transaction whose snapshot is taken; a looping append would time out. */
    const begin = async (isolation: Isolation, streamId: string): Promise<Client> => {
      const client = await openClient();
      await client.query(`SET statement_timeout = '10s'`);
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      await client.query(`SELECT count(*) FROM ${SCHEMA}.es_events WHERE stream_id = $1`, [streamId]);
      return client;
    };

    const isolations: Isolation[] = ['REPEATABLE READ', 'SERIALIZABLE'];

    describe.each(isolations)('%s', (isolation) => {
      it.each<[string, ExpectedVersion]>([
        ['the exact version', 1],
        ['any version', 'any'],
      ])(
        'expecting %s, loses to a writer that committed after its snapshot: StreamConflictError',
        async (_, expectedVersion) => {
          const streamId = stream('rr-late');
          await store.append(streamId, [testEvent()], { expectedVersion: 'no-stream' });
          const caller = await begin(isolation, streamId);
          try {
            const winner = testEvent();
            await store.append(streamId, [winner], { expectedVersion: 1 });
            const loser = [testEvent(), testEvent()];
            await expectConflict(
              store.appendWithin(caller, streamId, loser, { expectedVersion }),
              streamId,
              expectedVersion,
              2,
            );
            await caller.query('ROLLBACK');
            await expectVersionFromEvents(streamId, 2);
            expect(ids(await store.readStream(streamId))[1]).toBe(winner.eventId);
          } finally {
            await caller.end();
          }
        },
      );

      it('leaves nothing when the caller rolls back', async () => {
        const existing = stream('rb-existing');
        const fresh = stream('rb-new');
        await store.append(existing, [testEvent()], { expectedVersion: 'no-stream' });
        const caller = await begin(isolation, existing);
        const appended = [testEvent(), testEvent(), testEvent()];
        let results: AppendResult[];
        try {
          results = [
            await store.appendWithin(caller, existing, appended.slice(0, 2), { expectedVersion: 1 }),
            await store.appendWithin(caller, fresh, appended.slice(2), { expectedVersion: 'no-stream' }),
          ];
          await caller.query('ROLLBACK');
        } finally {
          await caller.end();
        }
        expect(results.map((r) => [r.nextExpectedVersion, r.written])).toEqual([
          [3, true],
          [1, true],
        ]);
        await expectVersionFromEvents(existing, 1);
        expect(await store.streamVersion(fresh)).toBeNull();
        const { rows } = await withClient((c) =>
          c.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.es_events WHERE event_id = ANY ($1::uuid[])`, [
            ids(appended),
          ]),
        );
        expect(rows[0].n).toBe(0);
        // The positions it held are free again.
        expect(await store.append(existing, [testEvent()], { expectedVersion: 1 })).toMatchObject({
          nextExpectedVersion: 2,
        });
      });
    });

    /**
     * The caller appends at version 2 while another transaction holds it uncommitted; that one commits
     * while the caller waits on its key. The caller then commits what it could append.
     */
    const raceWriterInFlight = async (isolation: Isolation, expectedVersion: ExpectedVersion) => {
      const streamId = stream('flight');
      await store.append(streamId, [testEvent()], { expectedVersion: 'no-stream' });
      const caller = await begin(isolation, streamId);
      const writer = await openClient();
      try {
        await writer.query('BEGIN');
        await store.appendWithin(writer, streamId, [testEvent()], { expectedVersion: 1 });
        const attempt = store.appendWithin(caller, streamId, [testEvent()], { expectedVersion }).then(
          (result) => ({ result, error: null }),
          (error: unknown) => ({ result: null, error }),
        );
        await untilBlockedBy(await backendPid(writer), 1);
        await writer.query('COMMIT');
        const outcome = await attempt;
        await caller.query(outcome.error ? 'ROLLBACK' : 'COMMIT');
        return { streamId, ...outcome };
      } finally {
        await Promise.all([caller.end(), writer.end()]);
      }
    };

    it.each<[Isolation, ExpectedVersion, number | 'conflict']>([
      ['READ COMMITTED', 1, 'conflict'],
      ['READ COMMITTED', 'any', 3],
      ['REPEATABLE READ', 1, 'conflict'],
      ['REPEATABLE READ', 'any', 'conflict'],
      ['SERIALIZABLE', 1, 'conflict'],
      ['SERIALIZABLE', 'any', 'conflict'],
    ])('%s, expecting %s, racing a writer in flight: %s', async (isolation, expectedVersion, outcome) => {
      const { streamId, result, error } = await raceWriterInFlight(isolation, expectedVersion);
      if (outcome === 'conflict') {
        expect(error).toBeInstanceOf(StreamConflictError);
        expect(error).toMatchObject({ streamId, expectedVersion, actualVersion: 2 });
        await expectVersionFromEvents(streamId, 2);
      } else {
        expect(error).toBeNull();
        expect(result).toMatchObject({ nextExpectedVersion: outcome, written: true });
        await expectVersionFromEvents(streamId, outcome);
      }
    });
  });
});
