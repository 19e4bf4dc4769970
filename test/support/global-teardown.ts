import { Client } from 'pg';
import { testServerUrl } from './test-database';

const serverUrl = testServerUrl();

/** Drops the run's database (WITH FORCE: a library may still hold an idle connection). */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.NTM_TEST_DATABASE;
  if (!name || process.env.KEEP_TEST_DATABASE === 'on') return;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
