import { dossierStreamId } from '@ntm/recognition';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import {
  SURVEY_CLOSING_QUEUE,
  surveyCloseJobId,
  type SurveyCloseJob,
} from '../../apps/api/src/surveys/survey-closing';
import { DueTimers, timersSetBy } from '../../apps/worker/src/timers/due-timers';
import { Timers } from '../../apps/worker/src/worker.module';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl } from '../support/test-database';
import { duongQuang } from '../support/dossier-driver';
import { QUESTIONS, SurveyDriver, NO_RATE_LIMITS } from './survey-driver';

const DURING = '2025-03-10T01:00:00.000Z';
const CLOSES_AT = '2025-03-24T00:00:00.000Z';
const AFTER = '2025-03-24T00:00:05.000Z';

/**
 * The closing timer with the real worker (API and worker in one process, real Redis): opening a survey schedules a
 * delayed BullMQ job, and the worker's processor closes the survey when the job comes due. The test clock jumps
 * past the period and the job is promoted, which is what the passing of fourteen days does to it.
 */
describe('Survey closing timer (BullMQ worker)', () => {
  let t: TestApp;
  let queue: Queue<SurveyCloseJob>;
  let connection: IORedis;

  beforeAll(async () => {
    t = await startTestApp('survey_closing_e2e', {
      worker: true,
      config: { publicBallots: true, rateLimits: NO_RATE_LIMITS },
    });
    t.clock.set(DURING);
    connection = new IORedis(t.config.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(SURVEY_CLOSING_QUEUE, { connection, prefix: t.config.queuePrefix });
  });
  afterAll(async () => {
    await queue.close();
    await connection.quit();
    await t.close();
  });

  /** The closing job, once the worker's timers projection has scheduled it. */
  const job = (surveyId: string) =>
    eventually(() => queue.getJob(surveyCloseJobId(surveyId)), 'the closing job to be scheduled');

  /** Brings the job due now and waits until the worker has run it (a completed job is removed). */
  const runDue = async (surveyId: string) => {
    await (await job(surveyId)).promote();
    await eventually(async () => {
      const j = await queue.getJob(surveyCloseJobId(surveyId));
      if (j && (await j.getState()) === 'failed') throw new Error(`closing job failed: ${j.failedReason}`);
      return j === undefined;
    }, 'the closing job to complete');
  };

  const openWithBallots = async (place = undefined as Parameters<typeof SurveyDriver.start>[1]) => {
    t.clock.set(DURING);
    const s = await SurveyDriver.start(t, place);
    const opened = await s.open({
      questions: QUESTIONS,
      period: { closesAt: CLOSES_AT },
      posting: { days: 7, places: ['Nhà văn hóa thôn Nà Dì', 'Đài truyền thanh xã'] },
    });
    expect(opened.status).toBe(201);
    s.surveyId = opened.body.surveyId;
    await s.registered(20);
    for (let n = 0; n < 16; n++) expect((await s.ballot(n)).status).toBe(201);
    return s;
  };

  it('closes the survey when the period ends, records the result on the dossier and posts it', async () => {
    const s = await openWithBallots();
    const timer = await job(s.surveyId);
    expect(await timer.getState()).toBe('delayed');
    // Scheduled from the test clock: fourteen days less one hour.
    expect(timer.opts.delay).toBe(Date.parse(CLOSES_AT) - Date.parse(DURING));

    // Redis loses its data (a restart without persistence): the timer is a row, reconciliation adds its job again.
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', `${t.config.queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await connection.del(...keys);
    } while (cursor !== '0');
    expect(await queue.getJob(surveyCloseJobId(s.surveyId))).toBeUndefined();
    await t.app.get(Timers).reconcile(false);
    const again = await job(s.surveyId);
    expect(await again.getState()).toBe('delayed');
    expect(again.data).toMatchObject({ surveyId: s.surveyId, closesAt: CLOSES_AT, posting: { days: 7 } });

    t.clock.set(AFTER);
    await runDue(s.surveyId);

    const view = await s.view();
    expect(view).toMatchObject({
      status: 'posted',
      tally: { households: 20, ballots: 16, participationPermille: 800, coverageMet: true },
      posting: {
        from: AFTER,
        until: '2025-03-31T00:00:05.000Z',
        places: ['Nhà văn hóa thôn Nà Dì', 'Đài truyền thanh xã'],
      },
    });
    // The job only closes and posts; the survey-result process manager takes the result to the dossier.
    const dossier = await eventually(async () => {
      const d = await s.dossier.get();
      return d.survey && d;
    }, 'the result on the dossier');
    expect(dossier.survey).toMatchObject({
      source: 'survey',
      surveyId: s.surveyId,
      households: 20,
      formsCollected: 16,
    });

    // Who did what: the closing job closed and posted; the result went on the dossier once, by the process manager.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT event_type, data->>'reason' AS reason, metadata->>'actor' AS actor, metadata->>'role' AS role
           FROM ${t.config.schema}.es_events WHERE event_type IN ('SurveyClosed', 'SurveyResultPosted', 'SurveyResultRecorded')
            AND (stream_id = $1 OR stream_id = $2) ORDER BY event_type`,
        [`survey-${s.surveyId}`, dossierStreamId(s.dossier.id)],
      );
      // By name: the posting and the process manager's record may land in either order.
      expect(rows).toEqual([
        {
          event_type: 'SurveyClosed',
          reason: 'period-ended',
          actor: 'system:survey-closing',
          role: 'system',
        },
        {
          event_type: 'SurveyResultPosted',
          reason: null,
          actor: 'system:survey-closing',
          role: 'system',
        },
        {
          event_type: 'SurveyResultRecorded',
          reason: null,
          actor: 'system:survey-result',
          role: 'system',
        },
      ]);
    } finally {
      await db.end();
    }
  });

  it('waits when the timer comes due before the period ends', async () => {
    const s = await openWithBallots(duongQuang);
    await (await job(s.surveyId)).promote();
    // The worker ran it and sent it back to wait for the rest of the period.
    await eventually(async () => {
      const j = await job(s.surveyId);
      return j.processedOn !== undefined && (await j.getState()) === 'delayed';
    }, 'the early job to be delayed again');
    expect((await s.view()).status).toBe('open');
  });

  it('does nothing twice: a replayed SurveyOpened schedules no second timer, a stale timer changes nothing', async () => {
    const s = await openWithBallots();
    const timers = t.app.get(Timers);
    // The timers projection's row, from the event as stored: one timer, whose id is the job's.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    let opened: { event_id: string; correlation_id: string };
    try {
      ({
        rows: [opened],
      } = await db.query(
        `SELECT event_id, metadata->>'correlationId' AS correlation_id FROM ${t.config.schema}.es_events
          WHERE stream_id = $1 AND event_type = 'SurveyOpened'`,
        [`survey-${s.surveyId}`],
      ));
    } finally {
      await db.end();
    }
    const row = await eventually(
      () => t.app.get(DueTimers).get(surveyCloseJobId(s.surveyId)),
      'the timer row',
    );
    expect(row).toMatchObject({ kind: 'survey-close', status: 'pending', dueAt: new Date(CLOSES_AT) });
    expect(row.payload).toMatchObject({ surveyId: s.surveyId, causationId: opened.event_id });
    // A replayed SurveyOpened, or a reconciliation, schedules no second job.
    const before = await queue.getDelayedCount();
    const replayed = timersSetBy(
      {
        eventId: opened.event_id,
        type: 'SurveyOpened',
        data: { surveyId: s.surveyId, period: { opensAt: DURING, closesAt: CLOSES_AT } },
        metadata: {
          actor: 'x',
          role: 'front_officer',
          correlationId: opened.correlation_id,
          causationId: 'c',
        },
        streamId: `survey-${s.surveyId}`,
        streamVersion: 1,
        position: '1',
        recordedAt: new Date(),
      },
      t.config.deadlineReminderWorkingDays,
    );
    expect(replayed.map((r) => r.id)).toEqual([row.id]);
    await timers.scheduler.schedule(replayed);
    await timers.scheduler.reconcile();
    expect(await queue.getDelayedCount()).toBe(before);

    // The Front closes early; then the timer fires anyway (still scheduled, or scheduled again by a replay).
    expect((await s.close()).status).toBe(200);
    const dossierVersion = (await s.dossier.get()).version;
    const surveyVersion = (await s.view()).version;

    // Closed and posted: the timer is done, but its job may still be there (or come back from a replay).
    await eventually(
      async () => (await t.app.get(DueTimers).get(row.id))?.status === 'done',
      'the timer to be done',
    );
    await timers.scheduler.schedule([row]);
    t.clock.set(AFTER);
    await runDue(s.surveyId);
    expect((await s.dossier.get()).version).toBe(dossierVersion);
    expect((await s.view()).version).toBe(surveyVersion);
  });
});
