import { createHash, hash } from 'node:crypto';
import { ruleBroken } from '@ntm/decider';
import {
  connectListening,
  insertEvents,
  onPooledConnection,
  type AppendOptions,
  type AppendResult,
  type AppendRow,
  type EventStore,
  type EventToAppend,
  type PostgresEventStore,
} from '@ntm/event-store';
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { DataSource } from 'typeorm';
import { GroupCommit } from './group-commit';
import { quoteLiteral, typedLiteral } from './sql-literals';

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

const UNIQUE_VIOLATION = '23505';

/**
 * Keyed appends of a process at the database at once before the next ones wait to go together (GroupCommit).
 * Two, though one measured 2-7% less API CPU a command (bigger batches): with one, a single slow statement (a
 * retry waiting on its key's lock for the first attempt, a lock wait, an I/O stall) would hold up every keyed
 * command of the process; with two, the others still commit meanwhile.
 */
export const KEYED_IN_FLIGHT = 2;
/** How many keyed appends go together at most. */
const KEYED_BATCH_LIMIT = 32;

/** The keyed append's parameter types, for its calls written with literals. */
const KEYED_TYPES = [
  'text',
  'text',
  'jsonb',
  'text',
  'bigint',
  'uuid[]',
  'text[]',
  'int[]',
  'jsonb[]',
  'jsonb[]',
  'text[]',
  'bigint[]',
  'boolean',
] as const;

/**
 * One statement for a keyed command whose decision is made: take the key's lock, answer with the stored answer if
 * there is one, else append and, when written, store `p_answer` with the append's position filled in. Autocommit
 * makes the statement its transaction: the events and the answer commit together, and a lost race (conflict)
 * leaves nothing. A null stream stores the answer of a command that appended nothing. Guards (`p_guard_streams`, each
 * at its `p_guard_versions`, null for no stream) are other streams the decision was made on: when one has moved,
 * nothing is written and the outcome is 'guard-moved'.
 *
 * `p_fast` appends an exact expected version with one plain INSERT, as the event store's own fast path does: no
 * nested function and no subtransaction, which were two thirds of the statement's time. A lost race then fails
 * the whole statement on a unique key (nothing written) and the caller asks again without `p_fast`: the event
 * store's `es_append` sorts out duplicate, conflict and retry.
 * The function sits beside the idempotency table and the event store's tables, in the application's schema.
 */
export const keyedAppendFunction = (schema: string) => `
CREATE OR REPLACE FUNCTION ${schema}.ntm_keyed_append(
  p_scope text,
  p_fingerprint text,
  p_answer jsonb,
  p_stream_id text,
  p_expected bigint,
  p_ids uuid[],
  p_types text[],
  p_schema_versions int[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_guard_streams text[],
  p_guard_versions bigint[],
  p_fast boolean
) RETURNS TABLE (r_outcome text, r_version bigint, r_transaction_id xid8, r_position bigint,
                 r_fingerprint text, r_answer jsonb)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
AS $fn$
DECLARE
  v_fingerprint text;
  v_answer jsonb;
  v_outcome text;
  v_version bigint;
  v_tx xid8;
  v_position bigint;
BEGIN
  -- The statement after the lock reads a fresh snapshot: it sees what an earlier holder committed.
  PERFORM pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(p_scope));
  SELECT k.fingerprint, k.answer INTO v_fingerprint, v_answer FROM ${schema}.idempotency_keys k WHERE k.scope = p_scope;
  IF FOUND THEN
    RETURN QUERY SELECT 'answered'::text, NULL::bigint, NULL::xid8, NULL::bigint, v_fingerprint, v_answer;
    RETURN;
  END IF;
  -- After the stored answer: a retry gets its first answer whatever has moved since.
  IF EXISTS (SELECT 1 FROM unnest(p_guard_streams, p_guard_versions) AS g(stream_id, version)
              WHERE g.version IS DISTINCT FROM
                    (SELECT max(e.stream_position) FROM ${schema}.es_events e WHERE e.stream_id = g.stream_id)) THEN
    RETURN QUERY SELECT 'guard-moved'::text, NULL::bigint, NULL::xid8, NULL::bigint, NULL::text, NULL::jsonb;
    RETURN;
  END IF;
  IF p_stream_id IS NULL THEN
    INSERT INTO ${schema}.idempotency_keys (scope, fingerprint, answer)
      VALUES (p_scope, p_fingerprint, jsonb_build_object('status', 200, 'body', p_answer));
    RETURN QUERY SELECT 'stored'::text, NULL::bigint, NULL::xid8, NULL::bigint, NULL::text, NULL::jsonb;
    RETURN;
  END IF;
  IF p_fast AND p_expected >= 0 THEN
    -- After version p_expected only when its event is there, so no gap is ever left; a new stream at 1..
    WITH inserted AS (${insertEvents(
      schema,
      'p_stream_id',
      'p_expected',
      'p_ids, p_types, p_schema_versions, p_data, p_metadata',
      `WHERE p_expected = 0 OR EXISTS (SELECT 1 FROM ${schema}.es_events p
                                        WHERE p.stream_id = p_stream_id AND p.stream_position = p_expected)`,
    )})
    SELECT max(global_position) INTO v_position FROM inserted;
    IF v_position IS NOT NULL THEN
      v_outcome := 'written';
      v_version := p_expected + cardinality(p_ids);
      v_tx := pg_current_xact_id();
    END IF;
  END IF;
  IF v_outcome IS NULL THEN
    SELECT a.r_outcome, a.r_version, a.r_transaction_id, a.r_position INTO v_outcome, v_version, v_tx, v_position
      FROM ${schema}.es_append(p_stream_id, p_expected, p_ids, p_types, p_schema_versions, p_data, p_metadata) a;
  END IF;
  IF v_outcome = 'written' THEN
    -- The position as the event store encodes it (position-codec.ts): two zero-padded 20-digit numbers.
    INSERT INTO ${schema}.idempotency_keys (scope, fingerprint, answer)
      VALUES (p_scope, p_fingerprint, jsonb_build_object('status', 200, 'body', p_answer || jsonb_build_object(
        'position', lpad(v_tx::text, 20, '0') || '-' || lpad(v_position::text, 20, '0'))));
  END IF;
  RETURN QUERY SELECT v_outcome, v_version, v_tx, v_position, NULL::text, NULL::jsonb;
END
$fn$;`;

/**
 * Another stream a decision was made on, at the version it was read (null: no such stream yet), e.g. the
 * holiday years a dossier's deadlines count working days on. The decision's events are written only while the
 * stream is still there.
 */
export interface StreamGuard {
  readonly streamId: string;
  readonly version: number | null;
}

/** A guard's stream moved after the decision was made: nothing was written; decide again on the new states. */
export class GuardMovedError extends Error {
  constructor(readonly guards: readonly StreamGuard[]) {
    super(`one of ${guards.map((g) => `${g.streamId}@${g.version ?? 'none'}`).join(', ')} moved`);
  }
}

/** What a keyed append found: the first answer of an earlier identical request, or its own append's result. */
export type KeyedAppend = { readonly answered: unknown } | { readonly appended: AppendResult };

type KeyedRow = Omit<AppendRow, 'r_outcome'> & {
  r_outcome: AppendRow['r_outcome'] | 'answered' | 'stored' | 'guard-moved';
  r_fingerprint: string | null;
  r_answer: StoredAnswer | null;
};

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
  private readonly keyedFunction: string;
  private readonly keyedSql: string;
  private readonly commits = new GroupCommit<readonly unknown[], KeyedRow>(
    (values) => this.keyedAlone(values),
    (calls) => this.keyedTogether(calls),
    KEYED_IN_FLIGHT,
    KEYED_BATCH_LIMIT,
  );
  private readonly keyedStatement: string;

  constructor(
    private readonly db: DataSource,
    private readonly table: string,
    private readonly store: EventStore,
  ) {
    // The function sits beside the table (`schema.idempotency_keys`).
    this.keyedFunction = table.replace(/idempotency_keys$/, 'ntm_keyed_append');
    this.keyedSql = `SELECT * FROM ${this.keyedFunction}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;
    // PostgreSQL keeps 63 bytes of a statement's name: a schema-qualified table name can be longer, so its hash.
    this.keyedStatement = `ntm_keyed_append_${createHash('sha256').update(table).digest('hex').slice(0, 16)}`;
  }

  static fingerprint(payload: unknown): string {
    // One call (no Hash object): a fingerprint is taken for every keyed request.
    return hash('sha256', JSON.stringify(payload));
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
   * A decided keyed command in one round trip (see `keyedAppendFunction`): the first answer stored under the key,
   * else the append's result, `answer` (the command's answer; its `position` is filled in from the append) being
   * stored with the events when they are written. Conflicts throw StreamConflictError and store nothing; nor does a
   * 'duplicate' (then `storeAnswer`), nor a moved guard (GuardMovedError). Only on a store that appends within
   * transactions (`atomic`).
   */
  async appendOnce(
    scope: string,
    fingerprint: string,
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
    answer: unknown,
    guards: readonly StreamGuard[] = [],
  ): Promise<KeyedAppend> {
    const store = this.store as PostgresEventStore;
    const row = await this.keyed(
      [scope, fingerprint, answer, ...store.appendArguments(streamId, events, options)],
      guards,
    );
    if (row.r_outcome === 'answered') return { answered: this.answerOf(row, fingerprint) };
    const appended = store.appendResult(streamId, options, row as AppendRow);
    if (appended.written) store.signalAppended();
    return { appended };
  }

  /**
   * Stores the answer of a keyed command that appended nothing; the first answer if one is stored already.
   * GuardMovedError (nothing stored) when one of `guards` moved.
   */
  async storeAnswer(
    scope: string,
    fingerprint: string,
    answer: unknown,
    guards: readonly StreamGuard[] = [],
  ): Promise<unknown> {
    const row = await this.keyed(
      [scope, fingerprint, answer, null, null, null, null, null, null, null],
      guards,
    );
    return row.r_outcome === 'answered' ? this.answerOf(row, fingerprint) : answer;
  }

  private answerOf(row: KeyedRow, fingerprint: string): unknown {
    if (row.r_fingerprint !== fingerprint) throw keyReused();
    return row.r_answer!.body;
  }

  private async keyed(values: unknown[], guards: readonly StreamGuard[]): Promise<KeyedRow> {
    const row = await this.commits.run([
      ...values,
      guards.map((g) => g.streamId),
      guards.map((g) => g.version),
    ]);
    if (row.r_outcome === 'guard-moved') throw new GuardMovedError(guards);
    return row;
  }

  private get pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /** One keyed append, a prepared statement that is its own transaction. */
  private keyedAlone(values: readonly unknown[]): Promise<KeyedRow> {
    const query = (fast: boolean) => ({
      name: this.keyedStatement,
      text: this.keyedSql,
      values: [...values, fast],
    });
    // A refusal the server reports leaves the connection usable.
    return onPooledConnection(this.pool, async (client) => {
      try {
        return (await client.query<KeyedRow>(query(true))).rows[0];
      } catch (error) {
        // The fast append lost a race for a position or met a stored id: the event store's function tells which.
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        return (await client.query<KeyedRow>(query(false))).rows[0];
      }
    });
  }

  /**
   * Keyed appends in one transaction: one query of several statements (the simple protocol runs them as one
   * transaction, and takes no parameters: the values go as literals). Any failure rolls all of them back.
   */
  private keyedTogether(calls: readonly (readonly unknown[])[]): Promise<KeyedRow[]> {
    return onPooledConnection(this.pool, async (client) => {
      const call = (values: readonly unknown[]) =>
        `SELECT * FROM ${this.keyedFunction}(${[...values, true]
          .map((v, i) => typedLiteral(v, KEYED_TYPES[i]))
          .join(', ')})`;
      const results = (await client.query(calls.map(call).join(';\n'))) as unknown as QueryResult<KeyedRow>[];
      return results.map((r) => r.rows[0]);
    });
  }

  /**
   * The first answer of an earlier identical request, or `run`'s answer, stored with its events.
   * A different request under the same key is refused (422 IDEMPOTENCY_KEY_REUSED).
   */
  async once<T>(scope: string, fingerprint: string, run: (tx: CommandTransaction) => Promise<T>): Promise<T> {
    const pool = this.pool;
    // A connection dropped mid-transaction errors the query in flight; the event itself must not crash us.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    const client: PoolClient = await connectListening(pool, onError);
    try {
      // One round trip: begin, wait for the key's lock, then look (a statement after the lock sees what the
      // holder committed). Values are escaped literals: a multi-statement query takes no parameters.
      const key = quoteLiteral(scope);
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
      let written = false;
      const tx: CommandTransaction = appendsWithin(store)
        ? {
            atomic: true,
            append: async (s, e, o) => {
              const result = await store.appendWithin(client, s, e, o);
              written ||= result.written;
              return result;
            },
          }
        : { atomic: false, append: (s, e, o) => store.append(s, e, o) };
      const answer = await run(tx);
      const stored: StoredAnswer = { status: 200, body: answer };
      await client.query(
        `INSERT INTO ${this.table} (scope, fingerprint, answer)
           VALUES (${key}, ${quoteLiteral(fingerprint)}, ${quoteLiteral(JSON.stringify(stored))});
         COMMIT`,
      );
      if (written && appendsWithin(store)) store.signalAppended();
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
