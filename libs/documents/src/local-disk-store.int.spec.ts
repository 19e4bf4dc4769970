import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@ntm/decider';
import {
  DEFAULT_DOCUMENT_POLICY,
  LocalDiskDocumentStore,
  localDiskDocumentStoreFromEnv,
  type StoredDocument,
} from '@ntm/documents';
import { SAMPLE_PNG, samplePdf, sampleXlsx } from './testing/samples';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Every file under a directory, as paths relative to it. */
const filesUnder = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe('LocalDiskDocumentStore', () => {
  let root: string;
  let clock: Date;
  let store: LocalDiskDocumentStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ntm-documents-'));
    clock = new Date('2025-03-05T02:00:00.000Z');
    store = new LocalDiskDocumentStore({ root, policy: DEFAULT_DOCUMENT_POLICY, now: () => clock });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores a document under its hash and reads it back', async () => {
    const pdf = await samplePdf('Bao cao ket qua thuc hien tieu chi');
    const stored = await store.put({
      content: pdf,
      fileName: 'Báo cáo kết quả.pdf',
      mediaType: 'application/pdf',
    });

    expect(stored).toEqual<StoredDocument>({
      sha256: sha256(pdf),
      size: pdf.length,
      mediaType: 'application/pdf',
      fileName: 'Báo cáo kết quả.pdf',
      storedAt: '2025-03-05T02:00:00.000Z',
    });
    const hash = stored.sha256;
    expect(await filesUnder(root)).toEqual([
      `sha256/${hash.slice(0, 2)}/${hash}`,
      `sha256/${hash.slice(0, 2)}/${hash}.json`,
    ]);
    expect(await store.has(hash)).toBe(true);
    const read = await store.get(hash);
    expect(read?.meta).toEqual(stored);
    expect(read?.content.equals(pdf)).toBe(true);
  });

  it('stores the same content once: a second put returns the first metadata', async () => {
    const first = await store.put({ content: SAMPLE_PNG, fileName: 'anh-1.png', mediaType: 'image/png' });
    clock = new Date('2025-03-06T02:00:00.000Z');
    const second = await store.put({ content: SAMPLE_PNG, fileName: 'anh-khac.png', mediaType: 'image/png' });

    expect(second).toEqual(first);
    expect((await filesUnder(root)).filter((f) => f.startsWith('sha256/'))).toHaveLength(2);
    expect((await store.get(first.sha256))?.meta.fileName).toBe('anh-1.png');
  });

  it('concurrent puts of the same content agree on one stored document and leave no temporary file', async () => {
    const xlsx = await sampleXlsx();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        const ownClock = new Date(Date.UTC(2025, 2, 5, 2, 0, i));
        const racer = new LocalDiskDocumentStore({
          root,
          policy: DEFAULT_DOCUMENT_POLICY,
          now: () => ownClock,
        });
        return racer.put({
          content: xlsx,
          fileName: `bang-diem-${i}.xlsx`,
          mediaType: 'application/octet-stream',
        });
      }),
    );
    const stored = await store.get(sha256(xlsx));
    for (const result of results) expect(result).toEqual(stored?.meta);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('sanitises the file name, which is metadata only', async () => {
    const stored = await store.put({
      content: SAMPLE_PNG,
      fileName: '../../etc/passwd.png',
      mediaType: 'image/png',
    });
    expect(stored.fileName).toBe('passwd.png');
    expect((await filesUnder(root)).every((f) => f.startsWith('sha256/') || f.startsWith('tmp/'))).toBe(true);
  });

  it('writes nothing for a rejected document', async () => {
    const small = new LocalDiskDocumentStore({ root, policy: { ...DEFAULT_DOCUMENT_POLICY, maxBytes: 16 } });
    await expect(
      small.put({ content: SAMPLE_PNG, fileName: 'anh.png', mediaType: 'image/png' }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      code: 'DOCUMENT_TOO_LARGE',
    });
    await expect(
      store.put({
        content: Buffer.from('<html></html>'),
        fileName: 'trang.pdf',
        mediaType: 'application/pdf',
      }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    expect(await filesUnder(root)).toEqual([]);
  });

  it('answers null and false for unknown content, and refuses a malformed hash', async () => {
    const unknown = sha256(Buffer.from('không có'));
    expect(await store.get(unknown)).toBeNull();
    expect(await store.has(unknown)).toBe(false);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(DomainError);
    await expect(store.has('abc')).rejects.toMatchObject({ kind: 'invalid', code: 'DOCUMENT_HASH_INVALID' });
  });

  it('accepts the hash in capitals', async () => {
    const stored = await store.put({ content: SAMPLE_PNG, fileName: 'anh.png', mediaType: 'image/png' });
    expect(await store.has(stored.sha256.toUpperCase())).toBe(true);
  });

  it('detects content altered on disk', async () => {
    const stored = await store.put({ content: SAMPLE_PNG, fileName: 'anh.png', mediaType: 'image/png' });
    const path = join(root, 'sha256', stored.sha256.slice(0, 2), stored.sha256);
    await writeFile(path, Buffer.concat([await readFile(path), Buffer.from('x')]));
    await expect(store.get(stored.sha256)).rejects.toThrow(/corrupt/);
  });

  it('is configured from DOCUMENTS_DIR and DOCUMENT_MAX_BYTES', async () => {
    const fromEnv = localDiskDocumentStoreFromEnv({ DOCUMENTS_DIR: root, DOCUMENT_MAX_BYTES: '16' });
    await expect(
      fromEnv.put({ content: SAMPLE_PNG, fileName: 'anh.png', mediaType: 'image/png' }),
    ).rejects.toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
    });
    const tiny = Buffer.concat([SAMPLE_PNG.subarray(0, 8), Buffer.alloc(4)]);
    const stored = await fromEnv.put({ content: tiny, fileName: 'anh.png', mediaType: 'image/png' });
    expect(await store.has(stored.sha256)).toBe(true);
  });
});
