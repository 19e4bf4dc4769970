import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import IORedis from 'ioredis';
import { Client } from 'pg';

const run = promisify(execFile);

/** A free TCP port on 127.0.0.1 (the kernel picks one; it is free again once the probe closes). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The newest installed PostgreSQL's bin directory (Debian layout), or null when there is none. */
export const postgresBin = (): string | null => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
};

export const redisBin = (): string | null =>
  ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p)) ?? null;

const waitFor = async (probe: () => Promise<boolean>, what: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * A PostgreSQL server of the fault test's own (initdb into a temporary directory, trust authentication, its own
 * port and socket directory), so the test may crash and restart it without touching the shared server. PostgreSQL
 * refuses to run as root: as root, it runs as `postgres` in a directory that user owns.
 */
export class PrivatePostgres {
  readonly url: string;
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: string | null,
  ) {
    this.url = `postgres://postgres@127.0.0.1:${port}/ntm`;
  }

  static async start(bin: string): Promise<PrivatePostgres> {
    const root = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'ntm-fault-pg-'));
    const pg = new PrivatePostgres(bin, dir, await freePort(), root ? 'postgres' : null);
    try {
      if (root) chownSync(dir, ...(await pg.ids()));
      await pg.as(join(bin, 'initdb'), [
        '-D',
        pg.data,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-sync',
      ]);
      // fsync off: the test crashes the server, never the machine (the WAL reaches the OS page cache at commit).
      writeFileSync(
        join(dir, 'fault.conf'),
        [
          `port = ${pg.port}`,
          `listen_addresses = '127.0.0.1'`,
          `unix_socket_directories = '${dir}'`,
          'max_connections = 300',
          'fsync = off',
          'full_page_writes = off',
          'shared_buffers = 64MB',
          '',
        ].join('\n'),
      );
      if (root) chownSync(join(dir, 'fault.conf'), ...(await pg.ids()));
      await pg.as('sh', [
        '-c',
        `echo "include '${join(dir, 'fault.conf')}'" >> ${join(pg.data, 'postgresql.conf')}`,
      ]);
      await pg.startServer();
      const admin = new Client({ connectionString: pg.url.replace(/\/ntm$/, '/postgres') });
      await admin.connect();
      await admin.query('CREATE DATABASE ntm');
      await admin.end();
      return pg;
    } catch (e) {
      await pg.destroy();
      throw e;
    }
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  private async ids(): Promise<[number, number]> {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    return [Number(stdout.trim()), Number(gid.trim())];
  }

  private as(command: string, args: string[]) {
    return this.asUser ? run('runuser', ['-u', this.asUser, '--', command, ...args]) : run(command, args);
  }

  private async startServer(): Promise<void> {
    await this.as(join(this.bin, 'pg_ctl'), [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** Whether a new connection is accepted now. */
  async ready(): Promise<boolean> {
    const c = new Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /**
   * A crash and a start: `immediate` ends every backend at once without a checkpoint (what a killed server
   * does), and the start replays the WAL. Resolves when connections are accepted again.
   */
  async restart(): Promise<void> {
    await this.as(join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    await this.startServer();
    await waitFor(() => this.ready(), 'PostgreSQL to accept connections', 60_000);
  }

  async destroy(): Promise<void> {
    if (existsSync(join(this.data, 'postmaster.pid')))
      await this.as(join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A redis-server of the fault test's own, without persistence: a restart loses every key, as the test wants. */
export class PrivateRedis {
  readonly url: string;
  private child: ChildProcess | null = null;

  private constructor(
    private readonly bin: string,
    readonly port: number,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async start(bin: string): Promise<PrivateRedis> {
    const redis = new PrivateRedis(bin, await freePort());
    await redis.startServer();
    return redis;
  }

  private async startServer(): Promise<void> {
    const child = spawn(
      this.bin,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    await waitFor(() => this.ping(), 'redis-server to answer', 20_000);
  }

  async ping(): Promise<boolean> {
    const c = new IORedis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    c.on('error', () => undefined);
    try {
      await c.connect();
      return (await c.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      c.disconnect();
    }
  }

  /** kill -9 and a fresh start on the same port: every key is gone. Resolves when it answers again. */
  async restart(): Promise<void> {
    await this.kill();
    await this.startServer();
  }

  private async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  destroy(): Promise<void> {
    return this.kill();
  }
}
