import { Pool, type ClientBase, type QueryConfig } from 'pg';
import { StreamConflictError, StreamNotFoundError } from '../errors';
import { decodePair, encodePair } from '../position-codec';
import {
  START,
  type AllSlice,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
  type Upcaster,
} from '../port';
import { LiveSubscriptions, SubscriptionProgress } from '../subscription-progress';
import { ForeignTransactions } from './foreign-transactions';
import { AppendSignal } from './append-signal';
import { UpcasterChain } from '../upcasting';
import { prepareAppend, readAllOptions, readStreamOptions, type PreparedAppend } from '../validation';
import { callAppend, fastAppend } from './append-sql';
import { onPooledConnection } from './connect';
import { ensureDatabase, migrate, quoteIdent } from './migrations';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ntm';

export interface PostgresEventStoreOptions {
  /** Default: `DATABASE_URL`, else postgres://postgres@127.0.0.1:5432/ntm. The database is created if missing. */
  readonly connectionString?: string;
  /** Schema holding the es_* tables; default `public`. */
  readonly schema?: string;
  readonly upcasters?: readonly Upcaster[];
  /** Pool size; default 10. */
  readonly poolSize?: number;
  /**
   * How often an idle subscription looks anyway while the append signal is live; default 500 ms. Appends wake
   * it at once, so tests set this high to show that.
   */
  readonly quietPollMs?: number;
}

export interface PostgresEventStore extends EventStore {
  readonly schema: string;
  /**
   * Appends through `client`, inside whatever transaction the caller has open: the events commit or
   * roll back with the caller's own writes. Same checks and outcomes as `append`.
   */
  appendWithin(
    client: ClientBase,
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * The seven arguments of `es_append` for this append, checked as `append` checks them: for a caller's own
   * statement that appends together with its own writes in one round trip.
   */
  appendArguments(streamId: string, events: readonly EventToAppend[], options: AppendOptions): unknown[];
  /** What an `es_append` result row means: the append's result, or StreamConflictError. */
  appendResult(streamId: string, options: AppendOptions, row: AppendRow): AppendResult;
  /**
   * Wakes subscriptions in every process: `append` does it itself; callers of `appendWithin` or of the caller's
   * own statement do it once their transaction has committed events. Without it subscriptions still see the
   * events, on their next quiet poll.
   */
  signalAppended(): void;
}

const DEFAULT_BATCH_SIZE = 1000;
/** A subscription's poll while caught up and the append signal is down (a database restart). */
const DEFAULT_IDLE_MS = 25;
/**
 * While the append signal is live, a caught-up subscription sleeps until signalled, looking anyway every
 * `quietPollMs`. After a signal or a batch it looks again after this, then twice as long after each empty read: a
 * signalled event is not readable until every older transaction that could have written events has ended (see horizon), usually
 * within milliseconds.
 */
const SIGNALLED_FIRST_WAIT_MS = 10;
/** The doublings that take any first wait past the quiet poll: where a subscription starts. */
const ASLEEP = 30;
const DEFAULT_QUIET_POLL_MS = 500;
const MAX_BIGINT = '9223372036854775807';
const UNIQUE_VIOLATION = '23505';

interface EventRow {
  tx: string;
  pos: string;
  stream_id: string;
  stream_position: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_ms: number;
}

/** A row of `es_append`. */
export interface AppendRow {
  r_outcome: 'written' | 'duplicate' | 'conflict';
  r_version: string | null;
  r_transaction_id: string | null;
  r_position: string | null;
}

const EVENT_COLUMNS = `e.transaction_id::text AS tx, e.global_position::text AS pos, e.stream_id, e.stream_position,
  e.event_id, e.event_type, e.schema_version, e.data, e.metadata,
  (extract(epoch FROM e.recorded_at) * 1000)::float8 AS recorded_ms`;

/**
 * The visible horizon: events are read only below the oldest running transaction that could have written some, so
 * a late commit is never passed. `foreign` is a parameter holding the running transactions known not to write
 * events, another database's or a session's without events (see ForeignTransactions); `held_by` tells the reader which transaction, if any, held the horizon.
 */
const horizon = (foreign: string) => `horizon AS MATERIALIZED (
  SELECT h.held_by, coalesce(h.held_by, pg_snapshot_xmax(snap)) AS below
    FROM pg_current_snapshot() snap,
         LATERAL (SELECT min(x.id) AS held_by FROM pg_snapshot_xip(snap) x(id)
                   WHERE x.id <> ALL (${foreign}::xid8[])) h)`;
const VISIBLE = `e.transaction_id < (SELECT below FROM horizon)`;

const expectedCode = (expected: ExpectedVersion): number =>
  expected === 'any' ? -1 : expected === 'stream-exists' ? -2 : expected === 'no-stream' ? 0 : expected;

/** The parameters of `es_append` and of the many-event fast path. */
const appendValues = ({ streamId, expectedVersion, events }: PreparedAppend): unknown[] => [
  streamId,
  expectedCode(expectedVersion),
  events.map((e) => e.eventId),
  events.map((e) => e.type),
  events.map((e) => e.schemaVersion),
  events.map((e) => e.dataJson),
  events.map((e) => e.metadataJson),
];

const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Builds the SQL of the store once per schema. Statement names make pg prepare each statement once
 * per connection, which matters for the short append and read calls.
 */
const statements = (schema: string) => {
  const s = quoteIdent(schema);
  const readPage = (where: string, order: string) => `
    SELECT v.stream_version, page.*
      FROM (SELECT max(m.stream_position)::text AS stream_version FROM ${s}.es_events m WHERE m.stream_id = $1) v
      LEFT JOIN (SELECT ${EVENT_COLUMNS} FROM ${s}.es_events e WHERE e.stream_id = $1 AND ${where} LIMIT $3) page
        ON true
     ORDER BY ${order}`;
  const name = (what: string) => `es_${what}_${schema}`;
  const fastAppends = {
    existing: { one: fastAppend(s, 'existing', 'one'), many: fastAppend(s, 'existing', 'many') },
    new: { one: fastAppend(s, 'new', 'one'), many: fastAppend(s, 'new', 'many') },
  };
  return {
    append: (values: unknown[]): QueryConfig => ({ name: name('append'), text: callAppend(s), values }),
    fastAppend: (stream: 'existing' | 'new', shape: 'one' | 'many', values: unknown[]): QueryConfig => ({
      name: name(`append_${stream}_${shape}`),
      text: fastAppends[stream][shape],
      values,
    }),
    // The page, and the stream's version on every row (on a row of its own when the page is empty): an empty
    // read tells "no stream" from "nothing new" without a second round trip.
    readForwards: (values: unknown[]): QueryConfig => ({
      name: name('read_fwd'),
      text: readPage(`e.stream_position >= $2 ORDER BY e.stream_position`, 'page.stream_position'),
      values,
    }),
    readBackwards: (values: unknown[]): QueryConfig => ({
      name: name('read_bwd'),
      text: readPage(`e.stream_position <= $2 ORDER BY e.stream_position DESC`, 'page.stream_position DESC'),
      values,
    }),
    streamVersion: (values: unknown[]): QueryConfig => ({
      name: name('version'),
      text: `SELECT max(e.stream_position)::text AS version FROM ${s}.es_events e WHERE e.stream_id = $1`,
      values,
    }),
    // One statement, one snapshot: the page and the visible head agree, so a filtered read can move
    // its position past skipped events without stepping over one that became visible meanwhile.
    readAll: (values: unknown[]): QueryConfig => ({
      name: name('read_all'),
      text: `
        WITH ${horizon('$5')}, page AS (
          SELECT ${EVENT_COLUMNS} FROM ${s}.es_events e
           WHERE ${VISIBLE} AND (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
             AND ($4::text[] IS NULL OR e.stream_id LIKE ANY ($4::text[]))
           ORDER BY e.transaction_id, e.global_position LIMIT $3
        ), head AS (
          SELECT e.transaction_id::text AS head_tx, e.global_position::text AS head_pos FROM ${s}.es_events e
           WHERE ${VISIBLE} ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1
        )
        SELECT horizon.held_by::text, head.head_tx, head.head_pos, page.*
          FROM horizon LEFT JOIN head ON true LEFT JOIN page ON true ORDER BY page.tx::xid8, page.pos::bigint`,
      values,
    }),
    head: (values: unknown[]): QueryConfig => ({
      name: name('head'),
      text: `WITH ${horizon('$1')}
             SELECT horizon.held_by::text, last.tx, last.pos FROM horizon LEFT JOIN (
               SELECT e.transaction_id::text AS tx, e.global_position::text AS pos FROM ${s}.es_events e
                WHERE ${VISIBLE} ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1) last ON true`,
      values,
    }),
    // Every committed row, past the horizon: the newest acknowledged write, seen or not.
    committed: (): QueryConfig => ({
      name: name('committed'),
      text: `SELECT e.transaction_id::text AS tx, e.global_position::text AS pos FROM ${s}.es_events e
              ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
    }),
  };
};

class PgEventStore implements PostgresEventStore {
  private readonly sql: ReturnType<typeof statements>;
  private readonly upcasting: UpcasterChain;
  private readonly foreign: ForeignTransactions;
  private readonly subscriptions = new LiveSubscriptions();

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
    upcasters: readonly Upcaster[],
    private readonly appended: AppendSignal,
    private readonly quietPollMs: number,
  ) {
    this.sql = statements(schema);
    this.foreign = new ForeignTransactions(pool);
    this.upcasting = new UpcasterChain(upcasters);
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, options);
    const fast = this.fastAppend(prepared);
    // One connection for the fast try and the function behind it: a lost race is an everyday answer here.
    const result = await onPooledConnection(this.pool, (client) =>
      this.appendThrough(client, fast, prepared),
    );
    if (result.written) this.appended.send();
    return result;
  }

  signalAppended(): void {
    this.appended.send();
  }

  /** The plain INSERT for an exact expected version or a new stream; null for the other forms. */
  private fastAppend(prepared: PreparedAppend): QueryConfig | null {
    const expected = expectedCode(prepared.expectedVersion);
    if (expected < 0) return null;
    const stream = expected > 0 ? 'existing' : 'new';
    const [event] = prepared.events;
    return prepared.events.length === 1
      ? this.sql.fastAppend(stream, 'one', [
          prepared.streamId,
          expected,
          event.eventId,
          event.type,
          event.schemaVersion,
          event.dataJson,
          event.metadataJson,
        ])
      : this.sql.fastAppend(stream, 'many', appendValues(prepared));
  }

  async appendWithin(
    client: ClientBase,
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    // The caller's connection may keep plans made on empty tables: only the function is safe there.
    return this.appendThrough(client, null, prepareAppend(streamId, events, options));
  }

  /** `fast` first when given; the function when there is none, or when it wrote nothing. */
  private async appendThrough(
    db: ClientBase,
    fast: QueryConfig | null,
    append: PreparedAppend,
  ): Promise<AppendResult> {
    const { streamId, expectedVersion } = append;
    let row: AppendRow | undefined;
    if (fast) {
      try {
        row = (await db.query<AppendRow>(fast)).rows[0];
      } catch (error) {
        // Lost a race for a position, or met a stored id: the function tells which.
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      }
    }
    try {
      // No row from the fast path: event `expected` is not there, the function tells why.
      row ??= (await db.query<AppendRow>(this.sql.append(appendValues(append)))).rows[0];
    } catch (error) {
      // Only from a caller's transaction above READ COMMITTED, which cannot look again: a race lost.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new StreamConflictError(streamId, expectedVersion, await this.versionOrNull(streamId));
      }
      throw error;
    }
    return this.appendResult(streamId, { expectedVersion }, row);
  }

  appendArguments(streamId: string, events: readonly EventToAppend[], options: AppendOptions): unknown[] {
    return appendValues(prepareAppend(streamId, events, options));
  }

  appendResult(streamId: string, { expectedVersion }: AppendOptions, row: AppendRow): AppendResult {
    if (row.r_outcome === 'conflict') {
      throw new StreamConflictError(
        streamId,
        expectedVersion,
        row.r_version === null ? null : Number(row.r_version),
      );
    }
    return {
      nextExpectedVersion: Number(row.r_version),
      position: encodePair(row.r_transaction_id ?? '0', row.r_position ?? '0'),
      written: row.r_outcome === 'written',
    };
  }

  private async versionOrNull(streamId: string): Promise<number | null> {
    return this.streamVersion(streamId).catch(() => null);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { direction, fromVersion, maxCount } = readStreamOptions(options);
    const query =
      direction === 'forwards'
        ? this.sql.readForwards([streamId, fromVersion ?? 1, maxCount ?? null])
        : this.sql.readBackwards([streamId, fromVersion ?? MAX_BIGINT, maxCount ?? null]);
    const { rows } = await this.pool.query<EventRow & { stream_version: string | null }>(query);
    if (rows.length === 0 || rows[0].stream_version === null) throw new StreamNotFoundError(streamId);
    return rows.filter((row) => row.event_id !== null).map((row) => this.toRecorded(row));
  }

  async streamVersion(streamId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ version: string | null }>(this.sql.streamVersion([streamId]));
    return rows[0].version === null ? null : Number(rows[0].version);
  }

  async readAll(options?: ReadAllOptions): Promise<AllSlice> {
    const { after, maxCount, streamPrefixes } = readAllOptions(options, DEFAULT_BATCH_SIZE);
    const [afterTx, afterPos] = decodePair(after);
    const { rows } = await this.pool.query<
      EventRow & { held_by: string | null; head_tx: string | null; head_pos: string }
    >(
      this.sql.readAll([
        afterTx.toString(),
        afterPos.toString(),
        maxCount,
        streamPrefixes ? streamPrefixes.map(likePrefix) : null,
        this.foreign.ids,
      ]),
    );
    this.foreign.observe(rows[0].held_by);
    const page = rows.filter((row) => row.tx !== null);
    const events = page.map((row) => this.toRecorded(row));
    if (events.length === maxCount) {
      return { events, position: events[events.length - 1].position, isEnd: false };
    }
    const head = rows[0].head_tx === null ? START : encodePair(rows[0].head_tx, rows[0].head_pos);
    return { events, position: head > after ? head : after, isEnd: true };
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ held_by: string | null; tx: string | null; pos: string }>(
      this.sql.head([this.foreign.ids]),
    );
    this.foreign.observe(rows[0].held_by);
    return rows[0].tx === null ? START : encodePair(rows[0].tx, rows[0].pos);
  }

  async committedPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ tx: string; pos: string }>(this.sql.committed());
    return rows.length === 0 ? START : encodePair(rows[0].tx, rows[0].pos);
  }

  subscribe(options: SubscriptionOptions): Subscription {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    const progress = new SubscriptionProgress(options.after ?? START);
    const stopping = new AbortController();

    const read = (after: Position) =>
      this.readAll({ after, maxCount: batchSize, streamPrefixes: options.streamPrefixes });
    this.appended.start();
    // While catching up, the next page is read while the handler works on this one.
    let prefetch: Promise<AllSlice> | null = null;
    let emptyReads = ASLEEP;
    const poll = async () => {
      while (!stopping.signal.aborted) {
        const seen = this.appended.count;
        const slice = await (prefetch ?? read(progress.position));
        prefetch = null;
        if (stopping.signal.aborted) return;
        if (!slice.isEnd) {
          prefetch = read(slice.position);
          prefetch.catch(() => undefined); // awaited on the next turn, or dropped by stop()
        }
        if (slice.events.length > 0) {
          emptyReads = 0;
          await options.handle(slice.events, slice.position);
        }
        progress.advance(slice.position);
        if (slice.isEnd) {
          const wait = this.appended.live
            ? Math.min(SIGNALLED_FIRST_WAIT_MS * 2 ** emptyReads, this.quietPollMs)
            : idleMs;
          emptyReads = Math.min(emptyReads + 1, ASLEEP);
          await this.appended.wait(wait, seen, stopping.signal);
          if (this.appended.count !== seen) emptyReads = 0;
        }
      }
    };
    const finished = poll().then(
      () => progress.finish(),
      (error: Error) => progress.finish(error),
    );
    return this.subscriptions.open(progress, async () => {
      stopping.abort();
      await finished;
      // Let a read in flight finish before anyone closes the pool under it.
      await prefetch?.catch(() => undefined);
    });
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.appended.close();
    await this.foreign.settled();
    await this.pool.end();
  }

  private toRecorded(row: EventRow): RecordedEvent {
    return this.upcasting.toRecorded({
      eventId: row.event_id,
      type: row.event_type,
      streamId: row.stream_id,
      streamVersion: Number(row.stream_position),
      position: encodePair(row.tx, row.pos),
      recordedAt: new Date(row.recorded_ms),
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
    });
  }
}

/**
 * Connects, creates the database if it is missing and migrates the schema, then returns the store.
 * The caller owns it: `close()` ends its subscriptions and its pool.
 */
export const createPostgresEventStore = async (
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> => {
  const connectionString = options.connectionString ?? DEFAULT_DATABASE_URL;
  const schema = options.schema ?? 'public';
  await ensureDatabase(connectionString);
  await migrate(connectionString, schema);
  const pool = new Pool({
    connectionString,
    max: options.poolSize ?? 10,
    // The store's statements are prepared once per connection and their plans kept: one made while the
    // tables were empty must not stay a sequential scan as they grow. Every read here has its index.
    options: '-c enable_seqscan=off',
  });
  // An idle connection dropped by the server: the next query takes a fresh one and reports any failure.
  pool.on('error', () => undefined);
  return new PgEventStore(
    pool,
    schema,
    options.upcasters ?? [],
    new AppendSignal(connectionString, schema, pool),
    options.quietPollMs ?? DEFAULT_QUIET_POLL_MS,
  );
};
