import { Client } from 'pg';
import type { Response } from 'supertest';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/harness';
import { testDatabaseUrl } from '../support/test-database';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '@ntm/application';
import type { EventStore } from '@ntm/event-store';
import {
  allCriteria,
  DossierDriver,
  nongThuong,
  openWhilePeriodOpen,
  sha,
  submissionEvidence,
  tokensFor,
  type Tokens,
} from '../support/dossier-driver';

// Advisory lock the test holds to stop a command at the moment it records its answer.
const HOLD = 4242;

/**
 * Retries of a command (same Idempotency-Key) against the real PostgreSQL when the first attempt dies between
 * its append and the completion of its idempotency record, or is still running when the retry arrives.
 */
describe('Exactly-once commands across crashes', () => {
  let t: TestApp;
  let tokens: Tokens;
  let holder: Client;
  let holderPid: number;

  beforeAll(async () => {
    t = await startTestApp('exactly_once_e2e', { worker: false });
    tokens = await tokensFor(t, nongThuong);
    holder = new Client({ connectionString: testDatabaseUrl() });
    await holder.connect();
    holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const s = `"${t.config.schema}"`;
    // Any write of an answer (insert with an answer, update, delete) waits while the test holds HOLD. The
    // claim of the previous release (an insert without an answer) passes, so both designs meet the same stop.
    await holder.query(`
      CREATE FUNCTION ${s}.test_hold_answers() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.answer IS NULL THEN RETURN NEW; END IF;
        PERFORM pg_advisory_xact_lock(${HOLD});
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_hold_answers BEFORE INSERT OR UPDATE OR DELETE ON ${s}.idempotency_keys
        FOR EACH ROW EXECUTE FUNCTION ${s}.test_hold_answers();`);
  });
  afterAll(async () => {
    await holder.end();
    await t.close();
  });

  const hold = () => holder.query('SELECT pg_advisory_lock($1)', [HOLD]);
  const letGo = () => holder.query('SELECT pg_advisory_unlock($1)', [HOLD]);
  /** Backends of this database stopped by the test's lock. */
  const stopped = async () =>
    (
      await holder.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))',
        [holderPid],
      )
    ).rows.map((r) => r.pid);
  /** Backends of this database waiting on any advisory lock (the test's, or a command's on its key). */
  const waitingOnKeys = async () =>
    Number(
      (
        await holder.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
        )
      ).rows[0].n,
    );

  const submission = submissionEvidence();
  const submit = (d: DossierDriver, key: string) =>
    d.send('submission', tokens.commune, submission, { 'Idempotency-Key': key }).then((r: Response) => r);
  const eventsOf = async (d: DossierDriver, type: string) => {
    const history = await t.http
      .get(`/api/v1/dossiers/${d.id}/history`)
      .set('authorization', `Bearer ${tokens.admin}`);
    return history.body.filter((e: { type: string }) => e.type === type).length;
  };
  const prepared = async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.prepare();
    return d;
  };
  /** Settles a promise into a flag the test can look at while it is still pending. */
  const watch = <T>(p: Promise<T>) => {
    const w = { settled: false, result: p };
    void p.finally(() => (w.settled = true)).catch(() => undefined);
    return w;
  };

  it('a process dying between the append and the answer leaves nothing written; the retry acts once, within seconds', async () => {
    const d = await prepared();
    const key = 'nop-ho-so-sap-mat-ket-noi';
    await hold();
    let first: Response;
    try {
      const attempt = watch(submit(d, key));
      // The attempt stops when it writes its answer, after its append: the process "dies" there (its database
      // connection is terminated), and so does any clean-up it tries on the way out.
      let killed = 0;
      await eventually(async () => {
        for (const pid of await stopped()) {
          await holder.query('SELECT pg_terminate_backend($1)', [pid]);
          killed++;
        }
        return attempt.settled;
      }, 'the first attempt to end with its connection');
      expect(killed).toBeGreaterThan(0);
      first = await attempt.result;
    } finally {
      await letGo();
    }
    // Its append died with its record: no submission is stored, so the retry has nothing to answer but itself.
    expect(await eventsOf(d, 'DossierSubmitted')).toBe(0);

    const started = Date.now();
    const retry = await submit(d, key);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(retry.status).toBe(200);
    expect(retry.body.events.map((e: { type: string }) => e.type)).toContain('DossierSubmitted');
    const again = await submit(d, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(retry.body);
    expect(again.headers.etag).toBe(retry.headers.etag);
    expect(await eventsOf(d, 'DossierSubmitted')).toBe(1);
    // The client of the dead attempt was told to retry with its key.
    expect(first.status).toBe(503);
    expect(first.body.code).toBe('DATABASE_INTERRUPTED');
  });

  it('a retry arriving while the first attempt is in flight waits for it and gets its answer', async () => {
    const d = await prepared();
    const key = 'nop-ho-so-gui-hai-lan';
    await hold();
    let first: Response;
    let second: Response;
    try {
      const attempt = watch(submit(d, key));
      await eventually(async () => (await stopped()).length > 0, 'the first attempt to reach its answer');
      const retry = watch(submit(d, key));
      // The retry is waiting (on the key's lock) rather than answering "in progress" or deciding again.
      await eventually(
        async () => retry.settled || (await waitingOnKeys()) >= 2,
        'the retry to wait on the key',
      );
      expect(retry.settled).toBe(false);
      await letGo();
      [first, second] = await Promise.all([attempt.result, retry.result]);
    } finally {
      await letGo();
    }
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await eventsOf(d, 'DossierSubmitted')).toBe(1);
  });

  it('a retry after the answer was stored gets the same status and body, from a fresh process too', async () => {
    const d = await prepared();
    const key = 'nop-ho-so-tra-loi-da-luu';
    const first = await submit(d, key);
    expect(first.status).toBe(200);
    // Another API process (no cache, nothing in memory) answers the retry from the stored record.
    const other = await startTestApp('exactly_once_e2e_other', {
      worker: false,
      config: { schema: t.config.schema },
    });
    try {
      const retry = await other.http
        .post(`/api/v1/dossiers/${d.id}/submission`)
        .set('authorization', `Bearer ${tokens.commune}`)
        .set('Idempotency-Key', key)
        .send(submission);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
    } finally {
      await other.close();
    }
    expect(await eventsOf(d, 'DossierSubmitted')).toBe(1);
  });

  it('accepts council votes sent at the same moment without If-Match, one event each', async () => {
    const d = await prepared();
    await d.submit();
    await d.verify();
    await d.ok('appraisal/posting', tokens.province, { from: d.daysAgo(30) });
    await d.ok('appraisal/posting/close', tokens.province);
    const votes = await Promise.all(
      tokens.council.map((member) =>
        d.send('appraisal/votes', member, { vote: 'approve' }).then((r: Response) => r),
      ),
    );
    expect(votes.map((r) => [r.status, r.body.code])).toEqual([
      [200, undefined],
      [200, undefined],
      [200, undefined],
    ]);
    expect(await eventsOf(d, 'CouncilVoteCast')).toBe(3);
  });

  /** What the commune-record process manager appends after a recognition decision. */
  const recognise = (communeCode: string, dossierId: string, level = 'ntm') =>
    t.app.get<EventStore>(EVENT_STORE).append(
      `commune-${communeCode}`,
      [
        {
          eventId: randomUUID(),
          type: 'CommuneRecognitionGranted',
          data: { level, dossierId, decisionNumber: '15/QĐ-UBND', decidedOn: '2025-12-15' },
          metadata: {
            actor: 'system',
            role: 'system',
            correlationId: randomUUID(),
            causationId: randomUUID(),
          },
        },
      ],
      { expectedVersion: 'any' },
    );

  /** Keyed openings of a 2021-2025 dossier at `level` by the commune's officer. */
  const opener = async (place: typeof nongThuong, level: string) => {
    const token = await t.token('commune_officer', {
      provinceCode: place.provinceCode,
      districtCode: place.districtCode,
      communeCode: place.communeCode,
    });
    return (key: string) =>
      openWhilePeriodOpen(t, '2021-2025', () =>
        t.http
          .post('/api/v1/dossiers')
          .set('authorization', `Bearer ${token}`)
          .set('Idempotency-Key', key)
          .send({ commune: place, level, procedureVersion: '2021-2025', year: 2025 }),
      );
  };

  it('a retried open answers with its first answer, though the commune was recognised since (found by the fault test)', async () => {
    const place = { provinceCode: '06', districtCode: '058', communeCode: '01899', name: 'xã Thử Nghiệm' };
    const open = await opener(place, 'ntm');
    const first = await open('mo-ho-so-01899');
    expect(first.status).toBe(201);
    await recognise(place.communeCode, first.body.dossierId);

    // The retry is not judged again against the commune's record: it gets the first answer.
    const again = await open('mo-ho-so-01899');
    expect([again.status, again.body]).toEqual([201, first.body]);
    // A new request is.
    const other = await open('mo-ho-so-01899-lan-2');
    expect([other.status, other.body.code]).toEqual([422, 'ALREADY_RECOGNISED']);
  });

  it('an opening decided on the commune record this process cached meets the recognition another process recorded', async () => {
    const place = {
      provinceCode: '06',
      districtCode: '058',
      communeCode: '01897',
      name: 'xã Thử Nghiệm Hai',
    };
    const open = await opener(place, 'nang-cao');
    // Given: the commune holds NTM, and this process read its record opening a nâng cao dossier ...
    await recognise(place.communeCode, randomUUID(), 'ntm');
    const first = await open('mo-nang-cao-01897');
    expect(first.status).toBe(201);
    // ... then another process records its nâng cao recognition (this process's cache does not learn it).
    await recognise(place.communeCode, first.body.dossierId, 'nang-cao');
    // A new opening decided on the cached record finds it moved in its append: decided again, refused.
    const second = await open('mo-nang-cao-01897-lan-2');
    expect([second.status, second.body.code]).toEqual([422, 'ALREADY_RECOGNISED']);
  });

  it('a retried survey open answers with the survey it opened, though the dossier has moved past the survey step', async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.ok('self-assessment', tokens.commune, { criteria: allCriteria() });
    await d.ok('public-posting', tokens.commune, { where: ['Trụ sở UBND xã'], from: d.daysAgo(30) });
    await d.ok('public-posting/close', tokens.commune);
    const closesAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const open = () =>
      t.http
        .post(`/api/v1/dossiers/${d.id}/surveys`)
        .set('authorization', `Bearer ${tokens.front}`)
        .set('Idempotency-Key', `khao-sat-${d.id}`)
        .send({ period: { closesAt } });
    const first = await open();
    expect(first.status).toBe(201);
    // The Front records the result by hand, the commune meets and submits: the dossier takes no survey now.
    await d.ok('survey-result', tokens.front, { households: 1000, formsCollected: 800, satisfied: 780 });
    await d.ok('commune-meeting', tokens.commune, {
      attendees: 37,
      votesFor: 37,
      votesAgainst: 0,
      minutes: sha(99),
    });
    await d.submit();
    expect((await d.get()).current.step).toBe('district-verification');

    const again = await open();
    expect([again.status, again.body]).toEqual([201, first.body]);
  });

  it('a retried survey close answers as the first did (close, result on the dossier, posting), not as the steps stand now', async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.ok('self-assessment', tokens.commune, { criteria: allCriteria() });
    await d.ok('public-posting', tokens.commune, { where: ['Trụ sở UBND xã'], from: d.daysAgo(30) });
    await d.ok('public-posting/close', tokens.commune);
    const opened = await t.http
      .post(`/api/v1/dossiers/${d.id}/surveys`)
      .set('authorization', `Bearer ${tokens.front}`)
      .send({ period: { closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString() } });
    expect(opened.status).toBe(201);
    const close = () =>
      t.http
        .post(`/api/v1/surveys/${opened.body.surveyId}/close`)
        .set('authorization', `Bearer ${tokens.front}`)
        .set('Idempotency-Key', `ket-thuc-${opened.body.surveyId}`)
        .send({});
    const first = await close();
    expect([first.status, first.body.status]).toEqual([200, 'posted']);
    expect(first.body.posted.events).toHaveLength(1);

    const again = await close();
    expect([again.status, again.body]).toEqual([200, first.body]);
  });
});
