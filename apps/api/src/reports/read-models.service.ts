import { HttpException, HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { comparePositions, START, type EventStore, type Position } from '@ntm/event-store';
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
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves live builds and checkpoints, and waits for a client's own write (?minPosition=) within a bound. */
@Injectable()
export class ReadModels implements OnModuleInit {
  readonly catalog: ProjectionCatalog;

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
