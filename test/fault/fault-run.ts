import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { configFromEnv, TokenService } from '@ntm/application';
import type { Role } from '@ntm/decider';
import { createPostgresEventStore, type PostgresEventStore } from '@ntm/event-store';
import { caughtUp, ProjectionCatalog, PROJECTORS, READ_MODEL_ENTITIES } from '@ntm/read-models';
import { applyDirect, allEvents, freshBuild, snapshot, type TestDb } from '../reports/support';
import { eventually } from '../support/eventually';
import { evidencePdf, findings, nongThuong, sha } from '../support/dossier-driver';
import { answersOf, household, QUESTIONS, registerCsv } from '../surveys/survey-driver';
import { deadlineJobId, dossierDecider, type DossierEvent, type DossierState } from '@ntm/recognition';
import { surveyCloseJobId } from '../../apps/api/src/surveys/survey-closing';
import { TIMER_KINDS, type TimerKind } from '../../apps/worker/src/timers/due-timers';
import { PrivatePostgres, PrivateRedis, freePort, postgresBin, redisBin } from './private-servers';
import { clockWhileDistrictProcedureOpen } from '../../apps/cli/src/dev-clock';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA = 'fault';
const QUEUE_PREFIX = 'fault';
/** How long after a fault ended a command may still wait for its answer (issue 10: 10 s). */
export const MAX_WAIT_AFTER_RECOVERY_MS = 10_000;
export const MAX_TAKEOVER_MS = 15_000;

export interface FaultOptions {
  /** Concurrent clients walking dossiers. */
  readonly clients: number;
  /** Seconds of load; the four faults fall at 15%, 35%, 55% and 75% of it. */
  readonly seconds: number;
  /** Every n-th walk stops at the survey step with a survey whose closing timer comes due during the run. */
  readonly surveyEvery: number;
  readonly log?: (line: string) => void;
}

/** One command as a client saw it, from its first attempt to its answer. */
interface Sent {
  readonly key: string;
  readonly path: string;
  readonly token: string;
  readonly body: unknown;
  readonly csv: boolean;
  readonly firstAt: number;
  attempts: number;
  /** Why earlier attempts got no answer (connection refused or reset, 5xx). */
  readonly failures: string[];
  answeredAt?: number;
  status?: number;
  answer?: { streamId?: string; events?: { type: string; version: number }[] } & Record<string, unknown>;
}

interface Fault {
  readonly name: string;
  readonly at: number;
  /** When the system could serve again: the other API was there, PostgreSQL/Redis answered again. */
  recoveredAt: number;
}

export interface FaultReport {
  readonly figures: Record<string, number | string>;
  /** Everything that went wrong; empty when every check held. */
  readonly problems: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Processes.

interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Set when the test kills it: any other exit is a failure of the system under test. */
  killed?: boolean;
}

const spawnApp = (
  entry: string,
  env: Record<string, string>,
  ready: (line: string) => boolean,
  what: string,
): Promise<Proc> => {
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (b: Buffer) => {
    lines.push(...b.toString().split('\n').filter(Boolean));
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start:\n${lines.slice(-30).join('\n')}`)),
      120_000,
    );
    const onData = (b: Buffer) => {
      if (b.toString().split('\n').some(ready)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({ name: what, child, lines });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}):\n${lines.slice(-30).join('\n')}`));
    });
  });
};

const killHard = async (p: Proc | undefined) => {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.killed = true;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGKILL');
  await exited;
};

// ---------------------------------------------------------------------------------------------------------------
// Figures.

const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Under faults a probe may fail (a server down): that counts as not yet; polled gently, 10 times a second. */
const until = <T>(probe: () => Promise<T | undefined | false | null>, what: string, ms: number) =>
  eventually(() => probe().catch(() => undefined), what, ms, 100);

/**
 * The combined fault test (issue 10): two API and two worker processes on a PostgreSQL and a Redis of the test's
 * own, clients walking dossiers under load with an Idempotency-Key on every command and retrying after every
 * failure; meanwhile kill -9 of the worker that owns the projections, kill -9 of one API, Redis restarted empty,
 * PostgreSQL crashed and restarted. Then every check of the issue, and the figures.
 */
export const runFaultTest = async (options: FaultOptions): Promise<FaultReport> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const pgBin = postgresBin();
  const rBin = redisBin();
  if (!pgBin || !rBin) throw new Error('PostgreSQL server binaries or redis-server are not installed');
  const problems: string[] = [];
  const figures: Record<string, number | string> = {};
  const procs: Proc[] = [];
  let pg: PrivatePostgres | undefined;
  let redis: PrivateRedis | undefined;
  const closers: (() => Promise<unknown>)[] = [];
  let finished = false;
  try {
    const t0 = Date.now();
    pg = await PrivatePostgres.start(pgBin);
    redis = await PrivateRedis.start(rBin);
    log(`private PostgreSQL on ${pg.port}, Redis on ${redis.port} (${Date.now() - t0} ms)`);
    const env = {
      DATABASE_URL: pg.url,
      DB_SCHEMA: SCHEMA,
      REDIS_URL: redis.url,
      QUEUE_PREFIX,
      TIMER_RECONCILE_MS: '1000',
      RATE_LIMIT_BALLOTS: '100000/60',
      DOCUMENT_STORE: 'postgres',
      DEV_OIDC: 'off',
    };
    const startWorker = () =>
      spawnApp('apps/worker/src/main.ts', env, (l) => l.includes('worker started'), 'worker');
    const startApi = (port: number) =>
      spawnApp(
        'apps/api/src/main.ts',
        { ...env, PORT: String(port), HOST: '127.0.0.1', RUN_WORKER: 'off' },
        (l) => l.includes('API listening'),
        `API on ${port}`,
      );

    // The first API creates and migrates the schema; the other processes come after it.
    const ports = [await freePort(), await freePort()];
    const apis: (Proc | undefined)[] = [await startApi(ports[0])];
    procs.push(apis[0]!);
    const [api2, workerA] = await Promise.all([startApi(ports[1]), startWorker()]);
    apis[1] = api2;
    procs.push(api2, workerA);
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);

    const pgc = () => new Client({ connectionString: pg!.url });
    /** Advisory-lock leases held now, by worker pid. */
    const leases = async (): Promise<Map<number, number>> => {
      const c = pgc();
      await c.connect();
      try {
        const { rows } = await c.query<{ app: string; n: number }>(
          `SELECT a.application_name AS app, count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND a.datname = current_database()
              AND a.application_name LIKE 'ntm-worker-%' GROUP BY 1`,
        );
        return new Map(rows.map((r) => [Number(r.app.replace('ntm-worker-', '')), r.n]));
      } finally {
        await c.end();
      }
    };
    // Worker A owns everything before B starts: B is the standby that must take over.
    let owned = 0;
    await until(
      async () => {
        const n = (await leases()).get(workerA.child.pid!) ?? 0;
        const stable = n > 0 && n === owned;
        owned = n;
        if (!stable) await sleep(700);
        return stable;
      },
      'worker A to hold its leases',
      60_000,
    );
    const workerB = await startWorker();
    procs.push(workerB);
    for (const p of procs)
      p.child.once('exit', (code, signal) => {
        if (!p.killed && !finished)
          problems.push(
            `${p.name} (pid ${p.child.pid}) exited by itself (${code ?? signal}):\n${p.lines.slice(-15).join('\n')}`,
          );
      });
    log(`2 APIs and 2 workers up (${Date.now() - t0} ms); worker A holds ${owned} leases`);
    // The walks are of 2021-2025 dossiers, opened before 15/02/2026 (period-rules.ts): the deployment runs on such
    // a day, and every date the walks send or check is of the servers' "now".
    const offsetMs = await clockWhileDistrictProcedureOpen(bases);
    const serverNow = () => Date.now() + offsetMs;

    // Tokens and evidence, before the load.
    const tokenService = new TokenService(configFromEnv({ ...process.env, NODE_ENV: 'test' }).jwtSecret);
    // Each walk is a commune of its own (a recognised commune cannot open the same level again), in one district.
    const district = { provinceCode: nongThuong.provinceCode, districtCode: nongThuong.districtCode };
    let subject = 0;
    const mint = (role: Role, claims: object) =>
      tokenService.mint({ sub: `fault-${role}-${++subject}`, role, ...claims });
    const province = { provinceCode: district.provinceCode };
    const tokens = {
      district: await mint('district_officer', district),
      province: await mint('province_officer', province),
      council: [
        await mint('council_member', province),
        await mint('council_member', province),
        await mint('council_member', province),
      ],
      chairman: await mint('chairman', province),
    };
    /** The one evidence document every citation of a walk names, uploaded by the walk's commune. */
    const EVIDENCE = sha(1);

    // -------------------------------------------------------------------------------------------------------
    // Load.
    const sent: Sent[] = [];
    const refusals: string[] = [];
    const faults: Fault[] = [];
    const downUntil = [0, 0];
    let stopping = false;
    const surveys: { surveyId: string; dossierId: string; closesAt: number }[] = [];
    const run = randomUUID().slice(0, 8);

    /** Sends until answered: a failure (no connection, reset, 5xx, timeout) is retried with the same key. */
    const command = async (
      client: number,
      seq: () => number,
      pathname: string,
      token: string,
      body: unknown,
      csv = false,
    ): Promise<NonNullable<Sent['answer']>> => {
      const s: Sent = {
        key: `fault-${run}-${client}-${seq()}`,
        path: pathname,
        token,
        body,
        csv,
        firstAt: Date.now(),
        attempts: 0,
        failures: [],
      };
      sent.push(s);
      for (;;) {
        // The client's own API unless it failed a moment ago (a load balancer's health check does this).
        const now = Date.now();
        const order = [client % 2, 1 - (client % 2)];
        const i = order.find((k) => downUntil[k] <= now) ?? order[s.attempts % 2];
        s.attempts += 1;
        let failure: string;
        try {
          const res = await fetch(`${bases[i]}${pathname}`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json',
              'idempotency-key': s.key,
            },
            body: csv ? (body as string) : JSON.stringify(body),
            signal: AbortSignal.timeout(30_000),
          });
          const text = await res.text();
          if (res.status < 500) {
            s.answeredAt = Date.now();
            s.status = res.status;
            s.answer = text ? JSON.parse(text) : {};
            if (res.status >= 300) {
              refusals.push(
                `${pathname}: ${res.status} ${text.slice(0, 300)} (after ${s.attempts} attempts)`,
              );
              throw new Error(`refused: ${res.status}`);
            }
            return s.answer!;
          }
          failure = `${res.status} ${text.slice(0, 120)}`;
        } catch (e) {
          if (s.answeredAt) throw e;
          failure = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
          downUntil[i] = Date.now() + 1000;
        }
        s.failures.push(failure);
        if (Date.now() - s.firstAt > 120_000) throw new Error(`${pathname}: no answer in 120 s (${failure})`);
        await sleep(100 * Math.min(s.attempts, 5) + Math.random() * 100);
      }
    };

    /** Uploads the walk's evidence as its commune, again after every failure (the same bytes are stored once). */
    const upload = async (token: string) => {
      const started = Date.now();
      for (let attempt = 1; ; attempt++) {
        const form = new FormData();
        form.append(
          'file',
          new Blob([new Uint8Array(evidencePdf(1))], { type: 'application/pdf' }),
          'mc-1.pdf',
        );
        const i = [0, 1].find((k) => downUntil[k] <= Date.now()) ?? attempt % 2;
        const status = await fetch(`${bases[i]}/api/v1/documents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
          signal: AbortSignal.timeout(30_000),
        }).then(
          async (res) => (await res.text(), res.status),
          () => ((downUntil[i] = Date.now() + 1000), 0),
        );
        if (status === 201 || status === 200) return;
        if (status > 0 && status < 500) throw new Error(`upload refused: ${status}`);
        if (Date.now() - started > 120_000) throw new Error('upload: no answer in 120 s');
        await sleep(100 * Math.min(attempt, 5));
      }
    };

    const walk = async (client: number, n: number, seq: () => number) => {
      const send = (p: string, token: string, body: unknown, csv = false) =>
        command(client, seq, p, token, body, csv);
      const daysAgo = (d: number) => new Date(serverNow() - d * 86_400_000).toISOString();
      const place = { ...district, communeCode: String(60000 + n), name: `xã Thử Nghiệm ${n}` };
      const commune = await mint('commune_officer', place);
      const front = await mint('front_officer', place);
      await upload(commune);
      const opened = await send('/api/v1/dossiers', commune, {
        commune: place,
        level: 'ntm',
        procedureVersion: '2021-2025',
        year: 2025,
      });
      const id = opened.dossierId as string;
      const at = (p: string) => `/api/v1/dossiers/${id}/${p}`;
      await send(at('self-assessment'), commune, {
        criteria: Array.from({ length: 19 }, (_, i) => ({
          criterion: i + 1,
          met: true,
          value: 'Đạt',
          evidence: [EVIDENCE],
        })),
      });
      await send(at('public-posting'), commune, { where: ['Trụ sở UBND xã'], from: daysAgo(30) });
      // Order-free commands sent together.
      await Promise.all(
        ['Thôn Nà Dì', 'Thôn Nà Rẻo'].map((author, k) =>
          send(at('public-posting/comments'), commune, {
            author,
            content: 'Nhất trí',
            receivedAt: daysAgo(25 - k),
          }),
        ),
      );
      await send(at('public-posting/close'), commune, {});
      if (n % options.surveyEvery === 0) {
        // A survey whose closing timer comes due while the faults happen (20 to 35 s from now).
        const closesAt = serverNow() + 20_000 + Math.random() * 15_000;
        const survey = await send(`/api/v1/dossiers/${id}/surveys`, front, {
          questions: QUESTIONS,
          period: { closesAt: new Date(closesAt).toISOString() },
          posting: { days: 7, places: ['Nhà văn hóa thôn Nà Dì'] },
        });
        const surveyId = survey.surveyId as string;
        surveys.push({ surveyId, dossierId: id, closesAt });
        await send(`/api/v1/surveys/${surveyId}/register`, front, registerCsv(20), true);
        await Promise.all(
          [0, 1, 2].map((h) =>
            send(`/api/v1/surveys/${surveyId}/ballots`, front, {
              household: household(h).code,
              answers: answersOf(h),
            }),
          ),
        );
        // Every other survey the Front closes by hand before its timer comes due (the timer then does nothing).
        if (n % (2 * options.surveyEvery) === 0) await send(`/api/v1/surveys/${surveyId}/close`, front, {});
        return;
      }
      await send(at('survey-result'), front, {
        households: 1000,
        formsCollected: 800,
        satisfied: 780,
      });
      await send(at('commune-meeting'), commune, {
        attendees: 37,
        votesFor: 37,
        votesAgainst: 0,
        minutes: EVIDENCE,
      });
      // Conditions 3 and 4 rest on papers (Decision 03/2024/QĐ-TTg), both for the dossier's year.
      await send(at('submission'), commune, {
        securityCertificate: {
          number: '125/QĐ-UBND',
          issuedOn: '2025-01-15',
          issuer: 'UBND tỉnh Bắc Kạn',
          year: 2025,
          evidence: [EVIDENCE],
        },
        debtConfirmation: {
          number: '45/TCKH',
          issuedOn: '2025-01-20',
          issuer: 'Phòng Tài chính - Kế hoạch',
          outstanding: 0,
          evidence: [EVIDENCE],
        },
      });
      if (n % 2 === 1) return; // half the dossiers wait at verification: open steps with deadlines
      // The district stage of 2021-2025: its report posted for comments, the posting closed, its board's vote.
      await send(at('district/posting'), tokens.district, {
        report: EVIDENCE,
        where: ['Cổng thông tin điện tử thành phố Bắc Kạn'],
        from: daysAgo(45),
      });
      await send(at('district/posting/close'), tokens.district, {});
      await send(at('district/vote'), tokens.district, {
        counts: { members: 15, present: 14, for: 14, against: 0 },
        minutes: EVIDENCE,
      });
      await send(at('verification'), tokens.district, { findings: findings() });
      await send(at('appraisal/posting'), tokens.province, { from: daysAgo(30) });
      await send(at('appraisal/posting/close'), tokens.province, {});
      await Promise.all(tokens.council.map((m) => send(at('appraisal/votes'), m, { vote: 'approve' })));
      await send(at('appraisal/conclusion'), tokens.province, {
        counts: { members: 3, present: 3, for: 3, against: 0 },
      });
      await send(at('decision'), tokens.chairman, {
        decisionNumber: `${n}/QĐ-UBND`,
        decidedOn: '2025-12-15',
      });
      await send(at('announcement'), tokens.province, { announcedOn: '2025-12-20', where: 'Nhà văn hóa xã' });
    };

    const loadStart = Date.now();
    let walks = 0;
    let walksFailed = 0;
    const clients = Array.from({ length: options.clients }, async (_, client) => {
      let k = 0;
      const seq = () => ++k;
      while (!stopping) {
        const n = ++walks;
        await walk(client, n, seq).catch((e) => {
          walksFailed += 1;
          if (!String(e.message).startsWith('refused')) refusals.push(`walk: ${e.message}`);
        });
      }
    });

    // -------------------------------------------------------------------------------------------------------
    // Faults.
    const reach = (fraction: number) =>
      sleep(Math.max(0, loadStart + fraction * options.seconds * 1000 - Date.now()));
    const faultsDone = (async () => {
      await reach(0.15);
      // The owner of the projections dies; the standby must hold every lease within 15 s.
      const before = await leases();
      const total = [...before.values()].reduce((a, b) => a + b, 0);
      const owner = [...before.entries()].sort((a, b) => b[1] - a[1])[0][0];
      const victim = procs.find((p) => p.child.pid === owner)!;
      const kill = {
        name: `kill -9 worker (owner of ${before.get(owner)} leases)`,
        at: Date.now(),
        recoveredAt: 0,
      };
      faults.push(kill);
      await killHard(victim);
      await until(
        async () => {
          const now = await leases();
          return !now.has(owner) && [...now.values()].reduce((a, b) => a + b, 0) >= total;
        },
        'the standby worker to take every lease',
        60_000,
      );
      kill.recoveredAt = Date.now();
      figures['takeover after kill -9 of the owning worker (ms)'] = kill.recoveredAt - kill.at;
      log(`fault: ${kill.name}; every lease held again after ${kill.recoveredAt - kill.at} ms`);

      await reach(0.35);
      const apiKill = { name: 'kill -9 API 1', at: Date.now(), recoveredAt: Date.now() };
      faults.push(apiKill);
      await killHard(apis[0]);
      log(`fault: ${apiKill.name}`);

      await reach(0.55);
      const redisRestart = { name: 'Redis restarted empty', at: Date.now(), recoveredAt: 0 };
      faults.push(redisRestart);
      await redis!.restart();
      redisRestart.recoveredAt = Date.now();
      log(`fault: ${redisRestart.name} (${redisRestart.recoveredAt - redisRestart.at} ms)`);

      await reach(0.75);
      const pgRestart = { name: 'PostgreSQL crashed and restarted', at: Date.now(), recoveredAt: 0 };
      faults.push(pgRestart);
      await pg!.restart();
      pgRestart.recoveredAt = Date.now();
      log(`fault: ${pgRestart.name} (${pgRestart.recoveredAt - pgRestart.at} ms)`);
    })();
    await faultsDone.catch((e) => problems.push(`faults: ${e.message}`));
    await reach(1);
    stopping = true;
    await Promise.all(clients);
    const loadEnd = Date.now();
    const loadSeconds = (loadEnd - loadStart) / 1000;

    // -------------------------------------------------------------------------------------------------------
    // Figures of the load.
    const answered = sent.filter((s) => s.status !== undefined && s.status < 300);
    const retried = sent.filter((s) => s.failures.length > 0);
    const latencies = answered.map((s) => s.answeredAt! - s.firstAt);
    /** How long a command still waited after the last fault before its answer had ended. */
    const waitAfterRecovery = (s: Sent) => {
      const recovered = faults
        .map((f) => f.recoveredAt)
        .filter((r) => r > 0 && r <= s.answeredAt!)
        .reduce((a, b) => Math.max(a, b), 0);
      return s.answeredAt! - Math.max(recovered, s.firstAt);
    };
    const waits = retried.filter((s) => s.answeredAt).map(waitAfterRecovery);
    figures.clients = options.clients;
    figures['load (s)'] = Number(loadSeconds.toFixed(1));
    figures['dossier walks'] = walks;
    figures['commands acknowledged'] = answered.length;
    figures['commands/s'] = Math.round(answered.length / loadSeconds);
    figures['latency p50 (ms)'] = percentile(latencies, 50);
    figures['latency p99 (ms)'] = percentile(latencies, 99);
    figures['latency max (ms)'] = percentile(latencies, 100);
    figures['attempts that failed (retried with the same key)'] = sent.reduce(
      (a, s) => a + s.failures.length,
      0,
    );
    figures['commands retried'] = retried.length;
    figures['longest wait after recovery (ms)'] = waits.length ? Math.max(...waits) : 0;
    figures['refused (4xx) or unanswered'] = refusals.length + sent.filter((s) => !s.status).length;
    for (const r of refusals.slice(0, 10)) problems.push(`refused or unanswered: ${r}`);
    if (waits.some((w) => w > MAX_WAIT_AFTER_RECOVERY_MS))
      problems.push(
        `a retry waited ${Math.max(...waits)} ms after recovery (at most ${MAX_WAIT_AFTER_RECOVERY_MS})`,
      );
    const takeover = Number(figures['takeover after kill -9 of the owning worker (ms)'] ?? Infinity);
    if (!(takeover < MAX_TAKEOVER_MS))
      problems.push(`takeover took ${takeover} ms (at most ${MAX_TAKEOVER_MS})`);
    if (walksFailed > 0) figures['walks cut short'] = walksFailed;

    // -------------------------------------------------------------------------------------------------------
    // Every retry gets its first answer: each acknowledged command is sent again with its key, to either API.
    const resend = async (s: Sent, base: string) => {
      const res = await fetch(`${base}${s.path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${s.token}`,
          'content-type': s.csv ? 'text/csv; charset=utf-8' : 'application/json',
          'idempotency-key': s.key,
        },
        body: s.csv ? (s.body as string) : JSON.stringify(s.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    };
    let differ = 0;
    const queue = [...answered];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          const live = apis.findIndex((a) => a && a.child.exitCode === null && a.child.signalCode === null);
          if (live < 0)
            throw new Error(['no API process left to answer the retries', ...problems].join('\n'));
          const again = await resend(s, bases[live]);
          if (again.status !== s.status || !isDeepStrictEqual(again.body, s.answer)) {
            differ += 1;
            if (differ <= 5)
              problems.push(
                `retry of ${s.path} answered ${again.status} ${JSON.stringify(again.body).slice(0, 200)}, first ${s.status} ${JSON.stringify(s.answer).slice(0, 200)}`,
              );
          }
        }
      }),
    );
    figures['retries sent again after the run'] = answered.length;
    figures['retries answered differently'] = differ;

    // -------------------------------------------------------------------------------------------------------
    // No acknowledged command lost or applied twice. Each answered event must be in the store where the answer
    // says, under the command's key; each key holds exactly the events answered. Ballots carry a keyed hash of
    // the key instead (anonymity): each survey holds exactly one ballot per acknowledged ballot.
    const db = pgc();
    await db.connect();
    closers.push(() => db.end());
    const { rows: all } = await db.query<{ stream_id: string; v: string; type: string; key: string | null }>(
      `SELECT stream_id, stream_position AS v, event_type AS type, metadata->>'idempotencyKey' AS key
         FROM ${SCHEMA}.es_events`,
    );
    const at = new Map(all.map((r) => [`${r.stream_id}@${r.v}`, r]));
    const byKey = new Map<string, number>();
    const ballotsIn = new Map<string, number>();
    for (const r of all) {
      if (r.key?.startsWith(`fault-${run}-`)) byKey.set(r.key, (byKey.get(r.key) ?? 0) + 1);
      if (r.type === 'OnlineBallotCast') ballotsIn.set(r.stream_id, (ballotsIn.get(r.stream_id) ?? 0) + 1);
    }
    const isBallot = (s: Sent) => s.path.endsWith('/ballots');
    let lost = 0;
    let twice = 0;
    const ackedBallots = new Map<string, number>();
    type Part = { streamId?: string; events?: { type: string; version: number }[] } | null | undefined;
    for (const s of answered) {
      // A survey close answers with its parts (close, result on the dossier, posting); other commands with one.
      const composite = !s.answer?.events;
      const parts = (
        composite ? [s.answer?.closed, s.answer?.dossier, s.answer?.posted] : [s.answer]
      ) as Part[];
      let missing = 0;
      let mine = 0;
      for (const part of parts)
        for (const e of part?.events ?? []) {
          const found = at.get(`${part!.streamId}@${e.version}`);
          if (!found || found.type !== e.type || (!composite && !isBallot(s) && found.key !== s.key))
            missing += 1;
          else if (found.key === s.key) mine += 1;
        }
      if (missing && ++lost <= 5)
        problems.push(
          `lost: ${s.path} answered ${JSON.stringify(s.answer).slice(0, 300)}, not so in the store`,
        );
      if (isBallot(s)) {
        const streamId = s.answer!.streamId!;
        ackedBallots.set(streamId, (ackedBallots.get(streamId) ?? 0) + (s.answer!.events ?? []).length);
      } else if ((byKey.get(s.key) ?? 0) > mine && ++twice <= 5)
        problems.push(
          `applied twice: ${s.path} answered ${mine} events under its key, ${byKey.get(s.key)} stored`,
        );
      byKey.delete(s.key);
    }
    for (const [streamId, n] of ackedBallots)
      if ((ballotsIn.get(streamId) ?? 0) !== n && ++twice <= 5)
        problems.push(
          `applied twice or lost: ${n} ballots acknowledged in ${streamId}, ${ballotsIn.get(streamId)} stored`,
        );
    figures['acknowledged commands lost'] = lost;
    figures['acknowledged commands applied twice'] = twice;
    // Events under a key nobody got an answer for: only commands cut short by the end of the load may have them.
    const unanswered = new Set(sent.filter((s) => !s.status).map((s) => s.key));
    for (const key of byKey.keys())
      if (!unanswered.has(key)) problems.push(`events stored under ${key}, which was answered without them`);

    // -------------------------------------------------------------------------------------------------------
    // Timers: every open step with a deadline and every open survey has its due_timers row and its BullMQ job.
    const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    const queues = Object.fromEntries(
      (Object.keys(TIMER_KINDS) as TimerKind[]).map((k) => [
        k,
        new Queue(TIMER_KINDS[k].queue, { connection, prefix: QUEUE_PREFIX }),
      ]),
    ) as Record<TimerKind, Queue>;
    closers.push(async () => {
      for (const q of Object.values(queues)) await q.close();
      await connection.quit();
    });
    // The store as it stands after the load (the workers' timers may still append, so it is read again later).
    const store: PostgresEventStore = await createPostgresEventStore({
      connectionString: pg.url,
      schema: SCHEMA,
    });
    closers.push(() => store.close());
    /** The timers that must exist now: each open step with a deadline and each open survey, by job id. */
    const expectedTimers = async () => {
      const dossiers = new Map<string, DossierState>();
      const openSurveys = new Set<string>();
      for (const e of await allEvents(store)) {
        if (e.streamId.startsWith('dossier-')) {
          const d = dossiers.get(e.streamId) ?? dossierDecider.initialState();
          dossiers.set(e.streamId, dossierDecider.evolve(d, { type: e.type, data: e.data } as DossierEvent));
        } else if (e.type === 'SurveyOpened') openSurveys.add((e.data as { surveyId: string }).surveyId);
        else if (e.type === 'SurveyClosed') openSurveys.delete((e.data as { surveyId: string }).surveyId);
      }
      const steps: string[] = [];
      for (const [streamId, d] of dossiers) {
        const current = (
          d as { current?: { step: string; round: number; dueAt: string | null; overdue: boolean } | null }
        ).current;
        if (current?.dueAt && !current.overdue)
          steps.push(deadlineJobId(streamId.replace(/^dossier-/, ''), current.step, current.round));
      }
      return { steps, surveys: [...openSurveys].map(surveyCloseJobId) };
    };
    const timerCheck = async () => {
      const expected = await expectedTimers();
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM ${SCHEMA}.due_timers WHERE status = 'pending' AND id = ANY($1)`,
        [[...expected.steps, ...expected.surveys]],
      );
      const pendingRows = new Set(rows.map((r) => r.id));
      let missingJobs = 0;
      for (const id of expected.steps) if (!(await queues['step-deadline'].getJob(id))) missingJobs += 1;
      for (const id of expected.surveys) if (!(await queues['survey-close'].getJob(id))) missingJobs += 1;
      return {
        steps: expected.steps.length,
        surveys: expected.surveys.length,
        missingRows: expected.steps.length + expected.surveys.length - pendingRows.size,
        missingJobs,
      };
    };
    // The workers reconcile every second: give them a few passes after the load.
    const timers = await until(
      async () => {
        const c = await timerCheck();
        return c.missingRows === 0 && c.missingJobs === 0 ? c : undefined;
      },
      'every open step and survey to have its timer row and job',
      30_000,
    ).catch(async (e) => {
      const c = await timerCheck();
      problems.push(`${e.message}: ${c.missingRows} rows and ${c.missingJobs} jobs missing`);
      return c;
    });
    figures['open steps with a deadline (each with row + job)'] = timers.steps;
    figures['open surveys (each with row + job)'] = timers.surveys;

    // Surveys whose period ended: closed exactly once, result on the dossier at most once.
    const firedOnce = async (label: string) => {
      const { rows } = await db.query<{ closes: number; results: number; pending: number }>(
        `SELECT (SELECT count(*) FROM ${SCHEMA}.es_events c WHERE c.stream_id = o.stream_id AND c.event_type = 'SurveyClosed')::int AS closes,
                (SELECT count(*) FROM ${SCHEMA}.es_events r WHERE r.stream_id = 'dossier-' || (o.data->>'dossierId')
                    AND r.event_type = 'SurveyResultRecorded' AND r.data->>'surveyId' = o.data->>'surveyId')::int AS results,
                (SELECT count(*) FROM ${SCHEMA}.due_timers t WHERE t.stream_id = o.stream_id AND t.status = 'pending')::int AS pending
           FROM ${SCHEMA}.es_events o
          WHERE o.event_type = 'SurveyOpened' AND (o.data->'period'->>'closesAt')::timestamptz < $1`,
        [new Date(serverNow() - 5000).toISOString()],
      );
      const wrong = rows.filter((r) => r.closes !== 1 || r.results > 1 || r.pending > 0);
      if (wrong.length) problems.push(`${label}: ${wrong.length} surveys due not closed exactly once`);
      return rows.length;
    };
    figures['survey timers that came due during the run, fired once'] = await until(
      async () => {
        const before = problems.length;
        const n = await firedOnce('survey timers');
        if (problems.length === before) return n;
        problems.splice(before);
        return undefined;
      },
      'the due survey timers',
      30_000,
    ).catch(() => firedOnce('survey timers'));

    // Read models equal a fresh rebuild.
    const dataSource = new DataSource({
      type: 'postgres',
      url: pg.url,
      schema: SCHEMA,
      entities: READ_MODEL_ENTITIES,
      extra: { max: 4 },
    });
    await dataSource.initialize();
    closers.push(() => dataSource.destroy());
    const testDb = { schema: SCHEMA, db: dataSource, store } as unknown as TestDb;
    const catalog = new ProjectionCatalog(dataSource);
    let stored = 0;
    let equal = 0;
    for (const p of PROJECTORS) {
      const live = (await catalog.versionsOf(p.name)).live;
      // A process manager may still append (a late survey result, a commune record): compare with the events
      // as they stood while the live build was caught up, and look again when new ones came meanwhile.
      for (let attempt = 1; ; attempt++) {
        await until(() => caughtUp(dataSource, store, p, live), `${p.name} to catch up`, 60_000).catch((e) =>
          problems.push(e.message),
        );
        const events = await allEvents(store);
        const fresh = { version: live.version, build: 900 + attempt };
        await freshBuild(testDb, p, fresh);
        await applyDirect(testDb, p, fresh, events);
        const same = isDeepStrictEqual(await snapshot(testDb, p, live), await snapshot(testDb, p, fresh));
        const moved = (await allEvents(store)).length !== events.length;
        stored = Math.max(stored, events.length);
        if (same) equal += 1;
        else if (moved && attempt < 5) continue;
        else problems.push(`read model ${p.name} differs from a fresh rebuild`);
        break;
      }
    }
    figures['events stored'] = stored;
    figures['read models equal to a fresh rebuild'] = `${equal} of ${PROJECTORS.length}`;

    // Step deadlines come due: the clock moves 400 days on (every process reads the shared offset), and every
    // pending deadline fires exactly once.
    const { rows: pendingDeadlines } = await db.query<{ id: string }>(
      `SELECT id FROM ${SCHEMA}.due_timers WHERE kind = 'step-deadline' AND status = 'pending'`,
    );
    const moved = await fetch(`${bases[1]}/api/v1/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceDays: 400 }),
    });
    if (moved.status !== 201 && moved.status !== 200) problems.push(`clock move: ${moved.status}`);
    const deadlineCheck = async () => {
      const { rows } = await db.query<{ status: string; outcome: string | null; overdue: number }>(
        `SELECT t.status, t.outcome,
                (SELECT count(*) FROM ${SCHEMA}.es_events e WHERE e.stream_id = t.stream_id AND e.event_type = 'StepOverdue'
                    AND e.data->>'step' = t.payload->>'step' AND e.data->>'round' = t.payload->>'round')::int AS overdue
           FROM ${SCHEMA}.due_timers t WHERE t.id = ANY($1)`,
        [pendingDeadlines.map((r) => r.id)],
      );
      return rows;
    };
    const fired = await until(
      async () => {
        const rows = await deadlineCheck();
        return rows.every((r) => r.status === 'done') ? rows : undefined;
      },
      'every deadline to fire after the clock moved',
      60_000,
    ).catch(async (e) => {
      problems.push(e.message);
      return deadlineCheck();
    });
    const badDeadlines = fired.filter(
      (r) => r.overdue !== (r.outcome === 'overdue' ? 1 : 0) || r.overdue > 1,
    );
    if (badDeadlines.length) problems.push(`${badDeadlines.length} deadlines did not fire exactly once`);
    figures['step deadlines that came due after the clock moved, fired once'] =
      fired.length - badDeadlines.length;
    await fetch(`${bases[1]}/api/v1/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reset: true }),
    }).catch(() => undefined);

    for (const f of faults) figures[`fault at ${((f.at - loadStart) / 1000).toFixed(1)} s`] = f.name;
    return { figures, problems };
  } finally {
    finished = true;
    for (const close of closers.reverse()) await close().catch(() => undefined);
    for (const p of procs) await killHard(p).catch(() => undefined);
    await redis?.destroy().catch(() => undefined);
    await pg?.destroy().catch(() => undefined);
  }
};

/** The figures as a two-column table. */
export const formatReport = (report: FaultReport): string =>
  [
    ...Object.entries(report.figures).map(([k, v]) => `${k.padEnd(66)} ${v}`),
    ...(report.problems.length
      ? ['', 'PROBLEMS:', ...report.problems.map((p) => `  - ${p}`)]
      : ['', 'every check held']),
  ].join('\n');

if (require.main === module) {
  runFaultTest({
    clients: Number(process.env.FAULT_CLIENTS ?? 50),
    seconds: Number(process.env.FAULT_SECONDS ?? 120),
    surveyEvery: Number(process.env.FAULT_SURVEY_EVERY ?? 5),
  })
    .then((report) => {
      console.log(formatReport(report));
      process.exit(report.problems.length ? 1 : 0);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
