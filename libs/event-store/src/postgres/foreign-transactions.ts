import type { Pool } from 'pg';

/**
 * The running transactions, among those of the snapshot, that the server names as another database's: they cannot
 * have written this store's events. Running transactions are compared on their 32-bit ids (two running ones are
 * never 2^31 apart).
 */
const FOREIGN_RUNNING = `
  SELECT x.id::text AS id FROM pg_snapshot_xip(pg_current_snapshot()) x(id)
   WHERE (x.id::text::numeric % 4294967296)::text IN (
     SELECT a.backend_xid::text FROM pg_stat_get_activity(NULL) a
      WHERE a.backend_xid IS NOT NULL
        AND a.datid <> (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))`;

/** How long one running transaction may hold the readers before the store asks whose it is. */
const DEFAULT_LOOK_AFTER_MS = 1_000;

/**
 * Readers see events only below the oldest running transaction (the snapshot's xmin), so that a late commit is
 * never passed. xmin counts every database of the server: a long transaction of another one (an identity server,
 * another deployment, another test run) would hold every subscription back until it ended. Asking the server whose
 * each running transaction is costs a copy of every session's status (~0.4 ms at 400 connections), too dear for
 * every read; so readers report which transaction held them, and when the same one has held them for a second the
 * store asks once and leaves out those that belong to another database from then on. A transaction's database
 * never changes, so what was learnt stays true; one the server cannot place (hidden from a role without
 * pg_read_all_stats, or ended meanwhile) still holds the readers.
 */
export class ForeignTransactions {
  private known: string[] = [];
  private heldBy: string | null = null;
  private heldSince = 0;
  private looking: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly lookAfterMs = DEFAULT_LOOK_AFTER_MS,
  ) {}

  /** Transaction ids (xid8, as text) that readers leave out of their horizon. */
  get ids(): readonly string[] {
    return this.known;
  }

  /** After each read: the running transaction that held its horizon, or null when none did. */
  observe(heldBy: string | null): void {
    const now = Date.now();
    if (heldBy !== this.heldBy) {
      this.heldBy = heldBy;
      this.heldSince = now;
      return;
    }
    if (heldBy === null || this.looking || now - this.heldSince < this.lookAfterMs) return;
    this.looking = this.pool
      .query<{ id: string }>(FOREIGN_RUNNING)
      .then(
        ({ rows }) => void (this.known = rows.map((r) => r.id)),
        () => undefined, // the next read asks again a second later
      )
      .finally(() => {
        this.looking = null;
        this.heldSince = Date.now();
      });
  }

  /** Lets a question in flight end before the pool closes. */
  async settled(): Promise<void> {
    await this.looking;
  }
}
