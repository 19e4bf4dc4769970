import type { INestApplication } from '@nestjs/common';
import { Client, type Pool } from 'pg';
import { EVENT_STORE } from '@ntm/application';
import { DataSource } from 'typeorm';
import {
  createPostgresEventStore,
  qualifiedTable,
  type EventStore,
  type PostgresEventStore,
  type RecordedEvent,
} from '@ntm/event-store';
import {
  communeStreamId,
  constructionDebtDecider,
  constructionDebtStreamId,
  type ConstructionDebtCommand,
} from '@ntm/recognition';
import {
  createTables,
  physicalName,
  tablesOf,
  PROJECTORS,
  READ_MODEL_ENTITIES,
  READ_MODEL_MIGRATIONS,
  type Build,
  type Projector,
} from '@ntm/read-models';
import { randomUUID } from 'node:crypto';
import type { DossierPlan } from '../../libs/read-models/src/testing/history';
import { eventually } from '../support/eventually';
import { testDatabaseUrl } from '../support/test-database';

export interface TestDb {
  readonly schema: string;
  readonly db: DataSource;
  readonly store: PostgresEventStore;
  close(): Promise<void>;
}

/** A fresh schema with the event store, the read-model tables' migrations, and a TypeORM DataSource on it. */
export const openTestDb = async (name: string): Promise<TestDb> => {
  const schema = `t_${name}`;
  const admin = new Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
  const store = await createPostgresEventStore({ connectionString: testDatabaseUrl(), schema });
  const db = new DataSource({
    type: 'postgres',
    url: testDatabaseUrl(),
    schema,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    extra: { max: 6 },
  });
  await db.initialize();
  await db.runMigrations();
  return {
    schema,
    db,
    store,
    close: async () => {
      await store.close();
      await db.destroy();
    },
  };
};

/** Every event of the store, in order. */
const readToEnd = async (store: PostgresEventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let after = '';
  for (;;) {
    const slice = await store.readAll({ after, maxCount: 1000 });
    events.push(...slice.events);
    after = slice.position;
    if (slice.isEnd) return events;
  }
};

/** How many events the store holds committed, read from its table, whatever holds the all-stream's horizon. */
const storedCount = async (store: PostgresEventStore): Promise<number> => {
  // Test support only: the store's own connections, to count without the all-stream's view.
  const pool = (store as unknown as { pool: Pool }).pool;
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${qualifiedTable(store.schema, 'es_events')}`,
  );
  return rows[0].n;
};

/**
 * Every event in the store. A read stops short while a transaction elsewhere on the server holds the store's
 * horizon, until the store has seen that it writes no events here (ForeignTransactions): another test's or run's,
 * on a shared server. So read again until the read holds every event committed when it began (two reads that
 * agree are not enough: both can stop at the same held horizon).
 */
export const allEvents = async (store: PostgresEventStore): Promise<RecordedEvent[]> => {
  const stored = await storedCount(store);
  return eventually(
    async () => {
      const all = await readToEnd(store);
      return all.length >= stored ? all : undefined;
    },
    `a read of all ${stored} events stored`,
    60_000,
  );
};

/**
 * For apps started without the worker: fills the live (first) build of every projection from the whole history.
 * Replays change nothing, so it may run after each write.
 */
export const catchUpProjections = async (
  app: INestApplication,
  schema: string | undefined,
  /** A write's position: the history read must reach it (a commit may show in the all-stream a moment later). */
  position?: string | null,
): Promise<void> => {
  const store = app.get<PostgresEventStore>(EVENT_STORE);
  const events = await eventually(async () => {
    const all = await allEvents(store);
    return !position || all.some((e) => e.position >= position) ? all : undefined;
  }, `the history up to ${position}`);
  const db = app.get(DataSource);
  for (const p of PROJECTORS)
    await db.transaction((m) => p.apply(events, m, tablesOf(p, { version: p.version, build: 1 }, schema)));
};

/** Applies events to a build directly, `batchSize` at a time, each batch in its own transaction. */
export const applyDirect = async (
  t: TestDb,
  projector: Projector,
  build: Build,
  events: readonly RecordedEvent[],
  batchSize = 500,
) => {
  const tables = tablesOf(projector, build, t.schema);
  for (let i = 0; i < events.length; i += batchSize) {
    await t.db.transaction((m) => projector.apply(events.slice(i, i + batchSize), m, tables));
  }
};

export const freshBuild = async (t: TestDb, projector: Projector, build: Build) => {
  await t.db.transaction((m) => createTables(m, projector, build));
};

/** Every row of every table of a build, as PostgreSQL's text form, in key order: equal snapshots are equal bytes. */
export const snapshot = async (
  t: TestDb,
  projector: Projector,
  build: Build,
): Promise<Record<string, string[]>> => {
  const out: Record<string, string[]> = {};
  for (const def of projector.tables) {
    const name = qualifiedTable(t.schema, physicalName(def, build));
    const rows: { r: string }[] = await t.db.query(
      `SELECT t::text AS r FROM ${name} t ORDER BY ${def.key.map((k) => `"${String(k)}"`).join(', ')}`,
    );
    out[def.base] = rows.map((x) => x.r);
  }
  return out;
};

export const ALL_CRITERIA = Array.from({ length: 19 }, (_, i) => i + 1);
export const bacKan = { provinceCode: '06', districtCode: '058' };

/** Two dossiers of thành phố Bắc Kạn: xã Nông Thượng recognised in 2024, xã Dương Quang submitted in 2025. */
export const twoBacKanDossiers = (): DossierPlan[] => [
  {
    dossierId: randomUUID(),
    commune: { ...bacKan, communeCode: '01843', name: 'xã Nông Thượng' },
    level: 'ntm',
    year: 2024,
    holdings: [],
    start: '2024-01-10T02:00:00.000Z',
    met: ALL_CRITERIA,
    outcome: 'announced',
    decision: { number: '1180/QĐ-UBND', on: '2024-07-01' },
  },
  {
    dossierId: randomUUID(),
    commune: { ...bacKan, communeCode: '01840', name: 'xã Dương Quang' },
    level: 'ntm',
    year: 2025,
    holdings: [],
    start: '2025-01-10T02:00:00.000Z',
    met: ALL_CRITERIA.slice(0, 16),
    outcome: 'submitted',
  },
];

/**
 * Groups set by the province, one commune's twice, and its pilot selections (one commune selected, another selected
 * then taken off): the read models keep the latest of each.
 */
export const appendCommuneSettings = async (store: EventStore) => {
  const groups = [
    ['01900', 'nhom-2', '2026-02-20'],
    ['01901', 'nhom-3', '2026-02-20'],
    ['01900', 'nhom-1', '2026-03-05'],
  ] as const;
  const pilots = [
    ['01900', true, '2026-03-10'],
    ['01901', true, '2026-03-10'],
    ['01901', false, '2026-06-01'],
  ] as const;
  const province = { provinceCode: '06', setBy: 'province-06' };
  const settings = [
    ...groups.map(([communeCode, group, decidedOn]) => ({
      communeCode,
      type: 'CommuneGroupSet',
      data: { ...province, group, basis: `Quyết định phân nhóm ngày ${decidedOn}`, decidedOn },
    })),
    ...pilots.map(([communeCode, designated, decidedOn]) => ({
      communeCode,
      type: 'CommunePilotSet',
      data: { ...province, level: 'hien-dai', designated, basis: `Quyết định ngày ${decidedOn}`, decidedOn },
    })),
  ];
  for (const { communeCode, type, data } of settings)
    await store.append(
      communeStreamId(communeCode),
      [
        {
          eventId: randomUUID(),
          type,
          data: { ...data, setAt: `${data.decidedOn}T02:00:00.000Z` },
          metadata: {
            actor: 'province-06',
            role: 'province_officer',
            correlationId: randomUUID(),
            causationId: randomUUID(),
          },
        },
      ],
      { expectedVersion: 'any' },
    );
};

/**
 * Two communes' construction-debt ledgers, decided by the ledger's own decider: in 01900 a road part paid and a
 * hall recorded in error then cancelled; in 01901 a canal paid in full.
 */
export const appendDebtLedgers = async (store: EventStore) => {
  const actor = {
    id: 'province-06',
    role: 'province_officer' as const,
    jurisdiction: { provinceCode: '06' },
  };
  const place = (communeCode: string) => ({ provinceCode: '06', communeCode });
  const proof = { basis: 'Biên bản số 1', evidence: ['a'.repeat(64)] };
  const work = (communeCode: string, entryId: string, project: string, amount: number) => ({
    type: 'RecordConstructionDebt' as const,
    data: {
      ...place(communeCode),
      ...proof,
      entryId,
      project,
      contractor: 'Công ty Minh Phát',
      amount,
      incurredOn: '2024-11-05',
    },
  });
  const pay = (communeCode: string, entryId: string, amount: number, paidOn: string) => ({
    type: 'PayConstructionDebt' as const,
    data: { ...place(communeCode), ...proof, entryId, amount, paidOn },
  });
  const ledgers: Record<string, Omit<ConstructionDebtCommand, 'metadata'>[]> = {
    '01900': [
      work('01900', 'duong-na-pai', 'Đường thôn Nà Pài', 500_000_000),
      pay('01900', 'duong-na-pai', 200_000_000, '2025-03-10'),
      work('01900', 'nha-van-hoa', 'Nhà văn hóa thôn Bản Pá', 100_000_000),
      {
        type: 'CancelConstructionDebt',
        data: { ...place('01900'), entryId: 'nha-van-hoa', reason: 'Ghi nhầm' },
      },
    ],
    '01901': [
      work('01901', 'kenh-muong', 'Kênh mương nội đồng', 50_000_000),
      pay('01901', 'kenh-muong', 30_000_000, '2025-02-01'),
      pay('01901', 'kenh-muong', 20_000_000, '2025-04-01'),
    ],
  };
  for (const [communeCode, commands] of Object.entries(ledgers)) {
    let state = constructionDebtDecider.initialState();
    for (const command of commands) {
      const events = constructionDebtDecider.decide(
        { ...command, metadata: { actor, now: '2025-06-01T02:00:00.000Z' } } as ConstructionDebtCommand,
        state,
      );
      state = events.reduce(constructionDebtDecider.evolve, state);
      await store.append(
        constructionDebtStreamId(communeCode),
        events.map((e) => ({
          eventId: randomUUID(),
          type: e.type,
          data: e.data,
          metadata: {
            actor: actor.id,
            role: actor.role,
            correlationId: randomUUID(),
            causationId: randomUUID(),
          },
        })),
        { expectedVersion: 'any' },
      );
    }
  }
};
