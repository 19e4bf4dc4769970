import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testServerUrl } from './test-database';

const serverUrl = testServerUrl();

/** Creates this run's own database and hands its URL to every test file through the environment. */
export default async function globalSetup(): Promise<void> {
  const name = `ntm_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.TEST_DATABASE_URL = url.toString();
  process.env.NTM_TEST_DATABASE = name;
}
