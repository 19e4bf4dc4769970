import { DatabaseError, type Pool, type PoolClient } from 'pg';

/**
 * A connection from the pool with `onError` listening from the moment it is handed over. With `await
 * pool.connect()` the listener would come a tick later: a server that ends the connection in the very packet
 * that completed it (a restart) would emit 'error' with nobody listening, which ends the process.
 */
export const connectListening = (pool: Pool, onError: (error: Error) => void): Promise<PoolClient> =>
  new Promise((resolve, reject) =>
    pool.connect((error, client) => {
      if (error || !client) {
        reject(error ?? new Error('no connection from the pool'));
        return;
      }
      client.on('error', onError);
      resolve(client);
    }),
  );

/**
 * Runs `work` on a pooled connection, listening for its errors throughout, and gives it back. Not pool.query: the
 * pool drops the connection of any failed query, while an error the server reported (a lost race, a unique
 * violation) leaves it usable when no transaction is left open on it; a broken link leaves the pool.
 */
export const onPooledConnection = async <T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> => {
  let broken: Error | undefined;
  // Listening at once: a connection the server ends (a restart) must not crash the process.
  const onError = (error: Error) => (broken = error);
  const client = await connectListening(pool, onError);
  try {
    return await work(client);
  } catch (error) {
    if (!(error instanceof DatabaseError)) broken = error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
};
