import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TokenService } from '@ntm/application';
import { ApiModule } from '../../apps/api/src/app.module';
import { configureHttpApp } from '../../apps/api/src/bootstrap';
import { appointDemoBoard, DEMO_DOSSIER_ID, walkDemoDossier } from '../../apps/cli/src/demo';
import { serverClock, whileDistrictProcedureOpen } from '../../apps/cli/src/dev-clock';
import { demoCommune, demoLogins, demoUsers } from '../../apps/cli/src/demo-data';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/harness';

/** `npm start` walks this demo over real HTTP: keep README's promise true. */
describe('The demo walk', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The demo moves the server's clock to open its 2021-2025 dossier: the shared clock, as `npm start` has.
    t = await startTestApp('demo_e2e', { worker: true, realClock: true });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('takes xã Dương Quang from opening to decision and announcement, and a second run repeats nothing', async () => {
    const tokens = new TokenService(t.config.jwtSecret);
    const minted: Record<string, string> = {};
    for (const user of demoUsers) minted[user.sub] = await tokens.mint(user);
    const base = await t.app.getUrl();
    await walkDemoDossier([base], minted);
    const view = await t.http
      .get(`/api/v1/dossiers/${DEMO_DOSSIER_ID}`)
      .set('authorization', `Bearer ${minted['demo-admin']}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: 'recognised',
      decision: { outcome: 'granted', decisionNumber: '2468/QĐ-UBND' },
    });
    expect(view.body.announcement).not.toBeNull();
    // And this year's review after recognition: two criteria not kept, income (key) among them.
    expect(view.body.annualReviews).toEqual([
      expect.objectContaining({ failedCriteria: [10, 13], standing: 'slipping', criteriaToRevocation: 4 }),
    ]);
    // Its construction-debt ledger: the road paid off before submission, a hall owed since the recognition.
    const ledger = await t.http
      .get(`/api/v1/communes/${demoCommune.communeCode}/construction-debts`)
      .set('authorization', `Bearer ${minted['demo-province-officer']}`);
    expect(
      ledger.body.entries.map((e: { project: string; remaining: number }) => [e.project, e.remaining]),
    ).toEqual([
      ['Nhà văn hóa thôn Nà Dì', 320_000_000],
      ['Đường giao thông liên thôn Nà Dì - Bản Pá', 0],
    ]);
    // The demo registers Bắc Kạn's units, so its decision prints with the province's name.
    const decision = await t.http
      .get(`/api/v1/dossiers/${DEMO_DOSSIER_ID}/documents/decision.pdf`)
      .set('authorization', `Bearer ${minted['demo-commune-officer']}`);
    expect(decision.status).toBe(200);
    expect(decision.headers['content-type']).toContain('application/pdf');
    await walkDemoDossier([base], minted);
    const again = await t.http
      .get(`/api/v1/dossiers/${DEMO_DOSSIER_ID}`)
      .set('authorization', `Bearer ${minted['demo-admin']}`);
    expect(again.body.version).toBe(view.body.version);
  });

  it("appoints the province's emulation council, whose secretary and members sign in as demo users", async () => {
    const tokens = new TokenService(t.config.jwtSecret);
    const minted: Record<string, string> = {};
    for (const user of demoUsers) minted[user.sub] = await tokens.mint(user);
    const base = await t.app.getUrl();
    await appointDemoBoard(base, minted);
    await appointDemoBoard(base, minted); // a second start: the same answer (same idempotency key)
    // The read side follows the command: wait until it shows the council.
    const programme = await eventually(async () => {
      const res = await t.http
        .get('/api/v1/emulation/provinces/06')
        .set('authorization', `Bearer ${minted['demo-emulation-board']}`);
      return res.status === 200 && res;
    }, 'the demo council on the read side');
    expect(programme.status).toBe(200);
    expect(programme.body.board.members.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
      ['demo-emulation-board', 'secretary'],
      ['demo-emulation-member-1', 'member'],
      ['demo-emulation-member-2', 'member'],
    ]);
    expect(programme.body.board.appointedOn).toBe('2025-01-10');
    expect(demoLogins.map((l) => l.username)).toEqual(
      expect.arrayContaining(['emulation-board', 'emulation-member-1', 'emulation-member-2']),
    );
  });

  it('with two API processes, acts only once both read the moved clock, and answers once both read it back', async () => {
    // A second API process on the same database, as a deployment behind a load balancer has.
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot({ ...t.config, runWorker: false })],
    }).compile();
    const second = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
    configureHttpApp(second);
    await second.listen(0, '127.0.0.1');
    try {
      const bases = [await t.app.getUrl(), await second.getUrl()] as const;
      const before = await serverClock(bases[0]);
      const seenBySecond = await whileDistrictProcedureOpen(
        bases,
        async () => (await serverClock(bases[1])).now,
      );
      // Decision 51/2025/QĐ-TTg took effect on 15/02/2026: the second process opened before it.
      expect(Date.parse(seenBySecond)).toBeLessThan(Date.parse('2026-02-15T00:00:00+07:00'));
      expect((await serverClock(bases[1])).offsetMs).toBe(before.offsetMs);
    } finally {
      await second.close();
    }
  });
});
