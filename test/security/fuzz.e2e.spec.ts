import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Test } from 'supertest';
import { ROLES, type Role } from '@ntm/decider';
import type { EventStore } from '@ntm/event-store';
import { EVENT_STORE } from '@ntm/application';
import { startTestApp, type TestApp } from '../support/harness';
import { openWhilePeriodOpen } from '../support/dossier-driver';

// A bounded, seeded fuzz of every route of the OpenAPI document (issue 9): malformed bodies, path and query
// parameters and headers, with a token of a fitting role where one fits. No answer may be a 5xx, no request may
// hang, and no refused request may append an event (the store's head position is compared around each one).

const SEED = 20_261_130;
/** Requests per operation; with ~90 operations, about 900 requests. */
const PER_OPERATION = 10;
/** Per-request bound: a hang fails the run instead of stalling it. */
const REQUEST_TIMEOUT_MS = 10_000;
const PROVINCE = '06';
const COMMUNE = { provinceCode: PROVINCE, districtCode: '058', communeCode: '01843' };

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

/** A deterministic pseudo-random source (mulberry32), so every run sends the same requests. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
};
type Rng = ReturnType<typeof prng>;

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

// Hostile values for any field: wrong types, nulls, huge strings, deep nesting, arrays where objects belong.
const HOSTILE_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  -1e308,
  1e308,
  2 ** 53 + 1,
  true,
  '',
  ' ',
  'zzz',
  'x'.repeat(100_000),
  '=HYPERLINK("http://evil.example","x")',
  '\u0000\u0001',
  '💥'.repeat(2_000),
  '2025-13-45T99:99:99Z',
  '../../../etc/passwd',
  "'; DROP TABLE es_events; --",
  [],
  {},
  [null],
  [[]],
  [{}],
  Array.from({ length: 1_500 }, () => 'x'),
  Array.from({ length: 3_000 }, () => ({ a: 1 })),
  nest(40),
  nest(8, 'x'.repeat(1000)),
  Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])),
  // Random JSON of every shape, from fast-check, seeded.
  ...fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed: SEED, numRuns: 40 }),
  ...fc.sample(fc.string({ unit: 'binary', maxLength: 200 }), { seed: SEED + 1, numRuns: 20 }),
];

// Whole bodies, sent raw with their content type.
const RAW_BODIES: readonly [string, string][] = [
  ['application/json', '{'],
  ['application/json', '{"a":'],
  ['application/json', 'null'],
  ['application/json', '[]'],
  ['application/json', '"text"'],
  ['application/json', '123'],
  ['application/json', '\uFEFF{}'],
  ['application/json', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
  ['application/json', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`],
  ['application/json', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'],
  ['application/json', `[${Array.from({ length: 100_000 }, () => '0').join(',')}]`],
  ['application/json; charset=klingon', '{}'],
  ['application/json; charset=utf-16', '{}'],
  ['text/plain', 'hello'],
  ['text/csv', 'ma_ho,ten\n1,"'],
  ['application/x-www-form-urlencoded', 'a[b][c][d][e][f][g][h]=1&a=2&__proto__[x]=1'],
  ['application/xml', '<a><b/></a>'],
  [
    'multipart/form-data; boundary=zzz',
    '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nabc\r\n--zzz--\r\n',
  ],
  ['multipart/form-data', 'not multipart at all'],
  ['application/octet-stream', '\u0000\u0001\u0002'],
];

const HOSTILE_PARAMS: readonly string[] = [
  'zzz',
  '',
  '-1',
  '0',
  '1e999',
  'null',
  '[]',
  '%00',
  '%FF',
  '..%2F..%2Fetc',
  'x'.repeat(5_000),
  '9'.repeat(400),
  '00000000000000000001-0000000000000000000x',
  '%E2%80%AE',
  'true',
];

const HOSTILE_HEADERS: readonly [string, string][] = [
  ['if-match', 'W/"x"'],
  ['if-match', '9'.repeat(60)],
  ['if-match', '-1'],
  ['idempotency-key', 'k'.repeat(300)],
  ['idempotency-key', ' '],
  ['x-correlation-id', 'x'.repeat(5_000)],
  ['x-correlation-id', 'a b c'],
  ['content-type', 'application/json; charset=klingon'],
  ['content-encoding', 'gzip'],
  ['content-encoding', 'br, deflate, zstd'],
  ['accept', 'application/x-evil'],
];

const AUTH_NOISE: readonly (string | null)[] = [
  null,
  'Bearer',
  'Bearer x.y.z',
  'Basic YWRtaW46YWRtaW4=',
  `Bearer ${'a'.repeat(10_000)}`,
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.',
];

/** A value that fits the schema, so that one mutation at a time shows what each check does. */
const exampleOf = (doc: OpenAPIObject, schema: Schema | undefined, depth = 0): unknown => {
  if (!schema || depth > 8) return null;
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return exampleOf(doc, doc.components?.schemas?.[name] as Schema, depth + 1);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(doc, s, depth + 1)));
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [exampleOf(doc, schema.items, depth + 1)];
    case 'string':
      if (schema.format === 'date-time') return '2025-06-01T08:00:00+07:00';
      if (schema.format === 'date') return '2025-06-01';
      if (schema.format === 'uuid') return randomUUID();
      if (schema.pattern?.includes('0-9a-f]{64}')) return 'a'.repeat(64);
      if (schema.pattern?.includes('\\d{20}')) return undefined;
      if (schema.pattern) return PROVINCE;
      return 'Nội dung';
    default: {
      if (!schema.properties) return {};
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties)) {
        const value = exampleOf(doc, prop, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
  }
};

/** Every place in a value a mutation can land: [container, key]. */
const placesIn = (value: unknown, out: [Record<string, unknown>, string][] = [], depth = 0) => {
  if (depth > 6 || value === null || typeof value !== 'object') return out;
  for (const key of Object.keys(value)) {
    out.push([value as Record<string, unknown>, key]);
    placesIn((value as Record<string, unknown>)[key], out, depth + 1);
  }
  return out;
};

/** The fitting body with one or two fields replaced by a hostile value, removed, or joined by an unknown one. */
const mutate = (rng: Rng, body: unknown): unknown => {
  const copy = structuredClone(body);
  const places = placesIn(copy);
  if (places.length === 0) return rng.pick(HOSTILE_VALUES);
  for (let n = 1 + rng.int(2); n > 0; n--) {
    const [container, key] = rng.pick(places);
    const roll = rng.int(10);
    if (roll === 0) delete container[key];
    else if (roll === 1) container[`extra_${key}`] = rng.pick(HOSTILE_VALUES);
    else container[key] = rng.pick(HOSTILE_VALUES);
  }
  return copy;
};

const operationsOf = (doc: OpenAPIObject): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => {
      const op = (item as Record<string, unknown>)[method] as
        | {
            parameters?: Parameter[];
            requestBody?: { content?: Record<string, { schema?: Schema }> };
            responses?: Record<string, { content?: Record<string, unknown> }>;
          }
        | undefined;
      if (!op) return [];
      // A live stream (server-sent events) never ends by design: test/notifications checks it.
      if (Object.values(op.responses ?? {}).some((r) => r.content?.['text/event-stream'])) return [];
      const content = op.requestBody?.content ?? {};
      return [
        {
          method,
          path,
          parameters: op.parameters ?? [],
          body: (content['application/json'] ?? Object.values(content)[0])?.schema,
        },
      ];
    }),
  );

/** Roles that may plausibly call a route, so that requests get past authentication to validation and rules. */
const rolesFor = (path: string): Role[] => {
  if (path.startsWith('/api/v1/dossiers') && path.includes('/surveys'))
    return ['front_officer', 'commune_officer'];
  if (path.startsWith('/api/v1/dossiers'))
    return ['commune_officer', 'district_officer', 'province_officer', 'council_member', 'chairman'];
  if (path.startsWith('/api/v1/surveys')) return ['front_officer', 'commune_officer'];
  if (path.startsWith('/api/v1/documents')) return ['commune_officer'];
  if (path.startsWith('/api/v1/emulation'))
    return ['chairman', 'emulation_secretary', 'emulation_member', 'province_officer', 'district_officer'];
  if (path.startsWith('/api/v1/admin') || path.startsWith('/api/v1/plans'))
    return ['admin', 'province_officer'];
  return ['province_officer', 'admin', 'commune_officer'];
};

const claimsFor = (role: Role) =>
  role === 'admin'
    ? {}
    : ['commune_officer', 'front_officer'].includes(role)
      ? COMMUNE
      : role === 'district_officer'
        ? { provinceCode: PROVINCE, districtCode: COMMUNE.districtCode }
        : { provinceCode: PROVINCE };

interface Totals {
  requests: number;
  byClass: Record<string, number>;
  byStatus: Record<number, number>;
}

describe('Fuzz of every route from the OpenAPI document', () => {
  let t: TestApp;
  let store: EventStore;
  let doc: OpenAPIObject;
  let dossierId: string;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp('security_fuzz', { worker: true });
    store = t.app.get<EventStore>(EVENT_STORE);
    doc = SwaggerModule.createDocument(t.app, new DocumentBuilder().addBearerAuth().build());
    // Every role a person can hold: the system's own role is never in a token.
    for (const role of ROLES.filter((r) => r !== 'system'))
      tokens.set(role, await t.token(role, claimsFor(role)));
    // A real dossier, so that dossier routes reach the decider with state, not only 404.
    const opened = await openWhilePeriodOpen(t, '2021-2025', () =>
      t.http
        .post('/api/v1/dossiers')
        .set('authorization', `Bearer ${tokens.get('commune_officer')}`)
        .send({
          commune: { ...COMMUNE, name: 'xã Nông Thượng' },
          level: 'ntm',
          procedureVersion: '2021-2025',
          year: 2025,
        }),
    );
    expect(opened.status).toBe(201);
    dossierId = opened.body.dossierId;
  });
  afterAll(() => t.close());

  it('answers every malformed request with 4xx, quickly, and writes nothing for a refusal', async () => {
    const rng = prng(SEED);
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(80);
    const totals: Totals = { requests: 0, byClass: {}, byStatus: {} };
    const serverErrors: string[] = [];
    const hangs: string[] = [];
    const writesOnRefusal: string[] = [];
    const slowest: [number, string][] = [];
    const started = Date.now();
    let lastHead = await store.committedPosition();

    const fittingParam = (name: string, p: Parameter | undefined): string => {
      if (name === 'id') return rng.chance(0.5) ? dossierId : randomUUID();
      if (name === 'provinceCode') return PROVINCE;
      if (name === 'format') return rng.pick(['csv', 'xlsx']);
      if (name === 'sha256') return 'a'.repeat(64);
      return String((exampleOf(doc, p?.schema) as string | number | undefined) ?? 'abc');
    };

    for (const op of operations) {
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      const queryParams = op.parameters.filter((p) => p.in === 'query');
      const fitting = op.body ? exampleOf(doc, op.body) : undefined;
      for (let i = 0; i < PER_OPERATION; i++) {
        // What to break this time: the body (most often), a path or query parameter, a header, or nothing.
        const picked =
          i === 0 ? 'none' : rng.pick(['body', 'body', 'body', 'raw', 'path', 'query', 'header']);
        // A GET has no body to break: its query is broken instead.
        const target = op.method === 'get' && (picked === 'body' || picked === 'raw') ? 'query' : picked;
        let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const p = pathParams.find((x) => x.name === name);
          return target === 'path' && rng.chance(0.7)
            ? rng.pick(HOSTILE_PARAMS)
            : encodeURIComponent(fittingParam(name, p));
        });
        const query: string[] = [];
        for (const p of queryParams) {
          if (target === 'query' && rng.chance(0.6)) {
            const v = rng.pick(HOSTILE_PARAMS);
            query.push(`${p.name}=${v}`);
            if (rng.chance(0.3)) query.push(`${p.name}=${v}`);
          } else if (p.required)
            query.push(
              `${p.name}=${encodeURIComponent(String((exampleOf(doc, p.schema) as string | number | undefined) ?? '1'))}`,
            );
        }
        if (target === 'query' && rng.chance(0.3)) query.push('unknown=1');
        if (query.length) url += `?${query.join('&')}`;

        let req: Test = t.http[op.method](url).timeout({
          response: REQUEST_TIMEOUT_MS,
          deadline: REQUEST_TIMEOUT_MS,
        });
        const auth = rng.chance(0.1)
          ? rng.pick(AUTH_NOISE)
          : `Bearer ${tokens.get(rng.pick(rolesFor(op.path)))}`;
        if (auth) req = req.set('authorization', auth);
        if (target === 'header') {
          const [name, value] = rng.pick(HOSTILE_HEADERS);
          req = req.set(name, value);
        }
        if (target === 'raw') {
          const [type, raw] = rng.pick(RAW_BODIES);
          req = req.set('content-type', type).send(raw);
        } else if (op.method !== 'get') {
          const body = target === 'body' ? mutate(rng, fitting ?? {}) : (fitting ?? {});
          req = req.set('content-type', 'application/json').send(JSON.stringify(body) ?? 'null');
        }

        const label = `${op.method.toUpperCase()} ${url.slice(0, 160)} [${target}]`;
        let status: number;
        let reportStatus: unknown;
        const sent = Date.now();
        try {
          const res = await req;
          status = res.status;
          reportStatus = (res.body as { status?: unknown } | undefined)?.status;
          slowest.push([Date.now() - sent, label]);
        } catch (e) {
          const err = e as { timeout?: unknown; status?: number; code?: string };
          if (err.timeout || err.code === 'ECONNABORTED') {
            hangs.push(label);
            lastHead = await store.committedPosition();
            continue;
          }
          throw e;
        }
        totals.requests++;
        totals.byStatus[status] = (totals.byStatus[status] ?? 0) + 1;
        const cls = `${Math.floor(status / 100)}xx`;
        totals.byClass[cls] = (totals.byClass[cls] ?? 0) + 1;
        // The health routes answer 503 with their report when a dependency is slower than the probe's limit (a
        // loaded machine): an answer about the database, not about the request, so not a server error.
        const healthReport = status === 503 && op.path.startsWith('/api/health') && reportStatus === 'error';
        if (status >= 500 && !healthReport) serverErrors.push(`${label} → ${status}`);
        // Any move of the newest committed write is this request's (the worker's process managers act on the
        // dossier opened above, long before): committed, not visible, so that a write hidden by another test
        // run's open transaction is not blamed on a later refusal.
        const head = await store.committedPosition();
        if (status >= 400 && head !== lastHead) writesOnRefusal.push(`${label} → ${status}`);
        lastHead = head;
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: seed ${SEED}, ${operations.length} operations, ${totals.requests} requests in ${seconds} s; ` +
        `by class ${JSON.stringify(totals.byClass)}; by status ${JSON.stringify(totals.byStatus)}; ` +
        `5xx ${serverErrors.length}, hangs ${hangs.length}, writes by refused requests ${writesOnRefusal.length}; ` +
        `slowest: ${slowest
          .sort((a, b) => b[0] - a[0])
          .slice(0, 5)
          .map(([ms, label]) => `${ms} ms ${label.slice(0, 100)}`)
          .join(' | ')}`,
    );
    expect(serverErrors).toEqual([]);
    expect(hangs).toEqual([]);
    expect(writesOnRefusal).toEqual([]);
    // Most requests are malformed, so most answers are refusals.
    expect(totals.byClass['4xx']).toBeGreaterThan(totals.requests / 2);
  }, 340_000);
});
