import { HttpException, HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { comparePositions, qualifiedTable, START, type EventStore, type Position } from '@ntm/event-store';
import {
  checkpointName,
  effectivePosition,
  ProjectionCatalog,
  readCheckpoints,
  type Build,
  type Projector,
  type TableDef,
} from '@ntm/read-models';

import { EVENT_STORE } from '@ntm/application';

/** How long a query waits for a read model to reach ?minPosition before answering 503. */
export const MIN_POSITION_WAIT_MS = 5000;
const POLL_MS = [5, 10, 20, 40, 50];

export interface ReadModelState {
  readonly name: string;
  readonly version: number;
  readonly build: number;
  readonly position: Position;
}

/** The live builds a query reads, and how far they have caught up. */
export interface ReadView {
  /** The least position of the read models involved: everything up to it is in the answer. */
  readonly position: Position;
  readonly readModels: readonly ReadModelState[];
  /** Physical (qualified) table name of a projection's table in its live build. */
  table<Row extends object>(projection: Projector, def: TableDef<Row>): string;
  /** A fixed table (not rebuilt with a projection: the inbox's read marks). */
  fixed(name: string): string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const UNDEFINED_TABLE = '42P01';
/** Resolutions of a live build in one query before giving up (each follows a switch seen meanwhile). */
const LIVE_ATTEMPTS = 3;

/** Resolves live builds and checkpoints, and waits for a client's own write (?minPosition=) within a bound. */
@Injectable()
export class ReadModels implements OnModuleInit {
  readonly catalog: ProjectionCatalog;
  /** The live build last seen per projection: a guess that `queryLive` checks in the query itself. */
  private readonly liveBuilds = new Map<string, Build>();

  constructor(
    readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.catalog = new ProjectionCatalog(db);
  }

  /** The API may start before the worker: make sure every projection's tables exist so queries answer (empty). */
  async onModuleInit(): Promise<void> {
    await this.catalog.install();
  }

  private async states(
    projections: readonly Projector[],
    minPosition?: string,
  ): Promise<{ states: ReadModelState[]; builds: Map<string, Build> }> {
    const versions = await this.catalog.versions();
    const builds = new Map<string, Build>();
    for (const p of projections) {
      const v = versions.find((x) => x.projection === p.name);
      if (!v) throw new Error(`Projection ${p.name} is not installed`);
      builds.set(p.name, v.live);
    }
    const names = projections.map((p) => checkpointName(p, builds.get(p.name)!));
    const checkpoints = await readCheckpoints(this.db.manager, names);
    const states = await Promise.all(
      projections.map(async (p, i) => {
        const checkpoint = checkpoints.get(names[i]) ?? START;
        // Behind the asked position, perhaps only because no event of this projection's streams came since.
        const behind = minPosition !== undefined && comparePositions(checkpoint, minPosition) < 0;
        const position = behind ? await effectivePosition(this.store, p, checkpoint) : checkpoint;
        return { name: p.name, ...builds.get(p.name)!, position };
      }),
    );
    return { states, builds };
  }

  /**
   * Rows of `sql(table)` on the live build of one projection's table, in one round trip when the build last
   * seen is still live: the same statement reads the catalog row, and an answer from a build that is no longer
   * live (or whose tables are gone) is thrown away and asked again of the new one. For the checks a command
   * makes, where ?minPosition waits (see `view`) do not apply. `sql` may use $1..$n of `params`.
   */
  async queryLive<Row extends object>(
    projection: Projector,
    def: Pick<TableDef<object>, 'base'>,
    sql: (table: string) => string,
    params: readonly unknown[],
  ): Promise<Row[]> {
    for (let attempt = 1; ; attempt++) {
      const build =
        this.liveBuilds.get(projection.name) ?? (await this.catalog.versionsOf(projection.name)).live;
      const table = this.catalog.tables(projection.name, build).get(def.base)!.name;
      let rows: (Row & { live_version_: number; live_build_: number; found_: boolean | null })[];
      try {
        rows = await this.db.query(
          `SELECT v.live_version AS live_version_, v.live_build AS live_build_, q.*
             FROM ${qualifiedTable(this.catalog.schema, 'rm_projection_versions')} v
             LEFT JOIN (SELECT true AS found_, x.* FROM (${sql(table)}) x) q ON true
            WHERE v.projection = $${params.length + 1}`,
          [...params, projection.name],
        );
      } catch (e) {
        this.liveBuilds.delete(projection.name);
        if ((e as { code?: string }).code === UNDEFINED_TABLE && attempt < LIVE_ATTEMPTS) continue;
        throw e;
      }
      if (rows.length === 0) throw new Error(`Projection ${projection.name} is not installed`);
      const live: Build = { version: rows[0].live_version_, build: rows[0].live_build_ };
      this.liveBuilds.set(projection.name, live);
      if (live.version !== build.version || live.build !== build.build) {
        if (attempt < LIVE_ATTEMPTS) continue;
        throw new Error(
          `Projection ${projection.name} switched builds ${LIVE_ATTEMPTS} times during a query`,
        );
      }
      return rows
        .filter((r) => r.found_)
        .map(({ live_version_, live_build_, found_, ...row }) => row as unknown as Row); // eslint-disable-line @typescript-eslint/no-unused-vars
    }
  }

  async view(
    projections: readonly Projector[],
    minPosition?: string,
    waitMs = MIN_POSITION_WAIT_MS,
  ): Promise<ReadView> {
    const deadline = Date.now() + waitMs;
    let attempt = 0;
    for (;;) {
      const { states, builds } = await this.states(projections, minPosition);
      const position = states.reduce(
        (least, s) => (comparePositions(s.position, least) < 0 ? s.position : least),
        states[0].position,
      );
      if (!minPosition || comparePositions(position, minPosition) >= 0) {
        return {
          position,
          readModels: states,
          table: (p, def) => this.catalog.tables(p.name, builds.get(p.name)!).get(def.base)!.name,
          fixed: (name) => qualifiedTable(this.catalog.schema, name),
        };
      }
      if (Date.now() >= deadline) {
        throw new HttpException(
          {
            code: 'READ_MODEL_BEHIND',
            message: `Dữ liệu báo cáo chưa cập nhật tới vị trí ${minPosition} (mới tới ${position || 'đầu'}); vui lòng thử lại sau giây lát`,
            minPosition,
            position,
            readModels: states,
          },
          HttpStatus.SERVICE_UNAVAILABLE,
        );
      }
      await sleep(
        Math.min(POLL_MS[Math.min(attempt++, POLL_MS.length - 1)], Math.max(1, deadline - Date.now())),
      );
    }
  }
}
