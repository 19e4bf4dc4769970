import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, START, type Position } from '@ntm/event-store';
import { rowsOf } from '../queries/sql';
import { fenceCondition, type Fence } from './leases';

/** The table every runner keeps its row in, in the DataSource's schema (read-models' checkpoints.ts reads it too). */
export const CHECKPOINTS_TABLE = 'projection_checkpoints';

export type CheckpointStatus = 'running' | 'parked';

export interface Checkpoint {
  readonly name: string;
  /** What the job keeps up to date, in Vietnamese, from its definition; null for a row no runner has opened since. */
  readonly label: string | null;
  /** Everything up to here (inclusive) is applied. */
  readonly position: Position;
  readonly status: CheckpointStatus;
  readonly lastError: string | null;
  /** The event a parked runner could not apply. */
  readonly failedPosition: Position | null;
  /** Tries spent on the failed event before parking. */
  readonly attempts: number;
  readonly updatedAt: Date;
}

/** Another process advanced the checkpoint this runner was about to move: two runners share a name. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: Position,
  ) {
    super(
      `Checkpoint ${projection} is no longer at ${expected || 'START'}: another runner with this name is active`,
    );
  }
}

interface CheckpointRow {
  name: string;
  label: string | null;
  position: string;
  status: CheckpointStatus;
  last_error: string | null;
  failed_position: string | null;
  attempts: number;
  updated_at: Date;
}

/**
 * For `.catch` after CREATE TABLE IF NOT EXISTS: two processes creating the same table at once, the loser fails
 * with duplicate table (42P07), duplicate row type (42710) or duplicate key in the catalog (23505), as the timing
 * falls; either way the table is there.
 */
export const tableCreatedElsewhere = (e: Error & { code?: string }): void => {
  if (!['42P07', '42710', '23505'].includes(e.code ?? '')) throw e;
};

/**
 * The runners' checkpoints, through the read models' TypeORM DataSource (in its schema), so a checkpoint
 * moves in the same transaction as the rows it covers.
 */
export class ProjectionCheckpoints {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    const schema = (dataSource.options as { schema?: string }).schema;
    this.table = qualifiedTable(schema, CHECKPOINTS_TABLE);
  }

  async install(): Promise<void> {
    await this.dataSource
      .query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
           name            text PRIMARY KEY,
           position        text NOT NULL DEFAULT '',
           status          text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'parked')),
           last_error      text,
           failed_position text,
           attempts        int NOT NULL DEFAULT 0,
           updated_at      timestamptz NOT NULL DEFAULT now(),
           label           text
         )`,
      )
      .catch(tableCreatedElsewhere);
    // Tables made before labels: looked up first, as ALTER TABLE would queue behind every runner's transaction.
    const [{ labelled }] = await rowsOf<{ labelled: boolean }>(
      this.dataSource,
      `SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'label' AND NOT attisdropped) AS labelled`,
      [this.table],
    );
    if (!labelled)
      await this.dataSource.query(`ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS label text`);
  }

  /** The named checkpoint, created at START when missing; its label is the definition's of today. */
  async open(name: string, label: string | null): Promise<Checkpoint> {
    await this.dataSource.query(
      `INSERT INTO ${this.table} (name, label) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET label = EXCLUDED.label WHERE ${this.table}.label IS DISTINCT FROM EXCLUDED.label`,
      [name, label],
    );
    return (await this.get(name))!;
  }

  async get(name: string): Promise<Checkpoint | null> {
    const rows: CheckpointRow[] = await this.dataSource.query(`SELECT * FROM ${this.table} WHERE name = $1`, [
      name,
    ]);
    return rows.length ? toCheckpoint(rows[0]) : null;
  }

  async list(): Promise<Checkpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(`SELECT * FROM ${this.table} ORDER BY name`);
    return rows.map(toCheckpoint);
  }

  /**
   * Moves `name` from `from` to `to` inside the caller's transaction; refuses if it is not at `from`, or, given a
   * fence, if this process no longer holds the runner's lease (so a worker that lost it commits nothing).
   */
  async advance(
    manager: EntityManager,
    name: string,
    from: Position,
    to: Position,
    fence?: Fence,
  ): Promise<void> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE ${this.table} SET position = $3, attempts = 0, updated_at = now()
        WHERE name = $1 AND position = $2 AND status = 'running'
          ${fence ? `AND ${fenceCondition('$4', '$5', '$6')}` : ''}`,
      fence ? [name, from, to, fence.pid, fence.classId, fence.objId] : [name, from, to],
    );
    if (affected !== 1) throw new CheckpointMovedError(name, from);
  }

  async park(name: string, error: string, failedPosition: Position, attempts: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET status = 'parked', last_error = $2, failed_position = $3, attempts = $4, updated_at = now()
        WHERE name = $1`,
      [name, error, failedPosition, attempts],
    );
  }

  /** Clears a park: the next start retries the failed event. */
  async resume(name: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET status = 'running', last_error = NULL, failed_position = NULL, attempts = 0,
              updated_at = now() WHERE name = $1`,
      [name],
    );
  }

  /** Back to START (and unparked), for a rebuild; the caller clears the projection's rows. Stop its runner first. */
  async reset(name: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.table} (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = $2, status = 'running', last_error = NULL, failed_position = NULL,
                                        attempts = 0, updated_at = now()`,
      [name, START],
    );
  }
}

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  name: row.name,
  label: row.label,
  position: row.position,
  status: row.status,
  lastError: row.last_error,
  failedPosition: row.failed_position,
  attempts: row.attempts,
  updatedAt: row.updated_at,
});
