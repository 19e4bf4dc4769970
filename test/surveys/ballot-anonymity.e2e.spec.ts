import { Client } from 'pg';
import { surveyHouseholdToken } from '@ntm/survey';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl } from '../support/test-database';
import { answersOf, household, NO_RATE_LIMITS, SurveyDriver, VILLAGES } from './survey-driver';

/**
 * Each way a ballot was linked to its household (issue 9, item 5), tried over HTTP on the real store; each
 * must fail. The test knows the survey key only to check where tokens stand, as an insider would not.
 */
const DURING = '2025-03-10T01:00:00.000Z';
const HOUSEHOLDS = 55;

interface Row {
  event_type: string;
  stream_position: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

describe('Ballot anonymity: every linking method fails', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    // With the worker: the rounds' list is a read model (survey-rounds), checked below too.
    t = await startTestApp('ballot_anonymity_e2e', {
      worker: true,
      config: { publicBallots: true, rateLimits: NO_RATE_LIMITS },
    });
    t.clock.set(DURING);
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const events = async (surveyId: string): Promise<Row[]> =>
    (
      await db.query(
        `SELECT event_type, stream_position, data, metadata FROM ${t.config.schema}.es_events
         WHERE stream_id = $1 ORDER BY stream_position`,
        [`survey-${surveyId}`],
      )
    ).rows;

  /** Every token of the register events, in the order they are stored. */
  const storedTokens = async (surveyId: string): Promise<string[]> =>
    (await events(surveyId))
      .filter((e) => e.event_type === 'HouseholdRegisterChunkAdded')
      .flatMap((e) => (e.data.villages as { tokens: string[] }[]).flatMap((v) => v.tokens));

  const started = async (households = HOUSEHOLDS) => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    await s.registered(households);
    return s;
  };

  it("a ballot's token does not give the household's line in the register", async () => {
    const s = await started();
    for (let n = 0; n < HOUSEHOLDS; n++) expect((await s.ballot(n)).status).toBe(201);
    const register = await storedTokens(s.surveyId);
    expect(register).toHaveLength(HOUSEHOLDS);
    // Stored in token order: where a token stands depends on the token, not on the file.
    expect(register).toEqual([...register].sort());

    // The attack: take each ballot's token, find where it stands in the register events, read that line of
    // the CSV. Before: 55 of 55 right. Now only chance agreement remains.
    const ballots = (await events(s.surveyId)).filter((e) => e.event_type === 'OnlineBallotCast');
    expect(ballots).toHaveLength(HOUSEHOLDS);
    const key = t.config.surveyHmacKey;
    let linked = 0;
    for (const b of ballots) {
      const line = register.indexOf(b.data.token as string);
      const guessed = household(line);
      if (surveyHouseholdToken(key, s.surveyId, guessed.code) === b.data.token) linked++;
    }
    expect(linked).toBeLessThan(10);
  });

  it('keeps no household token in the rounds read model: a ballot only adds to the counts', async () => {
    const s = await started(20);
    for (const n of [2, 5, 11]) expect((await s.ballot(n)).status).toBe(201);
    // The rounds list is a projection: wait until it has taken in the third ballot.
    const rounds = await eventually(async () => {
      const res = await t.http
        .get(`/api/v1/dossiers/${s.dossier.id}/surveys`)
        .set('authorization', `Bearer ${s.tokens.admin}`);
      return res.body?.[0]?.participation?.ballots === 3 && res;
    }, 'the rounds read model counting three ballots');
    expect(rounds.body.map((r: { participation: { ballots: number } }) => r.participation.ballots)).toEqual([
      3,
    ]);
    // The list says of the round what the round's own route says.
    expect(rounds.body).toEqual([await s.view()]);
    const tables = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'rm_survey_rounds%'`,
      [t.config.schema],
    );
    expect(tables.rows.length).toBeGreaterThan(0);
    const tokens = await storedTokens(s.surveyId);
    for (const { table_name } of tables.rows) {
      const stored = JSON.stringify(
        (await db.query(`SELECT * FROM ${t.config.schema}.${table_name} WHERE survey_id = $1`, [s.surveyId]))
          .rows,
      );
      expect(stored).toContain(s.surveyId);
      for (const token of tokens) expect(stored).not.toContain(token);
    }
  });

  it('gives the same household different tokens in two rounds', async () => {
    const s = await started(20);
    const first = s.surveyId;
    expect((await s.ballot(3)).status).toBe(201);
    expect((await s.close()).status).toBe(200);
    const second = await s.opened();
    await s.registered(20);
    expect((await s.ballot(3)).status).toBe(201);

    const round1 = new Set(await storedTokens(first));
    const round2 = await storedTokens(second);
    expect(round1.size).toBe(20);
    expect(round2.filter((tok) => round1.has(tok))).toEqual([]);
    const ballotOf = async (id: string) =>
      (await events(id)).find((e) => e.event_type === 'OnlineBallotCast')!.data.token;
    expect(await ballotOf(first)).not.toBe(await ballotOf(second));
  });

  it('keeps nothing the client sent besides the form: no X-Correlation-Id, no Idempotency-Key', async () => {
    const s = await started(10);
    const correlation = 'theo-doi-ho-NT-00004-nguyen-van-an';
    const idempotency = 'NT-00004-phieu-cua-ong-an';
    const send = () =>
      t.http
        .post(`/api/v1/surveys/${s.surveyId}/ballots`)
        .set('x-correlation-id', correlation)
        .set('idempotency-key', idempotency)
        .send({ household: household(4).code, answers: answersOf(4) });
    const first = await send();
    expect(first.status).toBe(201);
    // The key still makes a retry safe: the same answer, no second event.
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body.version).toBe(first.body.version);

    const ballots = (await events(s.surveyId)).filter((e) => e.event_type === 'OnlineBallotCast');
    expect(ballots).toHaveLength(1);
    const stored = JSON.stringify(ballots[0]);
    expect(stored).not.toContain(correlation);
    expect(stored).not.toContain(idempotency);
    expect(stored).not.toContain('NT-00004');
    expect(ballots[0].metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ballots[0].metadata.idempotencyKey).toMatch(/^[0-9a-f]{64}$/);
    // Nor in the idempotency bookkeeping.
    const kept = await db.query(`SELECT scope FROM ${t.config.schema}.idempotency_keys`);
    expect(kept.rows.length).toBeGreaterThan(0);
    for (const r of kept.rows) expect(r.scope).not.toContain(idempotency);
  });

  it('shows no answers while the survey is open: polling between two ballots learns only that one came', async () => {
    const s = await started(20);
    expect((await s.ballot(1)).status).toBe(201);
    const before = await s.view();
    // Household 13 answers "not satisfied" overall (answersOf): the attacker wants to learn that.
    expect(answersOf(13).overall).toBe('not-satisfied');
    expect((await s.ballot(13)).status).toBe(201);
    const after = await s.view();
    expect([before.tally, after.tally]).toEqual([null, null]);
    const strip = ({ participation: _p, version: _v, ...rest }: Record<string, unknown>) => rest;
    expect(strip(after)).toEqual(strip(before));
    expect(after.participation.ballots - before.participation.ballots).toBe(1);
    expect(JSON.stringify(after)).not.toMatch(/satisfied"\s*:\s*\d/);
    // The rounds list is a projection: wait until it has taken in the second ballot.
    const rounds = await eventually(async () => {
      const res = await t.http
        .get(`/api/v1/dossiers/${s.dossier.id}/surveys`)
        .set('authorization', `Bearer ${s.tokens.admin}`);
      return res.body?.[0]?.participation?.ballots === 2 && res;
    }, 'the rounds read model counting two ballots');
    expect(rounds.body.map((r: { tally: unknown }) => r.tally)).toEqual([null]);
    expect((await s.dossier.get()).survey ?? null).toBeNull();
  });

  it('refuses a paper batch of one form (below the minimum), in Vietnamese, and writes nothing', async () => {
    const s = await started(20);
    const version = (await s.view()).version;
    const one = await s.batch('mot-phieu', VILLAGES[0], [7], s.fronts[0]);
    expect(one.status).toBe(400);
    expect(one.body.code).toBe('INVALID_BATCH');
    expect(one.body.violations).toEqual([
      expect.objectContaining({ code: 'BATCH_TOO_SMALL', field: 'input.forms' }),
    ]);
    expect(one.body.message).toContain('tối thiểu 5 phiếu');
    const counts = await s.post(`/api/v1/surveys/${s.surveyId}/paper-batches`, s.fronts[0], {
      batchId: 'mot-ho',
      village: VILLAGES[0],
      input: {
        mode: 'counts',
        households: [household(8).code],
        counts: ['overall', 'c2', 'c10', 'c17'].map((question) => ({
          question,
          satisfied: 1,
          notSatisfied: 0,
          noAnswer: 0,
        })),
      },
    });
    expect([counts.status, counts.body.violations[0].code]).toEqual([400, 'BATCH_TOO_SMALL']);
    expect((await s.view()).version).toBe(version);
    expect((await s.batch('nam-phieu', VILLAGES[0], [7, 8, 9, 10, 11], s.fronts[0])).status).toBe(201);
  });

  it('answers a guessed code the same, byte for byte, whether it is unknown, already used, or valid', async () => {
    const s = await started(20);
    expect((await s.ballot(2)).status).toBe(201);
    const ballotOf = (code: string, answers: object = answersOf(5)) =>
      t.http.post(`/api/v1/surveys/${s.surveyId}/ballots`).send({ household: code, answers });
    const unknown = await ballotOf('NT-99999');
    const used = await ballotOf(household(2).code);
    expect([unknown.status, used.status]).toEqual([422, 422]);
    expect(used.text).toBe(unknown.text);
    expect(JSON.parse(unknown.text)).toEqual({
      code: 'BALLOT_REFUSED',
      message: 'Mã hộ không hợp lệ hoặc đã được sử dụng',
    });
    // A refused form is answered alike for an unknown, a used and a valid unused code.
    const bad = { ...answersOf(5), c17: 'rất hài lòng' };
    const refused = await Promise.all(
      ['NT-99999', household(2).code, household(5).code].map((code) => ballotOf(code, bad)),
    );
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(refused[1].text).toBe(refused[0].text);
    expect(refused[2].text).toBe(refused[0].text);
    // The valid code was not used up by the refusals.
    expect((await ballotOf(household(5).code)).status).toBe(201);
    const cast = (await events(s.surveyId)).filter((e) => e.event_type === 'OnlineBallotCast');
    expect(cast).toHaveLength(2);
  });
});
