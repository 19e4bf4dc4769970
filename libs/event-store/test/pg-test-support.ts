import { Client } from 'pg';
import { StreamConflictError } from '../src/errors';
import { testDatabaseUrl } from '../../../test/support/test-database';

/** Shared by the PostgreSQL spec files; each file passes its own schema. */
export const DATABASE_URL = testDatabaseUrl();

/** One short-lived connection for work outside the store. */
export const withClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export const dropSchema = (schema: string) =>
  withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

/** A connection the test holds open, e.g. to keep a transaction or a lock across other calls. */
export const openClient = async (): Promise<Client> => {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  return client;
};

export const backendPid = async (client: Client): Promise<number> =>
  (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;

/** Resolves once `count` sessions are waiting on a lock that `blockerPid` holds. */
export const untilBlockedBy = async (blockerPid: number, count: number, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  await withClient(async (c) => {
    for (;;) {
      const { rows } = await c.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid))',
        [blockerPid],
      );
      if (rows[0].n >= count) return;
      if (Date.now() > deadline) {
        throw new Error(`${rows[0].n} of ${count} sessions blocked by ${blockerPid} after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
};

/** The error `attempt` rejected with, failing the test when it resolved. */
const rejectionOf = async (attempt: Promise<unknown>): Promise<unknown> =>
  attempt.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );

/** Checks that `attempt` failed with the port's conflict error, with these versions. */
export const expectConflict = async (
  attempt: Promise<unknown>,
  streamId: string,
  expectedVersion: string | number,
  actualVersion: number | null,
) => {
  const error = await rejectionOf(attempt);
  expect(error).toBeInstanceOf(StreamConflictError);
  expect(error).toMatchObject({ streamId, expectedVersion, actualVersion });
};
