import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';

/**
 * Starts `node [nodeArgs] script` with PORT and `env` on top of this process's environment, and waits until it
 * answers /api/health/live (60 s at most; its last stderr goes into the error).
 */
export const startProcess = async (
  script: string,
  port: number,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<ChildProcess> => {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}): ${stderr}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health/live`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (up) return child;
    if (Date.now() > deadline) throw new Error(`${script} did not start on ${port}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
export const stopProcess = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
};

/** Drops a bench's schema, so the run starts on an empty one (the app creates its tables on start). */
export const dropSchema = async (databaseUrl: string, schema: string): Promise<void> => {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await db.end();
  }
};
