import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { quoteIdent } from '@ntm/event-store';
import type { AppConfig } from '../config/app-config';
import { keyedAppendFunction } from '../commands/idempotency.store';

/** Bookkeeping tables of the API (idempotency keys). Read models bring their own migrations. */
export class CreateIdempotencyKeys1732320000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1732320000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = quoteIdent(q.connection.driver.schema ?? 'public');
    await q.query(`CREATE TABLE IF NOT EXISTS ${schema}.idempotency_keys (
      scope text PRIMARY KEY,
      fingerprint text NOT NULL,
      status text NOT NULL,
      answer jsonb,
      created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE IF EXISTS ${quoteIdent(q.connection.driver.schema ?? 'public')}.idempotency_keys`,
    );
  }
}

/**
 * Idempotency records are written with the command's events, in one transaction, and only then: a claim no
 * longer outlives its request. Claims left pending by the previous release belonged to requests that died
 * before answering; they go (their commands are retried against the events, as the key's events were never
 * recorded with an answer), and a process still running the previous release fails on the missing column
 * rather than writing claims nobody releases.
 */
export class IdempotencyInCommandTransaction1764460800000 implements MigrationInterface {
  name = 'IdempotencyInCommandTransaction1764460800000';

  async up(q: QueryRunner): Promise<void> {
    const table = `${quoteIdent(q.connection.driver.schema ?? 'public')}.idempotency_keys`;
    await q.query(`DELETE FROM ${table} WHERE status <> 'done' OR answer IS NULL`);
    await q.query(`ALTER TABLE ${table} DROP COLUMN status`);
    await q.query(`ALTER TABLE ${table} ALTER COLUMN answer SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    const table = `${quoteIdent(q.connection.driver.schema ?? 'public')}.idempotency_keys`;
    await q.query(`ALTER TABLE ${table} ALTER COLUMN answer DROP NOT NULL`);
    await q.query(`ALTER TABLE ${table} ADD COLUMN status text NOT NULL DEFAULT 'done'`);
    await q.query(`ALTER TABLE ${table} ALTER COLUMN status DROP DEFAULT`);
  }
}

/** A keyed command in one statement: lock, stored answer or append + answer (IdempotencyStore.appendOnce). */
export class KeyedAppendFunction1764547200000 implements MigrationInterface {
  name = 'KeyedAppendFunction1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(keyedAppendFunction(quoteIdent(q.connection.driver.schema ?? 'public')));
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = quoteIdent(q.connection.driver.schema ?? 'public');
    await q.query(`DROP FUNCTION IF EXISTS ${schema}.ntm_keyed_append(${KEYED_APPEND_ARGS})`);
  }
}

/** The keyed append's arguments before it took a guard stream. */
const KEYED_APPEND_ARGS = 'text, text, jsonb, text, bigint, uuid[], text[], int[], jsonb[], jsonb[]';

/**
 * The keyed append with a guard stream (two more arguments). The ten-argument one stays for processes of the
 * previous release still running during a rolling start; they read the guarded stream before each command.
 * Its `up` is the first one's: the function as this release defines it.
 */
export class KeyedAppendGuard1764979200000 extends KeyedAppendFunction1764547200000 {
  override name = 'KeyedAppendGuard1764979200000';

  override async down(q: QueryRunner): Promise<void> {
    const schema = quoteIdent(q.connection.driver.schema ?? 'public');
    await q.query(`DROP FUNCTION IF EXISTS ${schema}.ntm_keyed_append(${KEYED_APPEND_ARGS}, text, bigint)`);
  }
}

/**
 * The keyed append with a fast path (`p_fast`) and any number of guard streams (arrays in place of one stream and
 * its version). The twelve-argument one stays for processes of the previous release still running during a
 * rolling start.
 */
export class KeyedAppendFast1796342400000 extends KeyedAppendFunction1764547200000 {
  override name = 'KeyedAppendFast1796342400000';

  override async down(q: QueryRunner): Promise<void> {
    const schema = quoteIdent(q.connection.driver.schema ?? 'public');
    await q.query(
      `DROP FUNCTION IF EXISTS ${schema}.ntm_keyed_append(${KEYED_APPEND_ARGS}, text[], bigint[], boolean)`,
    );
  }
}

/** Connections of the TypeORM pool (the event store has a pool of its own). */
const DATABASE_POOL_SIZE = 25;

export interface DatabaseParts {
  readonly entities?: Function[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  readonly migrations?: Function[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
}

/** Opens the TypeORM DataSource on the configured schema, creating the schema and running migrations. */
export const openDatabase = async (config: AppConfig, parts: DatabaseParts = {}): Promise<DataSource> => {
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.databaseUrl,
    schema: config.schema,
    entities: parts.entities ?? [],
    migrations: [
      CreateIdempotencyKeys1732320000000,
      IdempotencyInCommandTransaction1764460800000,
      KeyedAppendFunction1764547200000,
      KeyedAppendGuard1764979200000,
      KeyedAppendFast1796342400000,
      ...(parts.migrations ?? []),
    ],
    migrationsTableName: 'typeorm_migrations',
    // Every command with an Idempotency-Key holds one connection for its whole transaction (lock, append,
    // answer): with 10, fifty clients queued for connections rather than for the CPU.
    extra: { max: DATABASE_POOL_SIZE },
  });
  await dataSource.initialize();
  // Two processes starting together must not run the same migration twice: hold a session lock.
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`ntm-migrations:${config.schema}`]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(config.schema)}`);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`ntm-migrations:${config.schema}`])
      .catch(() => undefined);
    await lock.release();
  }
  return dataSource;
};
