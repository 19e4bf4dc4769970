import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import {
  bind,
  checkpointName,
  dossierBoard,
  ProjectionCatalog,
  ProjectionHost,
  ProjectionRunner,
  ProjectionRunners,
  PROJECTORS,
  readCheckpoints,
  type Build,
  type Projector,
  caughtUp,
} from '@ntm/read-models';
import { rebuildReadModels } from '../../apps/cli/src/rebuild';
import { appendHistory, type DossierPlan, type Outcome } from '../../libs/read-models/src/testing/history';
import { eventually } from '../support/eventually';
import {
  allEvents,
  appendCommuneSettings,
  applyDirect,
  freshBuild,
  openTestDb,
  snapshot,
  type TestDb,
} from './support';

const ALL = Array.from({ length: 19 }, (_, i) => i + 1);
const OUTCOMES: Outcome[] = [
  'preparing',
  'submitted',
  'verified',
  'refused',
  'recognised',
  'announced',
  'withdrawn',
  'revoked',
];
const plans: DossierPlan[] = Array.from({ length: 24 }, (_, i) => ({
  dossierId: randomUUID(),
  commune: {
    provinceCode: '06',
    districtCode: i % 2 ? '058' : '059',
    communeCode: String(1900 + i).padStart(5, '0'),
    name: `xã Số ${i}`,
  },
  level: 'ntm',
  year: 2024,
  holdings: [],
  start: `2024-01-${String(1 + i).padStart(2, '0')}T02:00:00.000Z`,
  met: i % 3 ? ALL : ALL.slice(0, 12 + (i % 7)),
  outcome: OUTCOMES[i % OUTCOMES.length],
  returned: i % 5 === 0,
}));
/** The first build of a projector's current version: what the catalog installs. */
const initial = (p: Projector): Build => ({ version: p.version, build: 1 });
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('projections on the runner', () => {
  let t: TestDb;
  let reference: Map<string, Record<string, string[]>>;

  beforeAll(async () => {
    t = await openTestDb('rm_runner');
    await appendHistory(t.store, plans);
    await appendCommuneSettings(t.store);
    // The reference rows: every event applied once, directly, into builds no runner touches.
    const events = await allEvents(t.store);
    reference = new Map();
    for (const p of PROJECTORS) {
      const b: Build = { version: 1, build: 99 };
      await freshBuild(t, p, b);
      await applyDirect(t, p, b, events, 1000);
      reference.set(p.name, await snapshot(t, p, b));
    }
  });
  afterAll(() => t.close());

  // A runner subscribes to its projector's streams only: caught up once no event of those streams follows.
  const waitCaughtUp = (p: Projector, build: Build) =>
    eventually(() => caughtUp(t.db, t.store, p, build), `${p.name} caught up`);

  it('a worker killed in the middle of a batch resumes without losing or double counting an event', async () => {
    const catalog = new ProjectionCatalog(t.db);
    await catalog.install();
    const p = dossierBoard;
    const bound = bind(p, initial(p), t.schema);
    let calls = 0;
    let kill: ((e: Error) => void) | undefined;
    let pid: number | undefined;
    // The 4th batch writes its rows, then its process "dies": the server ends the connection mid-transaction.
    const dying = {
      ...bound,
      apply: async (events: RecordedEvent[], m: EntityManager) => {
        await bound.apply(events, m);
        if (++calls === 4) {
          [{ pid }] = await m.query('SELECT pg_backend_pid() AS pid');
          await new Promise((_, reject) => (kill = reject));
        }
      },
    };
    const first = new ProjectionRunner(dying, t.db, t.store, { batchSize: 7, logger: quiet, backoffMs: 10 });
    await first.start();
    await eventually(async () => pid !== undefined, 'the fourth batch');
    await t.db.query('SELECT pg_terminate_backend($1)', [pid]);
    const stopped = first.stop();
    kill!(new Error('killed'));
    await stopped;
    const name = checkpointName(p, initial(p));
    const atCrash = (await readCheckpoints(t.db.manager, [name])).get(name)!;
    const head = await t.store.headPosition();
    expect(atCrash > '').toBe(true);
    expect(atCrash < head).toBe(true);

    const second = new ProjectionRunner(bound, t.db, t.store, { batchSize: 7, logger: quiet });
    await second.start();
    await waitCaughtUp(p, initial(p));
    await second.stop();
    expect(await snapshot(t, p, initial(p))).toEqual(reference.get(p.name));
  });

  it('the host keeps every live build up to date; a runner stopped between batches resumes where it was', async () => {
    const runners = new ProjectionRunners(t.db, t.store, { batchSize: 11, logger: quiet });
    const host = new ProjectionHost(t.db, t.store, runners.run, { pollMs: 50 });
    await host.start();
    for (const p of PROJECTORS) await waitCaughtUp(p, initial(p));
    await host.stop();
    for (const p of PROJECTORS)
      expect([p.name, await snapshot(t, p, initial(p))]).toEqual([p.name, reference.get(p.name)]);

    // More history while nothing runs; a second host picks up from the checkpoints.
    await appendHistory(
      t.store,
      plans.slice(0, 3).map((plan) => ({ ...plan, dossierId: randomUUID() })),
    );
    const again = new ProjectionHost(
      t.db,
      t.store,
      new ProjectionRunners(t.db, t.store, { logger: quiet }).run,
      { pollMs: 50 },
    );
    await again.start();
    for (const p of PROJECTORS) await waitCaughtUp(p, initial(p));
    await again.stop();
    const events = await allEvents(t.store);
    for (const p of PROJECTORS) {
      const b: Build = { version: 1, build: 98 };
      await freshBuild(t, p, b);
      await applyDirect(t, p, b, events, 1000);
      reference.set(p.name, await snapshot(t, p, b));
      expect([p.name, await snapshot(t, p, initial(p))]).toEqual([p.name, reference.get(p.name)]);
    }
  });

  it('a rebuild fills fresh tables with byte-for-byte the rows of the live build, then switches', async () => {
    const results = await rebuildReadModels({ db: t.db, store: t.store, runner: { logger: quiet } });
    expect(results.map((r) => r.name).sort()).toEqual(PROJECTORS.map((p) => p.name).sort());
    const catalog = new ProjectionCatalog(t.db);
    for (const p of PROJECTORS) {
      const v = await catalog.versionsOf(p.name);
      expect(v.live).toEqual({ version: p.version, build: 2 });
      expect(v.retired).toEqual(initial(p));
      const rebuilt = await snapshot(t, p, v.live);
      expect([p.name, rebuilt]).toEqual([p.name, await snapshot(t, p, initial(p))]);
      // The generated history is dossiers, groups and pilot selections only: the units and plans projections stay empty here.
      if (Object.values(reference.get(p.name)!).flat().length > 0)
        expect(Object.values(rebuilt).flat().length).toBeGreaterThan(0);
    }
  });

  it('raising a projector’s version builds the new tables while the old ones still answer, then switches', async () => {
    const board2: Projector = { ...dossierBoard, version: dossierBoard.version + 1 };
    const projectors = PROJECTORS.map((p) => (p.name === board2.name ? board2 : p));
    const catalog = new ProjectionCatalog(t.db, projectors);
    const before = await catalog.versionsOf(board2.name);
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runners = new ProjectionRunners(t.db, t.store, { logger: quiet });
    // Hold the new build's first batch so the moment between start and switch can be looked at.
    const run: typeof runners.run = (projection) =>
      runners.run(
        projection.name.endsWith(`@v${board2.version}`)
          ? { ...projection, apply: async (events, m) => (await gate, projection.apply(events, m)) }
          : projection,
      );
    const host = new ProjectionHost(t.db, t.store, run, { projectors, pollMs: 50 });
    await host.start();
    const during = await catalog.versionsOf(board2.name);
    expect(during.live).toEqual(before.live);
    expect(during.building).toEqual(initial(board2));
    release!();
    await eventually(
      async () => (await catalog.versionsOf(board2.name)).live.version === board2.version,
      'the switch to version 2',
    );
    await host.stop();
    expect(await snapshot(t, board2, initial(board2))).toEqual(await snapshot(t, dossierBoard, before.live));
  });
});
