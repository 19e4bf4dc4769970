import type { DataSource, EntityManager } from 'typeorm';
import { READ_MODEL_MIGRATIONS } from './migrations';
import { rowsOf } from './queries/sql';
import { PROJECTORS } from './projectors';
import { createTables, dropTables, tablesOf, type Build, type Projector, type Tables } from './projection';
import { qualifiedTable } from '@ntm/event-store';
import { schemaOf } from './table';

export interface VersionsRow {
  readonly projection: string;
  readonly live: Build;
  readonly building: Build | null;
  readonly retired: Build | null;
}

interface RawVersions {
  projection: string;
  live_version: number;
  live_build: number;
  building_version: number | null;
  building_build: number | null;
  retired_version: number | null;
  retired_build: number | null;
}

const pair = (version: number | null, build: number | null): Build | null =>
  version === null || build === null ? null : { version, build };

const toRow = (r: RawVersions): VersionsRow => ({
  projection: r.projection,
  live: { version: r.live_version, build: r.live_build },
  building: pair(r.building_version, r.building_build),
  retired: pair(r.retired_version, r.retired_build),
});

export const sameBuild = (a: Build | null, b: Build | null): boolean =>
  a !== null && b !== null && a.version === b.version && a.build === b.build;

/**
 * Which build of each projection is live (answers queries), which is being built, which was retired.
 * A build's tables are created when it starts; the retired build's tables are dropped when the next starts,
 * so queries that resolved the previous build just before a switch still find their tables.
 */
export class ProjectionCatalog {
  readonly schema: string | undefined;

  constructor(
    private readonly db: DataSource,
    readonly projectors: readonly Projector[] = PROJECTORS,
  ) {
    this.schema = schemaOf(db.manager);
  }

  private get versionsTable(): string {
    return qualifiedTable(this.schema, 'rm_projection_versions');
  }

  projector(name: string): Projector {
    const p = this.projectors.find((x) => x.name === name);
    if (!p)
      throw new Error(
        `Unknown projection "${name}" (known: ${this.projectors.map((x) => x.name).join(', ')})`,
      );
    return p;
  }

  /** Serialises catalog changes across processes (worker, CLI, API start-up). */
  private locked<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ntm-projections:${this.schema ?? ''}`]);
      return work(m);
    });
  }

  /**
   * Creates the fixed tables (READ_MODEL_MIGRATIONS' idempotent `up`, so a DataSource opened without them still
   * works) and the first build of every projection that has none yet. Idempotent.
   */
  async install(): Promise<void> {
    await this.locked(async (m) => {
      for (const Migration of READ_MODEL_MIGRATIONS) await new Migration().up(m.queryRunner!);
      const known = new Set(
        (await rowsOf<RawVersions>(m, `SELECT projection FROM ${this.versionsTable}`)).map(
          (r) => r.projection,
        ),
      );
      for (const p of this.projectors) {
        if (known.has(p.name)) continue;
        const build: Build = { version: p.version, build: 1 };
        await createTables(m, p, build);
        await m.query(
          `INSERT INTO ${this.versionsTable} (projection, live_version, live_build) VALUES ($1, $2, $3)`,
          [p.name, build.version, build.build],
        );
      }
    });
  }

  async versions(manager: EntityManager = this.db.manager): Promise<VersionsRow[]> {
    const rows: RawVersions[] = await manager.query(
      `SELECT * FROM ${this.versionsTable} ORDER BY projection`,
    );
    return rows.map(toRow);
  }

  async versionsOf(name: string, manager: EntityManager = this.db.manager): Promise<VersionsRow> {
    const rows: RawVersions[] = await manager.query(
      `SELECT * FROM ${this.versionsTable} WHERE projection = $1`,
      [name],
    );
    if (rows.length === 0) throw new Error(`Projection "${name}" is not installed`);
    return toRow(rows[0]);
  }

  tables(name: string, build: Build): Tables {
    return tablesOf(this.projector(name), build, this.schema);
  }

  /**
   * Starts a new build of `name` at the code's version (a forced rebuild of the live version takes the next
   * build number), or returns the build already in progress. Drops the retired build's tables first.
   */
  async startBuild(name: string): Promise<Build> {
    const p = this.projector(name);
    return this.locked(async (m) => {
      const v = await this.versionsOf(name, m);
      if (v.building) return v.building;
      if (v.retired) await dropTables(m, p, v.retired);
      const builds: Build[] = [v.live, ...(v.retired ? [v.retired] : [])];
      const last = Math.max(0, ...builds.filter((b) => b.version === p.version).map((b) => b.build));
      const build: Build = { version: p.version, build: last + 1 };
      await dropTables(m, p, build);
      await createTables(m, p, build);
      await m.query(
        `UPDATE ${this.versionsTable} SET building_version = $2, building_build = $3, retired_version = NULL, retired_build = NULL
          WHERE projection = $1`,
        [name, build.version, build.build],
      );
      return build;
    });
  }

  /** Makes `build` live; the previous live build is retired (its tables stay until the next build starts). */
  async switchTo(name: string, build: Build): Promise<void> {
    await this.locked(async (m) => {
      const v = await this.versionsOf(name, m);
      if (!sameBuild(v.building, build))
        throw new Error(`Projection ${name}: build ${JSON.stringify(build)} is not in progress`);
      await m.query(
        `UPDATE ${this.versionsTable}
            SET live_version = $2, live_build = $3, retired_version = live_version, retired_build = live_build,
                building_version = NULL, building_build = NULL, switched_at = now()
          WHERE projection = $1`,
        [name, build.version, build.build],
      );
    });
  }

  /** Gives up a build in progress and drops its tables. */
  async abandonBuild(name: string): Promise<void> {
    const p = this.projector(name);
    await this.locked(async (m) => {
      const v = await this.versionsOf(name, m);
      if (!v.building) return;
      await dropTables(m, p, v.building);
      await m.query(
        `UPDATE ${this.versionsTable} SET building_version = NULL, building_build = NULL WHERE projection = $1`,
        [name],
      );
    });
  }
}
