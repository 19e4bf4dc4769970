import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ruleBroken, type Actor, type Command, type Decider, type DomainEvent } from '@ntm/decider';
import { createPostgresEventStore, type EventStore, type PostgresEventStore } from '@ntm/event-store';
import { eventually } from '../../../test/support/eventually';
import { testDatabaseUrl } from '../../../test/support/test-database';
import {
  CommandGateway,
  configFromEnv,
  CreateIdempotencyKeys1732320000000,
  GuardMovedError,
  IdempotencyStore,
  KEYED_IN_FLIGHT,
  openDatabase,
  type AppConfig,
  type CommandOutcome,
  type StreamGuard,
} from '../src';

type Sign = Command<'Sign', { readonly by: string }>;
type Signed = DomainEvent<'Signed', { readonly by: string }>;
interface Sheet {
  readonly signed: boolean;
}
/** A sheet signed once: deciding the same command again after it was applied is refused. */
const sheet: Decider<Sign, Signed, Sheet> = {
  initialState: () => ({ signed: false }),
  evolve: (_, e) => (e.type === 'Signed' ? { signed: true } : { signed: false }),
  decide: (c, s) => {
    if (s.signed) throw ruleBroken('ALREADY_SIGNED', 'Biên bản đã được ký');
    return [{ type: 'Signed', data: { by: c.data.by } }];
  },
};
const actor = { id: 'thu-ky-1', role: 'commune_officer', jurisdiction: {} } as Actor;
const HOLD = 4343;
const stamp = { actor: actor.id, role: actor.role, correlationId: 'c-1', causationId: 'c-1' };

/** The same store without transactions of its own: the EventStoreDB shape of the port. */
const withoutTransactions = (s: PostgresEventStore): EventStore => ({
  append: (...a) => s.append(...a),
  readStream: (...a) => s.readStream(...a),
  streamVersion: (...a) => s.streamVersion(...a),
  readAll: (...a) => s.readAll(...a),
  headPosition: () => s.headPosition(),
  committedPosition: () => s.committedPosition(),
  subscribe: (o) => s.subscribe(o),
  close: () => s.close(),
});

describe('CommandGateway idempotency on the real PostgreSQL', () => {
  const schema = 't_gateway_int';
  let config: AppConfig;
  let admin: Client;
  let store: PostgresEventStore;
  let db: DataSource;

  beforeAll(async () => {
    config = {
      ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
      databaseUrl: testDatabaseUrl(),
      schema,
    };
    admin = new Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
    // The schema as the previous release left it: claims with a status, one pending since a crash.
    const old = new DataSource({
      type: 'postgres',
      url: config.databaseUrl,
      schema,
      migrations: [CreateIdempotencyKeys1732320000000],
      migrationsTableName: 'typeorm_migrations',
    });
    await old.initialize();
    await old.runMigrations();
    await old.query(
      `INSERT INTO ${schema}.idempotency_keys (scope, fingerprint, status, answer) VALUES
         ('thu-ky-1:cu-da-xong', $1, 'done', $2), ('thu-ky-1:cu-dang-do', $1, 'pending', NULL)`,
      [
        IdempotencyStore.fingerprint({ sheet: 'sheet-cu' }),
        JSON.stringify({ status: 200, body: { old: true } }),
      ],
    );
    await old.destroy();
    store = await createPostgresEventStore({ connectionString: config.databaseUrl, schema });
    db = await openDatabase(config);
    await admin.query(`
      CREATE FUNCTION ${schema}.test_hold_answers() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${HOLD}); RETURN NEW; END $$;
      CREATE TRIGGER test_hold_answers BEFORE INSERT ON ${schema}.idempotency_keys
        FOR EACH ROW EXECUTE FUNCTION ${schema}.test_hold_answers();`);
  });
  afterAll(async () => {
    await admin.end();
    await db?.destroy();
    await store?.close();
  });

  const gatewayOn = (s: EventStore) =>
    new CommandGateway(s, new IdempotencyStore(db, `${schema}.idempotency_keys`, s));
  const sign = (
    gateway: CommandGateway,
    streamId: string,
    key: string | undefined,
    ...guards: StreamGuard[]
  ) =>
    gateway.execute(
      {
        streamId,
        decider: sheet,
        mustExist: false,
        noun: 'biên bản',
        command: (metadata): Sign => ({ type: 'Sign', data: { by: actor.id }, metadata }),
        guards,
      },
      { actor, now: new Date(), idempotencyKey: key },
      { sheet: streamId },
    );
  /** Runs `sign` until it reaches its answer, then kills its connection there (the process "dies"). */
  const dieBeforeAnswer = async (attempt: () => Promise<CommandOutcome>) => {
    const pid = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await admin.query('SELECT pg_advisory_lock($1)', [HOLD]);
    try {
      const running = attempt();
      // Sessions, not signals: a terminated backend stays listed (still blocked) until it has exited, which on a
      // loaded machine outlasts the next look.
      const killed = new Set<number>();
      let settled = false;
      running.then(
        () => (settled = true),
        () => (settled = true),
      );
      while (!settled) {
        const { rows } = await admin.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))',
          [pid],
        );
        for (const r of rows) {
          await admin.query('SELECT pg_terminate_backend($1)', [r.pid]);
          killed.add(r.pid);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      await expect(running).rejects.toThrow();
      expect(killed.size).toBe(1);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [HOLD]);
    }
  };

  it('answers with the summary of the state the command left, and a missing stream with its request’s 404 code', async () => {
    const gateway = gatewayOn(store);
    const request = {
      streamId: 'sheet-summary',
      decider: sheet,
      noun: 'biên bản',
      notFound: 'SHEET_NOT_FOUND',
      summarize: (s: Sheet) => (s.signed ? 'đã ký' : 'chưa ký'),
      command: (metadata: Sign['metadata']): Sign => ({ type: 'Sign', data: { by: actor.id }, metadata }),
    };
    const context = { actor, now: new Date() };
    await expect(gateway.execute({ ...request, mustExist: true }, context, {})).rejects.toMatchObject({
      kind: 'not-found',
      code: 'SHEET_NOT_FOUND',
      message: 'Không tìm thấy biên bản summary',
    });
    const signed = await gateway.execute({ ...request, mustExist: false }, context, {});
    expect(signed).toMatchObject({ version: 1, events: [{ type: 'Signed', version: 1 }], summary: 'đã ký' });
  });

  it('upgrades a schema of the previous release: answers kept, claims of crashed requests gone', async () => {
    const { rows } = await admin.query(`SELECT scope, answer FROM ${schema}.idempotency_keys ORDER BY scope`);
    expect(rows).toEqual([{ scope: 'thu-ky-1:cu-da-xong', answer: { status: 200, body: { old: true } } }]);
    const columns = await admin.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'idempotency_keys'`,
      [schema],
    );
    expect(columns.rows.map((r) => r.column_name)).not.toContain('status');
    // A retry of the finished request still gets its answer; the pending one runs (and acts) once.
    await expect(sign(gatewayOn(store), 'sheet-cu', 'cu-da-xong')).resolves.toEqual({ old: true });
    await admin.query(`ALTER TABLE ${schema}.idempotency_keys DISABLE TRIGGER test_hold_answers`);
    try {
      const ran = await sign(gatewayOn(store), 'sheet-cu', 'cu-dang-do');
      expect(ran.events).toEqual([{ type: 'Signed', version: 1 }]);
    } finally {
      await admin.query(`ALTER TABLE ${schema}.idempotency_keys ENABLE TRIGGER test_hold_answers`);
    }
  });

  it('PostgreSQL: a death before the answer is stored takes the append with it; the retry acts once', async () => {
    const streamId = 'sheet-pg';
    await dieBeforeAnswer(() => sign(gatewayOn(store), streamId, 'ky-pg'));
    expect(await store.streamVersion(streamId)).toBeNull();
    await admin.query(`ALTER TABLE ${schema}.idempotency_keys DISABLE TRIGGER test_hold_answers`);
    try {
      const retry = await sign(gatewayOn(store), streamId, 'ky-pg');
      expect(retry.events).toEqual([{ type: 'Signed', version: 1 }]);
      await expect(sign(gatewayOn(store), streamId, 'ky-pg')).resolves.toEqual(retry);
    } finally {
      await admin.query(`ALTER TABLE ${schema}.idempotency_keys ENABLE TRIGGER test_hold_answers`);
    }
    expect(await store.streamVersion(streamId)).toBe(1);
  });

  it('a store without transactions (EventStoreDB): the retry rebuilds the first answer from the stored events', async () => {
    const streamId = 'sheet-esdb';
    const esdb = withoutTransactions(store);
    await dieBeforeAnswer(() => sign(gatewayOn(esdb), streamId, 'ky-esdb'));
    // The append is its own there: it stayed, without an answer.
    const [stored] = await store.readStream(streamId);
    expect(stored.type).toBe('Signed');
    await admin.query(`ALTER TABLE ${schema}.idempotency_keys DISABLE TRIGGER test_hold_answers`);
    try {
      // Deciding again would be refused (ALREADY_SIGNED): the retry answers what the first attempt did.
      const retry = await sign(gatewayOn(esdb), streamId, 'ky-esdb');
      expect(retry).toEqual({
        streamId,
        version: 1,
        position: stored.position,
        events: [{ type: 'Signed', version: 1 }],
      });
      await expect(sign(gatewayOn(esdb), streamId, 'ky-esdb')).resolves.toEqual(retry);
    } finally {
      await admin.query(`ALTER TABLE ${schema}.idempotency_keys ENABLE TRIGGER test_hold_answers`);
    }
    expect(await store.streamVersion(streamId)).toBe(1);
  });

  /** Holds every keyed command at its answer's insert until `release`, and waits until `count` are held there. */
  const holdAnswers = async () => {
    await admin.query('SELECT pg_advisory_lock($1)', [HOLD]);
    return {
      held: async (count: number) => {
        const blocked = async () =>
          (
            await admin.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))`,
            )
          ).rows[0].n;
        while ((await blocked()) < count) await new Promise((r) => setTimeout(r, 5));
      },
      release: () => admin.query('SELECT pg_advisory_unlock($1)', [HOLD]),
    };
  };
  const transactionsOf = async (streams: readonly string[]) =>
    (
      await admin.query<{ n: number; events: number }>(
        `SELECT count(DISTINCT transaction_id)::int AS n, count(*)::int AS events
           FROM ${schema}.es_events WHERE stream_id = ANY ($1)`,
        [streams],
      )
    ).rows[0];

  it('keyed commands that wait while others are at the database commit together, each answered as if alone', async () => {
    const gateway = gatewayOn(store);
    const hold = await holdAnswers();
    const blockers = Array.from({ length: KEYED_IN_FLIGHT }, (_, i) => `sheet-group-blocker-${i}`);
    const streams = Array.from({ length: 36 }, (_, i) => `sheet-group-${i}`);
    let running: Promise<CommandOutcome[]>;
    try {
      // Given commands held at the database (as many as may be there at once) ...
      const first = Promise.all(blockers.map((s) => sign(gateway, s, `ky-${s}`)));
      await hold.held(KEYED_IN_FLIGHT);
      // ... when 36 more arrive, they wait for a place.
      running = Promise.all(streams.map((s) => sign(gateway, s, `ky-${s}`)));
      running.catch(() => undefined);
      await hold.release();
      await first;
    } finally {
      await hold.release().catch(() => undefined);
    }
    const outcomes = await running!;
    // Then each is answered with its own stream's first event ...
    expect(outcomes.map((o) => [o.streamId, o.events])).toEqual(
      streams.map((s) => [s, [{ type: 'Signed', version: 1 }]]),
    );
    // ... written once, in far fewer transactions than commands (at most 32 a batch) ...
    const written = await transactionsOf(streams);
    expect(written.events).toBe(36);
    expect(written.n).toBeLessThanOrEqual(2);
    // ... and a retry of one of them gets its first answer.
    await expect(sign(gateway, streams[7], `ky-${streams[7]}`)).resolves.toEqual(outcomes[7]);
  });

  it('a keyed command stuck at the database does not hold up the process: the next ones still commit', async () => {
    const gateway = gatewayOn(store);
    // The key's own lock (class 'NTMI', the idempotency store's), as a retry meets it while its first attempt is
    // at the database.
    const stuckKey = `${actor.id}:ky-stuck`;
    await admin.query('SELECT pg_advisory_lock($1, hashtext($2))', [0x4e544d49, stuckKey]);
    let stuck: Promise<CommandOutcome> | undefined;
    try {
      stuck = sign(gateway, 'sheet-stuck', 'ky-stuck');
      stuck.catch(() => undefined);
      await eventually(
        async () =>
          (
            await admin.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))`,
            )
          ).rows[0].n > 0,
        'the first command to wait on its key',
      );
      // Commands of other keys, sent while it waits, are answered before it is let go.
      const others = Promise.all(
        ['a', 'b', 'c'].map((k) => sign(gateway, `sheet-free-${k}`, `ky-free-${k}`)),
      );
      const answered = await Promise.race([
        others.then(() => 'answered'),
        new Promise((resolve) => setTimeout(() => resolve('held up'), 10_000).unref()),
      ]);
      expect(answered).toBe('answered');
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1, hashtext($2))', [0x4e544d49, stuckKey]);
    }
    // Let go, it commits too.
    await expect(stuck).resolves.toMatchObject({ streamId: 'sheet-stuck', version: 1 });
  });

  it('a batch whose commands clash (one stream twice, one key twice) falls back to each alone: one write each', async () => {
    const gateway = gatewayOn(store);
    const hold = await holdAnswers();
    let clashing: Promise<PromiseSettledResult<CommandOutcome>[]>;
    try {
      const blockers = Array.from({ length: KEYED_IN_FLIGHT }, (_, i) =>
        sign(gateway, `sheet-clash-blocker-${i}`, `ky-clash-blocker-${i}`),
      );
      await hold.held(KEYED_IN_FLIGHT);
      // Two officers sign one sheet (the second must be refused), and one request is sent twice.
      clashing = Promise.allSettled([
        sign(gateway, 'sheet-clash', 'ky-clash-a'),
        sign(gateway, 'sheet-clash', 'ky-clash-b'),
        sign(gateway, 'sheet-twice', 'ky-twice'),
        sign(gateway, 'sheet-twice', 'ky-twice'),
      ]);
      await hold.release();
      await Promise.all(blockers);
    } finally {
      await hold.release().catch(() => undefined);
    }
    const [a, b, once, again] = await clashing!;
    const signed = [a, b].filter((r) => r.status === 'fulfilled');
    const refused = [a, b].filter((r) => r.status === 'rejected');
    expect(signed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'ALREADY_SIGNED' });
    expect(once).toEqual(again);
    expect(once).toMatchObject({ status: 'fulfilled', value: { events: [{ type: 'Signed', version: 1 }] } });
    expect(await store.streamVersion('sheet-clash')).toBe(1);
    expect(await store.streamVersion('sheet-twice')).toBe(1);
  });

  it('a guard stream that moved since the decision: nothing written, and a retry still gets its first answer', async () => {
    const gateway = gatewayOn(store);
    const guarded = (streamId: string, key: string | undefined, version: number | null) =>
      sign(gateway, streamId, key, { streamId: 'calendar-guard', version });
    // Given: the guard stream has no events; a command decided as if it had one.
    await expect(guarded('sheet-guard', 'ky-guard', 1)).rejects.toBeInstanceOf(GuardMovedError);
    expect(await store.streamVersion('sheet-guard')).toBeNull();
    // Decided on the stream as it is: written.
    const first = await guarded('sheet-guard', 'ky-guard', null);
    expect(first.events).toEqual([{ type: 'Signed', version: 1 }]);
    // The guard stream moves: a new command decided on its old version writes nothing ...
    await store.append(
      'calendar-guard',
      [{ eventId: randomUUID(), type: 'Moved', data: {}, metadata: stamp }],
      {
        expectedVersion: 'no-stream',
      },
    );
    await expect(guarded('sheet-guard-2', 'ky-guard-2', null)).rejects.toBeInstanceOf(GuardMovedError);
    expect(await store.streamVersion('sheet-guard-2')).toBeNull();
    // ... while the retry of the first still gets its first answer.
    await expect(guarded('sheet-guard', 'ky-guard', null)).resolves.toEqual(first);
    // Without a key the guard is read before the command: the same refusal, the same write once current.
    await expect(guarded('sheet-guard-3', undefined, null)).rejects.toBeInstanceOf(GuardMovedError);
    expect(await store.streamVersion('sheet-guard-3')).toBeNull();
    await expect(guarded('sheet-guard-3', undefined, 1)).resolves.toMatchObject({ version: 1 });
  });

  it('a trusting load remembers a stream it found absent, until a read finds it written', async () => {
    const gateway = gatewayOn(store);
    const ledger = `ledger-absent-${randomUUID()}`;
    await expect(gateway.load(ledger, sheet, true)).resolves.toEqual({
      state: { signed: false },
      version: null,
    });
    // Another process writes the stream: a trusting load still answers what it found (a guard would catch it) ...
    await store.append(
      ledger,
      [{ eventId: randomUUID(), type: 'Signed', data: { by: 'x' }, metadata: stamp }],
      {
        expectedVersion: 'no-stream',
      },
    );
    await expect(gateway.load(ledger, sheet, true)).resolves.toEqual({
      state: { signed: false },
      version: null,
    });
    // ... and a read learns it.
    await expect(gateway.load(ledger, sheet)).resolves.toEqual({ state: { signed: true }, version: 1 });
    await expect(gateway.load(ledger, sheet, true)).resolves.toEqual({ state: { signed: true }, version: 1 });
  });

  it('several guard streams: one that moved is enough to write nothing, keyed (in the statement) or not', async () => {
    const gateway = gatewayOn(store);
    const [calendar, ledger] = [`calendar-guard-${randomUUID()}`, `ledger-guard-${randomUUID()}`];
    for (const streamId of [calendar, ledger])
      await store.append(streamId, [{ eventId: randomUUID(), type: 'Begun', data: {}, metadata: stamp }], {
        expectedVersion: 'no-stream',
      });
    // Given: the calendar at version 1 and the ledger at version 1, as the decision read them ...
    const asRead = [
      { streamId: calendar, version: 1 },
      { streamId: ledger, version: 1 },
    ];
    // ... when the ledger moves before the append, nothing is written, with a key or without.
    await store.append(ledger, [{ eventId: randomUUID(), type: 'Paid', data: {}, metadata: stamp }], {
      expectedVersion: 1,
    });
    for (const key of ['ky-guards', undefined]) {
      const refused = sign(gateway, `sheet-guards-${key}`, key, ...asRead);
      await expect(refused).rejects.toBeInstanceOf(GuardMovedError);
      await expect(refused).rejects.toMatchObject({ guards: asRead });
      expect(await store.streamVersion(`sheet-guards-${key}`)).toBeNull();
    }
    // Decided again on both as they are: written.
    const current = [asRead[0], { streamId: ledger, version: 2 }];
    await expect(sign(gateway, 'sheet-guards-ky-guards', 'ky-guards', ...current)).resolves.toMatchObject({
      version: 1,
    });
  });
});
