import { dossierStreamId } from '@ntm/recognition';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { DEV_JWT_SECRET, EVENT_STORE } from '@ntm/application';
import type { EventStore } from '@ntm/event-store';
import { startTestApp, type TestApp } from '../support/harness';
import { openWhilePeriodOpen } from '../support/dossier-driver';
import { eventually } from '../support/eventually';

/**
 * Issue 9, items 1, 2, 3 and 9: the demo and development tokens never run in production, weak production
 * secrets stop the start, authorization fails closed on malformed claims and token lifetimes, and the HTTP
 * answers carry the usual protections.
 */

const root = path.resolve(__dirname, '../..');
const STRONG = {
  JWT_SECRET: 'Jq7v2ZkP9xW4mT1sR8nL3bY6hC0dF5gA-jwt',
  SURVEY_HMAC_KEY: 'Hs4kN8pQ2wE6rT0yU3iO7aS1dF5gJ9lZ-hmac',
};
/** A JWT's first segment ({"alg":...) always starts so: no token may appear in production output. */
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./;
/** A stack frame: a refused configuration is a list of problems, not a crash. */
const STACK_FRAME = /\n\s+at /;

/** Runs a TypeScript entry in a child process, as `node` would run its build; nothing it needs is reachable. */
const run = (
  entry: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', entry, ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        // Were anything to get past the refusal, it would find no database, Redis or port to use.
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
        REDIS_URL: 'redis://127.0.0.1:1',
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

describe('Production start (item 1: the demo; item 2: secrets)', () => {
  it('refuses the demo in production before anything starts, and prints no token', async () => {
    const started = await run('apps/main.ts', ['--demo'], { NODE_ENV: 'production', ...STRONG });
    expect(started.code).not.toBe(0);
    expect(started.output).toContain('The demo is refused in production');
    expect(started.output).not.toMatch(JWT);
    expect(started.output).not.toMatch(STACK_FRAME);

    const cliDemo = await run('apps/cli/src/main.ts', ['demo'], { NODE_ENV: 'production', ...STRONG });
    expect(cliDemo.code).not.toBe(0);
    expect(cliDemo.output).toContain('The demo is refused in production');
    expect(cliDemo.output).not.toMatch(JWT);

    const cliToken = await run('apps/cli/src/main.ts', ['token', '--role', 'admin'], {
      NODE_ENV: 'production',
      ...STRONG,
    });
    expect(cliToken.code).not.toBe(0);
    expect(cliToken.output).toContain('refused in production');
    expect(cliToken.output).not.toMatch(JWT);
  }, 180_000);

  it('refuses weak production secrets, naming every variable at once, without a stack trace', async () => {
    const weak = await run('apps/api/src/main.ts', [], {
      NODE_ENV: 'production',
      JWT_SECRET: DEV_JWT_SECRET,
      SURVEY_HMAC_KEY: 'abc',
    });
    expect(weak.code).not.toBe(0);
    expect(weak.output).toContain('JWT_SECRET is the development default from the source');
    expect(weak.output).toContain('SURVEY_HMAC_KEY is too short: 3 bytes, at least 32');
    expect(weak.output).not.toMatch(STACK_FRAME);

    const missing = await run('apps/worker/src/main.ts', [], { NODE_ENV: 'production' });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('JWT_SECRET is missing');
    expect(missing.output).toContain('SURVEY_HMAC_KEY is missing');
    expect(missing.output).not.toMatch(STACK_FRAME);
  }, 180_000);
});

describe('Fail-closed authorization (item 3)', () => {
  let t: TestApp;
  let store: EventStore;
  /** Every event stored, committed or not yet visible to readers (the head position lags behind open transactions). */
  let stored: () => Promise<number>;
  const commune = { provinceCode: '06', districtCode: '058', communeCode: '01843', name: 'xã Nông Thượng' };
  const openDossier = (token: string, dossierId = randomUUID()) =>
    openWhilePeriodOpen(t, '2021-2025', () =>
      t.http
        .post('/api/v1/dossiers')
        .set('authorization', `Bearer ${token}`)
        .send({ dossierId, commune, level: 'ntm', procedureVersion: '2021-2025', year: 2025 }),
    );
  const appointBoard = (token: string) =>
    t.http
      .post('/api/v1/emulation/provinces/06/board')
      .set('authorization', `Bearer ${token}`)
      .send({
        members: [
          { id: 'thu-ky-hd', name: 'Hoàng Thị Thư', role: 'secretary' },
          { id: 'uy-vien-1', name: 'Ủy viên 1', role: 'member' },
          { id: 'uy-vien-2', name: 'Ủy viên 2', role: 'member' },
        ],
        appointedOn: '2025-01-10',
      });

  beforeAll(async () => {
    t = await startTestApp('security_auth', { worker: false });
    store = t.app.get<EventStore>(EVENT_STORE);
    const db = t.app.get(DataSource);
    stored = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM "${t.config.schema}".es_events`))[0].n);
    // The count moves on a write, so an unchanged count below means nothing was written.
    const before = await stored();
    const proper = await t.token('commune_officer', {
      provinceCode: '06',
      districtCode: '058',
      communeCode: '01843',
    });
    expect((await openDossier(proper)).status).toBe(201);
    expect(await stored()).toBeGreaterThan(before);
  });
  afterAll(() => t.close());

  const now = () => Math.floor(Date.now() / 1000);
  const malformed: [string, string, Record<string, unknown>][] = [
    ['a commune officer with no codes', 'INVALID_TOKEN_CLAIMS', { role: 'commune_officer' }],
    [
      'a commune officer with a number for the commune code',
      'INVALID_TOKEN_CLAIMS',
      { role: 'commune_officer', provinceCode: '06', districtCode: '058', communeCode: 1843 },
    ],
    [
      'a commune officer with null codes',
      'INVALID_TOKEN_CLAIMS',
      { role: 'commune_officer', provinceCode: null, communeCode: null },
    ],
    [
      'a commune officer with an array for the province code',
      'INVALID_TOKEN_CLAIMS',
      { role: 'commune_officer', provinceCode: ['06'], communeCode: '01843' },
    ],
    ['an unknown role', 'INVALID_TOKEN_CLAIMS', { role: 'root', provinceCode: '06' }],
    [
      'no exp',
      'TOKEN_LIFETIME',
      { role: 'commune_officer', provinceCode: '06', communeCode: '01843', exp: undefined },
    ],
    [
      'a 30-day lifetime',
      'TOKEN_LIFETIME',
      { role: 'commune_officer', provinceCode: '06', communeCode: '01843', exp: now() + 30 * 86_400 },
    ],
  ];

  it.each(malformed)('refuses a token with %s: 401, and nothing is written', async (_, code, claims) => {
    const token = await t.rawToken({ sub: 'ke-tan-cong', ...claims });
    const head = await stored();
    const dossierId = randomUUID();
    const res = await openDossier(token, dossierId);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toMatch(/^Mã truy cập/);
    expect(await stored()).toBe(head);
    expect(await store.streamVersion(dossierStreamId(dossierId))).toBeNull();
  });

  it('refuses a token once it expires, though it was accepted (and remembered) before', async () => {
    const claims = { role: 'commune_officer', provinceCode: '06', districtCode: '058', communeCode: '01843' };
    const token = await t.rawToken({ sub: 'can-bo-xa', ...claims, iat: now(), exp: now() + 2 });
    const ask = () => t.http.get('/api/v1/board').set('authorization', `Bearer ${token}`);
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const refused = await eventually(async () => {
      const res = await ask();
      return res.status === 401 && res;
    }, 'the token to expire');
    expect(refused.body.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a chairman without codes (or with a number) appointing an emulation board; nothing is written', async () => {
    const head = await stored();
    for (const claims of [{}, { provinceCode: 6 }, { provinceCode: null }, { provinceCode: ['06'] }]) {
      const res = await appointBoard(await t.rawToken({ sub: 'chu-tich', role: 'chairman', ...claims }));
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_TOKEN_CLAIMS');
      expect(res.body.message).toContain('mã tỉnh');
    }
    expect(await stored()).toBe(head);
    // The same chairman with the province's code is allowed: the refusal is about the claims.
    const proper = await appointBoard(await t.token('chairman', { provinceCode: '06' }));
    expect(proper.status).toBe(200);
    expect(await stored()).toBeGreaterThan(head);
  });
});

describe('HTTP protections (item 9)', () => {
  describe('in development', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp('security_http_dev', { worker: false })));
    afterAll(() => t.close());

    it('sends helmet headers and no X-Powered-By', async () => {
      const res = await t.http.get('/api/health');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    });

    it('answers no CORS without an allow-list, and serves OpenAPI', async () => {
      const res = await t.http.get('/api/health').set('origin', 'https://evil.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect((await t.http.get('/api/docs-json')).status).toBe(200);
      // The page loads its scripts from the same origin, which the content security policy allows.
      const page = await t.http.get('/api/docs');
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/<script>[^<]/);
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(
      async () =>
        (t = await startTestApp('security_http_prod', {
          worker: false,
          // devTokens forced on: the production check must still keep the route away.
          config: {
            production: true,
            openApi: false,
            devTokens: true,
            corsOrigins: ['https://ntm.backan.gov.vn'],
          },
        })),
    );
    afterAll(() => t.close());

    it('allows only the listed origins', async () => {
      const listed = await t.http.get('/api/health').set('origin', 'https://ntm.backan.gov.vn');
      expect(listed.headers['access-control-allow-origin']).toBe('https://ntm.backan.gov.vn');
      const other = await t.http.get('/api/health').set('origin', 'https://ntm.backan.gov.vn.evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http
        .options('/api/v1/dossiers')
        .set('origin', 'https://evil.example')
        .set('access-control-request-method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('publishes no OpenAPI document and has no dev token route', async () => {
      expect((await t.http.get('/api/docs-json')).status).toBe(404);
      expect((await t.http.get('/api/docs')).status).toBe(404);
      const minted = await t.http.post('/api/v1/dev/tokens').send({ sub: 'x', role: 'admin' });
      expect(minted.status).toBe(404);
      expect(JSON.stringify(minted.body)).not.toMatch(JWT);
    });
  });

  describe('in production with OPENAPI=on', () => {
    let t: TestApp;
    beforeAll(
      async () =>
        (t = await startTestApp('security_http_openapi', {
          worker: false,
          config: { production: true, openApi: true, devTokens: false },
        })),
    );
    afterAll(() => t.close());

    it('publishes the OpenAPI document', async () => {
      expect((await t.http.get('/api/docs-json')).status).toBe(200);
    });
  });
});
