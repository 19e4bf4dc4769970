import { createHash } from 'node:crypto';
import { ruleBroken } from '@ntm/decider';
import {
  connectListening,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type PostgresEventStore,
} from '@ntm/event-store';
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { DataSource } from 'typeorm';

/** What a retried command gets back: the first answer, verbatim. */
export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Where a command appends while its idempotency record is open. */
export interface CommandTransaction {
  /**
   * True when the events commit in the same database transaction as the record (PostgreSQL event store):
   * a retry finds both or neither. False on EventStoreDB: the append is its own, and a retry after a crash
   * must recognise the events it finds (they carry the command's id) instead of deciding again.
   */
  readonly atomic: boolean;
  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
}

// Advisory locks of two int4 keys never meet the one-bigint locks used elsewhere (migrations, leases):
// this class id ('NTMI') keeps idempotency keys in a space of their own.
const LOCK_CLASS = 0x4e544d49;

const keyReused = () =>
  ruleBroken(
    'IDEMPOTENCY_KEY_REUSED',
    'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới',
  );

const appendsWithin = (store: EventStore): store is PostgresEventStore =>
  typeof (store as Partial<PostgresEventStore>).appendWithin === 'function';

/**
 * Idempotency keys, scoped per actor. A keyed command runs inside one PostgreSQL transaction that first takes
 * a transaction-scoped advisory lock on the key: an identical request arriving meanwhile waits on that lock,
 * then reads the first one's answer. The answer is written in the same transaction as the events, so a retry
 * finds the first answer or finds nothing written. No claim outlives its transaction: when the process dies
 * or the connection drops, PostgreSQL rolls the transaction back and frees the lock at once.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: DataSource,
    private readonly table: string,
    private readonly store: EventStore,
  ) {}

  static fingerprint(payload: unknown): string {
    return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
  }

  /** Whether commands on this store append inside the record's transaction. */
  get atomic(): boolean {
    return appendsWithin(this.store);
  }

  /**
   * The first answer stored under the key, if any (a different request under it is refused as in `once`). For
   * handlers that check things before the command runs: a retry must get its first answer, not a check made
   * against the state its own first attempt changed.
   */
  async answered<T>(scope: string, fingerprint: string): Promise<T | undefined> {
    const rows: { fingerprint: string; answer: StoredAnswer }[] = await this.db.query(
      `SELECT fingerprint, answer FROM ${this.table} WHERE scope = $1`,
      [scope],
    );
    if (rows.length === 0) return undefined;
    if (rows[0].fingerprint !== fingerprint) throw keyReused();
    return rows[0].answer.body as T;
  }

  /**
   * The first answer of an earlier identical request, or `run`'s answer, stored with its events.
   * A different request under the same key is refused (422 IDEMPOTENCY_KEY_REUSED).
   */
  async once<T>(scope: string, fingerprint: string, run: (tx: CommandTransaction) => Promise<T>): Promise<T> {
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    // A connection dropped mid-transaction errors the query in flight; the event itself must not crash us.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    const client: PoolClient = await connectListening(pool, onError);
    try {
      // One round trip: begin, wait for the key's lock, then look (a statement after the lock sees what the
      // holder committed). Values are escaped literals: a multi-statement query takes no parameters.
      const key = client.escapeLiteral(scope);
      const opened = (await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${key}));
         SELECT fingerprint, answer FROM ${this.table} WHERE scope = ${key}`,
      )) as unknown as QueryResult<{ fingerprint: string; answer: StoredAnswer }>[];
      const { rows } = opened[2];
      if (rows.length > 0) {
        await client.query('ROLLBACK');
        if (rows[0].fingerprint !== fingerprint) throw keyReused();
        return rows[0].answer.body as T;
      }
      const store = this.store;
      const tx: CommandTransaction = appendsWithin(store)
        ? { atomic: true, append: (s, e, o) => store.appendWithin(client, s, e, o) }
        : { atomic: false, append: (s, e, o) => store.append(s, e, o) };
      const answer = await run(tx);
      const stored: StoredAnswer = { status: 200, body: answer };
      await client.query(
        `INSERT INTO ${this.table} (scope, fingerprint, answer)
           VALUES (${key}, ${client.escapeLiteral(fingerprint)}, ${client.escapeLiteral(JSON.stringify(stored))});
         COMMIT`,
      );
      return answer;
    } catch (error) {
      if (!broken) await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.off('error', onError);
      // A broken connection leaves the pool; PostgreSQL has rolled its transaction back.
      client.release(broken ?? (client as unknown as { _queryable?: boolean })._queryable === false);
    }
  }
}
