import { qualifiedTable } from '@ntm/event-store';
import { tableCreatedElsewhere } from '@ntm/read-models/runner';
import type { DataSource } from 'typeorm';

/** The only source of "now" for command metadata; tests replace it to control deadlines. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** The row that holds the shared offset (one row, in the app's schema). */
export const CLOCK_OFFSET_TABLE = 'clock_offset';

interface OffsetRow {
  readonly offset_ms: string;
  readonly set_at_us: string;
}
const OFFSET_COLUMNS = `offset_ms, (extract(epoch FROM set_at) * 1000000)::bigint AS set_at_us`;

/**
 * Outside production only: real time plus an offset stored in PostgreSQL, so every API and worker process of a
 * deployment agrees on "now" after an operator moves it (staging, acceptance runs: statutory deadlines without
 * waiting 15 days). Each process reads the offset at start and every `refreshMs`; listeners hear when it moves.
 */
export class SharedClock extends Clock {
  private offsetMs = 0;
  /** When the applied offset was set (µs since the epoch, the server's clock): an older read never undoes it. */
  private setAtUs = -1;
  private readonly listeners = new Set<(offsetMs: number) => void>();
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly db: DataSource,
    private readonly table: string,
  ) {
    super();
  }

  static async open(db: DataSource, schema: string, refreshMs = 1000): Promise<SharedClock> {
    const table = qualifiedTable(schema, CLOCK_OFFSET_TABLE);
    const clock = new SharedClock(db, table);
    await db
      .query(
        `CREATE TABLE IF NOT EXISTS ${table} (
           id boolean PRIMARY KEY DEFAULT true CHECK (id),
           offset_ms bigint NOT NULL,
           set_at timestamptz NOT NULL DEFAULT now())`,
      )
      .catch(tableCreatedElsewhere);
    await clock.refresh();
    clock.timer = setInterval(() => void clock.refresh().catch(() => undefined), refreshMs);
    clock.timer.unref();
    return clock;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  offset(): number {
    return this.offsetMs;
  }

  /** Moves every process's clock: `offsetMs` from real time (0 = real time again). */
  async setOffset(offsetMs: number): Promise<void> {
    const rounded = Math.round(offsetMs);
    const rows: OffsetRow[] = await this.db.query(
      `INSERT INTO ${this.table} (id, offset_ms, set_at) VALUES (true, $1, clock_timestamp())
       ON CONFLICT (id) DO UPDATE SET offset_ms = $1, set_at = clock_timestamp()
       RETURNING ${OFFSET_COLUMNS}`,
      [rounded],
    );
    this.apply(rows[0]);
  }

  async refresh(): Promise<void> {
    const rows: OffsetRow[] = await this.db.query(`SELECT ${OFFSET_COLUMNS} FROM ${this.table}`);
    this.apply(rows[0] ?? { offset_ms: '0', set_at_us: '0' });
  }

  /** Called with the new offset whenever it changes (in this process or, seen on refresh, in another). */
  onChange(listener: (offsetMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * A refresh whose read began before a move can answer after it: applied in arrival order, it would put the old
   * offset back until the next refresh (seen under load: a dossier opened on the old date after a reset).
   */
  private apply(row: OffsetRow): void {
    const setAtUs = Number(row.set_at_us);
    if (setAtUs < this.setAtUs) return;
    this.setAtUs = setAtUs;
    const offsetMs = Number(row.offset_ms);
    if (offsetMs === this.offsetMs) return;
    this.offsetMs = offsetMs;
    for (const listener of this.listeners) listener(offsetMs);
  }
}
