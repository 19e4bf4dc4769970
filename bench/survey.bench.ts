import { loadavg } from 'node:os';
import { surveyDecider, surveyStreamId } from '@ntm/survey';
import { ApiModule } from '../apps/api/src/app.module';
import {
  TokenService,
  CommandGateway,
  IdempotencyStore,
  configFromEnv,
  type AppConfig,
  EVENT_STORE,
} from '@ntm/application';
import { createHttpApp } from '../apps/api/src/bootstrap';
import { concurrently, formatNumber, perSecond, printTable, timed } from './support/measure';
import { whileDistrictProcedureOpen } from '../apps/cli/src/dev-clock';
import { dropSchema } from './support/process';

/**
 * The satisfaction survey through the real API on a real HTTP listener (127.0.0.1): a 50,000-household register,
 * online ballots sent one per request by concurrent clients, paper batches of 500 forms typed twice (double
 * entry), then the tally. Sizes: BENCH_SURVEY_HOUSEHOLDS (default 50000), BENCH_SURVEY_SINGLES (online ballots,
 * default 5000), BENCH_SURVEY_CLIENTS (concurrent clients, default 16). The form is the full one: the overall
 * question and one per criterion (19).
 */
const SCHEMA = 'bench_survey';
const HOUSEHOLDS = Number(process.env.BENCH_SURVEY_HOUSEHOLDS ?? 50_000);
const SINGLES = Number(process.env.BENCH_SURVEY_SINGLES ?? 5_000);
const CLIENTS = Number(process.env.BENCH_SURVEY_CLIENTS ?? 16);
const BATCH = 500;
const VILLAGES = 10;
const TALLY_ROUNDS = 5;

const code = (n: number) => `BK-${String(n).padStart(6, '0')}`;
const villageOf = (n: number) => `Thôn ${1 + Math.floor((n * VILLAGES) / HOUSEHOLDS)}`;
const answersOf = (n: number): Record<string, string> => ({
  overall: n % 12 === 0 ? 'not-satisfied' : 'satisfied',
  ...Object.fromEntries(
    Array.from({ length: 19 }, (_, i) => [
      `c${i + 1}`,
      (n + i) % 9 === 0 ? 'not-satisfied' : (n + i) % 23 === 0 ? 'no-answer' : 'satisfied',
    ]),
  ),
});
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

class Http {
  constructor(private readonly base: string) {}

  async send(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
    contentType = 'application/json',
  ) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text);
  }
}

export const surveyBench = async (): Promise<void> => {
  const config: AppConfig = {
    // Every online ballot comes from the one bench client: the production limit per address would throttle it.
    ...configFromEnv({ ...process.env, NODE_ENV: 'development', RATE_LIMIT_BALLOTS: '999999/60' }),
    schema: SCHEMA,
    queuePrefix: `bench_survey_${Date.now()}`,
    runWorker: false,
  };
  await dropSchema(config.databaseUrl, SCHEMA).catch(() => undefined); // the database itself may not exist yet
  const app = await createHttpApp(ApiModule.forRoot(config), false);
  await app.listen(0, '127.0.0.1');
  try {
    const http = new Http(await app.getUrl());
    const tokens = new TokenService(config.jwtSecret);
    const place = { provinceCode: '06', districtCode: '058', communeCode: '01843' };
    const commune = await tokens.mint({ sub: 'bench-commune', role: 'commune_officer', ...place });
    const fronts = [
      await tokens.mint({ sub: 'bench-front-a', role: 'front_officer', ...place }),
      await tokens.mint({ sub: 'bench-front-b', role: 'front_officer', ...place }),
    ];

    // A 2021-2025 dossier is one opened before 15/02/2026 (period-rules.ts); its survey is of today.
    const dossier = await whileDistrictProcedureOpen([await app.getUrl()], () =>
      http.send('POST', '/api/v1/dossiers', commune, {
        commune: { ...place, name: 'xã Nông Thượng' },
        level: 'ntm',
        procedureVersion: '2021-2025',
        year: 2025,
      }),
    );
    const { surveyId } = await http.send('POST', `/api/v1/dossiers/${dossier.dossierId}/surveys`, fronts[0], {
      period: { closesAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const csv = [
      'Mã hộ,Thôn',
      ...Array.from({ length: HOUSEHOLDS }, (_, n) => `${code(n)},${villageOf(n)}`),
    ].join('\n');
    const registerSeconds = await timed(() =>
      http.send('POST', `/api/v1/surveys/${surveyId}/register`, fronts[0], csv, 'text/csv'),
    );

    // Online: every (HOUSEHOLDS / SINGLES)-th household, one request each.
    const step = Math.max(1, Math.floor(HOUSEHOLDS / SINGLES));
    const singles = Array.from({ length: Math.min(SINGLES, HOUSEHOLDS) }, (_, i) => i * step);
    let next = 0;
    // CPU of this process (the API and the 16 clients' fetch): on a shared machine it moves far less than the rate.
    const cpuBefore = process.cpuUsage();
    const singleSeconds = await timed(() =>
      concurrently(CLIENTS, async () => {
        while (next < singles.length) {
          const n = singles[next++];
          await http.send('POST', `/api/v1/surveys/${surveyId}/ballots`, fronts[0], {
            household: code(n),
            answers: answersOf(n),
          });
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const singleCpuMs = (cpu.user + cpu.system) / 1000 / singles.length;

    // Paper: the other households, by village, in stacks of 500; every stack typed by both officers.
    const online = new Set(singles);
    const byVillage = new Map<string, number[]>();
    for (let n = 0; n < HOUSEHOLDS; n++) {
      if (online.has(n)) continue;
      const members = byVillage.get(villageOf(n));
      if (members) members.push(n);
      else byVillage.set(villageOf(n), [n]);
    }
    const entries = [...byVillage]
      .flatMap(([village, members]) =>
        Array.from({ length: Math.ceil(members.length / BATCH) }, (_, i) => {
          const forms = members
            .slice(i * BATCH, (i + 1) * BATCH)
            .map((n) => ({ household: code(n), answers: answersOf(n) }));
          const body = { batchId: `${village}-${i + 1}`, village, input: { mode: 'forms', forms } };
          return fronts.map((token) => ({ token, body }));
        }),
      )
      .flat();
    const paperForms = HOUSEHOLDS - online.size;
    next = 0;
    const batchSeconds = await timed(() =>
      concurrently(CLIENTS, async () => {
        while (next < entries.length) {
          const { token, body } = entries[next++];
          await http.send('POST', `/api/v1/surveys/${surveyId}/paper-batches`, token, body);
        }
      }),
    );

    // While the survey is open the Front sees participation only (the answers stay hidden until the close): its
    // running counts of the cached state; then the closing itself, after which the tally is visible.
    const reads: number[] = [];
    let counted: { ballots: number; households: number } = { ballots: 0, households: 0 };
    for (let i = 0; i < TALLY_ROUNDS; i++)
      reads.push(
        await timed(
          async () =>
            ({ participation: counted } = await http.send('GET', `/api/v1/surveys/${surveyId}`, fronts[0])),
        ),
      );
    if (counted.ballots !== HOUSEHOLDS || counted.households !== HOUSEHOLDS)
      throw new Error(`participation counted ${counted.ballots} of ${HOUSEHOLDS}`);
    const closeSeconds = await timed(() =>
      http.send('POST', `/api/v1/surveys/${surveyId}/close`, fronts[0], {}),
    );
    const { tally } = (await http.send('GET', `/api/v1/surveys/${surveyId}`, fronts[0])) as {
      tally: { ballots: number } | null;
    };
    if (tally?.ballots !== HOUSEHOLDS)
      throw new Error(`the tally counted ${tally?.ballots} of ${HOUSEHOLDS}`);
    // For comparison: the state rebuilt from the whole stream, as after a restart (no cache).
    const gateway = new CommandGateway(app.get(EVENT_STORE), app.get(IdempotencyStore));
    let events = 0;
    const coldSeconds = await timed(async () => {
      const { version } = await gateway.load(surveyStreamId(surveyId), surveyDecider);
      events = version ?? 0;
    });

    const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    printTable(
      `Satisfaction survey over HTTP: ${formatNumber(HOUSEHOLDS)} households, ${CLIENTS} concurrent clients, 20-question form`,
      ['measure', 'count', 'time', 'rate'],
      [
        [
          'register import (CSV, hashed)',
          `${formatNumber(HOUSEHOLDS)} households`,
          ms(registerSeconds),
          `${formatNumber(perSecond(HOUSEHOLDS, registerSeconds))} households/s`,
        ],
        [
          'online ballots, one per request',
          formatNumber(singles.length),
          ms(singleSeconds),
          `${formatNumber(perSecond(singles.length, singleSeconds))} ballots/s`,
        ],
        ['online ballots: process CPU per ballot (API + clients)', '-', `${singleCpuMs.toFixed(2)} ms`, '-'],
        [
          `paper batches of ${BATCH}, double entry`,
          `${formatNumber(paperForms)} forms, ${entries.length} entries`,
          ms(batchSeconds),
          `${formatNumber(perSecond(paperForms, batchSeconds))} ballots/s`,
        ],
        [
          'participation from running counts (GET, median)',
          formatNumber(counted.ballots),
          ms(median(reads)),
          '-',
        ],
        ['close: tally, dossier record, posting', '1', ms(closeSeconds), '-'],
        ['cold fold of the survey stream (no cache)', `${formatNumber(events)} events`, ms(coldSeconds), '-'],
      ],
    );
  } finally {
    await app.close();
  }
};
