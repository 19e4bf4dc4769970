import { Client } from 'pg';
import { appendFunction } from './append-sql';

/** One forward-only schema change. `sql` receives the quoted schema name. */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: string) => string;
}

/** In order; exported so a test can build a schema as an older release left it. */
export const MIGRATIONS: readonly Migration[] = [
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
  {
    version: 3,
    name: 'stream versions from the events',
    // The (stream_id, stream_position) key now guards concurrent appends and gives the version: a second
    // copy of it in a row rewritten by every append only cost time. A process still running the old code
    // fails on the missing table rather than appending under a guard nobody else keeps.
    sql: (s) => `DROP TABLE ${s}.es_streams;`,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** A PostgreSQL identifier (schema, table, database name) quoted for SQL text. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A table in a schema, or unqualified when there is none (the connection's search path decides). */
export const qualifiedTable = (schema: string | undefined, table: string): string =>
  schema ? `${quoteIdent(schema)}.${quoteIdent(table)}` : quoteIdent(table);

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
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `ntm-event-store:${schema}`,
    ]);
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
