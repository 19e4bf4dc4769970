import { Client } from 'pg';

/** The channel the `es_events` trigger notifies, with the schema as payload (one database, many schemas). */
export const APPENDED_CHANNEL = 'ntm_events_appended';

/** The LISTEN session's application_name (PostgreSQL keeps 63 bytes of it). */
export const listenerName = (schema: string): string => `ntm-append-signal:${schema}`.slice(0, 63);

/** How soon a lost LISTEN session is opened again. */
const RECONNECT_MS = 1000;

/**
 * Tells this process's subscriptions that some process appended to the schema, so that an idle subscription
 * can sleep long instead of asking the database a hundred times a second. One LISTEN session per store, opened
 * with the first subscription; while it is down, `live` is false and subscriptions poll as if there were none.
 */
export class AppendSignal {
  private client: Client | null = null;
  private listening = false;
  private closed = false;
  private reconnect: NodeJS.Timeout | null = null;
  private signals = 0;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly connectionString: string,
    private readonly schema: string,
  ) {}

  /** True while the LISTEN session is up: only then is a quiet wait safe. */
  get live(): boolean {
    return this.listening;
  }

  /** A count that moves with every signal: read it before a read, give it to `wait` after. */
  get count(): number {
    return this.signals;
  }

  /** Opens the LISTEN session unless it is open or opening. */
  start(): void {
    if (this.client || this.closed) return;
    const client = new Client({
      connectionString: this.connectionString,
      // Names the session in pg_stat_activity, for operators (and tests) looking for it.
      application_name: listenerName(this.schema),
    });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      this.wakeAll();
      if (!this.closed) this.reconnect = setTimeout(() => this.start(), RECONNECT_MS);
    };
    // Listening for errors before connecting: a server restart must not end the process.
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.payload === this.schema) this.wakeAll();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${APPENDED_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        this.listening = true;
        // Whatever was appended while no session listened is read now.
        this.wakeAll();
      })
      .catch(lost);
  }

  /**
   * Resolves after `ms`, or as soon as an append is signalled (or was, since `seen` was read from `count`), the
   * session is lost, or `abort` fires.
   */
  wait(ms: number, seen: number, abort: AbortSignal): Promise<void> {
    if (this.signals !== seen || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
      abort.addEventListener('abort', done, { once: true });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.client;
    this.client = null;
    this.listening = false;
    this.wakeAll();
    await client?.end().catch(() => undefined);
  }

  private wakeAll(): void {
    this.signals++;
    [...this.wakers].forEach((wake) => wake());
  }
}
