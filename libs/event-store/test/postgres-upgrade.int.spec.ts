import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, LATEST_SCHEMA_VERSION, type PostgresEventStore } from '../src/postgres';
import { MIGRATIONS, quoteIdent } from '../src/postgres/migrations';
import { testEvent, untilVisible } from '../src/testing';
import { DATABASE_URL, dropSchema, expectConflict, withClient } from './pg-test-support';

const SCHEMA = 'es_postgres_upgrade_spec';
const s = quoteIdent(SCHEMA);
/** The last release that kept the stream table: its schema is what production databases hold. */
const OLD_VERSION = 2;

interface OldEvent {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
}

/**
 * A schema as the release at OLD_VERSION left it, holding `streams`: its migrations, its record of them,
 * the stream rows it kept beside the events, and an append function of the same signature reading the
 * stream table (as the old one did), which the upgrade must replace. One transaction per stream, as
 * the old store wrote them.
 */
const buildOldSchema = async (streams: readonly (readonly OldEvent[])[]) =>
  withClient(async (c) => {
    await c.query(`CREATE SCHEMA ${s}`);
    await c.query(
      `CREATE TABLE ${s}.es_migrations (
         version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    for (const migration of MIGRATIONS.filter((m) => m.version <= OLD_VERSION)) {
      await c.query(migration.sql(s));
      await c.query(`INSERT INTO ${s}.es_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await c.query(`
      CREATE FUNCTION ${s}.es_append(p_stream_id text, p_expected bigint, p_ids uuid[], p_types text[],
        p_schema_versions int[], p_data jsonb[], p_metadata jsonb[])
      RETURNS TABLE (r_outcome text, r_version bigint, r_transaction_id xid8, r_position bigint)
      LANGUAGE plpgsql AS $fn$
      BEGIN
        RETURN QUERY SELECT 'conflict'::text, st.version, NULL::xid8, NULL::bigint
          FROM ${s}.es_streams st WHERE st.stream_id = p_stream_id;
      END
      $fn$`);
    for (const events of streams) {
      await c.query('BEGIN');
      for (const [index, event] of events.entries()) {
        await c.query(
          `INSERT INTO ${s}.es_events (stream_id, stream_position, event_id, event_type, data, metadata)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            event.streamId,
            index + 1,
            event.eventId,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify({ actor: 'user-old' }),
          ],
        );
      }
      await c.query(`INSERT INTO ${s}.es_streams (stream_id, version) VALUES ($1, $2)`, [
        events[0].streamId,
        events.length,
      ]);
      await c.query('COMMIT');
    }
  });

const oldStream = (streamId: string, count: number): OldEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    streamId,
    eventId: randomUUID(),
    type: 'ChiTieuDaDanhGia',
    data: { xa: 'Tân Thông Hội', tieuChi: i + 1 },
  }));

describe('PostgreSQL event store: upgrade from a schema with the stream table', () => {
  const dossier = oldStream('dossier-old-1', 3);
  const other = oldStream('dossier-old-2', 1);
  let store: PostgresEventStore;

  beforeAll(async () => {
    await dropSchema(SCHEMA);
    await buildOldSchema([dossier, other]);
    store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema: SCHEMA, poolSize: 4 });
  });
  afterAll(() => store.close());

  it('records every migration and drops the stream table', async () => {
    const { versions, streams } = await withClient(async (c) => ({
      versions: (await c.query(`SELECT version FROM ${s}.es_migrations ORDER BY version`)).rows,
      streams: (await c.query(`SELECT to_regclass('${SCHEMA}.es_streams') AS t`)).rows[0].t,
    }));
    expect(versions.map((r) => r.version)).toEqual(
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThan(OLD_VERSION);
    expect(streams).toBeNull();
  });

  it('reads the old events with their versions', async () => {
    const read = await store.readStream('dossier-old-1');
    expect(read.map((e) => [e.eventId, e.streamVersion, e.type, e.data])).toEqual(
      dossier.map((e, i) => [e.eventId, i + 1, e.type, e.data]),
    );
    expect(await store.streamVersion('dossier-old-1')).toBe(3);
    expect(await store.streamVersion('dossier-old-2')).toBe(1);
    // A transaction open anywhere in the cluster holds readers back: wait until the old ones show.
    const [last] = await store.readStream('dossier-old-2');
    await untilVisible(store, last.position);
    const all = await store.readAll();
    expect(all.events.map((e) => e.eventId)).toEqual([...dossier, ...other].map((e) => e.eventId));
  });

  it('treats a re-append of an old event id as a no-op', async () => {
    const [stored] = await store.readStream('dossier-old-2');
    const retry = await store.append(
      'dossier-old-2',
      [{ ...testEvent(other[0].type, other[0].data), eventId: other[0].eventId }],
      { expectedVersion: 'no-stream' },
    );
    expect(retry).toEqual({ nextExpectedVersion: 1, position: stored.position, written: false });
    expect(await store.streamVersion('dossier-old-2')).toBe(1);
  });

  it('refuses a wrong expected version on an old stream', async () => {
    await expectConflict(
      store.append('dossier-old-1', [testEvent()], { expectedVersion: 2 }),
      'dossier-old-1',
      2,
      3,
    );
    await expectConflict(
      store.append('dossier-old-1', [testEvent()], { expectedVersion: 'no-stream' }),
      'dossier-old-1',
      'no-stream',
      3,
    );
    await expectConflict(
      store.append('dossier-old-1', [testEvent()], { expectedVersion: 4 }),
      'dossier-old-1',
      4,
      3,
    );
    expect(await store.streamVersion('dossier-old-1')).toBe(3);
  });

  it('continues the old streams at their last version, by every append route', async () => {
    const one = testEvent();
    const two = [testEvent(), testEvent()];
    const any = testEvent();
    expect(await store.append('dossier-old-1', [one], { expectedVersion: 3 })).toMatchObject({
      nextExpectedVersion: 4,
      written: true,
    });
    expect(await store.append('dossier-old-1', two, { expectedVersion: 4 })).toMatchObject({
      nextExpectedVersion: 6,
      written: true,
    });
    expect(await store.append('dossier-old-1', [any], { expectedVersion: 'any' })).toMatchObject({
      nextExpectedVersion: 7,
    });
    const within = testEvent();
    await withClient(async (c) => {
      await c.query('BEGIN');
      await store.appendWithin(c, 'dossier-old-2', [within], { expectedVersion: 1 });
      await c.query('COMMIT');
    });

    const read = await store.readStream('dossier-old-1');
    expect(read.map((e) => [e.eventId, e.streamVersion])).toEqual(
      [...dossier, one, ...two, any].map((e, i) => [e.eventId, i + 1]),
    );
    expect((await store.readStream('dossier-old-2')).map((e) => e.eventId)).toEqual([
      other[0].eventId,
      within.eventId,
    ]);
    // New events follow the old ones in the all-stream.
    const head = await untilVisible(store, read[read.length - 1].position);
    expect(read[2].position < read[3].position && read[3].position <= head).toBe(true);
  });

  it('opens the upgraded schema again without migrating twice', async () => {
    const again = await createPostgresEventStore({
      connectionString: DATABASE_URL,
      schema: SCHEMA,
      poolSize: 1,
    });
    try {
      expect(await again.streamVersion('dossier-old-1')).toBe(7);
      const { nextExpectedVersion } = await again.append('dossier-old-1', [testEvent()], {
        expectedVersion: 7,
      });
      expect(nextExpectedVersion).toBe(8);
    } finally {
      await again.close();
    }
    const { rows } = await withClient((c) => c.query(`SELECT count(*)::int AS n FROM ${s}.es_migrations`));
    expect(rows[0].n).toBe(LATEST_SCHEMA_VERSION);
  });
});
