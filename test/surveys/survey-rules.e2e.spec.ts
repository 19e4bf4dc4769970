import { Client } from 'pg';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl } from '../support/test-database';
import { duongQuang } from '../support/dossier-driver';
import {
  answersOf,
  household,
  QUESTIONS,
  registerCsv,
  SurveyDriver,
  VILLAGES,
  NO_RATE_LIMITS,
} from './survey-driver';

const DURING = '2025-03-10T01:00:00.000Z';

describe('Survey over HTTP: opening, register, ballots, batches, rounds', () => {
  let t: TestApp;

  beforeAll(async () => {
    // With the worker: a dossier's rounds are listed from a read model (survey-rounds).
    t = await startTestApp('survey_rules_e2e', {
      worker: true,
      config: { publicBallots: true, rateLimits: NO_RATE_LIMITS },
    });
    t.clock.set(DURING);
  });
  afterAll(() => t.close());

  const surveyWithRegister = async (households = 40) => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    await s.registered(households);
    return s;
  };

  it("opens a round with the coverage and threshold of the dossier's procedure, not the caller's", async () => {
    const s = await SurveyDriver.start(t);
    const res = await s.open({
      questions: QUESTIONS,
      period: { closesAt: '2025-03-24T00:00:00.000Z' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/surveys/${res.body.surveyId}`);
    expect(res.body).toMatchObject({ round: 1, events: [{ type: 'SurveyOpened', version: 1 }] });
    s.surveyId = res.body.surveyId;
    const view = await s.view();
    // 2021-2025 procedure, NTM level: 70% coverage, 90% satisfied (UNVERIFIED defaults, as data).
    expect(view.participation).toMatchObject({
      coverageMinimumPermille: 700,
      satisfactionThresholdPermille: 900,
      households: 0,
    });
    // No answers are shown while the survey is open.
    expect(view.tally).toBeNull();
    expect(view.period).toEqual({ opensAt: DURING, closesAt: '2025-03-24T00:00:00.000Z' });

    const extra = await s.open({
      questions: QUESTIONS,
      period: { closesAt: '2025-03-24T00:00:00Z' },
      satisfactionThresholdPermille: 10,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.violations).toEqual([
      expect.objectContaining({ field: 'satisfactionThresholdPermille' }),
    ]);
  });

  it('builds the form from the dossier criteria set when no questions are sent', async () => {
    const s = await SurveyDriver.start(t);
    await s.opened({ period: { closesAt: '2025-03-24T00:00:00Z' } });
    const { questions } = await s.view();
    expect(questions.overall.text).toBe(
      'Ông/bà có hài lòng với kết quả xây dựng nông thôn mới của xã Nông Thượng không?',
    );
    expect(questions.criteria).toHaveLength(19);
    expect(questions.criteria[16]).toEqual({
      id: 'c17',
      criterion: 17,
      text: expect.stringMatching(/^Ông\/bà có hài lòng với kết quả thực hiện tiêu chí 17 \(Môi trường/),
    });
  });

  it('refuses to open a survey for anyone but a Front officer of the commune, or for an unknown dossier', async () => {
    const s = await SurveyDriver.start(t);
    expect((await s.open(undefined, s.tokens.commune)).status).toBe(403);
    const elsewhere = await t.token('front_officer', {
      provinceCode: duongQuang.provinceCode,
      districtCode: duongQuang.districtCode,
      communeCode: duongQuang.communeCode,
    });
    const outside = await s.open(undefined, elsewhere);
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('OUTSIDE_JURISDICTION');
    const unknown = await s.post(
      '/api/v1/dossiers/0b7f3c1c-5b1a-4a52-9a51-1f0d8f0e2a01/surveys',
      s.tokens.front,
      {
        period: { closesAt: '2025-03-24T00:00:00Z' },
      },
    );
    expect(unknown.status).toBe(404);
    expect(
      (
        await s.t.http
          .get(`/api/v1/dossiers/${s.dossier.id}/surveys`)
          .set('authorization', `Bearer ${s.tokens.admin}`)
      ).body,
    ).toEqual([]);
  });

  it('imports the register from a CSV body or a multipart upload, hashing every household code', async () => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    const res = await s.register(registerCsv(25));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      households: 25,
      events: [{ type: 'HouseholdRegisterImported' }, { type: 'HouseholdRegisterChunkAdded' }],
    });

    const upload = await t.http
      .post(`/api/v1/surveys/${s.surveyId}/register`)
      .set('authorization', `Bearer ${s.tokens.front}`)
      .attach(
        'file',
        Buffer.from(
          `\uFEFFMã hộ;Thôn\r\n${household(0).code};${household(0).village}\r\n${household(1000).code};${household(1000).village}\r\n`,
        ),
        {
          filename: 'danh-sach-ho.csv',
          contentType: 'text/csv',
        },
      );
    expect(upload.status).toBe(200);
    const view = await s.view();
    expect(view.register).toMatchObject({
      households: 2,
      villages: [
        { village: VILLAGES[0], households: 1 },
        { village: VILLAGES[1], households: 1 },
      ],
    });

    // Nothing in the survey's events reads as a household code.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT data::text AS data FROM ${t.config.schema}.es_events WHERE stream_id = $1`,
        [`survey-${s.surveyId}`],
      );
      expect(rows.length).toBeGreaterThan(2);
      for (const { data } of rows) expect(data).not.toMatch(/NT-\d{5}/);
    } finally {
      await db.end();
    }
  });

  it('reports every malformed CSV line by number and applies nothing of that file', async () => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    const csv = [
      'Mã hộ,Thôn',
      'NT-1,Thôn Nà Dì',
      'NT-2',
      'NT-3,Thôn Nà Dì,thừa',
      ',Thôn Nà Rẻo',
      'NT-1,Thôn Nà Rẻo',
      'NT-6,Thôn Nà Rẻo',
    ].join('\n');
    const res = await s.register(csv);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REGISTER_CSV_INVALID');
    expect(res.body.violations.map((v: { line: number }) => v.line)).toEqual([3, 4, 5, 6]);
    expect(res.body.message).toContain('Dòng 3');
    const view = await s.view();
    expect(view.register).toBeNull();
    expect(view.version).toBe(1);

    const empty = await s.register('');
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('REGISTER_FILE_MISSING');
  });

  it('answers 400 for an unknown answer value, naming the question, and counts nothing', async () => {
    const s = await surveyWithRegister();
    const res = await s.ballot(1, null, { ...answersOf(1), c17: 'rất hài lòng' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_BALLOT');
    expect(res.body.violations).toEqual([
      expect.objectContaining({ code: 'INVALID_ANSWER', field: 'answers.c17' }),
    ]);
    expect(res.body.message).toContain('tiêu chí 17');
    const missing = await s.post(`/api/v1/surveys/${s.surveyId}/ballots`, null, { answers: answersOf(1) });
    expect(missing.status).toBe(400);
    expect((await s.view()).participation.ballots).toBe(0);
  });

  it('takes one ballot per household: a second one is refused and counted nowhere; a household not in the register is refused alike', async () => {
    const s = await surveyWithRegister();
    expect((await s.ballot(1)).status).toBe(201);
    const again = await s.ballot(1, s.tokens.front, answersOf(2));
    expect(again.status).toBe(422);
    expect(again.body).toEqual({
      code: 'BALLOT_REFUSED',
      message: 'Mã hộ không hợp lệ hoặc đã được sử dụng',
    });
    // The same household on paper is a duplicate too: the whole batch is refused (a Front officer's batch
    // names the household, to find the mistyped form).
    const batch = await s.batch('b1', household(1).village, [6, 1, 11, 16, 21], s.fronts[1]);
    expect(batch.status).toBe(409);
    expect(batch.body.violations).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_BALLOT', field: 'input.forms[1].household' }),
    ]);
    const stranger = await s.ballot(999);
    expect(stranger.status).toBe(422);
    expect(stranger.body).toEqual(again.body);
    // A commune officer may not type a ballot; an invalid token is not taken as the public page.
    expect((await s.ballot(2, s.tokens.commune)).status).toBe(403);
    expect((await s.ballot(2, 'not-a-token')).status).toBe(401);

    const { participation, tally, batches } = await s.view();
    expect(participation).toMatchObject({ households: 40, ballots: 1, online: 1, paper: 0 });
    expect(tally).toBeNull();
    expect(batches).toEqual([]);
  });

  it('counts a paper batch only once two officers agree, and shows a mismatch with the differing figures', async () => {
    const s = await surveyWithRegister();
    const village = VILLAGES[0];
    const members = [0, 5, 10, 15, 20];
    expect(
      (await s.batch('nadi-1', village, members, s.fronts[0])).body.events.map(
        (e: { type: string }) => e.type,
      ),
    ).toEqual(['PaperBatchEntered']);
    // The second officer mistypes one form: household 15 answered "not satisfied" overall.
    const forms = members.map((n) => ({
      household: household(n).code,
      answers: n === 15 ? { ...answersOf(n), overall: 'not-satisfied' } : answersOf(n),
    }));
    const mistyped = await s.post(`/api/v1/surveys/${s.surveyId}/paper-batches`, s.fronts[1], {
      batchId: 'nadi-1',
      village,
      input: { mode: 'forms', forms },
    });
    expect(mistyped.status).toBe(201);
    expect(mistyped.body.events.map((e: { type: string }) => e.type)).toEqual([
      'PaperBatchEntered',
      'PaperBatchMismatched',
    ]);

    let view = await s.view();
    expect(view.participation.ballots).toBe(0);
    expect(view.batches).toEqual([
      expect.objectContaining({
        batchId: 'nadi-1',
        status: 'disputed',
        acceptedForms: null,
        mismatches: [
          expect.objectContaining({
            differences: [
              { field: 'satisfied', question: 'overall', earlier: 4, later: 3 },
              { field: 'notSatisfied', question: 'overall', earlier: 1, later: 2 },
            ],
          }),
        ],
      }),
    ]);

    // A third officer's entry agrees with the first: the batch counts.
    const resolved = await s.batch('nadi-1', village, members, s.fronts[2]);
    expect(resolved.body.events.map((e: { type: string }) => e.type)).toEqual([
      'PaperBatchEntered',
      'PaperBatchAccepted',
    ]);
    view = await s.view();
    expect(view.batches[0]).toMatchObject({ status: 'accepted', acceptedForms: 5, mismatches: [] });
    expect(view.participation).toMatchObject({ ballots: 5, paper: 5 });
    expect(view.tally).toBeNull();
    const batchAgain = await s.batch('nadi-1', village, members, s.fronts[1]);
    expect(batchAgain.status).toBe(409);
    expect(batchAgain.body.code).toBe('BATCH_ALREADY_ACCEPTED');
  });

  it('closes by the Front: the result goes on the dossier and is posted; a new round follows, the history keeps both', async () => {
    const s = await surveyWithRegister(10);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7]) expect((await s.ballot(n)).status).toBe(201);
    const firstId = s.surveyId;
    expect((await s.open()).body.code).toBe('PREVIOUS_ROUND_OPEN');

    const closed = await s.close(s.tokens.front, {
      posting: { days: 15, places: ['Nhà văn hóa thôn Nà Dì'] },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'posted',
      closed: { events: [{ type: 'SurveyClosed' }] },
      posted: { events: [{ type: 'SurveyResultPosted' }] },
    });
    // The close records the result on the dossier itself, unless the survey-result process manager (reacting to
    // SurveyClosed) got there first: then the close finds it held and records nothing. Either way, no refusal.
    expect(closed.body.dossierError).toBeUndefined();
    const recordedByClose = (closed.body.dossier?.events ?? []) as { type: string }[];
    expect([[], ['SurveyResultRecorded']]).toContainEqual(recordedByClose.map((e) => e.type));
    // Whichever path recorded it, the dossier holds the result once.
    const history = await t.http
      .get(`/api/v1/dossiers/${s.dossier.id}/history`)
      .set('authorization', `Bearer ${s.tokens.admin}`);
    expect(history.body.filter((e: { type: string }) => e.type === 'SurveyResultRecorded')).toHaveLength(1);
    const view = await s.view();
    expect(view.posting).toEqual({
      from: DURING,
      until: '2025-03-25T01:00:00.000Z',
      places: ['Nhà văn hóa thôn Nà Dì'],
    });
    expect(view.tally).toMatchObject({
      households: 10,
      ballots: 8,
      participationPermille: 800,
      coverageMet: true,
    });
    const dossier = await s.dossier.get();
    expect(dossier.survey).toMatchObject({
      source: 'survey',
      surveyId: firstId,
      households: 10,
      formsCollected: 8,
      participationRate: 0.8,
    });

    expect((await s.close()).status).toBe(409);
    expect((await s.ballot(9)).status).toBe(409);

    const second = await s.opened();
    expect(second).not.toBe(firstId);
    // The list is a read model: it shows the second round once the worker has projected it.
    const rounds = await eventually(async () => {
      const res = await t.http
        .get(`/api/v1/dossiers/${s.dossier.id}/surveys`)
        .set('authorization', `Bearer ${s.tokens.admin}`);
      return res.body.length === 2 && res;
    }, 'both rounds in the list');
    expect(rounds.body.map((r: { round: number; status: string }) => [r.round, r.status])).toEqual([
      [1, 'posted'],
      [2, 'open'],
    ]);
  });

  it('still closes and posts when the dossier has moved on, and says why the dossier refused the result', async () => {
    const s = await surveyWithRegister(10);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8]) expect((await s.ballot(n)).status).toBe(201);
    // The commune recorded a hand-typed result and submitted the dossier meanwhile.
    await s.dossier.prepare();
    await s.dossier.submit();
    const closed = await s.close();
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'posted',
      dossier: null,
      dossierError: { code: 'STEP_NOT_ALLOWED' },
    });
    expect((await s.dossier.get()).survey).toMatchObject({ source: 'manual' });
    // A new round cannot be opened for a dossier under review.
    const next = await s.open();
    expect([next.status, next.body.code]).toEqual([409, 'DOSSIER_NOT_TAKING_SURVEY']);
  });

  it('documents every survey route in OpenAPI, in Vietnamese', async () => {
    const { body } = await t.http.get('/api/docs-json');
    const routes = {
      '/api/v1/dossiers/{id}/surveys': ['post', 'get'],
      '/api/v1/surveys/{id}': ['get'],
      '/api/v1/surveys/{id}/register': ['post'],
      '/api/v1/surveys/{id}/ballots': ['post'],
      '/api/v1/surveys/{id}/paper-batches': ['post'],
      '/api/v1/surveys/{id}/close': ['post'],
    };
    for (const [path, methods] of Object.entries(routes)) {
      for (const method of methods)
        expect([path, method, body.paths[path]?.[method]?.summary]).toEqual([
          path,
          method,
          expect.stringMatching(/[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/),
        ]);
    }
  });

  it("shows a survey and a dossier's rounds only within the reader's jurisdiction", async () => {
    const s = await SurveyDriver.start(t);
    await s.opened();
    const outsider = await t.token('front_officer', {
      provinceCode: '24',
      districtCode: '213',
      communeCode: '07210',
    });
    for (const path of [`/api/v1/surveys/${s.surveyId}`, `/api/v1/dossiers/${s.dossier.id}/surveys`]) {
      const res = await t.http.get(path).set('authorization', `Bearer ${outsider}`);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 403,
        code: 'OUTSIDE_JURISDICTION',
      });
      const own = await t.http.get(path).set('authorization', `Bearer ${s.tokens.front}`);
      expect(own.status).toBe(200);
    }
  });
});
