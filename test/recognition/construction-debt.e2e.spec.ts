import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '@ntm/application';
import type { Actor } from '@ntm/decider';
import type { EventStore } from '@ntm/event-store';
import { constructionDebtDecider, constructionDebtStreamId } from '@ntm/recognition';
import { startTestApp, type TestApp } from '../support/harness';
import { catchUpProjections } from '../reports/support';
import { mergeNongThuongIntoDuongQuang, registerBacKan } from '../support/units';
import {
  DossierDriver,
  duongQuang,
  nongThuong,
  sha,
  submissionEvidence,
  tokensFor,
  uploadSamples,
  type Tokens,
} from '../support/dossier-driver';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A work xã Dương Quang accepted on 05/11/2024 and has not paid for. */
const road = {
  provinceCode: '06',
  project: 'Đường giao thông thôn Nà Pài',
  contractor: 'Công ty TNHH Xây dựng Minh Phát',
  amount: 500_000_000,
  incurredOn: '2024-11-05',
  basis: 'Biên bản nghiệm thu số 12/BB-NT ngày 05/11/2024',
  evidence: [sha(61)],
};

/**
 * RULES-2026 §4: "construction debt after recognition: a debt ledger with evidence; submission blocked while debt is
 * outstanding". Xã Dương Quang keeps its ledger over HTTP against the real PostgreSQL; the province lists who owes.
 */
describe('the construction-debt ledger, over HTTP', () => {
  let t: TestApp;
  let tokens: Tokens;
  let d: DossierDriver;
  const ledgerPath = `/api/v1/communes/${duongQuang.communeCode}/construction-debts`;
  const payment = {
    provinceCode: '06',
    amount: 200_000_000,
    paidOn: '2025-03-10',
    basis: 'Ủy nhiệm chi số 31 ngày 10/03/2025',
    evidence: [sha(62)],
  };
  const version = async () => {
    const res = await t.http.get(ledgerPath).set(auth(tokens.commune));
    expect(res.status).toBe(200);
    return res.body.entries.length as number;
  };

  beforeAll(async () => {
    t = await startTestApp('construction_debt_e2e', { worker: true });
    t.clock.set('2025-06-02T02:00:00.000Z');
    tokens = await tokensFor(t, duongQuang);
    await registerBacKan(t, tokens.admin);
  });
  afterAll(() => t.close());

  it('refuses hostile or wrong bodies with the field or rule named in Vietnamese, writing nothing', async () => {
    const outsider = await t.token('commune_officer', { provinceCode: '06', communeCode: '01843' });
    const cases: [string, object, number, string][] = [
      [tokens.front, road, 403, 'ROLE_NOT_ALLOWED'],
      [outsider, road, 403, 'OUTSIDE_JURISDICTION'],
      [tokens.commune, { ...road, amount: -5 }, 400, 'amount'],
      [tokens.commune, { ...road, amount: '500000000' }, 400, 'amount'],
      [tokens.commune, { ...road, project: 'x'.repeat(301) }, 400, 'project'],
      [tokens.commune, { ...road, contractor: '' }, 400, 'contractor'],
      [tokens.commune, { ...road, incurredOn: '2025-06-03' }, 400, 'incurredOn'],
      [tokens.commune, { ...road, evidence: ['khong-phai-sha'] }, 400, 'evidence'],
      [tokens.commune, { ...road, evidence: [] }, 400, 'evidence'],
      [tokens.commune, { ...road, evidence: ['a'.repeat(64)] }, 400, 'DOCUMENT_NOT_FOUND'],
      [tokens.commune, { ...road, entryId: 'tu-dat' }, 400, 'entryId'],
      [tokens.commune, { ...road, provinceCode: '6' }, 400, 'provinceCode'],
      // Another province's officer naming its own code: the register says whose commune it is.
      [
        await t.token('province_officer', { provinceCode: '24' }),
        { ...road, provinceCode: '24' },
        403,
        'không thuộc tỉnh mã 24',
      ],
    ];
    for (const [token, sent, status, named] of cases) {
      const res = await t.http.post(ledgerPath).set(auth(token)).send(sent);
      expect({ sent, status: res.status }).toEqual({ sent, status });
      expect(JSON.stringify(res.body)).toContain(named);
      expect(res.body.message).toMatch(/[à-ỹ]/);
    }
    const unregistered = await t.http
      .post('/api/v1/communes/01999/construction-debts')
      .set(auth(tokens.province))
      .send(road);
    expect(unregistered.status).toBe(404);
    expect(unregistered.body.code).toBe('UNIT_UNKNOWN');
    const bad = await t.http
      .post('/api/v1/communes/01840%00/construction-debts')
      .set(auth(tokens.commune))
      .send(road);
    expect(bad.status).toBe(400);
    expect(await version()).toBe(0);
  });

  it('records a debt and a payment once each under a retried key, and refuses paying more than is owed', async () => {
    const first = await t.http
      .post(ledgerPath)
      .set(auth(tokens.commune))
      .set('idempotency-key', 'no-1')
      .send(road);
    expect(first.status).toBe(201);
    // Another work recorded in between: the retry still answers as the first attempt did, and writes nothing.
    const between = await t.http
      .post(ledgerPath)
      .set(auth(tokens.commune))
      .send({ ...road, project: 'Cầu treo Bản Tàn', amount: 1_000_000 });
    expect(between.status).toBe(201);
    const retried = await t.http
      .post(ledgerPath)
      .set(auth(tokens.commune))
      .set('idempotency-key', 'no-1')
      .send(road);
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    const cancelled = await t.http
      .post(`${ledgerPath}/${between.body.entries[0].entryId}/cancellation`)
      .set(auth(tokens.commune))
      .send({ provinceCode: '06', reason: 'Ghi thử' });
    expect(cancelled.body.entries).toHaveLength(2);
    const [entry] = first.body.entries;
    expect(entry).toMatchObject({ project: road.project, amount: 500_000_000, remaining: 500_000_000 });
    expect(first.body.outstanding.total).toBe(500_000_000);

    const paid = await t.http
      .post(`${ledgerPath}/${entry.entryId}/payments`)
      .set(auth(tokens.commune))
      .set('idempotency-key', 'tra-1')
      .send(payment);
    expect(paid.status).toBe(201);
    const again = await t.http
      .post(`${ledgerPath}/${entry.entryId}/payments`)
      .set(auth(tokens.commune))
      .set('idempotency-key', 'tra-1')
      .send(payment);
    expect(again.body.outstanding.total).toBe(300_000_000);
    const roadOf = (body: { entries: { project: string; payments: unknown[]; entryId: string }[] }) =>
      body.entries.find((e) => e.project === road.project)!;
    expect(roadOf(paid.body).payments).toHaveLength(1);

    const over = await t.http
      .post(`${ledgerPath}/${entry.entryId}/payments`)
      .set(auth(tokens.commune))
      .send({ ...payment, amount: 300_000_001 });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'DEBT_OVERPAID' });
    expect(over.body.message).toContain('300.000.000 đồng');
    const unknown = await t.http
      .post(`${ledgerPath}/0b9c6a52-2d11-4c1e-9a57-6a3f1e0d2099/payments`)
      .set(auth(tokens.commune))
      .send(payment);
    expect(unknown.status).toBe(404);

    const read = await t.http.get(ledgerPath).set(auth(tokens.province));
    expect(read.body.outstanding).toEqual({
      total: 300_000_000,
      unpaid: [{ project: road.project, remaining: 300_000_000, incurredOn: '2024-11-05' }],
    });
    const elsewhere = await t.http
      .get(ledgerPath)
      .set(auth(await t.token('province_officer', { provinceCode: '24' })));
    expect(elsewhere.status).toBe(403);
  });

  it('blocks the submission while the ledger owes, whatever the confirmation says; paid off, it submits', async () => {
    d = new DossierDriver(t, tokens, duongQuang);
    await d.open();
    await d.prepare();
    const { year } = await d.get();
    const refused = await d.send('submission', tokens.commune, submissionEvidence({ certificateYear: year }));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SUBMISSION_CONDITIONS_NOT_MET');
    expect(refused.body.violations).toEqual([
      expect.objectContaining({
        code: 'CONSTRUCTION_DEBT_IN_LEDGER',
        message: `Sổ theo dõi nợ đọng xây dựng cơ bản của xã còn 300.000.000 đồng chưa trả: ${road.project} (300.000.000 đồng)`,
      }),
    ]);
    const caller = await d.send('submission', tokens.commune, {
      ...submissionEvidence({ certificateYear: year }),
      ledgerDebt: { total: 0, unpaid: [] },
    });
    expect(caller.status).toBe(400);

    const ledger = await t.http.get(ledgerPath).set(auth(tokens.commune));
    const settled = await t.http
      .post(
        `${ledgerPath}/${ledger.body.entries.find((e: { project: string }) => e.project === road.project).entryId}/payments`,
      )
      .set(auth(tokens.commune))
      .send({ ...payment, amount: 300_000_000, paidOn: '2025-05-20' });
    expect(settled.status).toBe(201);
    expect(settled.body.outstanding.total).toBe(0);
    await d.submit();
    expect((await d.get()).status).not.toBe('preparing');
  });

  it('lists, for the province only, the communes whose ledgers still owe, and what they owe since recognition', async () => {
    await d.verify();
    await d.appraise();
    await d.ok('decision', tokens.chairman, { decisionNumber: '88/QĐ-UBND', decidedOn: '2025-05-30' });
    const owing = await t.http
      .post(ledgerPath)
      .set(auth(tokens.province))
      .send({ ...road, project: 'Nhà văn hóa thôn Bản Pá', amount: 120_000_000, incurredOn: '2025-06-01' });
    expect(owing.status).toBe(201);
    const list = await t.http
      .get(`/api/v1/provinces/06/construction-debts?minPosition=${owing.body.position}`)
      .set(auth(tokens.province));
    expect(list.status).toBe(200);
    expect(list.body.communes).toEqual([
      {
        communeCode: duongQuang.communeCode,
        communeName: duongQuang.name,
        recognition: { level: 'ntm', decidedOn: '2025-05-30' },
        outstanding: 120_000_000,
        owedSinceRecognition: 120_000_000,
        unpaidWorks: 1,
        oldestUnpaidOn: '2025-06-01',
        recorded: 620_000_000,
        paid: 500_000_000,
      },
    ]);
    // Another commune's officer of the same province reads neither the list nor that commune's ledger.
    const neighbour = await t.token('commune_officer', { provinceCode: '06', communeCode: '01843' });
    for (const path of ['/api/v1/provinces/06/construction-debts', ledgerPath]) {
      const refused = await t.http.get(path).set(auth(neighbour));
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
    }
    const other = await t.http
      .get('/api/v1/provinces/06/construction-debts')
      .set(auth(await t.token('province_officer', { provinceCode: '24' })));
    expect(other.status).toBe(403);

    // An entry recorded in error is cancelled with its reason, and the list owes nothing more for it.
    const entryId = owing.body.entries[0].entryId;
    const cancelled = await t.http
      .post(`${ledgerPath}/${entryId}/cancellation`)
      .set(auth(tokens.commune))
      .send({ provinceCode: '06', reason: 'Công trình thuộc xã Nông Thượng, ghi nhầm' });
    expect(cancelled.status).toBe(201);
    const after = await t.http
      .get(`/api/v1/provinces/06/construction-debts?minPosition=${cancelled.body.position}`)
      .set(auth(tokens.province));
    expect(after.body.communes[0]).toMatchObject({
      outstanding: 0,
      owedSinceRecognition: 0,
      unpaidWorks: 0,
      recorded: 500_000_000,
    });
  });
});

describe('a debt another API process records', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('blocks a submission, keyed or not, though this process last saw the ledger paid off', async () => {
    t = await startTestApp('construction_debt_elsewhere_e2e', { worker: false });
    t.clock.set('2025-06-02T02:00:00.000Z');
    const tokens = await tokensFor(t, nongThuong);
    await registerBacKan(t, tokens.admin);
    const ledgerPath = `/api/v1/communes/${nongThuong.communeCode}/construction-debts`;
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.prepare();
    // This process records a debt and its payment in full: its cache holds the ledger owing nothing.
    const work = {
      provinceCode: '06',
      project: 'Kênh mương nội đồng thôn Nà Cà',
      contractor: 'Hợp tác xã Nông Thượng',
      amount: 80_000_000,
      incurredOn: '2024-09-12',
      basis: 'Biên bản nghiệm thu số 7/BB-NT ngày 12/09/2024',
      evidence: [sha(63)],
    };
    const recorded = await t.http
      .post(ledgerPath)
      .set('authorization', `Bearer ${tokens.commune}`)
      .send(work);
    expect(recorded.status).toBe(201);
    /** Pays a work off through this process: its cache then holds the ledger owing nothing. */
    const payOff = async (entryId: string) => {
      const paid = await t.http
        .post(`${ledgerPath}/${entryId}/payments`)
        .set('authorization', `Bearer ${tokens.commune}`)
        .send({
          provinceCode: work.provinceCode,
          amount: work.amount,
          paidOn: '2025-01-20',
          basis: 'Ủy nhiệm chi số 4 ngày 20/01/2025',
          evidence: [sha(64)],
        });
      expect(paid.body).toMatchObject({ outstanding: { total: 0 } });
    };
    await payOff(recorded.body.entries[0].entryId);
    // Another process records a work (straight into the store: this process's cache does not learn it).
    const streamId = constructionDebtStreamId(nongThuong.communeCode);
    const officer = {
      id: 'can-bo-xa-khac',
      role: 'commune_officer',
      jurisdiction: { provinceCode: '06', communeCode: nongThuong.communeCode },
    } as Actor;
    const recordElsewhere = async (project: string, expectedVersion: number) => {
      const entryId = randomUUID();
      const [event] = constructionDebtDecider.decide(
        {
          type: 'RecordConstructionDebt',
          data: { ...work, communeCode: nongThuong.communeCode, entryId, project },
          metadata: { actor: officer, now: '2025-06-01T03:00:00.000Z' },
        },
        constructionDebtDecider.initialState(),
      );
      const metadata = { actor: officer.id, role: officer.role, correlationId: 'x', causationId: 'x' };
      await t.app
        .get<EventStore>(EVENT_STORE)
        .append(streamId, [{ eventId: randomUUID(), ...event, metadata }], { expectedVersion });
      return entryId;
    };
    // A submission decided on the cached ledger (owing nothing) meets the ledger's new version (in its append when
    // keyed, by a read before it when not): decided again on the ledger as it is, and refused naming the new work.
    const { year } = await d.get();
    const cases: { project: string; headers: Record<string, string> }[] = [
      { project: 'Cầu treo Bản Cầm', headers: { 'Idempotency-Key': `nop-${d.id}` } },
      { project: 'Nhà văn hóa thôn Khuổi Tích', headers: {} },
    ];
    for (const [i, { project, headers }] of cases.entries()) {
      const entryId = await recordElsewhere(project, 2 + 2 * i);
      const refused = await d.send(
        'submission',
        tokens.commune,
        submissionEvidence({ certificateYear: year }),
        headers,
      );
      expect({ headers, status: refused.status }).toEqual({ headers, status: 422 });
      expect(refused.body.violations).toEqual([
        expect.objectContaining({
          code: 'CONSTRUCTION_DEBT_IN_LEDGER',
          message: expect.stringContaining(project),
        }),
      ]);
      await payOff(entryId);
    }
    expect((await d.get()).status).toBe('preparing');
  });
});

describe("a merged commune's submission", () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('is blocked by the debt a commune merged into it left unpaid, named with that commune, until it is paid', async () => {
    t = await startTestApp('construction_debt_merger_e2e', { worker: false });
    t.clock.set('2025-06-02T02:00:00.000Z');
    const tokens = await tokensFor(t, duongQuang);
    await registerBacKan(t, tokens.admin);
    const d = new DossierDriver(t, tokens, duongQuang);
    await d.open();
    await d.prepare();
    // Xã Nông Thượng's ledger owes for a school before the merger.
    const formerLedger = `/api/v1/communes/${nongThuong.communeCode}/construction-debts`;
    const school = {
      provinceCode: '06',
      project: 'Trường mầm non Nà Cù',
      contractor: 'Công ty TNHH Xây dựng Minh Phát',
      amount: 80_000_000,
      incurredOn: '2023-08-14',
      basis: 'Biên bản nghiệm thu số 9/BB-NT ngày 14/08/2023',
      evidence: [sha(65)],
    };
    const recorded = await t.http.post(formerLedger).set(auth(tokens.province)).send(school);
    expect(recorded.status).toBe(201);

    // From 1/7/2025 Nông Thượng is part of Dương Quang, which keeps its code.
    t.clock.set('2025-07-02T02:00:00.000Z');
    await mergeNongThuongIntoDuongQuang(t, tokens.admin);

    const { year } = await d.get();
    const refused = await d.send('submission', tokens.commune, submissionEvidence({ certificateYear: year }));
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      expect.objectContaining({
        code: 'CONSTRUCTION_DEBT_IN_LEDGER',
        message:
          'Sổ theo dõi nợ đọng xây dựng cơ bản của xã còn 80.000.000 đồng chưa trả: Trường mầm non Nà Cù của xã Nông Thượng trước sáp nhập (80.000.000 đồng)',
      }),
    ]);

    // Dương Quang's officers see that ledger beside their own, and keep it now.
    const ledgers = await t.http
      .get(`/api/v1/communes/${duongQuang.communeCode}/construction-debts`)
      .set(auth(tokens.commune));
    expect(ledgers.status).toBe(200);
    expect(ledgers.body).toMatchObject({
      entries: [],
      outstanding: { total: 0 },
      owedInAll: { total: 80_000_000 },
      formerCommunes: [
        {
          communeCode: nongThuong.communeCode,
          name: 'xã Nông Thượng',
          mergedOn: '2025-07-01',
          entries: [expect.objectContaining({ project: school.project, remaining: 80_000_000 })],
        },
      ],
    });
    const stranger = await t.token('commune_officer', { provinceCode: '06', communeCode: '01846' });
    expect((await t.http.get(formerLedger).set(auth(stranger))).status).toBe(403);
    const paid = await t.http
      .post(`${formerLedger}/${recorded.body.entries[0].entryId}/payments`)
      .set(auth(tokens.commune))
      .send({
        provinceCode: '06',
        amount: 80_000_000,
        paidOn: '2025-07-01',
        basis: 'Ủy nhiệm chi số 52 ngày 01/07/2025',
        evidence: [sha(66)],
      });
    expect(paid.status).toBe(201);
    await d.submit();
    expect((await d.get()).status).not.toBe('preparing');
  });
});

describe('a ledger recorded before its province was merged', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('is paid and read under the province it was merged into (Resolution 202/2025/QH15)', async () => {
    t = await startTestApp('construction_debt_province_merger_e2e', { worker: false });
    t.clock.set('2025-06-02T02:00:00.000Z');
    const tokens = await tokensFor(t, duongQuang);
    await registerBacKan(t, tokens.admin);
    const ledgerPath = `/api/v1/communes/${duongQuang.communeCode}/construction-debts`;
    const recorded = await t.http.post(ledgerPath).set(auth(tokens.commune)).send(road);
    expect(recorded.status).toBe(201);

    // From 1/7/2025 Bắc Kạn (06) is part of Thái Nguyên (19), which keeps its code.
    t.clock.set('2025-07-02T02:00:00.000Z');
    const merged = await t.http
      .post('/api/v1/admin/units/changes')
      .set(auth(tokens.admin))
      .send({
        changes: [
          { type: 'RegisterUnit', kind: 'province', code: '19', name: 'Tỉnh Thái Nguyên' },
          {
            type: 'MergeUnits',
            kind: 'province',
            predecessorCodes: ['06', '19'],
            successorCode: '19',
            successorName: 'Tỉnh Thái Nguyên',
            provinceCode: '19',
            effectiveOn: '2025-07-01',
            basis: { number: '202/2025/QH15', issuedOn: '2025-06-12' },
          },
        ],
      });
    expect(merged.status).toBe(201);
    const officer = await t.token('commune_officer', {
      provinceCode: '19',
      communeCode: duongQuang.communeCode,
    });
    const thaiNguyen = await t.token('province_officer', { provinceCode: '19' });
    // The transfer order, uploaded under the commune's new province.
    await uploadSamples(t, officer, [70]);

    expect((await t.http.get(ledgerPath).set(auth(thaiNguyen))).status).toBe(200);
    const paid = await t.http
      .post(`${ledgerPath}/${recorded.body.entries[0].entryId}/payments`)
      .set(auth(officer))
      .send({
        provinceCode: '19',
        amount: 500_000_000,
        paidOn: '2025-07-01',
        basis: 'Ủy nhiệm chi số 52 ngày 01/07/2025',
        evidence: [sha(70)],
      });
    expect(paid.status).toBe(201);
    expect(paid.body.outstanding.total).toBe(0);
    // Under the old code, the province the commune no longer belongs to answers for it no more.
    const stale = await t.http.post(ledgerPath).set(auth(tokens.commune)).send(road);
    expect(stale.status).toBe(403);
    const later = await t.http
      .post(ledgerPath)
      .set(auth(officer))
      .send({
        ...road,
        provinceCode: '19',
        project: 'Kè suối Nà Cà',
        incurredOn: '2025-06-20',
        evidence: [sha(70)],
      });
    expect(later.status).toBe(201);
    expect(later.body.outstanding.total).toBe(500_000_000);
    // The province's list (a read model) shows the commune's ledger, entries of both codes summed.
    await catchUpProjections(t.app, t.config.schema, later.body.position);
    const list = await t.http.get('/api/v1/provinces/19/construction-debts').set(auth(thaiNguyen));
    expect(list.status).toBe(200);
    expect(list.body.communes).toEqual([
      expect.objectContaining({
        communeCode: duongQuang.communeCode,
        outstanding: 500_000_000,
        recorded: 1_000_000_000,
      }),
    ]);
  });
});
