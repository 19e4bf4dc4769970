import type { Pool } from 'pg';

/**
 * The application_name prefix of sessions that declare they never append events (the document store's, whose
 * upload is a transaction as long as the upload): their transactions do not hold readers back.
 */
export const WITHOUT_EVENTS = 'ntm-no-events:';

/** The application_name of a session that never appends events; `purpose` names it in pg_stat_activity. */
export const sessionWithoutEvents = (purpose: string): string => `${WITHOUT_EVENTS}${purpose}`.slice(0, 63);

/**
 * The running transactions, among those of the snapshot, that cannot have written this store's events: the server
 * names them as another database's, or as a session without events. Running transactions are compared on their
 * 32-bit ids (two running ones are never 2^31 apart).
 */
const FOREIGN_RUNNING = `
  SELECT x.id::text AS id FROM pg_snapshot_xip(pg_current_snapshot()) x(id)
   WHERE (x.id::text::numeric % 4294967296)::text IN (
     SELECT a.backend_xid::text FROM pg_stat_get_activity(NULL) a
      WHERE a.backend_xid IS NOT NULL
        AND (a.datid <> (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
             OR starts_with(a.application_name, '${WITHOUT_EVENTS}')))`;

/** How long one running transaction may hold the readers before the store asks whose it is. */
const DEFAULT_LOOK_AFTER_MS = 1_000;

/**
 * Readers see events only below the oldest running transaction (the snapshot's xmin), so that a late commit is
 * never passed. xmin counts every transaction of the server: a long one of another database (an identity server,
 * another deployment, another test run) or a document upload would hold every subscription back until it ended.
 * Asking the server whose each running transaction is costs a copy of every session's status (~0.4 ms at 400
 * connections), too dear for every read; so readers report which transaction held them, and when the same one has
 * held them for a second the store asks once and from then on leaves out those that cannot have written events. A
 * transaction's database never changes and a session without events never renames itself, so what was learnt stays
 * true; one the server cannot place (hidden from a role without pg_read_all_stats, or ended meanwhile) still holds
 * the readers.
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
