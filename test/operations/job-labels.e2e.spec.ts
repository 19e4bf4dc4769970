import { PROJECTORS } from '@ntm/read-models';
import { Projections } from '../../apps/worker/src/projections/projections.module';
import { ManagerRunners } from '../../apps/worker/src/worker-core.module';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/harness';

/*
 * Every background job names itself in Vietnamese on its definition (a projector's, a process manager's, the
 * timers' `label`); the administrator's screen shows the label the API sends beside the code name. A job added
 * without one would show only its code name: this fails instead.
 */
describe('background jobs: each one registered is listed with its Vietnamese label', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Mail configured, so the notification mail manager runs too (the transport connects only to send).
    t = await startTestApp('job_labels', {
      config: { mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'NTM <ntm@example.test>' } },
    });
  });
  afterAll(() => t.close());

  it('gives every projector a label of its own', () => {
    for (const p of PROJECTORS) expect([p.name, p.label.trim().length > 0]).toEqual([p.name, true]);
    expect(new Set(PROJECTORS.map((p) => p.label)).size).toBe(PROJECTORS.length);
  });

  it('lists every runner the worker registered (read models, timers, process managers) with its label', async () => {
    const projections = t.app.get(Projections);
    const registered = [
      ...projections.readModelRunners.statuses(),
      ...projections.runners.statuses(),
      ...t.app.get(ManagerRunners).runners.statuses(),
    ].map((s) => s.name);
    // The registry holds every kind of job: each projector's live build, the timers, the process managers.
    for (const p of PROJECTORS) expect(registered).toContainEqual(expect.stringMatching(`^${p.name}@`));
    expect(registered).toContain('timers');
    expect(registered).toEqual(expect.arrayContaining(['pm:commune-record', 'pm:notification-mail']));

    const admin = await t.token('admin', {});
    const listed = await eventually(async () => {
      const res = await t.http.get('/api/v1/admin/projections').set('authorization', `Bearer ${admin}`);
      const items = (res.body as { items: { name: string; label: string | null }[] }).items ?? [];
      const byName = new Map(items.map((i) => [i.name, i.label]));
      return registered.every((name) => byName.has(name)) ? byName : undefined;
    }, 'every registered runner’s checkpoint');
    const unlabelled = registered.filter((name) => !listed.get(name)?.trim());
    expect(unlabelled).toEqual([]);
    const board = registered.find((name) => name.startsWith('dossier-board@'))!;
    expect(listed.get(board)).toBe('Bảng theo dõi hồ sơ');
    expect(listed.get('pm:commune-record')).toBe('Ghi công nhận vào hồ sơ của xã');
  });
});
