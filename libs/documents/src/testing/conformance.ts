import { createHash } from 'node:crypto';
import { DomainError } from '@ntm/decider';
import {
  DEFAULT_DOCUMENT_POLICY,
  type DocumentPolicy,
  type DocumentStore,
  type StoredDocument,
} from '@ntm/documents';
import { SAMPLE_PNG, samplePdf, sampleXlsx } from './samples';

/** What a conformance run needs from an adapter: a fresh store, and a measure of what it holds. */
export interface StoreUnderTest {
  /** A store over the same storage as every other one of this run (replicas), with this policy and clock. */
  make(options: { policy?: DocumentPolicy; now?: () => Date }): DocumentStore;
  /** Something that grows whenever content is stored (rows, objects): used to show that nothing was. */
  footprint(): Promise<unknown>;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

const read = async (stream: AsyncIterable<Buffer>): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
};

/** `size` bytes of a PDF-looking file, produced piece by piece (never whole), as a client streams it. */
export async function* pdfStream(size: number, piece = 64 * 1024, fill = 0x41): AsyncGenerator<Buffer> {
  const header = Buffer.from('%PDF-1.4\n% ');
  yield header;
  // Seven pieces reused: the generator itself holds and discards (almost) nothing.
  const pieces = Array.from({ length: 7 }, (_, i) => Buffer.alloc(piece, fill + i));
  let sent = header.length;
  while (sent < size) {
    const n = Math.min(piece, size - sent);
    yield pieces[sent % 7].subarray(0, n);
    sent += n;
  }
}

/** The same bytes as pdfStream, hashed without being held. */
export const pdfStreamHash = async (size: number, piece?: number, fill?: number): Promise<string> => {
  const hash = createHash('sha256');
  for await (const part of pdfStream(size, piece, fill)) hash.update(part);
  return hash.digest('hex');
};

/** One suite every DocumentStore adapter passes (PostgreSQL always; S3 against an in-process S3 server). */
export const describeDocumentStore = (
  name: string,
  setup: () => Promise<StoreUnderTest>,
  teardown: () => Promise<void>,
) =>
  describe(`DocumentStore conformance: ${name}`, () => {
    let sut: StoreUnderTest;
    let clock: Date;
    let store: DocumentStore;
    const opened: DocumentStore[] = [];
    const make = (options: { policy?: DocumentPolicy; now?: () => Date } = {}) => {
      const s = sut.make({ policy: DEFAULT_DOCUMENT_POLICY, now: () => clock, ...options });
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      sut = await setup();
    });
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
      await teardown();
    });
    beforeEach(() => {
      clock = new Date('2025-03-05T02:00:00.000Z');
      store = make();
    });

    it('stores a document under its hash and streams it back', async () => {
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
      expect(await store.stat(stored.sha256)).toEqual(stored);
      const got = await store.open(stored.sha256);
      expect(got?.meta).toEqual(stored);
      expect((await read(got!.content)).equals(pdf)).toBe(true);
    });

    it('streams a file of many chunks in and out, byte for byte, through another replica', async () => {
      const size = 3 * 1024 * 1024 + 12345;
      const stored = await store.put({
        content: pdfStream(size),
        fileName: 'lon.pdf',
        mediaType: 'application/pdf',
      });
      expect(stored.size).toBe(size);
      expect(stored.sha256).toBe(await pdfStreamHash(size));
      const other = make();
      const got = await other.open(stored.sha256);
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const part of got!.content as AsyncIterable<Buffer>) {
        hash.update(part);
        bytes += part.length;
      }
      expect(bytes).toBe(size);
      expect(hash.digest('hex')).toBe(stored.sha256);
    });

    it('stores the same content once: a second put stores nothing and returns the first metadata', async () => {
      const first = await store.put({ content: SAMPLE_PNG, fileName: 'anh-1.png', mediaType: 'image/png' });
      const before = await sut.footprint();
      clock = new Date('2025-03-06T02:00:00.000Z');
      const second = await make().put({
        content: SAMPLE_PNG,
        fileName: 'anh-khac.png',
        mediaType: 'image/png',
      });
      expect(second).toEqual(first);
      expect(await sut.footprint()).toEqual(before);
      expect((await store.stat(first.sha256))?.fileName).toBe('anh-1.png');
    });

    it('concurrent puts of the same content store it once, with the metadata of one of them', async () => {
      const xlsx = await sampleXlsx();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          make({ now: () => new Date(Date.UTC(2025, 2, 5, 2, 0, i)) }).put({
            content: xlsx,
            fileName: `bang-diem-${i}.xlsx`,
            mediaType: 'application/octet-stream',
          }),
        ),
      );
      const stored = await store.stat(sha256(xlsx));
      // PostgreSQL lets the first commit win for all; S3 has no conditional copy, so the last copy's name stays.
      expect(results).toContainEqual(stored);
      for (const result of results)
        expect(result).toMatchObject({
          sha256: stored!.sha256,
          size: stored!.size,
          mediaType: stored!.mediaType,
        });
    });

    it('refuses a file over the limit while it streams, and stores nothing', async () => {
      const before = await sut.footprint();
      const small = make({ policy: { ...DEFAULT_DOCUMENT_POLICY, maxBytes: 1024 * 1024 } });
      let pulled = 0;
      const counted = (async function* () {
        for await (const part of pdfStream(8 * 1024 * 1024)) {
          pulled += part.length;
          yield part;
        }
      })();
      await expect(
        small.put({ content: counted, fileName: 'qua-lon.pdf', mediaType: 'application/pdf' }),
      ).rejects.toMatchObject({
        kind: 'invalid',
        code: 'DOCUMENT_TOO_LARGE',
      });
      expect(pulled).toBeLessThan(2 * 1024 * 1024);
      expect(await sut.footprint()).toEqual(before);
      expect(await store.stat(await pdfStreamHash(8 * 1024 * 1024))).toBeNull();
    });

    it('refuses content of another type from its first bytes, before storing anything', async () => {
      const before = await sut.footprint();
      let pulled = 0;
      const exe = (async function* () {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(64 * 1024)]);
        }
      })();
      await expect(
        store.put({ content: exe, fileName: 'trang.pdf', mediaType: 'application/pdf' }),
      ).rejects.toMatchObject({
        code: 'DOCUMENT_TYPE_NOT_ALLOWED',
      });
      expect(pulled).toBe(1);
      await expect(
        store.put({ content: SAMPLE_PNG, fileName: 'anh.png', mediaType: 'application/pdf' }),
      ).rejects.toMatchObject({ code: 'DOCUMENT_TYPE_MISMATCH' });
      expect(await sut.footprint()).toEqual(before);
    });

    it('answers null for unknown content, and refuses a malformed hash', async () => {
      const unknown = sha256(Buffer.from('không có'));
      expect(await store.open(unknown)).toBeNull();
      expect(await store.stat(unknown)).toBeNull();
      await expect(store.open('../../etc/passwd')).rejects.toBeInstanceOf(DomainError);
      await expect(store.stat('abc')).rejects.toMatchObject({
        kind: 'invalid',
        code: 'DOCUMENT_HASH_INVALID',
      });
    });

    it('accepts the hash in capitals', async () => {
      const stored = await store.put({ content: SAMPLE_PNG, fileName: 'anh.png', mediaType: 'image/png' });
      expect((await store.stat(stored.sha256.toUpperCase()))?.sha256).toBe(stored.sha256);
    });
  });
