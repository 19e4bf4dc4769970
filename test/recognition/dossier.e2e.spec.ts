import { startTestApp, type TestApp } from '../support/harness';
import {
  CHAIRMAN_NAME,
  DossierDriver,
  duongQuang,
  nongThuong,
  openWhilePeriodOpen,
  sha,
  submissionEvidence,
  tokensFor,
  type Tokens,
} from '../support/dossier-driver';

describe('Recognition dossier over HTTP', () => {
  let t: TestApp;
  let tokens: Tokens;

  beforeAll(async () => {
    t = await startTestApp('dossier_e2e', { worker: false });
    tokens = await tokensFor(t, nongThuong);
  });
  afterAll(() => t.close());

  const newDossier = async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    return d;
  };

  it('walks a dossier from opening to decision and announcement, keeping every event with who and why', async () => {
    const d = await newDossier();
    await d.prepare();
    await d.submit();
    expect((await d.get()).current.step).toBe('district-verification');
    await d.verify();
    await d.appraise();
    const decided = await d.ok('decision', tokens.chairman, {
      decisionNumber: '1234/QĐ-UBND',
      decidedOn: '2025-12-15',
    });
    expect(decided.events.map((e: { type: string }) => e.type)).toContain('RecognitionGranted');
    await d.ok('announcement', tokens.province, { announcedOn: '2025-12-20', where: 'Nhà văn hóa xã' });

    const view = await d.get();
    expect(view.status).toBe('recognised');
    expect(view.decision).toMatchObject({
      outcome: 'granted',
      decisionNumber: '1234/QĐ-UBND',
      decidedOn: '2025-12-15',
    });
    expect(view.announcement).toMatchObject({ announcedOn: '2025-12-20' });

    const history = await t.http
      .get(`/api/v1/dossiers/${d.id}/history`)
      .set('authorization', `Bearer ${tokens.admin}`);
    expect(history.status).toBe(200);
    expect(history.body.length).toBe(view.version);
    expect(history.body.map((e: { version: number }) => e.version)).toEqual(
      Array.from({ length: view.version }, (_, i) => i + 1),
    );
    for (const e of history.body) {
      expect(e.actor).toEqual(expect.any(String));
      expect(e.role).toEqual(expect.any(String));
      expect(e.correlationId).toEqual(expect.any(String));
      expect(e.causationId).toEqual(expect.any(String));
    }
    const granted = history.body.find((e: { type: string }) => e.type === 'RecognitionGranted');
    expect(granted.role).toBe('chairman');
    expect(granted.actorName).toBe(CHAIRMAN_NAME);
    // Who signed in without a name is shown by the account.
    const opened = history.body[0];
    expect(opened.actorName).toBe(opened.actor);
  });

  it('answers a command with the dossier as it now stands, so a screen needs no second request', async () => {
    const d = new DossierDriver(t, tokens, nongThuong);
    const opened = await d.open();
    expect(opened.summary).toMatchObject({
      status: 'preparing',
      step: { id: 'commune-preparation', round: 1, overdue: false },
    });
    await d.prepare();
    const submitted = await d.submit();
    const view = await d.get();
    expect(submitted.version).toBe(view.version);
    expect(submitted.summary).toEqual(view.summary);
    expect(submitted.summary.step).toMatchObject({ id: 'district-verification', dueAt: expect.any(String) });
  });

  it('shows the dossier exactly as it stood at an earlier instant (?asOf)', async () => {
    const d = await newDossier();
    await d.prepare();
    const beforeSubmit = new Date().toISOString();
    await new Promise((r) => setImmediate(r));
    await d.submit();
    const then = await d.get(`?asOf=${encodeURIComponent(beforeSubmit)}`);
    const now = await d.get();
    expect(then.current.step).toBe('commune-preparation');
    expect(now.current.step).toBe('district-verification');
    expect(then.version).toBeLessThan(now.version);
    const before = await t.http
      .get(`/api/v1/dossiers/${d.id}?asOf=2000-01-01T00:00:00Z`)
      .set('authorization', `Bearer ${tokens.admin}`);
    expect(before.status).toBe(404);
  });

  it('returns a dossier for supplementation with reasons, and keeps both rounds on resubmission', async () => {
    const d = await newDossier();
    await d.prepare();
    await d.submit();
    await d.ok('return', tokens.district, {
      reasons: [{ criterion: 17, text: 'Thiếu minh chứng thu gom rác thải' }],
    });
    const again = await d.send('return', tokens.district, { reasons: [{ criterion: 2, text: 'Lần hai' }] });
    expect(again.status).toBeGreaterThanOrEqual(409);
    await d.ok('resubmission', tokens.commune, {
      changes: 'Bổ sung minh chứng tiêu chí 17',
      ...submissionEvidence(),
    });
    const view = await d.get();
    expect(view.round).toBe(2);
    expect(view.rounds).toHaveLength(2);
    expect(view.rounds[0].returned.reasons[0]).toMatchObject({ criterion: 17 });
    expect(view.rounds[1].changes).toBe('Bổ sung minh chứng tiêu chí 17');
    expect(view.current.step).toBe('district-verification');
  });

  it('refuses with every failed condition listed, not only the first', async () => {
    const d = await newDossier();
    // Debt the finance office confirms blocks the submission itself (Decision 03/2024/QĐ-TTg; RULES-2026 §3, §4).
    await d.prepare({ satisfied: 600 });
    const blocked = await d.send('submission', tokens.commune, submissionEvidence({ debtOutstanding: 5e8 }));
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('SUBMISSION_CONDITIONS_NOT_MET');
    expect(blocked.body.violations.map((v: { code: string }) => v.code)).toEqual(['CONSTRUCTION_DEBT']);
    // The district passed it; the provincial council finds two criteria unmet; the survey fails too.
    await d.submit();
    await d.verify();
    await d.appraise({ findings: (n) => n !== 17 && n !== 10 });
    const grant = await d.send('decision', tokens.chairman, {
      decisionNumber: '99/QĐ-UBND',
      decidedOn: '2025-12-15',
    });
    expect(grant.status).toBe(422);
    const codes = grant.body.violations.map((v: { code: string }) => v.code);
    const messages = grant.body.violations.map((v: { message: string }) => v.message).join(' | ');
    expect(messages).toContain('Tiêu chí 17');
    expect(messages).toContain('Tiêu chí 10');
    expect(codes.length).toBeGreaterThanOrEqual(3); // two criteria, satisfaction
    await d.ok('refusal', tokens.chairman, { decidedOn: '2025-12-15' });
    const view = await d.get();
    expect(view.status).toBe('refused');
    expect(view.decision.reasons.map((v: { code: string }) => v.code).sort()).toEqual([...codes].sort());
  });

  it('2021-2025 district stage (RULES-2026 §3): posting and vote before verification; "not eligible, reasons stated"', async () => {
    const d = await newDossier();
    await d.prepare();
    await d.submit();
    const early = await d.send('verification', tokens.district, {
      findings: Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: true })),
    });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('DISTRICT_POSTING_NOT_CLOSED');
    await d.ok('district/posting', tokens.district, {
      report: sha(52),
      where: ['Cổng thông tin điện tử thành phố Bắc Kạn'],
      from: d.daysAgo(30),
    });
    await d.ok('public-posting/comments', tokens.district, {
      author: 'Ông Hoàng Văn Tư',
      content: 'Đề nghị làm rõ thu nhập bình quân',
      receivedAt: d.daysAgo(20),
    });
    await d.ok('district/posting/close', tokens.district);
    const reasons = [{ criterion: 10, text: 'Thu nhập bình quân chưa đạt mức quy định' }];
    await d.ok('district/not-eligible', tokens.district, { reasons });
    const view = await d.get();
    expect(view.status).toBe('not-eligible');
    expect(view.current).toBeNull();
    expect(view.rounds[0].district.posting.comments).toHaveLength(1);
    expect(view.rounds[0].notEligible.reasons).toEqual(reasons);
    const after = await d.send('district/vote', tokens.district, {
      counts: { members: 15, present: 15, for: 15, against: 0 },
      minutes: sha(53),
    });
    expect(after.status).toBe(409);
  });

  it('lets one of two concurrent reviewers win; the other gets 409 and nothing is lost', async () => {
    const d = await newDossier();
    await d.prepare();
    await d.submit();
    await d.districtStage();
    const { version } = await d.get();
    const [a, b] = await Promise.all([
      d.send(
        'verification',
        tokens.district,
        { findings: Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: true })) },
        { 'If-Match': `"${version}"` },
      ),
      d.send(
        'return',
        tokens.district,
        { reasons: [{ criterion: 5, text: 'Thiếu hồ sơ trường học' }] },
        { 'If-Match': `"${version}"` },
      ),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.currentVersion).toBeGreaterThan(version);
    expect(loser.body.message).toContain(String(loser.body.currentVersion));
    const winner = a.status === 200 ? a : b;
    const view = await d.get();
    expect(view.version).toBe(winner.body.version);
    const history = await t.http
      .get(`/api/v1/dossiers/${d.id}/history`)
      .set('authorization', `Bearer ${tokens.admin}`);
    expect(
      history.body.filter(
        (e: { type: string }) => e.type === 'VerificationPassed' || e.type === 'DossierReturned',
      ),
    ).toHaveLength(1);
  });

  it('acts once on a retried command with the same Idempotency-Key and returns the first answer', async () => {
    const d = await newDossier();
    await d.prepare();
    const key = 'nop-ho-so-nong-thuong-lan-1';
    const first = await d.send('submission', tokens.commune, submissionEvidence(), {
      'Idempotency-Key': key,
    });
    const retries = await Promise.all(
      [1, 2, 3].map(() =>
        d.send('submission', tokens.commune, submissionEvidence(), { 'Idempotency-Key': key }),
      ),
    );
    expect(first.status).toBe(200);
    for (const r of retries) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual(first.body);
    }
    const history = await t.http
      .get(`/api/v1/dossiers/${d.id}/history`)
      .set('authorization', `Bearer ${tokens.admin}`);
    expect(history.body.filter((e: { type: string }) => e.type === 'DossierSubmitted')).toHaveLength(1);
    const reused = await d.send('submission', tokens.commune, submissionEvidence({ debtOutstanding: 1 }), {
      'Idempotency-Key': key,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses every role on a step that is not its own (403), and everyone outside their jurisdiction (403)', async () => {
    const d = await newDossier();
    await d.prepare();
    await d.submit();
    // district-verification: only the district officer of this district may act.
    const body = { findings: Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: true })) };
    const others = [tokens.commune, tokens.front, tokens.province, tokens.council[0], tokens.chairman];
    for (const token of others) {
      const res = await d.send('verification', token, body);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    }
    const elsewhere = await tokensFor(t, {
      provinceCode: '24',
      districtCode: '213',
      communeCode: '07210',
      name: 'xã Tân Yên',
    });
    const res = await d.send('verification', elsewhere.district, body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUTSIDE_JURISDICTION');
    // a commune officer of the neighbouring commune cannot open a dossier for this one
    const neighbour = await tokensFor(t, duongQuang);
    const open = await t.http
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${neighbour.commune}`)
      .send({ commune: nongThuong, level: 'ntm', procedureVersion: '2021-2025', year: 2025 });
    expect(open.status).toBe(403);
  });

  it('answers bad input with 400 naming the field, unknown dossiers with 404, and no token with 401', async () => {
    const bad = await t.http
      .post('/api/v1/dossiers')
      .set('authorization', `Bearer ${tokens.commune}`)
      .send({ commune: nongThuong, level: 'sieu-cap', procedureVersion: '2021-2025', year: 2025 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toContain("'level'");
    const unknown = await t.http
      .get('/api/v1/dossiers/5d0c7e1a-0000-4000-8000-000000000000')
      .set('authorization', `Bearer ${tokens.admin}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
    const anonymous = await t.http.get('/api/v1/dossiers/5d0c7e1a-0000-4000-8000-000000000000');
    expect(anonymous.status).toBe(401);
    const stale = await t.http
      .post('/api/v1/dossiers/5d0c7e1a-0000-4000-8000-000000000000/withdrawal')
      .set('authorization', `Bearer ${tokens.commune}`)
      .send({});
    // A command answers an unknown dossier with the same code as a read.
    expect([stale.status, stale.body.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/dossiers', '/api/v1/dossiers/{id}/appraisal/votes']),
    );
    // The command headers (declared once per controller) are on its commands, not on its reads.
    const headers = (op: { parameters?: { in: string; name: string }[] }) =>
      (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    const paths = res.body.paths as Record<
      string,
      Record<string, { parameters?: { in: string; name: string }[] }>
    >;
    expect(headers(paths['/api/v1/dossiers'].post)).toEqual(
      expect.arrayContaining(['Idempotency-Key', 'X-Correlation-Id', 'If-Match']),
    );
    const reads = Object.values(paths).flatMap((item) => (item.get ? [item.get] : []));
    expect(reads.length).toBeGreaterThan(20);
    const commandHeaders = ['Idempotency-Key', 'X-Correlation-Id', 'If-Match'];
    expect(reads.flatMap(headers).filter((h) => commandHeaders.includes(h))).toEqual([]);
  });
});

describe('Opening a dossier with an Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp('dossier_open_idem_e2e', { worker: false })));
  afterAll(() => t.close());

  it('answers a retried open with the dossier the first attempt opened, and opens one', async () => {
    const token = await t.token('commune_officer', {
      provinceCode: '06',
      districtCode: '058',
      communeCode: '01843',
    });
    const open = () =>
      openWhilePeriodOpen(t, '2021-2025', () =>
        t.http
          .post('/api/v1/dossiers')
          .set('authorization', `Bearer ${token}`)
          .set('Idempotency-Key', 'mo-ho-so-2025')
          .send({ commune: nongThuong, level: 'ntm', procedureVersion: '2021-2025', year: 2025 }),
      );
    const first = await open();
    const second = await open();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.dossierId).toBe(first.body.dossierId);
    expect(second.headers.location).toBe(`/api/v1/dossiers/${first.body.dossierId}`);
    const history = await t.http
      .get(`/api/v1/dossiers/${first.body.dossierId}/history`)
      .set('authorization', `Bearer ${token}`);
    expect(history.body.filter((e: { type: string }) => e.type === 'DossierOpened')).toHaveLength(1);
  });
});
