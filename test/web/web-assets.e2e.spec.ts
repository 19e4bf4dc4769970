import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/harness';

/*
 * The web app's files as the API process serves them: a hashed script in the encoding the browser accepts, as the
 * build compressed it (file.br, file.gz), cached for a year; index.html for the app's own routes, never cached.
 */
describe('web app files', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'ntm-web-'));
  const script = 'console.log("nông thôn mới");\n'.repeat(200);

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Hồ sơ nông thôn mới</title>');
    writeFileSync(join(dir, 'assets/index-abc123.js'), script);
    // Each compressed copy says which it is, so an answer compressed on the fly would show.
    writeFileSync(join(dir, 'assets/index-abc123.js.br'), brotliCompressSync(`${script}// br`));
    writeFileSync(join(dir, 'assets/index-abc123.js.gz'), gzipSync(`${script}// gzip`));
    // A stray file under the API's path in the app's folder: the API's routes never look at the folder.
    mkdirSync(join(dir, 'api/health'), { recursive: true });
    writeFileSync(join(dir, 'api/health/live'), 'tệp tĩnh, không phải API');
    t = await startTestApp('web_assets', { worker: false, config: { webDir: dir } });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
  ])(
    'a script asked for with Accept-Encoding "%s" comes as %s, compressed at build',
    async (accepted, sent) => {
      const res = await t.http.get('/assets/index-abc123.js').set('Accept-Encoding', accepted).buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(sent);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(res.text).toBe(`${script}// ${sent}`);
    },
  );

  it('a script asked for without compression comes as it is, cached for a year', async () => {
    const res = await t.http.get('/assets/index-abc123.js').set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(script);
  });

  it("the app's own routes answer index.html, never cached", async () => {
    const res = await t.http.get('/ho-so/123').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('Hồ sơ nông thôn mới');
  });

  it("the API's paths are the API's alone: no file of the app's folder answers them, none is looked up", async () => {
    const res = await t.http.get('/api/health/live');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.text).not.toContain('tệp tĩnh');
  });
});
