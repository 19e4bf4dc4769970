import { dossierStreamId } from '@ntm/recognition';
import { Client } from 'pg';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl } from '../support/test-database';
import { QUESTIONS, SurveyDriver } from './survey-driver';

const DURING = '2025-03-10T01:00:00.000Z';
const CLOSES_AT = '2025-03-24T00:00:00.000Z';

/**
 * The survey-result process manager: a closed survey's result reaches its dossier even when recording it fails
 * at first. The fault is real: a trigger makes PostgreSQL refuse to store SurveyResultRecorded until it is dropped
 * (as a database restart or a lost connection would), counting each refusal in a sequence.
 */
describe('Survey result → dossier (process manager, retried until done)', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await startTestApp('survey_result_pm_e2e', { worker: true, config: { publicBallots: true } });
    t.clock.set(DURING);
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });
  afterAll(async () => {
    await db.query(`DROP TRIGGER IF EXISTS refuse_result ON ${t.config.schema}.es_events`);
    await db.end();
    await t.close();
  });

  it('records the result on the dossier once, after the first attempts failed', async () => {
    const s = await SurveyDriver.start(t);
    const opened = await s.open({ questions: QUESTIONS, period: { closesAt: CLOSES_AT } });
    expect(opened.status).toBe(201);
    s.surveyId = opened.body.surveyId;
    await s.registered(20);
    for (let n = 0; n < 16; n++) expect((await s.ballot(n)).status).toBe(201);

    const schema = t.config.schema;
    await db.query(`CREATE SEQUENCE IF NOT EXISTS ${schema}.refused_results`);
    await db.query(`CREATE OR REPLACE FUNCTION ${schema}.refuse_result() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.event_type = 'SurveyResultRecorded' THEN
          PERFORM nextval('${schema}.refused_results');
          RAISE EXCEPTION 'injected fault: storage unavailable';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER refuse_result BEFORE INSERT ON ${schema}.es_events FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse_result()`,
    );

    // The Front closes the survey: it is closed, but the result cannot be stored on the dossier now.
    const closed = await s.close();
    expect(closed.status).toBeGreaterThanOrEqual(500);
    expect((await s.view()).status).toBe('closed');
    // The process manager keeps trying (the close request's own attempt was the first refusal).
    await eventually(
      async () =>
        Number((await db.query(`SELECT last_value FROM ${schema}.refused_results`)).rows[0].last_value) >= 3,
      'the process manager to retry',
      20_000,
    );
    expect((await s.dossier.get()).survey).toBeFalsy();

    // The fault ends; nobody sends anything again.
    await db.query(`DROP TRIGGER refuse_result ON ${schema}.es_events`);
    const dossier = await eventually(
      async () => {
        const view = await s.dossier.get();
        return view.survey ? view : undefined;
      },
      'the result to reach the dossier',
      40_000,
    );
    expect(dossier.survey).toMatchObject({
      source: 'survey',
      surveyId: s.surveyId,
      households: 20,
      formsCollected: 16,
    });
    const { rows } = await db.query(
      `SELECT metadata->>'actor' AS actor FROM ${schema}.es_events WHERE stream_id = $1 AND event_type = 'SurveyResultRecorded'`,
      [dossierStreamId(s.dossier.id)],
    );
    expect(rows).toEqual([{ actor: 'system:survey-result' }]);
  });
});
