import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { deadlineJobId } from '@ntm/recognition';
import { DEADLINES_QUEUE } from '../../apps/worker/src/deadlines';
import { startTestApp, type TestApp } from '../support/harness';
import { DossierDriver, nongThuong, tokensFor, type Tokens } from '../support/dossier-driver';
import { eventually } from '../support/eventually';

describe('Step deadlines (BullMQ delayed jobs from StepOpened events)', () => {
  let t: TestApp;
  let tokens: Tokens;
  let queue: Queue;

  beforeAll(async () => {
    t = await startTestApp('deadlines_e2e', { worker: true });
    tokens = await tokensFor(t, nongThuong);
    queue = t.app.get(getQueueToken(DEADLINES_QUEUE));
  });
  afterAll(() => t.close());

  /** Lets the delayed job run now, as if its delay had passed. */
  const fire = async (jobId: string) => {
    const job = await eventually(() => queue.getJob(jobId), 'the deadline job to be scheduled');
    if ((await job.getState()) === 'delayed') await job.promote();
    return job;
  };

  it('marks the step overdue when its deadline passes, once, and a stale timer changes nothing', async () => {
    // Monday 3 March 2025, 09:00 in Hà Nội: verification has 15 working days.
    t.clock.set('2025-03-03T02:00:00.000Z');
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.prepare();
    await d.submit();
    const step = (await d.get()).current;
    expect(step.step).toBe('district-verification');
    expect(step.dueAt).toBe('2025-03-24T16:59:59.999Z');

    const jobId = deadlineJobId(d.id, 'district-verification', step.round);
    const job = await eventually(() => queue.getJob(jobId), 'the deadline job to be scheduled');
    expect(job.data).toMatchObject({ dossierId: d.id, step: 'district-verification', dueAt: step.dueAt });
    expect(job.opts.delay).toBeGreaterThan(20 * 86_400_000); // scheduled for the due date, not now

    t.clock.set('2025-03-25T02:00:00.000Z');
    await fire(jobId);
    const overdue = await eventually(async () => {
      const view = await d.get();
      return view.current.overdue ? view : undefined;
    }, 'the step to be marked overdue');
    expect(overdue.current.overdueAt).toBe('2025-03-25T02:00:00.000Z');
    const history = await t.http
      .get(`/api/v1/dossiers/${d.id}/history`)
      .set('authorization', `Bearer ${tokens.admin}`);
    const marked = history.body.filter((e: { type: string }) => e.type === 'StepOverdue');
    expect(marked).toHaveLength(1);
    expect(marked[0].role).toBe('system');

    // The reviewer acts late; a timer for the old step that fires afterwards does nothing.
    await d.verify();
    const versionAfter = (await d.get()).version;
    const stale = await queue.add('step-deadline', { ...job.data }, { jobId: `${jobId}__replay` });
    await eventually(
      async () =>
        (await stale.getState()) === 'completed' || (await queue.getJob(stale.id!)) === undefined
          ? true
          : undefined,
      'the stale timer to run',
    );
    expect((await d.get()).version).toBe(versionAfter);
  });
});
