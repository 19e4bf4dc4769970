import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * What a transaction checks to prove its process still owns a lease: the advisory lock (namespace, key) is held
 * by the lease session's backend `pid`. A checkpoint moves only if this holds in the same transaction.
 */
export interface Fence {
  readonly pid: number;
  /** pg_locks.classid / objid of the two-key advisory lock (unsigned, as pg_locks shows them). */
  readonly classId: number;
  readonly objId: number;
}

export interface Lease {
  readonly name: string;
  readonly fence: Fence;
  /** Aborted when the lease is lost (the lease session died); whoever holds it must stop at once. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** How often the session is checked (a dead session loses every lease). Default 2 s. */
  readonly heartbeatMs?: number;
  /** Shown in pg_stat_activity. Default `ntm-lease`. */
  readonly applicationName?: string;
}

/** A signed 32-bit key for pg_try_advisory_lock(int, int). */
const key32 = (text: string): number => createHash('sha1').update(text).digest().readInt32BE(0);

/** The SQL condition a transaction adds to prove a fence: `$pid, $classId, $objId` are its parameters. */
export const fenceCondition = (pid: string, classId: string, objId: string): string =>
  `EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
              AND pid = ${pid}::int AND classid = ${classId}::bigint::oid AND objid = ${objId}::bigint::oid)`;

const clientConfig = (db: DataSource, applicationName: string): ClientConfig => {
  const o = db.options as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: string;
    database?: string;
  };
  return {
    connectionString: o.url,
    host: o.host,
    port: o.port,
    user: o.username,
    password: o.password,
    database: o.database,
    application_name: applicationName,
    keepAlive: true,
  };
};

/**
 * Leases of one process, as PostgreSQL advisory locks held by ONE dedicated session (a connection of its own).
 * Any number of processes may ask for the same name: exactly one holds it. When the holder dies (kill -9, lost
 * connection), PostgreSQL ends its session and frees every lock it held, so another process's next try takes
 * it over. Leases are per schema: the same name in two schemas are two leases.
 */
export class LeaseManager {
  private readonly logger = new Logger('Leases');
  private readonly namespace: number;
  private readonly heartbeatMs: number;
  private readonly applicationName: string;
  private session: Promise<{ client: Client; pid: number }> | null = null;
  private readonly held = new Map<string, AbortController>();
  private readonly pending = new Set<string>();
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;
  /** One query at a time on the session (pg queues them, but deprecates doing so). */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    options: LeaseOptions = {},
  ) {
    const schema = (db.options as { schema?: string }).schema ?? 'public';
    this.namespace = key32(`ntm-lease:${schema}`);
    this.heartbeatMs = options.heartbeatMs ?? 2000;
    this.applicationName = options.applicationName ?? 'ntm-lease';
  }

  /** The lease, or null when another process (or another holder in this one) has it. */
  async tryAcquire(name: string): Promise<Lease | null> {
    if (this.closed || this.held.has(name) || this.pending.has(name)) return null;
    this.pending.add(name);
    try {
      const { client, pid } = await this.connect();
      const key = key32(name);
      const { rows } = await this.serial(() =>
        client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int, $2::int) AS ok', [
          this.namespace,
          key,
        ]),
      );
      if (!rows[0].ok) return null;
      if (this.closed) {
        await this.serial(() =>
          client.query('SELECT pg_advisory_unlock($1::int, $2::int)', [this.namespace, key]),
        );
        return null;
      }
      const controller = new AbortController();
      this.held.set(name, controller);
      return {
        name,
        fence: { pid, classId: this.namespace >>> 0, objId: key >>> 0 },
        lost: controller.signal,
        release: async () => {
          if (this.held.get(name) !== controller) return;
          this.held.delete(name);
          if (controller.signal.aborted) return;
          await this.serial(() =>
            client.query('SELECT pg_advisory_unlock($1::int, $2::int)', [this.namespace, key]),
          ).catch(() => undefined);
        },
      };
    } catch (e) {
      this.lose(e);
      throw e;
    } finally {
      this.pending.delete(name);
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Names this process holds now. */
  names(): string[] {
    return [...this.held.keys()];
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.lose(null);
    if (session) await session.then(({ client }) => client.end()).catch(() => undefined);
  }

  private connect(): Promise<{ client: Client; pid: number }> {
    if (!this.session) {
      this.session = (async () => {
        const client = new Client(clientConfig(this.db, this.applicationName));
        client.on('error', (e) => this.lose(e));
        client.on('end', () => this.lose(new Error('lease session ended')));
        await client.connect();
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        this.startHeartbeat(client);
        return { client, pid: rows[0].pid };
      })();
      this.session.catch(() => undefined);
    }
    return this.session;
  }

  private startHeartbeat(client: Client): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      this.serial(() => client.query('SELECT 1')).catch((e) => this.lose(e));
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** The session is gone or going: every lease is lost, and the next try opens a new session. */
  private lose(error: unknown): void {
    const session = this.session;
    if (!session) return;
    this.session = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (error && this.held.size > 0) {
      this.logger.warn(
        `lease session lost (${error instanceof Error ? error.message : JSON.stringify(error)}): giving up ${this.names().join(', ')}`,
      );
    }
    for (const controller of this.held.values()) controller.abort();
    this.held.clear();
    void session.then(({ client }) => client.end()).catch(() => undefined);
  }
}
