import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  comparePositions,
  createPostgresEventStore,
  DEFAULT_DATABASE_URL,
  type EventToAppend,
  type PostgresEventStore,
} from '@ntm/event-store';
import {
  LIVE_RUNNER_OPTIONS,
  caughtUp,
  checkpointName,
  ProjectionCatalog,
  ProjectionHost,
  ProjectionRunners,
  PROJECTORS,
  readCheckpoints,
  READ_MODEL_ENTITIES,
  READ_MODEL_MIGRATIONS,
  type RunnerLogger,
} from '@ntm/read-models';
import { dossierStreamId, type CommuneRef } from '@ntm/recognition';
import { rebuildReadModels } from '../apps/cli/src/rebuild';
import {
  dossierCommands,
  toAppend,
  type DossierPlan,
  type Outcome,
} from '../libs/read-models/src/testing/history';
import { formatNumber, perSecond, printTable, timed } from './support/measure';

/**
 * Read models: how fast every projection is rebuilt over a province's history of at least a million events
 * (dossiers decided by the real decider, and the households' online ballots of their satisfaction surveys), and
 * how long a write takes to show in the read models while commands arrive at a steady rate.
 */

const SCHEMA = 'bench_read_models';
const HISTORY_EVENTS = Number(process.env.BENCH_RM_EVENTS ?? 1_000_000);
const DOSSIERS = Number(process.env.BENCH_RM_DOSSIERS ?? 2_000);
const RATE = Number(process.env.BENCH_RM_RATE ?? 500);
const LOAD_SECONDS = Number(process.env.BENCH_RM_SECONDS ?? 20);
const REBUILD_BATCH = 2_000;
const ALL = Array.from({ length: 19 }, (_, i) => i + 1);
const OUTCOMES: Outcome[] = [
  'announced',
  'announced',
  'recognised',
  'submitted',
  'verified',
  'refused',
  'preparing',
  'withdrawn',
  'revoked',
];
const quiet: RunnerLogger = { log: () => undefined, warn: () => undefined, error: (m) => console.error(m) };

/** 200 communes in 10 districts of one province; dossiers over 2021-2025. */
const communeOf = (i: number): CommuneRef => ({
  provinceCode: '06',
  districtCode: String(58 + (i % 10)).padStart(3, '0'),
  communeCode: String(1000 + (i % 200)).padStart(5, '0'),
  name: `xã Số ${i % 200}`,
});

const planOf = (i: number, start = Date.UTC(2021, 0, 4)): DossierPlan => {
  const year = 2021 + (i % 5);
  return {
    dossierId: randomUUID(),
    commune: communeOf(i),
    level: i % 7 === 3 ? 'nang-cao' : 'ntm',
    year,
    holdings: i % 7 === 3 ? ['ntm'] : [],
    start: new Date(start + ((i * 37) % 300) * 86_400_000 + (year - 2021) * 365 * 86_400_000).toISOString(),
    met: i % 4 === 0 ? ALL.slice(0, 12 + (i % 8)) : ALL,
    outcome: OUTCOMES[i % OUTCOMES.length],
    returned: i % 6 === 0,
  };
};

/** Online ballots of a dossier's survey, in appends of 1,000 (the shape of @ntm/survey's OnlineBallotCast). */
const ballots = (count: number): EventToAppend[][] => {
  const surveyId = randomUUID();
  const events: EventToAppend[] = Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'OnlineBallotCast',
    data: {
      surveyId,
      token: randomBytes(32).toString('hex'),
      village: `Thôn ${1 + (i % 12)}`,
      answers: { overall: i % 10 ? 'satisfied' : 'not-satisfied', c17: i % 7 ? 'satisfied' : 'no-answer' },
    },
    metadata: { actor: 'survey-online', role: 'system', correlationId: surveyId, causationId: surveyId },
  }));
  const chunks: EventToAppend[][] = [];
  for (let i = 0; i < events.length; i += 1000) chunks.push(events.slice(i, i + 1000));
  return chunks;
};

const pool = async <T>(items: readonly T[], workers: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
};

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Appends the history: each dossier's stream, then its survey's ballots. Returns [dossier events, all events]. */
const seedHistory = async (store: PostgresEventStore): Promise<[number, number]> => {
  const dossiers = Array.from({ length: DOSSIERS }, (_, i) => dossierCommands(planOf(i)).flat());
  const dossierEvents = dossiers.reduce((n, d) => n + d.length, 0);
  const perSurvey = Math.ceil(Math.max(0, HISTORY_EVENTS - dossierEvents) / DOSSIERS);
  let total = 0;
  await pool(
    dossiers.map((events, i) => ({ events, i })),
    4,
    async ({ events, i }) => {
      await store.append(
        dossierStreamId((events[0].data as { dossierId: string }).dossierId),
        toAppend(events),
        { expectedVersion: 'no-stream' },
      );
      total += events.length;
      for (const chunk of ballots(perSurvey)) {
        await store.append(`survey-bench-${i}`, chunk, { expectedVersion: 'any' });
        total += chunk.length;
      }
    },
  );
  return [dossierEvents, total];
};

export const readModelsBench = async (): Promise<void> => {
  const connectionString = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const first = await createPostgresEventStore({ connectionString, schema: SCHEMA, poolSize: 1 });
  await first.close();
  const admin = new Pool({ connectionString, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  const store = await createPostgresEventStore({ connectionString, schema: SCHEMA, poolSize: 8 });
  const db = new DataSource({
    type: 'postgres',
    url: connectionString,
    schema: SCHEMA,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    extra: { max: 12 },
  });
  await db.initialize();
  await db.runMigrations();
  const catalog = new ProjectionCatalog(db);
  await catalog.install();
  const rows: string[][] = [];
  try {
    let counts: [number, number] = [0, 0];
    const seedSeconds = await timed(async () => (counts = await seedHistory(store)));
    const [dossierEvents, total] = counts;
    await admin.query(`VACUUM ANALYZE ${SCHEMA}.es_events`);
    console.log(
      `history: ${formatNumber(total)} events (${formatNumber(dossierEvents)} in ${formatNumber(DOSSIERS)} dossiers, the rest survey ballots), appended in ${seedSeconds.toFixed(1)} s`,
    );
    const rate = (seconds: number) => [
      formatNumber(perSecond(total, seconds)),
      formatNumber(perSecond(dossierEvents, seconds)),
    ];

    // Every projection from the start of the history at once: the first start of a worker on an old store.
    const runners = new ProjectionRunners(db, store, { batchSize: REBUILD_BATCH, logger: quiet });
    const host = new ProjectionHost(db, store, runners.run, { pollMs: 50 });
    const initial = await timed(async () => {
      await host.start();
      const builds = PROJECTORS.map((p) => ({ p, build: { version: p.version, build: 1 } }));
      while (
        !(await Promise.all(builds.map(({ p, build }) => caughtUp(db, store, p, build)))).every(Boolean)
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await host.stop();
    rows.push([
      `all ${PROJECTORS.length} read models at once, from the start`,
      initial.toFixed(1),
      ...rate(initial),
    ]);

    // Blue/green rebuild of each read model while its live build (caught up) keeps answering.
    for (const p of PROJECTORS) {
      const [result] = await rebuildReadModels({
        db,
        store,
        names: [p.name],
        runner: { batchSize: REBUILD_BATCH, logger: quiet },
        pollMs: 20,
      });
      rows.push([`rebuild ${p.name} (blue/green)`, result.seconds.toFixed(1), ...rate(result.seconds)]);
    }
    printTable(
      `Read-model rebuild over ${formatNumber(total)} events (batches of ${REBUILD_BATCH}; goal ≥ 30,000 events/s)`,
      ['rebuild', 'seconds', 'history events/s', 'dossier events/s'],
      rows,
    );

    await lagUnderLoad(db, store);
  } finally {
    await store.close();
    await db.destroy();
    await admin.end();
  }
};

/** Commands at a steady rate (each the events one dossier command decides, appended); time until every read model shows it. */
const lagUnderLoad = async (db: DataSource, store: PostgresEventStore): Promise<void> => {
  const catalog = new ProjectionCatalog(db);
  const runners = new ProjectionRunners(db, store, { ...LIVE_RUNNER_OPTIONS, logger: quiet });
  const host = new ProjectionHost(db, store, runners.run, { pollMs: 200 });
  await host.start();
  const live = await catalog.versions();
  const names = PROJECTORS.map((p) => checkpointName(p, live.find((v) => v.projection === p.name)!.live));
  const planned = RATE * LOAD_SECONDS;
  let made = 0;
  const fresh = () => {
    const commands = dossierCommands(planOf(100_000 + made++, Date.UTC(2026, 0, 5))).filter(
      (c) => c.length > 0,
    );
    const dossierId = (commands[0][0].data as { dossierId: string }).dossierId;
    return { streamId: dossierStreamId(dossierId), version: 0, busy: false, commands };
  };
  // Decided beforehand, so the decider's time is not in the command rate; 100 dossiers are worked at a time.
  const spare = Array.from({ length: Math.ceil(planned / 8) }, fresh);
  const active = Array.from({ length: 100 }, () => spare.pop() ?? fresh());
  /** An append not yet visible everywhere: `shown[k]` once read model k has it. */
  const pending: { position: string; at: number; shown: boolean[] }[] = [];
  const lags: number[] = [];
  const perModel: number[][] = names.map(() => []);
  let issued = 0;
  let done = false;

  const watcher = (async () => {
    while (!done || pending.length > 0) {
      const positions = [...(await readCheckpoints(db.manager, names)).values()];
      const visible = positions.reduce((a, b) => (comparePositions(a, b) < 0 ? a : b));
      const now = performance.now();
      for (let i = pending.length - 1; i >= 0; i--) {
        const { position, at, shown } = pending[i];
        positions.forEach((p, k) => {
          if (!shown[k] && comparePositions(position, p) <= 0) {
            shown[k] = true;
            perModel[k].push(now - at);
          }
        });
        if (comparePositions(position, visible) <= 0) {
          lags.push(now - at);
          pending.splice(i, 1);
        }
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  })();

  const started = performance.now();
  const inflight: Promise<void>[] = [];
  let cursor = 0;
  let seconds = 0;
  try {
    while (issued < planned) {
      const due = Math.min(planned, Math.floor(((performance.now() - started) / 1000) * RATE));
      for (let tries = 0; issued < due && tries < active.length; tries++) {
        const slot = cursor;
        cursor = (cursor + 1) % active.length;
        const d = active[slot];
        if (d.busy) continue;
        tries = 0;
        d.busy = true;
        issued++;
        const events = d.commands.shift()!;
        inflight.push(
          store
            .append(d.streamId, toAppend(events), {
              expectedVersion: d.version === 0 ? 'no-stream' : d.version,
            })
            .then((r) => {
              d.version = r.nextExpectedVersion;
              d.busy = false;
              pending.push({ position: r.position, at: performance.now(), shown: names.map(() => false) });
              if (d.commands.length === 0) active[slot] = spare.pop() ?? fresh();
            }),
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inflight);
    seconds = (performance.now() - started) / 1000;
  } finally {
    done = true;
    await watcher;
    await host.stop();
  }
  const row = (label: string, samples: readonly number[]) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return [label, ...[0.5, 0.9, 0.99, 1].map((q) => quantile(sorted, q).toFixed(0))];
  };
  printTable(
    `Projection lag while commands run (${formatNumber(issued)} commands in ${seconds.toFixed(1)} s = ${formatNumber(perSecond(issued, seconds))}/s; goal p99 ≤ 250 ms at 500/s)`,
    ['append → visible', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    [
      row(`in all ${names.length} read models`, lags),
      ...names.map((name, k) => row(`in ${name}`, perModel[k])),
    ],
  );
};
