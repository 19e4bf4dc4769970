import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { quoteIdent } from '@ntm/event-store';
import type { AppConfig } from '../config/app-config';

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
    migrations: [CreateIdempotencyKeys1732320000000, ...(parts.migrations ?? [])],
    migrationsTableName: 'typeorm_migrations',
    extra: { max: 10 },
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
