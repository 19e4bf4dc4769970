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

/**
 * Outside production only: real time plus an offset stored in PostgreSQL, so every API and worker process of a
 * deployment agrees on "now" after an operator moves it (staging, acceptance runs: statutory deadlines without
 * waiting 15 days). Each process reads the offset at start and every `refreshMs`; listeners hear when it moves.
 */
export class SharedClock extends Clock {
  private offsetMs = 0;
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
    await this.db.query(
      `INSERT INTO ${this.table} (id, offset_ms, set_at) VALUES (true, $1, now())
       ON CONFLICT (id) DO UPDATE SET offset_ms = $1, set_at = now()`,
      [rounded],
    );
    this.apply(rounded);
  }

  async refresh(): Promise<void> {
    const rows: { offset_ms: string }[] = await this.db.query(`SELECT offset_ms FROM ${this.table}`);
    this.apply(rows.length ? Number(rows[0].offset_ms) : 0);
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

  private apply(offsetMs: number): void {
    if (offsetMs === this.offsetMs) return;
    this.offsetMs = offsetMs;
    for (const listener of this.listeners) listener(offsetMs);
  }
}
