import { createHash } from 'node:crypto';
import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { pdfStream, pdfStreamHash } from '../../libs/documents/src/testing/conformance';
import { ApiModule } from '../../apps/api/src/app.module';
import { configureHttpApp } from '../../apps/api/src/bootstrap';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl } from '../support/test-database';
import { DossierDriver, nongThuong, tokensFor, type Place } from '../support/dossier-driver';

const MiB = 1024 * 1024;

/** V8's full collection, which jest does not expose: enabled at run time. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const tanYen: Place = { provinceCode: '24', districtCode: '213', communeCode: '07210', name: 'xã Tân Yên' };

/** A second API replica on the same database and schema as `t` (no worker): what a second pod would be. */
const secondReplica = async (t: TestApp, overrides: object) => {
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot({ ...t.config, runWorker: false, ...overrides })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
  configureHttpApp(app);
  await app.init();
  return app;
};

const listen = async (server: http.Server): Promise<number> => {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

/**
 * Uploads a generated PDF of `size` bytes over a raw HTTP connection, multipart framing and all, without ever
 * holding it: the body is produced piece by piece. `chunked` omits Content-Length (the server cannot know the
 * size in advance). Samples the process's RSS while it runs.
 */
const streamUpload = (
  port: number,
  token: string,
  size: number,
  options: { chunked: boolean; fill?: number; abortAfter?: number },
) =>
  new Promise<{ status: number; body: Record<string, unknown>; peakRssGrowth: number }>((resolve, reject) => {
    const boundary = `----ntm${Date.now()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Biên bản lớn.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    collectGarbage();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/documents',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(options.chunked ? {} : { 'content-length': String(head.length + size + tail.length) }),
      },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      res.on('end', () => {
        clearInterval(sampler);
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(parts).toString('utf8')),
          peakRssGrowth: peak - baseline,
        });
      });
    });
    req.on('error', (e) => {
      // Writing on after the server answered (and stopped reading) is no failure of the upload under test.
      if (answered) return;
      clearInterval(sampler);
      if (options.abortAfter !== undefined) resolve({ status: 0, body: {}, peakRssGrowth: peak - baseline });
      else reject(e);
    });
    (async () => {
      const write = (b: Buffer) =>
        req.write(b) ? Promise.resolve() : new Promise<void>((r) => req.once('drain', () => r()));
      await write(head);
      let sent = 0;
      for await (const piece of pdfStream(size, 64 * 1024, options.fill)) {
        if (req.destroyed) return;
        if (options.abortAfter !== undefined && sent >= options.abortAfter) {
          req.destroy(new Error('client broke off'));
          return;
        }
        await write(piece);
        sent += piece.length;
      }
      await write(tail);
      req.end();
    })().catch(() => undefined);
  });

const download = (http: ReturnType<typeof request>, sha: string, token: string, query = '') =>
  http
    .get(`/api/v1/documents/${sha}${query}`)
    .set('authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

const stored = async (schema: string) => {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM "${schema}".documents) AS documents,
              (SELECT count(*)::int FROM "${schema}".document_chunks) AS chunks`,
    );
    return rows[0] as { documents: number; chunks: number };
  } finally {
    await client.end();
  }
};

// Large uploads on a shared machine: give each test room.
jest.setTimeout(180_000);

describe('Documents shared by two API replicas, streamed, and read only within the areas that may', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof secondReplica>>;
  let httpB: ReturnType<typeof request>;
  let officer: string;

  const pdf = (text: string) =>
    Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'utf8');
  const upload = (via: ReturnType<typeof request>, token: string, content: Buffer, name = 'tai-lieu.pdf') =>
    via.post('/api/v1/documents').set('authorization', `Bearer ${token}`).attach('file', content, name);

  beforeAll(async () => {
    a = await startTestApp('documents_shared', { config: { documentMaxBytes: 24 * MiB } });
    b = await secondReplica(a, { documentMaxBytes: 96 * MiB });
    httpB = request(b.getHttpServer());
    officer = await a.token('commune_officer', nongThuong);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('serves through one replica a file uploaded through the other', async () => {
    const content = pdf('Biên bản niêm yết công khai');
    const up = await upload(a.http, officer, content, 'Biên bản niêm yết.pdf');
    expect(up.status).toBe(201);
    const down = await download(httpB, up.body.sha256, officer);
    expect(down.status).toBe(200);
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('Biên bản niêm yết.pdf'));
    expect(Buffer.compare(down.body, content)).toBe(0);
  });

  it('answers 413 for an upload over the limit, streamed or declared, and stores nothing', async () => {
    const port = await listen(a.app.getHttpServer());
    const before = await stored(a.config.schema);
    const size = 32 * MiB;
    const streamed = await streamUpload(port, officer, size, { chunked: true });
    expect(streamed.status).toBe(413);
    expect(streamed.body.code).toBe('DOCUMENT_TOO_LARGE');
    expect(streamed.body.message).toMatch(/vượt quá giới hạn dung lượng 24 MiB/);
    const declared = await streamUpload(port, officer, size, { chunked: false, fill: 0x50 });
    expect(declared.status).toBe(413);
    expect(await stored(a.config.schema)).toEqual(before);
    const sha = await pdfStreamHash(size, 64 * 1024);
    expect((await download(a.http, sha, officer)).status).toBe(404);
  });

  it('rolls back an upload the client breaks off, and holds no connection for it', async () => {
    const port = await listen(a.app.getHttpServer());
    const before = await stored(a.config.schema);
    const res = await streamUpload(port, officer, 8 * MiB, {
      chunked: true,
      fill: 0x61,
      abortAfter: 3 * MiB,
    });
    expect(res.status).toBe(0);
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      // The store's transaction ends as soon as the broken stream reaches it: no session is left inside an
      // upload's transaction (its last statement a chunk insert).
      const openUploads = async () =>
        (
          await client.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND state LIKE 'idle in transaction%'
                AND query LIKE '%document_chunks%'`,
          )
        ).rows[0].n as number;
      const deadline = Date.now() + 5000;
      let open = await openUploads();
      while (open > 0 && Date.now() < deadline) {
        await new Promise((r) => setImmediate(r));
        open = await openUploads();
      }
      expect(open).toBe(0);
    } finally {
      await client.end();
    }
    expect(await stored(a.config.schema)).toEqual(before);
    const after = await upload(a.http, officer, pdf('sau khi ngắt'));
    expect(after.status).toBe(201);
  });

  it('keeps memory bounded while a large allowed upload streams to the store', async () => {
    const port = await listen(b.getHttpServer());
    const size = 64 * MiB;
    // Once first, so the process has its steady-state heap and pools (as a server that has served before).
    expect((await streamUpload(port, officer, 16 * MiB, { chunked: true, fill: 0x20 })).status).toBe(201);
    collectGarbage();
    const res = await streamUpload(port, officer, size, { chunked: true, fill: 0x30 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ size, mediaType: 'application/pdf', fileName: 'Biên bản lớn.pdf' });
    expect(res.body.sha256).toBe(await pdfStreamHash(size, 64 * 1024, 0x30));
    // Printed for the record; a buffered upload would grow by the file's size at least.
    console.log(`RSS growth during a ${size / MiB} MiB upload: ${(res.peakRssGrowth / MiB).toFixed(1)} MiB`);
    expect(res.peakRssGrowth).toBeLessThan(size / 2);
    // And it streams back out through the other replica, whole.
    const down = await download(a.http, res.body.sha256 as string, officer);
    expect(down.status).toBe(200);
    expect(createHash('sha256').update(down.body).digest('hex')).toBe(res.body.sha256);
  }, 240_000);

  it('refuses a role that never uploads before reading the body', async () => {
    const admin = await a.token('admin', {});
    const res = await upload(a.http, admin, pdf('quản trị'));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('refuses a reader outside the uploader’s area with the same answer as for a missing document', async () => {
    const content = pdf('Báo cáo riêng của xã Nông Thượng');
    const up = await upload(a.http, officer, content);
    const sha = up.body.sha256 as string;
    const province = await a.token('province_officer', { provinceCode: '06' });
    expect((await download(a.http, sha, province)).status).toBe(200);
    const outsiders = [
      await a.token('province_officer', { provinceCode: '24' }),
      await a.token('commune_officer', { provinceCode: '06', districtCode: '058', communeCode: '01840' }),
      await a.token('district_officer', { provinceCode: '24', districtCode: '213' }),
    ];
    const ghost = createHash('sha256').update('không tồn tại').digest('hex');
    const missing = await a.http
      .get(`/api/v1/documents/${ghost}`)
      .set('authorization', `Bearer ${outsiders[0]}`);
    expect(missing.status).toBe(404);
    for (const outsider of outsiders) {
      const res = await a.http.get(`/api/v1/documents/${sha}`).set('authorization', `Bearer ${outsider}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(missing.body.code);
      expect(res.body.message.replace(sha, '<sha>')).toBe(missing.body.message.replace(ghost, '<sha>'));
    }
  });

  it('lets a province read a document cited by a dossier of its own, and refuses citing one out of reach', async () => {
    const content = pdf('Mẫu phiếu khảo sát sự hài lòng');
    const sha = (await upload(a.http, officer, content)).body.sha256 as string;
    const tokens = await tokensFor(a, tanYen);
    const d = new DossierDriver(a, tokens, tanYen);
    await d.open();
    // Tân Yên (province 24) knows the hash but may not read the file: it may not cite it either.
    const refused = await d.send('self-assessment', tokens.commune, {
      criteria: (await import('../support/dossier-driver'))
        .allCriteria()
        .map((c, i) => (i === 0 ? { ...c, evidence: [sha] } : c)),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('DOCUMENT_NOT_FOUND');
    expect(refused.body.violations.map((v: { field: string }) => v.field)).toEqual([
      'criteria[0].evidence[0]',
    ]);
    expect((await d.get()).assessments).toHaveLength(0);
    expect((await download(a.http, sha, tokens.province)).status).toBe(404);
    // Once Tân Yên holds the same file (uploaded again: nothing new is stored) and cites it, its province reads it.
    const before = await stored(a.config.schema);
    const again = await upload(httpB, tokens.commune, content, 'phieu-khao-sat.pdf');
    expect(again.status).toBe(201);
    expect(again.body.sha256).toBe(sha);
    expect(await stored(a.config.schema)).toEqual(before);
    const { allCriteria } = await import('../support/dossier-driver');
    const cited = await d.ok('self-assessment', tokens.commune, {
      criteria: allCriteria().map((c, i) => (i === 0 ? { ...c, evidence: [sha] } : c)),
    });
    const res = await download(httpB, sha, tokens.province, `?minPosition=${cited.position}`);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body, content)).toBe(0);
    // Nông Thượng's province still reads it; a third province still does not.
    expect(
      (await download(a.http, sha, await a.token('province_officer', { provinceCode: '06' }))).status,
    ).toBe(200);
    expect(
      (await download(a.http, sha, await a.token('province_officer', { provinceCode: '01' }))).status,
    ).toBe(404);
  });

  it('lets a commune read the report a district cites on its dossier, and no other commune', async () => {
    const tokens = await tokensFor(a, nongThuong);
    const district = tokens.district;
    const report = pdf('Báo cáo thẩm tra của UBND thành phố Bắc Kạn');
    const sha = (await upload(a.http, district, report, 'Bao cao tham tra.pdf')).body.sha256 as string;
    // The district's own upload names no commune: the commune does not see it yet.
    expect((await download(a.http, sha, tokens.commune)).status).toBe(404);
    const d = new DossierDriver(a, tokens, nongThuong);
    await d.open();
    await d.prepare();
    await d.submit();
    await d.districtStage();
    const { findings } = await import('../support/dossier-driver');
    const verified = await d.ok('verification', district, { findings: findings(), report: sha });
    const res = await download(httpB, sha, tokens.commune, `?minPosition=${verified.position}`);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body, report)).toBe(0);
    const neighbour = await a.token('commune_officer', {
      provinceCode: '06',
      districtCode: '058',
      communeCode: '01840',
    });
    expect((await download(a.http, sha, neighbour)).status).toBe(404);
  });
});
