import { DelayedError, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { SURVEY_CLOSING_QUEUE, surveyCloseJobId, SurveyClosingScheduler, type SurveyCloseJob } from '../../apps/api/src/surveys/survey-closing';
import { SurveyCompletion } from '../../apps/api/src/surveys/survey-completion';
import { SurveyClosingProcessor } from '../../apps/worker/src/surveys/survey-closing.processor';
import { startTestApp, TEST_DATABASE_URL, type TestApp } from '../support/harness';
import { duongQuang } from '../support/dossier-driver';
import { QUESTIONS, SurveyDriver } from './survey-driver';

const DURING = '2025-03-10T01:00:00.000Z';
const CLOSES_AT = '2025-03-24T00:00:00.000Z';
const AFTER = '2025-03-24T00:00:05.000Z';

/**
 * The closing timer on real Redis: the open route schedules a delayed BullMQ job, and a BullMQ worker running the
 * survey's processor closes the survey when the job comes due. The test clock jumps past the period and the job is
 * promoted, which is what the passing of fourteen days does to it.
 */
describe('Survey closing timer (BullMQ)', () => {
  let t: TestApp;
  let queue: Queue<SurveyCloseJob>;
  let worker: Worker<SurveyCloseJob>;
  const connections: IORedis[] = [];
  const settled = new Map<string, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();

  /** Resolves with what the job's next run returned ('delayed' when it was sent back to wait), rejects if it failed. */
  const nextRun = (jobId: string) => new Promise<unknown>((resolve, reject) => settled.set(jobId, { resolve, reject }));

  beforeAll(async () => {
    t = await startTestApp('survey_closing_e2e', { worker: false });
    t.clock.set(DURING);
    const connection = () => {
      const c = new IORedis(t.config.redisUrl, { maxRetriesPerRequest: null });
      connections.push(c);
      return c;
    };
    queue = new Queue(SURVEY_CLOSING_QUEUE, { connection: connection(), prefix: t.config.queuePrefix });
    const processor = new SurveyClosingProcessor(t.app.get(SurveyCompletion), t.clock);
    worker = new Worker<SurveyCloseJob>(
      SURVEY_CLOSING_QUEUE,
      async (job, token) => {
        try {
          return await processor.process(job, token);
        } catch (e) {
          if (e instanceof DelayedError) settled.get(job.id!)?.resolve('delayed');
          throw e;
        }
      },
      { connection: connection(), prefix: t.config.queuePrefix },
    );
    worker.on('completed', (job, result) => settled.get(job.id!)?.resolve(result));
    worker.on('failed', (job, e) => job && settled.get(job.id!)?.reject(e));
  });
  afterAll(async () => {
    await worker.close();
    await queue.close();
    await Promise.all(connections.map((c) => c.quit()));
    await t.close();
  });

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
    const job = (await queue.getJob(surveyCloseJobId(s.surveyId)))!;
    expect(await job.getState()).toBe('delayed');
    // Scheduled from the test clock: fourteen days less one hour.
    expect(job.opts.delay).toBe(Date.parse(CLOSES_AT) - Date.parse(DURING));

    t.clock.set(AFTER);
    const ran = nextRun(job.id!);
    await job.promote();
    expect(await ran).toBe('posted');

    const view = await s.view();
    expect(view).toMatchObject({
      status: 'posted',
      tally: { households: 20, ballots: 16, participationPermille: 800, coverageMet: true },
      posting: { from: AFTER, until: '2025-03-31T00:00:05.000Z', places: ['Nhà văn hóa thôn Nà Dì', 'Đài truyền thanh xã'] },
    });
    const dossier = await s.dossier.get();
    expect(dossier.survey).toMatchObject({ source: 'survey', surveyId: s.surveyId, households: 20, formsCollected: 16 });

    // Who did what: the system closed it; the result went on the dossier in the Front's name, marked as the system.
    const db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT event_type, data->>'reason' AS reason, metadata->>'actor' AS actor, metadata->>'role' AS role
           FROM ${t.config.schema}.es_events WHERE event_type IN ('SurveyClosed', 'SurveyResultPosted', 'SurveyResultRecorded')
            AND (stream_id = $1 OR stream_id = $2) ORDER BY global_position`,
        [`survey-${s.surveyId}`, `dossier-${s.dossier.id}`],
      );
      expect(rows).toEqual([
        { event_type: 'SurveyClosed', reason: 'period-ended', actor: 'system:survey-closing', role: 'system' },
        { event_type: 'SurveyResultRecorded', reason: null, actor: 'system:survey-closing', role: 'front_officer' },
        { event_type: 'SurveyResultPosted', reason: null, actor: 'system:survey-closing', role: 'front_officer' },
      ]);
    } finally {
      await db.end();
    }
  });

  it('waits when the timer comes due before the period ends', async () => {
    const s = await openWithBallots(duongQuang);
    const job = (await queue.getJob(surveyCloseJobId(s.surveyId)))!;
    const ran = nextRun(job.id!);
    await job.promote();
    expect(await ran).toBe('delayed');
    expect(await job.getState()).toBe('delayed');
    expect((await s.view()).status).toBe('open');
  });

  it('does nothing twice: a replayed SurveyOpened schedules no second timer, a stale timer changes nothing', async () => {
    const s = await openWithBallots();
    const scheduler = t.app.get(SurveyClosingScheduler);
    // The process manager's path, on the event as stored: the same job id, so still one job.
    const db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    let eventId: string;
    try {
      ({ rows: [{ event_id: eventId }] } = await db.query(
        `SELECT event_id FROM ${t.config.schema}.es_events WHERE stream_id = $1 AND event_type = 'SurveyOpened'`,
        [`survey-${s.surveyId}`],
      ));
    } finally {
      await db.end();
    }
    const before = await queue.getDelayedCount();
    await scheduler.handle([
      {
        eventId,
        type: 'SurveyOpened',
        data: { surveyId: s.surveyId, period: { opensAt: DURING, closesAt: CLOSES_AT } },
        metadata: { actor: 'x', role: 'front_officer', correlationId: 'c', causationId: 'c' },
        streamId: `survey-${s.surveyId}`,
        streamVersion: 1,
        position: '1',
        recordedAt: new Date(),
      },
    ]);
    expect(await queue.getDelayedCount()).toBe(before);

    // The Front closes early: the timer is dropped.
    expect((await s.close()).status).toBe(200);
    expect(await queue.getJob(surveyCloseJobId(s.surveyId))).toBeUndefined();
    const dossierVersion = (await s.dossier.get()).version;
    const surveyVersion = (await s.view()).version;

    // A timer that fires anyway (rescheduled by a replay) finds everything done.
    await scheduler.schedule({ surveyId: s.surveyId, closesAt: CLOSES_AT });
    t.clock.set(AFTER);
    const job = (await queue.getJob(surveyCloseJobId(s.surveyId)))!;
    const ran = nextRun(job.id!);
    await job.promote();
    expect(await ran).toBe('posted');
    expect((await s.dossier.get()).version).toBe(dossierVersion);
    expect((await s.view()).version).toBe(surveyVersion);
  });
});
