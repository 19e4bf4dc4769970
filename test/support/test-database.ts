/** The server tests run on; only its `postgres` database has to exist. */
export const testServerUrl = (): string =>
  process.env.TEST_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The database of this test run. Jest's global setup (test/support/global-setup.ts) creates a fresh one per run
 * and publishes its URL here, so two runs on one server never meet and nothing but `postgres` has to exist.
 */
export const testDatabaseUrl = (): string => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (its global setup sets it)');
  return url;
};

/** This run's name (its database's): for anything else a run must not share with another, on Redis or on disk. */
export const testRunName = (): string => new URL(testDatabaseUrl()).pathname.slice(1);

/**
 * A Redis key prefix (queues, rate-limit counts) of this run's own: the run's name, then `name`, then the time, so
 * two runs on one Redis never share a queue or a count.
 */
export const testQueuePrefix = (name: string): string => `test_${testRunName()}_${name}_${Date.now()}`;
