import type { Pool, PoolClient } from 'pg';

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
