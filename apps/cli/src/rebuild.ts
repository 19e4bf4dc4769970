import type { DataSource } from 'typeorm';
import type { EventStore } from '@ntm/event-store';
import {
  buildTag,
  ProjectionCatalog,
  ProjectionHost,
  ProjectionRunners,
  sameBuild,
  type Build,
  type ProjectionRunnerOptions,
} from '@ntm/read-models';

export interface RebuildOptions {
  readonly db: DataSource;
  readonly store: EventStore;
  /** Projection names; default all. */
  readonly names?: readonly string[];
  readonly runner?: ProjectionRunnerOptions;
  readonly log?: (message: string) => void;
  /** How often to look whether the builds have gone live. Default 100 ms. */
  readonly pollMs?: number;
  /** Give up (the builds stay in progress, a worker may finish them) after this long. Default 1 hour. */
  readonly timeoutMs?: number;
}

export interface RebuildResult {
  readonly name: string;
  readonly build: Build;
  readonly seconds: number;
}

/**
 * `cli rebuild [name...]`: rebuilds read models blue/green. Each gets a fresh build (new tables, checkpoint at the
 * start of the history) while the live one keeps answering; each switches live once caught up. When a worker
 * already runs the projections, it does the building and this waits for the switch; otherwise this process does.
 */
export const rebuildReadModels = async (options: RebuildOptions): Promise<RebuildResult[]> => {
  const { db, store, log = () => undefined } = options;
  const catalog = new ProjectionCatalog(db);
  await catalog.install();
  const projectors = (options.names ?? catalog.projectors.map((p) => p.name)).map((n) =>
    catalog.projector(n),
  );
  const started = Date.now();
  const builds = new Map<string, Build>();
  for (const p of projectors) {
    const build = await catalog.startBuild(p.name);
    builds.set(p.name, build);
    log(`${p.name}: building ${buildTag(build)}`);
  }
  const runners = new ProjectionRunners(db, store, options.runner);
  const host = new ProjectionHost(db, store, runners.run, { projectors, pollMs: options.pollMs ?? 100, log });
  await host.start();
  const results: RebuildResult[] = [];
  try {
    while (results.length < projectors.length) {
      for (const p of projectors) {
        if (results.some((r) => r.name === p.name)) continue;
        const build = builds.get(p.name)!;
        if (sameBuild((await catalog.versionsOf(p.name)).live, build)) {
          results.push({ name: p.name, build, seconds: (Date.now() - started) / 1000 });
          log(`${p.name}: ${buildTag(build)} live after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
      }
      if (results.length === projectors.length) break;
      if (Date.now() - started > (options.timeoutMs ?? 3_600_000)) {
        const waiting = projectors.filter((p) => !results.some((r) => r.name === p.name)).map((p) => p.name);
        const parked = runners
          .statuses()
          .filter((s) => s.state === 'parked')
          .map((s) => `${s.name}: ${s.lastError}`);
        throw new Error(
          `Rebuild of ${waiting.join(', ')} not live after ${options.timeoutMs ?? 3_600_000} ms${parked.length ? `; parked ${parked.join('; ')}` : ''}`,
        );
      }
      await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
    }
  } finally {
    await host.stop();
  }
  return results;
};
