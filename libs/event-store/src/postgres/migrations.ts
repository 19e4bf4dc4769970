import { Client } from 'pg';

/** One forward-only schema change. `sql` receives the quoted schema name. */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: string) => string;
}

/** The events of the call, at stream positions `base` + 1.., for every row `source` yields (one or none). */
const insertEvents = (s: string, source: string, base: string) => `
    INSERT INTO ${s}.es_events (stream_id, stream_position, event_id, event_type, schema_version, data, metadata)
    SELECT p_stream_id, ${base} + e.ord, e.id, e.type, e.version, e.data, e.metadata
      FROM ${source}, unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata)
                      WITH ORDINALITY AS e(id, type, version, data, metadata, ord)
    RETURNING global_position`;

/** The 'written' row, when `inserted` inserted anything (no row otherwise: FOUND tells the caller). */
const WRITTEN = (base: string) => `
    SELECT 'written'::text, (${base} + v_count)::bigint, pg_current_xact_id(), max(i.global_position)
      FROM inserted i HAVING count(*) > 0`;

const NO_ID_STORED = (s: string) => `NOT EXISTS (SELECT 1 FROM ${s}.es_events e WHERE e.event_id = ANY (p_ids))`;

/**
 * Append in one round trip. Returns one row:
 *   r_outcome 'written'   -> r_version after the append, position of its last event
 *   r_outcome 'duplicate' -> every id already stored in this stream: nothing written; the stored version/position
 *   r_outcome 'conflict'  -> r_version is the actual version (NULL: no stream)
 * p_expected: n >= 0 exact version (0 = the stream must not exist), -1 any, -2 the stream must exist.
 *
 * Fast path (exact version or new stream, none of the ids stored): one statement claims the stream
 * row and inserts the events. Anything else takes the careful path, which locks the stream row first;
 * a writer that waited for that lock sees, in its next statement, the events of the writer it waited
 * for (READ COMMITTED takes a new snapshot per statement), so an identical concurrent retry lands on
 * 'duplicate', never on 'conflict'.
 */
const appendFunction = (s: string) => `
CREATE OR REPLACE FUNCTION ${s}.es_append(
  p_stream_id text,
  p_expected bigint,
  p_ids uuid[],
  p_types text[],
  p_schema_versions int[],
  p_data jsonb[],
  p_metadata jsonb[]
) RETURNS TABLE (r_outcome text, r_version bigint, r_transaction_id xid8, r_position bigint)
LANGUAGE plpgsql
-- Every statement here is a key lookup. Plans are kept for the session, so a plan made while the tables
-- were small must not be a sequential scan that goes on being used once they hold millions of rows.
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
AS $fn$
DECLARE
  v_count int := cardinality(p_ids);
  v_current bigint;
  v_exists boolean;
  v_found int;
  v_found_here int;
  v_found_version bigint;
  v_found_tx xid8;
  v_found_position bigint;
BEGIN
  IF p_expected > 0 THEN
    RETURN QUERY
    WITH claimed AS (
      UPDATE ${s}.es_streams SET version = p_expected + v_count, updated_at = now()
       WHERE stream_id = p_stream_id AND version = p_expected AND ${NO_ID_STORED(s)}
      RETURNING 1
    ), inserted AS (${insertEvents(s, 'claimed', 'p_expected')})
    ${WRITTEN('p_expected')};
    IF FOUND THEN RETURN; END IF;
  ELSIF p_expected = 0 THEN
    RETURN QUERY
    WITH claimed AS (
      INSERT INTO ${s}.es_streams (stream_id, version)
      SELECT p_stream_id, v_count WHERE ${NO_ID_STORED(s)}
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), inserted AS (${insertEvents(s, 'claimed', '0')})
    ${WRITTEN('0')};
    IF FOUND THEN RETURN; END IF;
  END IF;

  LOOP
    SELECT st.version INTO v_current FROM ${s}.es_streams st WHERE st.stream_id = p_stream_id FOR UPDATE;
    v_exists := FOUND;

    SELECT count(*)::int,
           count(*) FILTER (WHERE e.stream_id = p_stream_id)::int,
           max(e.stream_position) FILTER (WHERE e.stream_id = p_stream_id)
      INTO v_found, v_found_here, v_found_version
      FROM ${s}.es_events e WHERE e.event_id = ANY (p_ids);
    IF v_found_here = v_count THEN
      SELECT e.transaction_id, e.global_position INTO v_found_tx, v_found_position
        FROM ${s}.es_events e WHERE e.stream_id = p_stream_id AND e.stream_position = v_found_version;
      RETURN QUERY SELECT 'duplicate'::text, v_found_version, v_found_tx, v_found_position;
      RETURN;
    END IF;
    IF v_found > 0
       OR (p_expected >= 0 AND p_expected IS DISTINCT FROM coalesce(v_current, 0))
       OR (p_expected = -2 AND NOT v_exists) THEN
      RETURN QUERY SELECT 'conflict'::text, v_current, NULL::xid8, NULL::bigint;
      RETURN;
    END IF;

    IF v_exists THEN
      UPDATE ${s}.es_streams SET version = v_current + v_count, updated_at = now() WHERE stream_id = p_stream_id;
      EXIT;
    END IF;
    INSERT INTO ${s}.es_streams (stream_id, version) VALUES (p_stream_id, v_count) ON CONFLICT DO NOTHING;
    IF FOUND THEN
      v_current := 0;
      EXIT;
    END IF;
    -- Another writer created the stream after our lookup and has committed: look again.
  END LOOP;

  RETURN QUERY
  WITH inserted AS (${insertEvents(s, '(SELECT 1) AS one', 'v_current')})
  ${WRITTEN('v_current')};
END
$fn$;`;

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'streams and events',
    sql: (s) => `
CREATE TABLE ${s}.es_streams (
  stream_id  text PRIMARY KEY,
  version    bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE ${s}.es_global_position_seq AS bigint;
CREATE TABLE ${s}.es_events (
  global_position bigint NOT NULL DEFAULT nextval('${s}.es_global_position_seq'),
  transaction_id  xid8   NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text   NOT NULL,
  stream_position bigint NOT NULL,
  event_id        uuid   NOT NULL,
  event_type      text   NOT NULL,
  schema_version  int    NOT NULL DEFAULT 1,
  data            jsonb  NOT NULL,
  metadata        jsonb  NOT NULL DEFAULT '{}',
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_id, stream_position),
  CONSTRAINT es_events_event_id_key UNIQUE (event_id)
);
ALTER SEQUENCE ${s}.es_global_position_seq OWNED BY ${s}.es_events.global_position;
-- The all-stream order: readers scan (transaction_id, global_position) below the snapshot's xmin.
CREATE INDEX es_events_all_order ON ${s}.es_events (transaction_id, global_position);`,
  },
  {
    version: 2,
    name: 'room for stream rows',
    // Every append rewrites its stream row: a page mostly empty keeps concurrent writers of different
    // streams off one another's page and leaves room for the new row version on the same page (HOT).
    sql: (s) => `ALTER TABLE ${s}.es_streams SET (fillfactor = 20);`,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Brings `schema` to the latest version and (re)defines the append function. Safe to call from several processes at once: the work runs
 * in one transaction under an advisory lock keyed by the schema name, and applied versions are recorded.
 */
export const migrate = async (connectionString: string, schema: string): Promise<void> => {
  const client = new Client({ connectionString });
  await client.connect();
  const s = quoteIdent(schema);
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ntm-event-store:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.es_migrations (
         version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${s}.es_migrations`);
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.es_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    // Functions hold no data: re-created on every start, so a fix reaches existing schemas.
    await client.query(appendFunction(s));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
};

const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';
const INVALID_CATALOG_NAME = '3D000';

/** Creates the database named in the URL when it is missing; a concurrent creator is not an error. */
export const ensureDatabase = async (connectionString: string): Promise<void> => {
  const probe = new Client({ connectionString });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const url = new URL(connectionString);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } catch (error) {
    // Two processes creating it together: one gets 42P04, or 23505 on the catalog index.
    const code = (error as { code?: string }).code;
    if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
  } finally {
    await admin.end();
  }
};
