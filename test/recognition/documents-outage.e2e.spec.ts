import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl } from '../support/test-database';
import { nongThuong } from '../support/dossier-driver';
import { eventually } from '../support/eventually';

const KiB = 1024;

/** A PDF's first bytes, then `fill` bytes, then its end: an allowed type of any size. */
const pdfHead = Buffer.from('%PDF-1.4\n% tai lieu\n', 'utf8');
const pdfTail = Buffer.from('\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'utf8');

interface Upload {
  /** Sends `bytes` more of the file's body (filler). */
  more(bytes: number): Promise<void>;
  /** Sends the rest and the multipart end; resolves with the answer's status (0: no answer, connection lost). */
  end(): Promise<number>;
  /** Breaks the connection off. */
  abort(): void;
  readonly answered: Promise<number>;
}

/** A multipart upload over a raw connection, sent piece by piece when the test says so; `fill` makes the content. */
const openUpload = (port: number, token: string, seed: number, fill = seed): Upload => {
  const boundary = `----ntm${seed}${Date.now()}`;
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/documents',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
  const answered = new Promise<number>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
  // A write waits for the server to take it, or for the connection to end (the server may answer and close).
  const write = (b: Buffer) =>
    req.write(b) || req.destroyed
      ? Promise.resolve()
      : new Promise<void>((r) => {
          req.once('drain', () => r());
          req.once('close', () => r());
        });
  const opened = write(
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bien-ban-${seed}.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      pdfHead,
    ]),
  );
  return {
    more: async (bytes) => {
      await opened;
      await write(Buffer.alloc(bytes, 0x20 + (fill % 90)));
    },
    end: async () => {
      await opened;
      await write(Buffer.concat([pdfTail, Buffer.from(`\r\n--${boundary}--\r\n`)]));
      req.end();
      return answered;
    },
    abort: () => req.destroy(),
    answered,
  };
};

/**
 * Uploads while PostgreSQL drops the API's connections (what a database restart does to a running API): the
 * uploads caught in it fail, nothing is left holding a connection, and the next uploads are stored at once
 * (found by the fault test: every upload hung on the surviving API after PostgreSQL restarted).
 */
describe('Documents through a database outage', () => {
  let t: TestApp;
  let port: number;
  let officer: string;
  let db: Client;

  /** Ends every session of this run's database but the test's own: never any other database. */
  const dropConnections = async () =>
    db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
  const sessionsInUpload = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND state LIKE 'idle in transaction%' AND query LIKE '%document_chunks%'`,
      )
    ).rows[0].n as number;
  beforeAll(async () => {
    t = await startTestApp('documents_outage', { worker: false });
    const server = t.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    officer = await t.token('commune_officer', nongThuong);
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  // Uploads a failed test left open would hold the store's connections through the next test: broken off after each.
  const open: Upload[] = [];
  const upload = (seed: number, fill?: number) => {
    const u = openUpload(port, officer, seed, fill);
    open.push(u);
    return u;
  };
  afterEach(() => {
    for (const u of open.splice(0)) u.abort();
  });

  it('fails the uploads caught in it, holds no connection for them, and stores the next ones', async () => {
    // More uploads than the store has connections, each inside its transaction, waiting for the rest of its file.
    const uploads = Array.from({ length: 12 }, (_, i) => upload(i));
    await Promise.all(uploads.map((u) => u.more(300 * KiB)));
    // Every connection of the store inside an upload (none being opened), two uploads waiting for one.
    // A hang detector only: on a loaded machine the 3.6 MB take the server a while to read.
    await eventually(
      async () => (await sessionsInUpload()) === 10,
      'uploads inside their transactions',
      90_000,
    );
    await dropConnections();
    // Some clients go on sending, some break off, some stall and only then go on.
    const [going, breaking, stalling] = [uploads.slice(0, 4), uploads.slice(4, 8), uploads.slice(8)];
    for (const u of breaking) u.abort();
    const answers = await Promise.all(going.map((u) => u.more(300 * KiB).then(() => u.end())));
    for (const status of answers) expect([201, 503]).toContain(status);
    const late = await Promise.all(stalling.map((u) => u.more(300 * KiB).then(() => u.end())));
    for (const status of late) expect([201, 503]).toContain(status);

    // Nothing is left inside an upload's transaction, and fresh uploads are stored at once.
    await eventually(
      async () => (await sessionsInUpload()) === 0,
      'no session left inside an upload',
      90_000,
    );
    const fresh = Array.from({ length: 12 }, (_, i) => upload(100 + i));
    const stored = await Promise.all(fresh.map((u) => u.more(300 * KiB).then(() => u.end())));
    expect(stored).toEqual(fresh.map(() => 201));
  });

  it('answers many clients sending the same evidence at once, more than the store has connections', async () => {
    // What the clients of the fault test did after the restart: all retried the same file together.
    const first = upload(200, 7);
    await first.more(10 * KiB);
    expect(await first.end()).toBe(201);
    const same = Array.from({ length: 24 }, (_, i) => upload(300 + i, 7));
    const answers = await Promise.all(same.map((u) => u.more(10 * KiB).then(() => u.end())));
    expect(answers).toEqual(same.map(() => 201));
  });
});
