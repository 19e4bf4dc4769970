import { Client } from 'pg';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl } from '../support/test-database';
import {
  answersOf,
  expectedCounts,
  household,
  QUESTION_IDS,
  SurveyDriver,
  VILLAGES,
  NO_RATE_LIMITS,
} from './survey-driver';

/**
 * 5,000 households; 1,500 vote online (half on the public page, half through a Front officer), 3,000 on paper in
 * 15 village batches typed twice, 500 do not vote. Eight clients send everything at once, with 100 households
 * sending the same online form twice at the same moment; then duplicates against accepted paper forms.
 */
const HOUSEHOLDS = 5000;
const CLIENTS = 8;
const BATCH_SIZE = 200;

const isOnline = (n: number) => n % 10 < 3;
const isPaper = (n: number) => n % 10 >= 3 && n % 10 < 9;
const all = Array.from({ length: HOUSEHOLDS }, (_, n) => n);

/** Work items pulled by the clients from one shared list, so the order between clients is arbitrary. */
const inParallel = async (items: (() => Promise<void>)[], clients = CLIENTS) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) await items[next++]();
    }),
  );
};

describe('Survey of 5,000 households over HTTP, concurrently', () => {
  let t: TestApp;
  let s: SurveyDriver;

  beforeAll(async () => {
    t = await startTestApp('survey_ballots_e2e', {
      worker: false,
      config: { publicBallots: true, rateLimits: NO_RATE_LIMITS },
    });
    // One listening server for every client, rather than one per request.
    await t.app.listen(0, '127.0.0.1');
    t.clock.set('2025-03-10T01:00:00.000Z');
    s = await SurveyDriver.start(t);
    await s.opened();
    expect((await s.registered(HOUSEHOLDS)).households).toBe(HOUSEHOLDS);
  });
  afterAll(() => t.close());

  it('tallies exactly the ballots it accepted, refuses every duplicate, and records the result on the dossier', async () => {
    const online = all.filter(isOnline);
    const paper = all.filter(isPaper);
    const doubled = online.filter((_, i) => i % 15 === 0);
    expect(doubled).toHaveLength(100);

    // Paper: each village's paper households in batches, typed by two officers.
    const batches = VILLAGES.flatMap((village) => {
      const members = paper.filter((n) => household(n).village === village);
      return Array.from({ length: Math.ceil(members.length / BATCH_SIZE) }, (_, i) => ({
        batchId: `${village}-${i + 1}`,
        village,
        members: members.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE),
      }));
    });
    expect(batches).toHaveLength(15);
    // One more stack, of households that did not vote, typed differently by the two officers: it stays disputed.
    const disputed = all.filter((n) => n % 10 === 9).slice(0, 20);

    const statuses = new Map<string, number[]>();
    const note = (key: string, res: Response) => {
      if (res.status >= 500) throw new Error(`${key}: ${res.status} ${JSON.stringify(res.body)}`);
      statuses.set(key, [...(statuses.get(key) ?? []), res.status]);
    };
    const work: (() => Promise<void>)[] = [
      ...online.map((n) => async () => note(`online-${n}`, await s.ballot(n, n % 2 ? s.tokens.front : null))),
      ...doubled.map((n) => async () => note(`online-${n}`, await s.ballot(n, n % 2 ? null : s.fronts[2]))),
      ...batches.flatMap((b) =>
        [0, 1].map(
          (officer) => async () =>
            note(`batch-${b.batchId}`, await s.batch(b.batchId, b.village, b.members, s.fronts[officer])),
        ),
      ),
      async () => note('disputed', await s.batch('disputed', VILLAGES[0], disputed, s.fronts[0])),
      async () => note('disputed', await s.batch('disputed', VILLAGES[0], disputed.slice(1), s.fronts[1])),
    ];
    // Shuffle deterministically so duplicates and batch entries interleave with the single ballots.
    const shuffled = work
      .map((w, i) => ({ w, k: (i * 7919) % work.length }))
      .sort((a, b) => a.k - b.k)
      .map(({ w }) => w);
    await inParallel(shuffled);

    for (const n of online) {
      const got = statuses.get(`online-${n}`)!;
      // A household that sent its form twice at once got exactly one acceptance and one 409.
      expect([n, [...got].sort()]).toEqual([n, doubled.includes(n) ? [201, 422] : [201]]);
    }
    for (const b of batches)
      expect([b.batchId, statuses.get(`batch-${b.batchId}`)]).toEqual([b.batchId, [201, 201]]);
    expect(statuses.get('disputed')).toEqual([201, 201]);

    // Afterwards, households already counted on paper try again online, and a stack repeats online voters.
    const late = await Promise.all(paper.filter((n) => n % 60 === 3).map((n) => s.ballot(n)));
    expect(late.length).toBe(84);
    for (const res of late) expect([res.status, res.body.code]).toEqual([422, 'BALLOT_REFUSED']);
    const repeat = await s.batch(
      'lap-lai',
      VILLAGES[0],
      online.filter((n) => household(n).village === VILLAGES[0]).slice(0, 30),
      s.fronts[0],
    );
    expect(repeat.status).toBe(409);
    expect(repeat.body.violations).toHaveLength(30);

    const voters = [...online, ...paper];
    const expected = expectedCounts(voters);
    const view = await s.view();
    // While the survey is open only participation shows, never the answers.
    expect(view.tally).toBeNull();
    expect(view.participation).toMatchObject({ households: HOUSEHOLDS, ballots: 4500, online: 1500 });
    expect(JSON.stringify(view.participation)).not.toContain('satisf"');
    const checkTally = (tally: typeof view.tally) => {
      expect(tally).toMatchObject({
        households: HOUSEHOLDS,
        ballots: 4500,
        online: 1500,
        paper: 3000,
        satisfied: expected.overall.satisfied,
        participationPermille: 900,
        satisfactionPermille: Math.floor((expected.overall.satisfied * 1000) / 4500),
        coverageMet: true,
        thresholdMet: expected.overall.satisfied * 10 >= 4500 * 9,
      });
      expect(tally.perQuestion.map((q: { question: string }) => q.question)).toEqual([...QUESTION_IDS]);
      for (const q of tally.perQuestion)
        expect(q).toMatchObject({
          ...expected[q.question],
          answered: expected[q.question].satisfied + expected[q.question].notSatisfied,
        });
      for (const v of tally.perVillage) {
        const inVillage = voters.filter((n) => household(n).village === v.village);
        expect(v).toEqual({
          village: v.village,
          households: 1000,
          ballots: inVillage.length,
          satisfied: inVillage.filter((n) => answersOf(n).overall === 'satisfied').length,
        });
      }
    };
    expect(view.batches.filter((b: { status: string }) => b.status === 'accepted')).toHaveLength(15);
    const dispute = view.batches.find((b: { batchId: string }) => b.batchId === 'disputed');
    expect(dispute).toMatchObject({
      status: 'disputed',
      acceptedForms: null,
      mismatches: [expect.anything()],
    });
    // Which officer typed first is up to the race; the differing figures are the same either way.
    const forms = dispute.mismatches[0].differences.find((d: { field: string }) => d.field === 'forms');
    expect([forms.earlier, forms.later].sort()).toEqual([19, 20]);

    // The refused ballots left no trace in the stream: one event per accepted online ballot.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT event_type, count(*)::int AS n FROM ${t.config.schema}.es_events WHERE stream_id = $1 GROUP BY event_type`,
        [`survey-${s.surveyId}`],
      );
      expect(Object.fromEntries(rows.map((r) => [r.event_type, r.n]))).toMatchObject({
        OnlineBallotCast: 1500,
        PaperBatchEntered: 32,
        PaperBatchAccepted: 15,
        PaperBatchMismatched: 1,
      });
    } finally {
      await db.end();
    }

    const closed = await s.close();
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('posted');
    const dossier = await s.dossier.get();
    expect(dossier.survey).toMatchObject({
      source: 'survey',
      surveyId: s.surveyId,
      households: HOUSEHOLDS,
      formsCollected: 4500,
      satisfied: expected.overall.satisfied,
      participationRate: 0.9,
      satisfactionRate: expected.overall.satisfied / 4500,
    });
    expect(dossier.survey.perQuestion.find((q: { question: string }) => q.question === 'c17')).toMatchObject({
      satisfied: expected.c17.satisfied,
      answered: expected.c17.satisfied + expected.c17.notSatisfied,
    });
    const after = await s.view();
    checkTally(after.tally);
    expect(after.status).toBe('posted');
    // 6,500 requests: about a minute on a shared two-core machine.
  }, 240_000);
});
