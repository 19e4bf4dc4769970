import { startTestApp, type TestApp } from '../support/harness';
import { answersOf, household, NO_RATE_LIMITS, registerCsv, SurveyDriver, VILLAGES } from './survey-driver';

/**
 * Hostile input on the survey routes (issue 9, item 6): huge answers, huge lists, missing objects, long
 * strings, a register sent by the wrong person. Each is refused with a 4xx, a code and a Vietnamese message,
 * quickly, and nothing is written.
 */
const DURING = '2025-03-10T01:00:00.000Z';

const manyKeys = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`cau-hoi-${i}`, 'satisfied']));

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
};

describe('Survey routes under hostile input', () => {
  let t: TestApp;
  let s: SurveyDriver;
  const measured: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp('survey_hostile_e2e', {
      worker: false,
      config: { publicBallots: true, rateLimits: NO_RATE_LIMITS },
    });
    t.clock.set(DURING);
    s = await SurveyDriver.start(t);
    await s.opened();
    await s.registered(20);
  });
  afterAll(async () => {
    console.log(`survey hostile input, ms: ${JSON.stringify(measured)}`);
    await t.close();
  });

  const version = async () => (await s.view()).version as number;
  const ballots = () => `/api/v1/surveys/${s.surveyId}/ballots`;
  const batches = () => `/api/v1/surveys/${s.surveyId}/paper-batches`;

  it('refuses an anonymous ballot of 100,000 answers before parsing it (413), in milliseconds', async () => {
    const before = await version();
    const body = JSON.stringify({ household: household(1).code, answers: manyKeys(100_000) });
    expect(body.length).toBeGreaterThan(2_000_000);
    const [res, ms] = await timed(() =>
      t.http.post(ballots()).set('content-type', 'application/json').send(body),
    );
    measured.ballot100kKeys = Math.round(ms);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ code: 'BALLOT_TOO_LARGE', message: 'Phiếu gửi lên quá lớn: tối đa 16 KB' });
    expect(ms).toBeLessThan(2000);
    // Within the size limit, too many answers are refused by their count, naming the rule.
    const sixty = await t.http.post(ballots()).send({ household: household(1).code, answers: manyKeys(60) });
    expect(sixty.status).toBe(400);
    expect(sixty.body.violations).toEqual([
      expect.objectContaining({ code: 'TOO_MANY_ANSWERS', field: 'answers' }),
    ]);
    expect(sixty.body.message).toContain('tối đa 51 câu trả lời');
    const notJson = await t.http
      .post(ballots())
      .set('content-type', 'application/json')
      .send('{"household":');
    expect([notJson.status, notJson.body.code]).toEqual([400, 'INVALID_JSON']);
    expect(await version()).toBe(before);
    // The household is still free to vote.
    expect((await s.ballot(1)).status).toBe(201);
  });

  it("refuses a Front officer's batch holding a 100,000-key form, too many answers or too many forms, before walking it", async () => {
    const before = await version();
    const forms = [{ household: household(2).code, answers: manyKeys(100_000) }];
    const [huge, ms] = await timed(() =>
      s.post(batches(), s.fronts[0], {
        batchId: 'lon',
        village: VILLAGES[0],
        input: { mode: 'forms', forms },
      }),
    );
    measured.batchForm100kKeys = Math.round(ms);
    // Over the 2 MB JSON limit: refused before it is parsed (it froze the server for 9 s before).
    expect([huge.status, huge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(ms).toBeLessThan(5000);
    // A form with more answers than the survey has questions, within the body limits, names the form.
    const sixtyAnswers = await s.post(batches(), s.fronts[0], {
      batchId: 'sau-muoi',
      village: VILLAGES[0],
      input: { mode: 'forms', forms: [{ household: household(2).code, answers: manyKeys(60) }] },
    });
    expect(sixtyAnswers.status).toBe(400);
    expect(sixtyAnswers.body.violations).toEqual([
      expect.objectContaining({ code: 'TOO_MANY_ANSWERS', field: 'input.forms[0].answers' }),
    ]);
    // An unexpected field holding 100,000 keys is refused the same way, before the pipe copies it.
    const junk = await s.post(batches(), s.fronts[0], {
      batchId: 'rac',
      village: VILLAGES[0],
      input: { mode: 'forms', forms: [] },
      ghiChu: manyKeys(100_000),
    });
    expect([junk.status, junk.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const tooMany = Array.from({ length: 5001 }, () => ({}));
    const [long, ms2] = await timed(() =>
      s.post(batches(), s.fronts[0], {
        batchId: 'dai',
        village: VILLAGES[0],
        input: { mode: 'forms', forms: tooMany },
      }),
    );
    measured.batch5001Forms = Math.round(ms2);
    // Any list over 2,000 elements is refused before validation walks it.
    expect([long.status, long.body.code]).toEqual([400, 'BODY_ARRAY_TOO_LONG']);
    expect(await version()).toBe(before);
  });

  it('answers 400, not 500, to missing or malformed nested objects, and to over-long strings', async () => {
    const before = await version();
    const cases: [string, string, string | null, object][] = [
      ['batch without input', batches(), s.fronts[0], { batchId: 'x', village: VILLAGES[0] }],
      [
        'batch with forms [[]]',
        batches(),
        s.fronts[0],
        { batchId: 'x', village: VILLAGES[0], input: { mode: 'forms', forms: [[]] } },
      ],
      [
        'batch with input a string',
        batches(),
        s.fronts[0],
        { batchId: 'x', village: VILLAGES[0], input: 'forms' },
      ],
      [
        'batch id of 101 characters',
        batches(),
        s.fronts[0],
        {
          batchId: 'x'.repeat(101),
          village: VILLAGES[0],
          input: { mode: 'counts', households: [], counts: [] },
        },
      ],
      [
        'village of 100,000 characters',
        batches(),
        s.fronts[0],
        { batchId: 'x', village: 'T'.repeat(100_000), input: { mode: 'counts', households: [], counts: [] } },
      ],
      [
        'counts question of 51 characters',
        batches(),
        s.fronts[0],
        {
          batchId: 'x',
          village: VILLAGES[0],
          input: {
            mode: 'counts',
            households: ['NT-00001'],
            counts: [{ question: 'q'.repeat(51), satisfied: 1, notSatisfied: 0, noAnswer: 0 }],
          },
        },
      ],
      ['ballot without answers', ballots(), null, { household: household(3).code }],
      [
        'ballot with answers a list',
        ballots(),
        null,
        { household: household(3).code, answers: ['satisfied'] },
      ],
      [
        'ballot with an answer of 10,000 characters',
        ballots(),
        null,
        { household: household(3).code, answers: { ...answersOf(3), c17: 'x'.repeat(10_000) } },
      ],
      [
        'ballot with a household code of 101 characters',
        ballots(),
        null,
        { household: 'N'.repeat(101), answers: answersOf(3) },
      ],
      [
        'close with a posting place of 201 characters',
        `/api/v1/surveys/${s.surveyId}/close`,
        s.tokens.front,
        { posting: { places: ['p'.repeat(201)] } },
      ],
      ['close with posting a number', `/api/v1/surveys/${s.surveyId}/close`, s.tokens.front, { posting: 5 }],
    ];
    for (const [what, path, token, body] of cases) {
      const res = await s.post(path, token, body);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expect({ what, code: typeof res.body.code }).toEqual({ what, code: 'string' });
      expect({ what, message: res.body.message }).toEqual({ what, message: expect.stringMatching(/Trường/) });
      expect(JSON.stringify(res.body).length).toBeLessThan(5000);
    }
    expect(await version()).toBe(before);

    const dossierSurveys = `/api/v1/dossiers/${s.dossier.id}/surveys`;
    const opens: [string, object][] = [
      // A survey without a period opens with the window of its rule (test/recognition/calendar-years.e2e.spec.ts).
      ['survey with period.closesAt a number', { period: { closesAt: 20250324 } }],
      ['survey with period.opensAt a month, no time or offset', { period: { opensAt: '2025-03' } }],
      ['survey with period a string', { period: 'tháng 3' }],
      [
        'survey with questions.overall missing',
        { period: { closesAt: '2025-03-24T00:00:00Z' }, questions: { criteria: [] } },
      ],
      [
        'survey with 51 criterion questions',
        {
          period: { closesAt: '2025-03-24T00:00:00Z' },
          questions: {
            overall: { id: 'o', text: 'Chung' },
            criteria: Array.from({ length: 51 }, (_, i) => ({ id: `c${i}`, criterion: i + 1, text: 'x' })),
          },
        },
      ],
    ];
    for (const [what, body] of opens) {
      const res = await s.post(dossierSurveys, s.tokens.front, body);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
    }
  });

  it("checks the register's sender before reading the file: the wrong role gets 403, not a parse", async () => {
    const big = 'x'.repeat(9 * 1024 * 1024);
    // A commune officer (not the Front) and a Front officer of another commune: refused before the body.
    const byCommune = await s.register(big, s.tokens.commune).catch((e) => e.response);
    expect([byCommune.status, byCommune.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const elsewhere = await t.token('front_officer', {
      provinceCode: '01',
      districtCode: '001',
      communeCode: '00001',
    });
    const byOutsider = await s.register('Mã hộ,Thôn\n"NT-1,Thôn', elsewhere);
    expect([byOutsider.status, byOutsider.body.code]).toEqual([403, 'OUTSIDE_JURISDICTION']);
    const unknown = await t.http
      .post('/api/v1/surveys/5d0c7e1a-0000-4000-8000-000000000000/register')
      .set('authorization', `Bearer ${s.tokens.front}`)
      .set('content-type', 'text/csv')
      .send('Mã hộ,Thôn\n"NT-1,Thôn');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SURVEY_NOT_FOUND']);
    // The survey's own Front officer: the file is read, and one over 8 MB is refused as too large.
    const tooBig = await s.register(big).catch((e) => e.response);
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'REGISTER_TOO_LARGE']);
    const view = await s.view();
    expect(view.register.households).toBe(20);
    // A fresh register is still accepted (there is a ballot now, so it is locked: 409, not a parse error).
    const again = await s.register(registerCsv(20));
    expect([again.status, again.body.code]).toEqual([409, 'REGISTER_LOCKED']);
  });
});
