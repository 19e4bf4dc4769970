import { Client } from 'pg';
import IORedis from 'ioredis';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl, testQueuePrefix } from '../support/test-database';
import { answersOf, household, SurveyDriver } from './survey-driver';

/**
 * Rate limits on the public ballot route and on sign-in (issue 9, item 8), with the counts in the real Redis:
 * two API replicas (two apps sharing a key prefix) share one count. The prefix is this run's own.
 */
const DURING = '2025-03-10T01:00:00.000Z';
const PREFIX = testQueuePrefix('rate_limit');
const LIMITS = { ballots: { limit: 4, ttlSeconds: 60 }, signIn: { limit: 2, ttlSeconds: 60 } };

describe('Rate limits shared by replicas through Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let s: SurveyDriver;

  beforeAll(async () => {
    const config = { publicBallots: true, queuePrefix: PREFIX, rateLimits: LIMITS, devTokens: true };
    a = await startTestApp('rate_limit_a_e2e', { worker: false, config });
    b = await startTestApp('rate_limit_b_e2e', { worker: false, config });
    a.clock.set(DURING);
    b.clock.set(DURING);
    s = await SurveyDriver.start(a);
    await s.opened();
    await s.registered(20);
  });
  afterAll(async () => {
    const redis = new IORedis(a.config.redisUrl);
    const keys = await redis.keys(`*${PREFIX}:rate-limit:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await Promise.all([a.close(), b.close()]);
  });

  const ballot = (app: TestApp, n: number, token?: string) => {
    const req = app.http.post(`/api/v1/surveys/${s.surveyId}/ballots`);
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.send({ household: household(n).code, answers: answersOf(n) });
  };

  const ballotEvents = async () => {
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM ${a.config.schema}.es_events WHERE stream_id = $1 AND event_type = 'OnlineBallotCast'`,
        [`survey-${s.surveyId}`],
      );
      return rows[0].n as number;
    } finally {
      await db.end();
    }
  };

  it('counts anonymous ballots per address across both replicas, then answers 429 in Vietnamese and writes nothing', async () => {
    const statuses = [
      (await ballot(a, 1)).status,
      (await ballot(a, 2)).status,
      // Replica B does not hold this survey (its own schema): under the limit it answers 404, but it counts.
      (await ballot(b, 3)).status,
      (await ballot(b, 4)).status,
    ];
    expect(statuses).toEqual([201, 201, 404, 404]);
    const refused = await ballot(a, 5);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(
        /^Quá nhiều yêu cầu trong thời gian ngắn, vui lòng thử lại sau \d+ giây$/,
      ),
      retryAfterSeconds: expect.any(Number),
    });
    expect(Number(refused.headers['retry-after-ballots'])).toBeGreaterThan(0);
    expect((await ballot(b, 6)).status).toBe(429);
    expect(await ballotEvents()).toBe(2);
    // The count is in Redis, under this run's prefix (not in either process's memory).
    const redis = new IORedis(a.config.redisUrl);
    try {
      expect(await redis.keys(`*${PREFIX}:rate-limit:ballots:ip:*`)).not.toEqual([]);
    } finally {
      await redis.quit();
    }
    // A Front officer typing ballots taken by phone has a budget of their own, not the address's.
    expect((await ballot(a, 5, s.tokens.front)).status).toBe(201);
    expect(await ballotEvents()).toBe(3);
  });

  it('limits the sign-in route the same way, on its own count', async () => {
    const signIn = (app: TestApp) =>
      app.http
        .post('/api/v1/dev/tokens')
        .send({ sub: 'can-bo-thu', role: 'commune_officer', provinceCode: '06', communeCode: '01843' });
    expect([(await signIn(a)).status, (await signIn(b)).status]).toEqual([201, 201]);
    const refused = await signIn(a);
    expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(refused.body.token).toBeUndefined();
    // Other routes are not limited.
    expect((await a.http.get('/api/health')).status).not.toBe(429);
  });
});
