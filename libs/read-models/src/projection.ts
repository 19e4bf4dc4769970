import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { createTableSql, schemaOf, Table, type TableDef } from './table';

/** The physical tables of one build, by base name. */
export type Tables = ReadonlyMap<string, Table<object>>;

/**
 * A read model: a name, a version, the events it reads and an idempotent apply that writes rows.
 * Raising `version` makes the worker build fresh tables beside the live ones and switch when caught up.
 */
export interface Projector {
  readonly name: string;
  /** What it keeps up to date, as an administrator names it (the admin screen shows it beside `name`). */
  readonly label: string;
  readonly version: number;
  /** Event types it reads; omitted: every event of its streams. */
  readonly handles?: readonly string[];
  readonly streamPrefixes: readonly string[];
  readonly tables: readonly TableDef<object>[];
  /** Applies a batch in order. Must leave rows unchanged when given events it has already applied. */
  apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void>;
}

/** What the projection runner takes (libs/read-models/src/runner). */
export interface RunnableProjection {
  readonly name: string;
  /** What it keeps up to date, in Vietnamese: recorded with its checkpoint for the admin screen. */
  readonly label: string;
  readonly handles?: readonly string[];
  readonly streamPrefixes?: readonly string[];
  apply(events: RecordedEvent[], manager: EntityManager): Promise<void>;
  /** After the batch and its checkpoint committed (e.g. hand new timers to BullMQ); a failure is only logged. */
  afterCommit?(events: RecordedEvent[]): Promise<void>;
}

/** One build of a projector: its version and build number name its tables and its checkpoint. */
export interface Build {
  readonly version: number;
  /** 1 for the first build of a version; a forced rebuild of the same version takes the next number. */
  readonly build: number;
}

/** `v3`, or `v3_2` for the second build of version 3. */
export const buildTag = ({ version, build }: Build): string =>
  build === 1 ? `v${version}` : `v${version}_${build}`;

/** The checkpoint name of a build: a new build starts from the beginning of the history. */
export const checkpointName = (projector: Pick<Projector, 'name'>, build: Build): string =>
  `${projector.name}@${buildTag(build)}`;

export const physicalName = (def: Pick<TableDef<object>, 'base'>, build: Build): string =>
  `${def.base}_${buildTag(build)}`;

export const tablesOf = (projector: Projector, build: Build, schema: string | undefined): Tables =>
  new Map(projector.tables.map((def) => [def.base, new Table(def, physicalName(def, build), schema)]));

/** Typed access to one of a build's tables. */
export const table = <Row extends object>(tables: Tables, def: TableDef<Row>): Table<Row> => {
  const t = tables.get(def.base);
  if (!t) throw new Error(`Table ${def.base} is not part of this projection`);
  return t as unknown as Table<Row>;
};

export const createTables = async (
  manager: EntityManager,
  projector: Projector,
  build: Build,
): Promise<void> => {
  const schema = schemaOf(manager);
  for (const def of projector.tables) {
    for (const sql of createTableSql(def, physicalName(def, build), schema)) await manager.query(sql);
  }
};

export const dropTables = async (
  manager: EntityManager,
  projector: Projector,
  build: Build,
): Promise<void> => {
  for (const t of tablesOf(projector, build, schemaOf(manager)).values())
    await manager.query(`DROP TABLE IF EXISTS ${t.name}`);
};

/** The projector bound to one build, in the shape the runner takes. */
export const bind = (projector: Projector, build: Build, schema: string | undefined): RunnableProjection => {
  const tables = tablesOf(projector, build, schema);
  return {
    name: checkpointName(projector, build),
    label: projector.label,
    handles: projector.handles,
    streamPrefixes: projector.streamPrefixes,
    apply: (events, manager) => projector.apply(events, manager, tables),
  };
};
