import { connectListening, quoteIdent, sessionWithoutEvents } from '@ntm/event-store';
import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { DocumentIntake, type DocumentUpload } from './intake';
import type { DocumentMediaType } from './media-type';
import type { DocumentPolicy } from './policy';
import {
  checkHash,
  verifiedContent,
  type DocumentStore,
  type OpenedDocument,
  type StoredDocument,
} from './port';

export interface PostgresDocumentStoreOptions {
  readonly connectionString: string;
  /** Schema of the two tables (created if missing). */
  readonly schema: string;
  readonly policy: DocumentPolicy;
  /** Connections: each upload holds one for its transaction while it streams. Default 10. */
  readonly maxConnections?: number;
  /** Chunks read ahead per query when serving a document. Default 4 (1 MiB). */
  readonly readAhead?: number;
  /**
   * How long an upload may send nothing while its transaction is open before the server ends it (PostgreSQL's
   * idle_in_transaction_session_timeout on the store's sessions): a stalled client holds a connection no longer.
   * Default 60 s.
   */
  readonly uploadIdleMs?: number;
  /** How long a query waits for a free connection before it fails (503) instead of hanging. Default 10 s. */
  readonly connectTimeoutMs?: number;
  readonly now?: () => Date;
}

interface DocumentRow {
  sha256: string;
  blob_id: string;
  size: string;
  media_type: string;
  file_name: string;
  stored_at: Date;
}

/**
 * Ends an upload's source when it is a stream (an HTTP request's part): whoever waits on it gets a premature
 * close. Destroyed without an error, so no 'error' event is emitted that nobody may be listening for.
 */
const destroySource = (content: DocumentUpload['content']): void => {
  const stream = content as { destroy?: () => void };
  if (!Buffer.isBuffer(content) && typeof stream.destroy === 'function') stream.destroy();
};

const toStored = (row: DocumentRow): StoredDocument => ({
  sha256: row.sha256,
  size: Number(row.size),
  mediaType: row.media_type as DocumentMediaType,
  fileName: row.file_name,
  storedAt: row.stored_at.toISOString(),
});

/**
 * Documents in PostgreSQL, so every API replica reaches them: the content in rows of 256 KiB
 * (`document_chunks`, keyed by a blob id) and one row per distinct content in `documents`, keyed by SHA-256.
 *
 * An upload is one transaction: chunks are inserted as they arrive, under a fresh blob id (the hash is known
 * only at the end); then the `documents` row is inserted unless that hash is already there, in which case the
 * transaction rolls back and the upload stores nothing. A refused upload (type, size) rolls back too. Two
 * concurrent uploads of the same content wait on the hash's key and the second rolls back.
 */
export class PostgresDocumentStore implements DocumentStore {
  private readonly pool: Pool;
  private readonly documents: string;
  private readonly chunks: string;
  private readonly now: () => Date;
  private installed: Promise<void> | null = null;

  constructor(private readonly options: PostgresDocumentStoreOptions) {
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      keepAlive: true,
      options: `-c idle_in_transaction_session_timeout=${options.uploadIdleMs ?? 60_000}`,
      // An upload's transaction lasts as long as the upload: named so, it does not hold event readers back.
      application_name: sessionWithoutEvents(`documents:${options.schema}`),
    });
    // An idle connection dropped by the server (a restart) emits 'error' on the pool, which would end the
    // process: the pool discards that connection itself, and the next query takes a fresh one.
    this.pool.on('error', () => undefined);
    this.documents = `${quoteIdent(options.schema)}.documents`;
    this.chunks = `${quoteIdent(options.schema)}.document_chunks`;
    this.now = options.now ?? (() => new Date());
  }

  /** Creates the schema and tables if missing (once per process; safe when replicas start together). */
  install(): Promise<void> {
    this.installed ??= (async () => {
      let broken: Error | undefined;
      const onError = (e: Error) => (broken = e);
      const client = await connectListening(this.pool, onError);
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `ntm-documents:${this.options.schema}`,
        ]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.options.schema)}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${this.chunks} (
          blob_id uuid NOT NULL,
          seq int NOT NULL,
          data bytea NOT NULL,
          PRIMARY KEY (blob_id, seq))`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${this.documents} (
          sha256 text PRIMARY KEY,
          blob_id uuid NOT NULL UNIQUE,
          size bigint NOT NULL,
          media_type text NOT NULL,
          file_name text NOT NULL,
          stored_at timestamptz NOT NULL)`);
        await client.query('COMMIT');
      } catch (error) {
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    })().catch((error: unknown) => {
      // Tried again by the next caller (the database may be back by then).
      this.installed = null;
      throw error;
    });
    return this.installed;
  }

  async put(upload: DocumentUpload): Promise<StoredDocument> {
    await this.install();
    const intake = new DocumentIntake(upload, this.options.policy);
    let client: PoolClient | null = null;
    // The connection waits between chunks while the upload streams in. If the server ends it then (a restart, or
    // an upload idle past uploadIdleMs), 'error' is emitted on it with no query to take it: the upload is broken
    // off at once (its source destroyed, so the wait for the next piece ends) and the connection leaves the pool.
    let broken: Error | undefined;
    const onError = (e: Error) => {
      broken = e;
      destroySource(upload.content);
    };
    try {
      const blobId = randomUUID();
      let seq = 0;
      for await (const chunk of intake.chunks()) {
        if (broken) throw broken;
        // The first chunk has passed the type check: only now take a connection and open the transaction.
        if (!client) {
          client = await connectListening(this.pool, onError);
          await client.query('BEGIN');
        }
        await client.query(`INSERT INTO ${this.chunks} (blob_id, seq, data) VALUES ($1, $2, $3)`, [
          blobId,
          seq++,
          chunk,
        ]);
      }
      const checked = intake.finish();
      const inserted = await client!.query<DocumentRow>(
        `INSERT INTO ${this.documents} (sha256, blob_id, size, media_type, file_name, stored_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING RETURNING *`,
        [checked.sha256, blobId, checked.size, checked.mediaType, checked.fileName, this.now()],
      );
      if (inserted.rows.length > 0) {
        await client!.query('COMMIT');
        return toStored(inserted.rows[0]);
      }
      // Stored before (or by a concurrent upload that committed first): keep nothing of this one, and answer with
      // what is stored through this same connection. Asking the pool for another while holding this one would
      // wait forever once every connection is so held (many uploads of the same file at once).
      await client!.query('ROLLBACK');
      const { rows } = await client!.query<DocumentRow>(`SELECT * FROM ${this.documents} WHERE sha256 = $1`, [
        checked.sha256,
      ]);
      return toStored(rows[0]);
    } catch (error) {
      if (client && !broken) await client.query('ROLLBACK').catch(() => undefined);
      throw broken ?? error;
    } finally {
      client?.off('error', onError);
      // A broken connection leaves the pool.
      client?.release(broken);
    }
  }

  async stat(sha256: string): Promise<StoredDocument | null> {
    const hash = checkHash(sha256);
    await this.install();
    const { rows } = await this.pool.query<DocumentRow>(`SELECT * FROM ${this.documents} WHERE sha256 = $1`, [
      hash,
    ]);
    return rows.length ? toStored(rows[0]) : null;
  }

  async open(sha256: string): Promise<OpenedDocument | null> {
    const hash = checkHash(sha256);
    await this.install();
    const { rows } = await this.pool.query<DocumentRow>(`SELECT * FROM ${this.documents} WHERE sha256 = $1`, [
      hash,
    ]);
    if (rows.length === 0) return null;
    const { blob_id: blobId } = rows[0];
    const pool = this.pool;
    const chunks = this.chunks;
    const readAhead = this.options.readAhead ?? 4;
    // A few chunks per query, in order: the content is immutable once committed, so no transaction is needed.
    async function* content() {
      for (let from = 0; ; from += readAhead) {
        const batch = await pool.query<{ data: Buffer }>(
          `SELECT data FROM ${chunks} WHERE blob_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq`,
          [blobId, from, from + readAhead],
        );
        for (const row of batch.rows) yield row.data;
        if (batch.rows.length < readAhead) return;
      }
    }
    return { meta: toStored(rows[0]), content: verifiedContent(hash, content()) };
  }

  /** Rows held, for tests and operations: distinct contents and chunks. */
  async footprint(): Promise<{ documents: number; chunks: number }> {
    await this.install();
    const { rows } = await this.pool.query<{ documents: number; chunks: number }>(
      `SELECT (SELECT count(*)::int FROM ${this.documents}) AS documents,
              (SELECT count(*)::int FROM ${this.chunks}) AS chunks`,
    );
    return rows[0];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
