import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import { configFromEnv, TokenService } from '@ntm/application';
import { formatNumber, printTable } from './support/measure';
import { clockWhileDistrictProcedureOpen } from '../apps/cli/src/dev-clock';
import { dossierStepBodies } from '../test/fixtures/dossier-step-bodies';
import { dropSchema, startProcess as startNode, stopProcess } from './support/process';

/**
 * The path users feel: commands over HTTP against real API processes on this machine (auth, validation,
 * load, decide, append, idempotency record), 50 concurrent clients each walking dossiers from opening to
 * announcement (18 commands a dossier, each with its own Idempotency-Key), beside a bare NestJS route that
 * does one INSERT, at the same concurrency, in a process of its own; and the API's pipeline alone (a route
 * that does nothing), the floor under any command. Then the same with two processes of each,
 * the clients going round robin over them. Sizes: BENCH_HTTP_CLIENTS (50), BENCH_HTTP_SECONDS per phase (12),
 * BENCH_HTTP_WARMUP_SECONDS (2, not counted), BENCH_HTTP_ROUNDS (3: the slices each phase is measured in, in turns).
 *
 * BENCH_HTTP_AGAINST=<another build's dist/apps/api/src/main.js> runs instead one API process of this build and
 * one of the other side by side, each with half the clients and a schema of its own, measured in the same window:
 * on a machine whose speed moves from one minute to the next, the pair compares two builds where runs one after
 * the other cannot. BENCH_HTTP_AGAINST_NODE_OPTIONS gives the other build's process Node options of its own (the
 * same build twice then compares two settings).
 */
const SCHEMA = 'bench_http';
const CLIENTS = Number(process.env.BENCH_HTTP_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 12);
const WARMUP_SECONDS = Number(process.env.BENCH_HTTP_WARMUP_SECONDS ?? 2);
/**
 * Each scenario's measured seconds are cut into this many slices, taken in turns (bare, commands, pipeline, bare,
 * ...), all servers running throughout: this machine's speed moves by a fifth from one minute to the next, and a
 * ratio of two phases run one after the other moved with it. A slice after the first warms up for a second.
 */
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
const SLICE_WARMUP_SECONDS = 1;
/** The bare route's processes listen this far above the API's ports (both kinds run at once). */
const BARE_PORT_OFFSET = 50;
const BASE_PORT = Number(process.env.BENCH_HTTP_PORT ?? 3710);
/**
 * How clients spread over processes: `client` (default) gives each client one process, as a load balancer
 * does with keep-alive connections (Kubernetes Services, nginx balance per connection); `request` alternates
 * every request, so a dossier's next command usually meets the other process's stale cache.
 */
const BALANCE = process.env.BENCH_HTTP_BALANCE === 'request' ? 'request' : 'client';
/** Which process counts to run: BENCH_HTTP_PROCESSES=1 runs the one-process phases only. */
const PROCESS_COUNTS = (process.env.BENCH_HTTP_PROCESSES ?? '1,2').split(',').map(Number);

// ---------------------------------------------------------------------------------------------------------
// The baseline: a NestJS app with one route doing one INSERT (run in a child process of its own).

@Controller()
class BareController {
  static pool: Pool;
  @Post('bare')
  async insert(@Body() body: unknown) {
    const id = randomUUID();
    await BareController.pool.query(`INSERT INTO ${SCHEMA}.bare (id, data) VALUES ($1, $2)`, [
      id,
      JSON.stringify(body),
    ]);
    return { id };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

const serveBare = async (port: number) => {
  const { databaseUrl } = configFromEnv({ ...process.env, NODE_ENV: 'development' });
  // The same pool size as each of the API's two pools.
  BareController.pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(port, '127.0.0.1');
};

// ---------------------------------------------------------------------------------------------------------
// Processes.

/** Node options for both kinds of server (e.g. "--max-semi-space-size=64"); none by default, as the image runs. */
const SERVER_NODE_OPTIONS = process.env.BENCH_HTTP_NODE_OPTIONS ?? '';

// BENCH_HTTP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the API processes.
const startProcess = (script: string, port: number, env: Record<string, string>): Promise<ChildProcess> =>
  startNode(
    script,
    port,
    { NODE_OPTIONS: SERVER_NODE_OPTIONS, ...env },
    env.BENCH_HTTP_ROLE ? [] : (process.env.BENCH_HTTP_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );

// ---------------------------------------------------------------------------------------------------------
// CPU time: on a shared machine the wall-clock figures move with everyone else's load, the CPU a request costs
// much less. Read from /proc (Linux, PostgreSQL on this machine); elsewhere the columns stay empty.

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process, or null when /proc cannot tell. */
const cpuSeconds = (pid: number): number | null => {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
};

/** A process's peak resident memory in MiB (VmHWM), or null when /proc cannot tell. */
const peakMemoryMiB = (pid: number | undefined): number | null => {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? null : Number(kib) / 1024;
  } catch {
    return null;
  }
};

/** CPU seconds of the server processes and of the database's client backends, at one moment. */
interface CpuSnapshot {
  readonly servers: number | null;
  /** This process: the load's clients, which share the machine with the servers. */
  readonly clients: number;
  readonly backends: ReadonlyMap<number, number>;
}

const cpuSnapshot = async (db: Client, servers: readonly ChildProcess[]): Promise<CpuSnapshot> => {
  const own = servers.map((c) => (c.pid ? cpuSeconds(c.pid) : null));
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    const cpu = cpuSeconds(pid);
    if (cpu !== null) backends.set(pid, cpu);
  }
  const usage = process.cpuUsage();
  return {
    servers: own.some((c) => c === null) ? null : own.reduce<number>((a, c) => a + (c ?? 0), 0),
    clients: (usage.user + usage.system) / 1e6,
    backends,
  };
};

/** CPU seconds spent between two snapshots (a backend born meanwhile counts from its start). */
const cpuSpent = (from: CpuSnapshot, to: CpuSnapshot) => ({
  servers: from.servers === null || to.servers === null ? null : to.servers - from.servers,
  clients: to.clients - from.clients,
  database: [...to.backends].reduce((sum, [pid, cpu]) => sum + cpu - (from.backends.get(pid) ?? 0), 0),
});

// ---------------------------------------------------------------------------------------------------------
// Load.

interface Stats {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly firstError?: string;
  /** CPU seconds in the measured window: the server processes, and PostgreSQL's backends. */
  readonly cpu?: { readonly servers: number | null; readonly clients: number; readonly database: number };
  /** The largest peak resident memory of the server processes, MiB (a pod's memory limit is set against it). */
  readonly peakMemoryMiB: number | null;
}

/** A phase's warm-up (not counted) and measured seconds. */
interface Timing {
  readonly warmupSeconds: number;
  readonly seconds: number;
}

/** Slices of one scenario as one measurement: counts, seconds and CPU added, latencies pooled, the highest peak. */
const combine = (slices: readonly Stats[]): Stats => {
  const sum = (f: (s: Stats) => number) => slices.reduce((a, s) => a + f(s), 0);
  const servers = slices.map((s) => s.cpu?.servers ?? null);
  const peaks = slices.map((s) => s.peakMemoryMiB);
  return {
    requests: sum((s) => s.requests),
    errors: sum((s) => s.errors),
    seconds: sum((s) => s.seconds),
    latenciesMs: slices.flatMap((s) => s.latenciesMs),
    firstError: slices.find((s) => s.firstError)?.firstError,
    cpu: {
      servers: servers.includes(null) ? null : sum((s) => s.cpu?.servers ?? 0),
      clients: sum((s) => s.cpu?.clients ?? 0),
      database: sum((s) => s.cpu?.database ?? 0),
    },
    peakMemoryMiB: peaks.includes(null) ? null : Math.max(...(peaks as number[])),
  };
};

/**
 * `clients` loops of `work` for warm-up + measured seconds; only requests that start in the measured window
 * count. `work(client, send)` runs one unit (a dossier walk, one insert) through `send`.
 */
const drive = async (
  bases: readonly string[],
  clients: number,
  work: (client: number, send: Send) => Promise<void>,
  servers: readonly ChildProcess[],
  db: Client,
  { warmupSeconds, seconds }: Timing = { warmupSeconds: WARMUP_SECONDS, seconds: SECONDS },
): Promise<Stats> => {
  const sends = Array.from({ length: clients }, (_, client) => sender(client));
  const latencies: number[] = [];
  let errors = 0;
  let requests = 0;
  let firstError: string | undefined;
  let turn = 0;
  const startedAt = performance.now();
  const measureFrom = startedAt + warmupSeconds * 1000;
  const stopAt = measureFrom + seconds * 1000;
  function sender(client: number): Send {
    return (method, path, token, body, headers) =>
      send(
        BALANCE === 'client' ? bases[client % bases.length] : bases[turn++ % bases.length],
        method,
        path,
        token,
        body,
        headers,
      );
  }
  const send = async (base: string, ...[method, path, token, body, headers = {}]: Parameters<Send>) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const t1 = performance.now();
    if (t0 >= measureFrom && t1 <= stopAt) {
      requests++;
      latencies.push(t1 - t0);
    }
    if (res.status >= 300) {
      errors++;
      firstError ??= `${method} ${path}: ${res.status} ${text.slice(0, 300)}`;
      throw new Error(firstError);
    }
    return text ? JSON.parse(text) : undefined;
  };
  const at = (ms: number) =>
    new Promise<CpuSnapshot>((resolve, reject) =>
      setTimeout(() => void cpuSnapshot(db, servers).then(resolve, reject), ms - performance.now()),
    );
  const window = Promise.all([at(measureFrom), at(stopAt)]);
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < stopAt) await work(client, sends[client]).catch(() => undefined);
    }),
  );
  const [from, to] = await window;
  const peaks = servers.map((c) => peakMemoryMiB(c.pid));
  return {
    peakMemoryMiB: peaks.some((m) => m === null) ? null : Math.max(...(peaks as number[])),
    requests,
    errors,
    seconds,
    latenciesMs: latencies,
    firstError,
    cpu: cpuSpent(from, to),
  };
};

type Send = (
  method: 'GET' | 'POST',
  path: string,
  token: string | null,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** CPU milliseconds a request, from the seconds a scenario spent; '-' when /proc could not tell. */
const perRequest = (seconds: number | null | undefined, s: Stats, digits = 2): string =>
  seconds === null || seconds === undefined || s.requests === 0
    ? '-'
    : ((1000 * seconds) / s.requests).toFixed(digits);

/** The servers' peak memory, MiB, as a table cell. */
const peakCell = (s: Stats): string =>
  s.peakMemoryMiB === null ? '-' : formatNumber(Math.round(s.peakMemoryMiB));

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

// ---------------------------------------------------------------------------------------------------------
// The dossier walk.

const place = { provinceCode: '06', districtCode: '058', communeCode: '01843' };
const evidencePdf = (n: number): Buffer =>
  Buffer.from(`%PDF-1.4\n% Tài liệu minh chứng số ${n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'utf8');
const sha = (n: number): string => createHash('sha256').update(evidencePdf(n)).digest('hex');
const DOCUMENTS = [...Array.from({ length: 19 }, (_, i) => i + 1), 50, 99];

const mintTokens = async () => {
  const tokens = new TokenService(configFromEnv({ ...process.env, NODE_ENV: 'development' }).jwtSecret);
  const province = { provinceCode: place.provinceCode };
  const mint = (sub: string, role: Parameters<TokenService['mint']>[0]['role'], claims: object) =>
    tokens.mint({ sub, role, ...claims });
  return {
    commune: await mint('bench-xa', 'commune_officer', place),
    front: await mint('bench-mttq', 'front_officer', place),
    district: await mint('bench-huyen', 'district_officer', {
      ...province,
      districtCode: place.districtCode,
    }),
    province: await mint('bench-tinh', 'province_officer', province),
    council: [
      await mint('bench-hd-1', 'council_member', province),
      await mint('bench-hd-2', 'council_member', province),
      await mint('bench-hd-3', 'council_member', province),
    ],
    chairman: await mint('bench-ct', 'chairman', province),
  };
};
type Tokens = Awaited<ReturnType<typeof mintTokens>>;

const uploadEvidence = async (base: string, token: string) => {
  for (const n of DOCUMENTS) {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(evidencePdf(n))], { type: 'application/pdf' }),
      `mc-${n}.pdf`,
    );
    const res = await fetch(`${base}/api/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`upload ${n}: ${res.status} ${await res.text()}`);
  }
};

/**
 * One dossier from opening to announcement: 18 commands, each with an Idempotency-Key. The servers run
 * `offsetMs` from real time (a day 2021-2025 dossiers could be opened): the postings' dates are of their days.
 */
const walkDossier = (tokens: Tokens, offsetMs: number) => async (client: number, send: Send) => {
  const daysAgo = (n: number) => new Date(Date.now() + offsetMs - n * 86_400_000).toISOString();
  const body = dossierStepBodies(sha, daysAgo, client);
  const walk = randomUUID();
  let step = 0;
  const key = () => ({ 'Idempotency-Key': `bench-${walk}-${++step}` });
  const opened = await send('POST', '/api/v1/dossiers', tokens.commune, body.open, key());
  const at = (path: string) => `/api/v1/dossiers/${opened.dossierId}/${path}`;
  await send('POST', at('self-assessment'), tokens.commune, body.selfAssessment, key());
  await send('POST', at('public-posting'), tokens.commune, body.publicPosting, key());
  await send('POST', at('public-posting/comments'), tokens.commune, body.publicComment, key());
  await send('POST', at('public-posting/close'), tokens.commune, {}, key());
  await send('POST', at('survey-result'), tokens.front, body.surveyResult, key());
  await send('POST', at('commune-meeting'), tokens.commune, body.communeMeeting, key());
  await send('POST', at('submission'), tokens.commune, body.submission, key());
  await send('POST', at('district/posting'), tokens.district, body.districtPosting, key());
  await send('POST', at('district/posting/close'), tokens.district, {}, key());
  await send('POST', at('district/vote'), tokens.district, body.districtVote, key());
  await send('POST', at('verification'), tokens.district, body.verification, key());
  await send('POST', at('appraisal/posting'), tokens.province, body.appraisalPosting, key());
  await send('POST', at('appraisal/posting/close'), tokens.province, {}, key());
  for (const member of tokens.council)
    await send('POST', at('appraisal/votes'), member, body.councilVote, key());
  await send('POST', at('appraisal/conclusion'), tokens.province, body.appraisalConclusion, key());
  await send('POST', at('decision'), tokens.chairman, body.decision, key());
  await send('POST', at('announcement'), tokens.province, body.announcement, key());
};

/**
 * The API's own pipeline with nothing to do (helmet, request log, global guard and filter, the router): the
 * floor under any command, measured in the same API processes after the walk.
 */
const pipelineOnly = async (_client: number, send: Send) => {
  await send('GET', '/api/health/live', null);
};

/** The baseline's unit: one request, one INSERT. */
const bareInsert = async (client: number, send: Send) => {
  await send('POST', '/bare', null, { client, step: 'self-assessment', at: new Date().toISOString() });
};

// ---------------------------------------------------------------------------------------------------------

const resetSchema = async (databaseUrl: string) => {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    await db.query(`CREATE TABLE ${SCHEMA}.bare (id uuid PRIMARY KEY, data jsonb NOT NULL)`);
  } finally {
    await db.end();
  }
};

export const httpBench = async (): Promise<void> => {
  if (process.env.BENCH_HTTP_AGAINST) return pairedBench(process.env.BENCH_HTTP_AGAINST);
  const config = configFromEnv({ ...process.env, NODE_ENV: 'development' });
  // The database may not exist yet: the first API process creates it, then the schema starts afresh.
  await resetSchema(config.databaseUrl).catch(async () => {
    const api = await startProcess(join(__dirname, '..', 'apps', 'api', 'src', 'main.js'), BASE_PORT, apiEnv);
    await stopProcess(api);
    await resetSchema(config.databaseUrl);
  });
  const tokens = await mintTokens();
  const apiScript = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
  const rows: string[][] = [];
  const results: Record<string, Stats> = {};

  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  try {
    for (const processes of PROCESS_COUNTS) {
      const ports = Array.from({ length: processes }, (_, i) => BASE_PORT + i);
      const bases = ports.map((p) => `http://127.0.0.1:${p}`);

      const bareBases = ports.map((p) => `http://127.0.0.1:${p + BARE_PORT_OFFSET}`);
      const bare: ChildProcess[] = [];
      const apis: ChildProcess[] = [];
      try {
        bare.push(
          ...(await Promise.all(
            ports.map((p) => startProcess(__filename, p + BARE_PORT_OFFSET, { BENCH_HTTP_ROLE: 'bare' })),
          )),
        );
        // One after the other: the first creates and migrates the schema.
        for (const p of ports) apis.push(await startProcess(apiScript, p, apiEnv));
        await uploadEvidence(bases[0], tokens.commune);
        const offsetMs = await clockWhileDistrictProcedureOpen(bases);
        const phases: [string, (timing: Timing) => Promise<Stats>][] = [
          ['bare', (t) => drive(bareBases, CLIENTS, bareInsert, bare, db, t)],
          ['api', (t) => drive(bases, CLIENTS, walkDossier(tokens, offsetMs), apis, db, t)],
          ['floor', (t) => drive(bases, CLIENTS, pipelineOnly, apis, db, t)],
        ];
        // In turns: each scenario's slices are spread over the same minutes as the others'.
        const slices = new Map<string, Stats[]>(phases.map(([name]) => [name, []]));
        for (let round = 0; round < ROUNDS; round++)
          for (const [name, run] of phases)
            slices.get(name)!.push(
              await run({
                warmupSeconds: round === 0 ? WARMUP_SECONDS : SLICE_WARMUP_SECONDS,
                seconds: SECONDS / ROUNDS,
              }),
            );
        for (const [name, stats] of slices) results[`${name}-${processes}`] = combine(stats);
      } finally {
        await Promise.all([...bare, ...apis].map(stopProcess));
      }

      const api = results[`api-${processes}`];
      const base = results[`bare-${processes}`];
      const floor = results[`floor-${processes}`];
      const label = processes === 1 ? '1 process' : `${processes} processes`;
      const row = (what: string, s: Stats, ratio: string) => [
        `${what}, ${label}`,
        formatNumber(Math.round(s.requests / s.seconds)),
        percentile(s.latenciesMs, 50).toFixed(1),
        percentile(s.latenciesMs, 99).toFixed(1),
        formatNumber(s.errors),
        perRequest(s.cpu?.servers, s),
        perRequest(s.cpu?.database, s),
        perRequest(s.cpu?.clients, s),
        peakCell(s),
        ratio,
      ];
      rows.push(row('bare NestJS route, one INSERT', base, '-'));
      rows.push(
        row(
          'dossier commands (full path)',
          api,
          `${Math.round((100 * api.requests) / api.seconds / (base.requests / base.seconds))}%`,
        ),
      );
      rows.push(row("API's pipeline, no work (GET /api/health/live)", floor, '-'));
      for (const [name, s] of [
        ['bare', base],
        ['api', api],
        ['floor', floor],
      ] as const)
        if (s.firstError) console.log(`first error (${name}, ${label}): ${s.firstError}`);
    }
  } finally {
    await db.end();
  }

  printTable(
    `HTTP, ${CLIENTS} concurrent clients (balanced per ${BALANCE}), ${SECONDS} s per phase in ${ROUNDS} slices taken in turns, after ${WARMUP_SECONDS} s warm-up (commands: 18 per dossier walk, each with an Idempotency-Key)`,
    [
      'scenario',
      'requests/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'app CPU ms/req',
      'PG CPU ms/req',
      'client CPU ms/req',
      'app peak MiB',
      'commands/bare',
    ],
    rows,
  );
};

/** This build and another, one API process each, walked at once by half the clients each (BENCH_HTTP_AGAINST). */
const pairedBench = async (otherScript: string): Promise<void> => {
  const config = configFromEnv({ ...process.env, NODE_ENV: 'development' });
  const builds = [
    {
      name: 'this build',
      script: join(__dirname, '..', 'apps', 'api', 'src', 'main.js'),
      schema: SCHEMA,
      nodeOptions: undefined as string | undefined,
    },
    {
      name: `other (${otherScript})`,
      script: otherScript,
      schema: `${SCHEMA}_other`,
      nodeOptions: process.env.BENCH_HTTP_AGAINST_NODE_OPTIONS,
    },
  ];
  for (const b of builds) await dropSchema(config.databaseUrl, b.schema);
  const tokens = await mintTokens();
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  const apis: ChildProcess[] = [];
  try {
    const prepared = [];
    for (const [i, b] of builds.entries()) {
      const port = BASE_PORT + i;
      const base = `http://127.0.0.1:${port}`;
      apis.push(
        await startProcess(b.script, port, {
          ...apiEnv,
          DB_SCHEMA: b.schema,
          QUEUE_PREFIX: b.schema,
          ...(b.nodeOptions !== undefined ? { NODE_OPTIONS: b.nodeOptions } : {}),
        }),
      );
      await uploadEvidence(base, tokens.commune);
      prepared.push({ base, offsetMs: await clockWhileDistrictProcedureOpen([base]) });
    }
    const stats = await Promise.all(
      prepared.map(({ base, offsetMs }, i) =>
        drive([base], Math.ceil(CLIENTS / 2), walkDossier(tokens, offsetMs), [apis[i]], db),
      ),
    );
    printTable(
      `HTTP, two builds side by side, ${Math.ceil(CLIENTS / 2)} clients each, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up (PostgreSQL's CPU is shared, not split)`,
      ['build', 'commands/s', 'p50 ms', 'p99 ms', 'errors', 'app CPU ms/command', 'app peak MiB'],
      stats.map((s, i) => [
        builds[i].name,
        formatNumber(Math.round(s.requests / s.seconds)),
        percentile(s.latenciesMs, 50).toFixed(1),
        percentile(s.latenciesMs, 99).toFixed(1),
        formatNumber(s.errors),
        perRequest(s.cpu?.servers, s, 3),
        peakCell(s),
      ]),
    );
    for (const [i, s] of stats.entries())
      if (s.firstError) console.log(`first error (${builds[i].name}): ${s.firstError}`);
  } finally {
    await Promise.all(apis.map(stopProcess));
    await db.end();
  }
};

const apiEnv: Record<string, string> = {
  NODE_ENV: 'development',
  DB_SCHEMA: SCHEMA,
  QUEUE_PREFIX: `bench_http`,
  RUN_WORKER: 'off',
  DEMO_SEED: 'off',
  // Documents in PostgreSQL where the store supports it (shared by both processes); else one shared directory.
  DOCUMENT_STORE: process.env.DOCUMENT_STORE ?? 'postgres',
  DOCUMENTS_DIR: process.env.DOCUMENTS_DIR ?? './var/bench-http-documents',
};

if (require.main === module && process.env.BENCH_HTTP_ROLE === 'bare') {
  serveBare(Number(process.env.PORT)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
