import { createHash } from 'node:crypto';
import { conflict, ruleBroken } from '@ntm/decider';
import type { DataSource } from 'typeorm';

/** What a retried command gets back: the first answer, verbatim. */
export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

// A pending claim older than this is taken to belong to a crashed request and may be taken over.
const STALE_CLAIM_MS = 60_000;

/**
 * Idempotency keys, scoped per actor. A request first claims its key; the answer is stored when it
 * succeeds; a failed request releases the claim so a retry runs again against the current state.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: DataSource,
    private readonly table: string,
  ) {}

  static fingerprint(payload: unknown): string {
    return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
  }

  /** Returns the stored answer of an earlier identical request, or null after claiming the key. */
  async claim(scope: string, fingerprint: string): Promise<StoredAnswer | null> {
    const inserted = await this.db.query(
      `INSERT INTO ${this.table} (scope, fingerprint, status) VALUES ($1, $2, 'pending')
       ON CONFLICT (scope) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, created_at = now()
         WHERE ${this.table}.status = 'pending' AND ${this.table}.created_at < now() - ($3 || ' milliseconds')::interval
       RETURNING scope`,
      [scope, fingerprint, String(STALE_CLAIM_MS)],
    );
    if (inserted.length > 0) return null;
    const [row] = await this.db.query(
      `SELECT fingerprint, status, answer FROM ${this.table} WHERE scope = $1`,
      [scope],
    );
    if (!row) return this.claim(scope, fingerprint);
    if (row.fingerprint !== fingerprint) {
      throw ruleBroken(
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới',
      );
    }
    if (row.status === 'pending') {
      throw conflict(
        'REQUEST_IN_PROGRESS',
        'Yêu cầu với Idempotency-Key này đang được xử lý; hãy thử lại sau giây lát',
      );
    }
    return row.answer as StoredAnswer;
  }

  async complete(scope: string, answer: StoredAnswer): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET status = 'done', answer = $2 WHERE scope = $1`, [
      scope,
      answer,
    ]);
  }

  async release(scope: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE scope = $1 AND status = 'pending'`, [scope]);
  }
}
