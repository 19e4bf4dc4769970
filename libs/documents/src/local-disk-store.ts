import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { invalid } from '@ntm/decider';
import { checkDocument, documentPolicyFromEnv, type DocumentPolicy, type NewDocument } from './policy';
import type { DocumentStore, StoredDocument } from './port';

export interface LocalDiskDocumentStoreOptions {
  /** Directory holding the documents. */
  readonly root: string;
  readonly policy: DocumentPolicy;
  /** Clock for `storedAt`. */
  readonly now?: () => Date;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

// By code, not `instanceof Error`: errors from Node's fs are not instances of jest's sandboxed Error.
const isErrorCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException | null)?.code === code;

/**
 * Documents on a local disk, at <root>/sha256/<first two hex digits>/<hash> with the metadata beside it in
 * <hash>.json. Every file is written to <root>/tmp and then moved into place, so a reader never sees a partial file;
 * the metadata is published last and without overwriting, so it marks a complete document and the first upload
 * of some content wins.
 */
export class LocalDiskDocumentStore implements DocumentStore {
  private readonly root: string;
  private readonly now: () => Date;

  constructor(private readonly options: LocalDiskDocumentStoreOptions) {
    this.root = resolve(options.root);
    this.now = options.now ?? (() => new Date());
  }

  async put(input: NewDocument): Promise<StoredDocument> {
    const checked = checkDocument(input, this.options.policy);
    const sha256 = sha256Of(input.content);
    const existing = await this.readMeta(sha256);
    if (existing) return existing;

    // Same hash, same bytes: replacing a copy that a concurrent put just wrote is harmless.
    await this.writeAtomically(this.contentPath(sha256), input.content, { overwrite: true });
    const meta: StoredDocument = { sha256, ...checked, storedAt: this.now().toISOString() };
    const published = await this.writeAtomically(this.metaPath(sha256), Buffer.from(JSON.stringify(meta)), {
      overwrite: false,
    });
    return published ? meta : ((await this.readMeta(sha256)) ?? meta);
  }

  async get(sha256: string): Promise<{ content: Buffer; meta: StoredDocument } | null> {
    const hash = this.checkHash(sha256);
    const meta = await this.readMeta(hash);
    if (!meta) return null;
    const content = await readFile(this.contentPath(hash));
    if (sha256Of(content) !== hash)
      throw new Error(`Document ${hash} is corrupt on disk: its content has another hash`);
    return { content, meta };
  }

  async has(sha256: string): Promise<boolean> {
    const hash = this.checkHash(sha256);
    try {
      await stat(this.metaPath(hash));
      return true;
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  private checkHash(sha256: string): string {
    // Also keeps the path inside the root: only hex digits reach the file system.
    if (!SHA256_HEX.test(sha256)) {
      throw invalid(
        'DOCUMENT_HASH_INVALID',
        'Mã SHA-256 của tài liệu (trường sha256) không hợp lệ: phải gồm 64 chữ số thập lục phân.',
        'sha256',
      );
    }
    return sha256.toLowerCase();
  }

  private contentPath(hash: string) {
    return join(this.root, 'sha256', hash.slice(0, 2), hash);
  }

  private metaPath(hash: string) {
    return `${this.contentPath(hash)}.json`;
  }

  private async readMeta(hash: string): Promise<StoredDocument | null> {
    try {
      return JSON.parse(await readFile(this.metaPath(hash), 'utf8')) as StoredDocument;
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return null;
      throw error;
    }
  }

  /**
   * Writes and syncs a temporary file, then moves it to `target` (rename), or with `overwrite: false` links it
   * there so an existing file is kept. Returns false when the target already existed and was kept.
   */
  private async writeAtomically(target: string, data: Buffer, { overwrite }: { overwrite: boolean }) {
    const tmpDir = join(this.root, 'tmp');
    await Promise.all([mkdir(tmpDir, { recursive: true }), mkdir(dirname(target), { recursive: true })]);
    const tmp = join(tmpDir, randomUUID());
    const file = await open(tmp, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    if (overwrite) {
      await rename(tmp, target);
      return true;
    }
    try {
      await link(tmp, target);
      return true;
    } catch (error) {
      if (isErrorCode(error, 'EEXIST')) return false;
      throw error;
    } finally {
      await unlink(tmp);
    }
  }
}

/** The store configured from the environment: DOCUMENTS_DIR (default ./var/documents) and DOCUMENT_MAX_BYTES. */
export const localDiskDocumentStoreFromEnv = (env: NodeJS.ProcessEnv = process.env): LocalDiskDocumentStore =>
  new LocalDiskDocumentStore({
    root: env.DOCUMENTS_DIR?.trim() || './var/documents',
    policy: documentPolicyFromEnv(env),
  });
