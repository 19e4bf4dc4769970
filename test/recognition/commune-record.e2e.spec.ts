import { startTestApp, type TestApp } from '../support/harness';
import {
  DossierDriver,
  duongQuang,
  openWhilePeriodOpen,
  tokensFor,
  type Tokens,
} from '../support/dossier-driver';
import { eventually } from '../support/eventually';

describe("A commune's recognition record decides which standard it may apply for next", () => {
  let t: TestApp;
  let tokens: Tokens;

  beforeAll(async () => {
    t = await startTestApp('commune_record_e2e', { worker: true });
    tokens = await tokensFor(t, duongQuang);
  });
  afterAll(() => t.close());

  const recognise = async (level: string) => {
    const d = new DossierDriver(t, tokens, duongQuang);
    await d.recognise(`${level}/QĐ-UBND`, '2025-12-15', level);
    return d;
  };

  const openNangCao = () =>
    openWhilePeriodOpen(t, '2021-2025', () =>
      t.http
        .post('/api/v1/dossiers')
        .set('authorization', `Bearer ${tokens.commune}`)
        .send({ commune: duongQuang, level: 'nang-cao', procedureVersion: '2021-2025', year: 2026 }),
    );

  it('refuses nâng cao before NTM is held, accepts it after, and refuses it again once NTM is revoked', async () => {
    const early = await openNangCao();
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('PREREQUISITE_NOT_HELD');

    const ntm = await recognise('ntm');
    // The commune record is kept by a process manager from the decision event: wait for it, do not sleep.
    const opened = await eventually(async () => {
      const res = await openNangCao();
      return res.status === 201 ? res : undefined;
    }, 'the commune record to show NTM');
    const nangCao = new DossierDriver(t, tokens, duongQuang, opened.body.dossierId);
    expect((await nangCao.get()).holdings).toEqual(['ntm']);

    // Revoke NTM: 6 of 19 criteria fail (31.6%) including key criterion 10 (income).
    await ntm.ok('revocation', tokens.province, {
      reason: 'Kiểm tra năm 2026: thu nhập và môi trường không duy trì',
    });
    const failing = new Set([2, 5, 7, 10, 13, 16]);
    await ntm.ok('revocation/assessment', tokens.province, {
      results: Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: !failing.has(i + 1) })),
    });
    await ntm.ok('revocation/decision', tokens.chairman, {
      decisionNumber: '77/QĐ-UBND',
      decidedOn: '2026-06-01',
    });
    expect((await ntm.get()).status).toBe('revoked');
    await eventually(async () => {
      const res = await openNangCao();
      return res.status === 422 && res.body.code === 'PREREQUISITE_NOT_HELD' ? res : undefined;
    }, 'the commune record to show the revocation');
  });
});
