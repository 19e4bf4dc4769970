import { Client, type Pool } from 'pg';

/** The channel appends are signalled on, with the schema as payload (one database, many schemas). */
export const APPENDED_CHANNEL = 'ntm_events_appended';

/**
 * The signal's own transaction, committed without waiting for the WAL flush: a lost signal costs one quiet poll,
 * and NOTIFY holds a cluster-wide lock until its transaction's commit is done. That is why appends do not
 * notify in their own transactions (a trigger would serialise every append's commit, flush included).
 */
const SEND = `SELECT set_config('synchronous_commit', 'off', true), pg_notify('${APPENDED_CHANNEL}', $1)`;

/** The LISTEN session's application_name (PostgreSQL keeps 63 bytes of it). */
export const listenerName = (schema: string): string => `ntm-append-signal:${schema}`.slice(0, 63);

/**
 * The least time between two signals of one process: the first append after a quiet spell is signalled at once,
 * the ones that follow within the pause by one signal at its end. Each signal is a round trip; under load one in
 * 20 ms tells of dozens of appends.
 */
const SIGNAL_PAUSE_MS = 20;

/** How soon a lost LISTEN session is opened again. */
const RECONNECT_MS = 1000;

/**
 * Tells subscriptions in every process that events were committed to the schema, so that an idle subscription
 * can sleep instead of asking the database a hundred times a second. `send` after each commit of events
 * (coalesced: at most one signal a pause, SIGNAL_PAUSE_MS, and one more after it for appends made meanwhile). One LISTEN
 * session per store, opened with the first subscription; while it is down, `live` is false and subscriptions
 * poll as if there were no signal.
 */
export class AppendSignal {
  private client: Client | null = null;
  private listening = false;
  private closed = false;
  private reconnect: NodeJS.Timeout | null = null;
  private signals = 0;
  private sending = false;
  private sendAgain = false;
  private pause: NodeJS.Timeout | null = null;
  private lastSent = -Infinity;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly connectionString: string,
    private readonly schema: string,
    private readonly pool: Pool,
  ) {}

  /** True while the LISTEN session is up: only then is a long wait safe. */
  get live(): boolean {
    return this.listening;
  }

  /** A count that moves with every append signalled: read it before a read, give it to `wait` after. */
  get count(): number {
    return this.signals;
  }

  /** After events were committed: wakes this process's subscriptions at once and signals the others. */
  send(): void {
    this.signalled();
    // A signal in flight or waiting tells of this append too, or one more follows it.
    if (this.sending || this.pause) {
      this.sendAgain = true;
      return;
    }
    this.schedule();
  }

  /** The next signal: at once, or when the pause since the last one ends. */
  private schedule(): void {
    const wait = this.lastSent + SIGNAL_PAUSE_MS - performance.now();
    if (wait <= 0) return this.signal();
    this.pause = setTimeout(() => {
      this.pause = null;
      this.signal();
    }, wait);
    this.pause.unref();
  }

  private signal(): void {
    if (this.closed) return;
    this.sending = true;
    this.sendAgain = false;
    this.lastSent = performance.now();
    const done = () => {
      this.sending = false;
      if (!this.sendAgain) return;
      this.sendAgain = false;
      this.schedule();
    };
    // A failed signal is not the append's failure: subscriptions still poll.
    void this.pool.query(SEND, [this.schema]).then(done, done);
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
      // Sleeping subscriptions go back to polling.
      this.wakeAll();
      if (!this.closed) this.reconnect = setTimeout(() => this.start(), RECONNECT_MS);
    };
    // Listening for errors before connecting: a server restart must not end the process.
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.payload === this.schema) this.signalled();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${APPENDED_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        this.listening = true;
        // One more look for what was appended while nobody listened, then sleep.
        this.wakeAll();
      })
      .catch(lost);
  }

  /**
   * Resolves after `ms`, or as soon as an append is signalled (or was, since `seen` was read from `count`), the
   * session opens or is lost, or `abort` fires.
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
    if (this.pause) clearTimeout(this.pause);
    const client = this.client;
    this.client = null;
    this.listening = false;
    this.wakeAll();
    await client?.end().catch(() => undefined);
  }

  private signalled(): void {
    this.signals++;
    this.wakeAll();
  }

  private wakeAll(): void {
    [...this.wakers].forEach((wake) => wake());
  }
}
