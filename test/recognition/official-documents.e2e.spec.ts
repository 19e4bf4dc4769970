import type { Response } from 'superagent';
import { startTestApp, type TestApp } from '../support/harness';
import {
  DossierDriver,
  duongQuang,
  nongThuong,
  submissionEvidence,
  tokensFor,
  type Tokens,
} from '../support/dossier-driver';
import { eventually } from '../support/eventually';
import { pdfText } from '../support/pdf-text';
import { registerBacKan } from '../support/units';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe("A dossier's documents (Decree 30/2020 layout) over HTTP, and its code on the board", () => {
  let t: TestApp;
  let tokens: Tokens;
  let d: DossierDriver;

  const get = (path: string, token: string) =>
    t.http.get(`/api/v1/dossiers/${d.id}${path}`).set('authorization', `Bearer ${token}`);
  const pdf = async (key: string, token = tokens.commune) => {
    const res = await get(`/documents/${key}.pdf`, token).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    return { text: pdfText(res.body as Buffer), disposition: String(res.headers['content-disposition']) };
  };

  beforeAll(async () => {
    t = await startTestApp('official_documents_e2e', { worker: true });
    tokens = await tokensFor(t, nongThuong);
    // Monday 3 March 2025, 09:00 in Hà Nội.
    t.clock.set('2025-03-03T02:00:00.000Z');
    d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    await d.prepare();
    await d.submit();
    await d.ok('return', tokens.district, {
      reasons: [
        { document: 'Biên bản họp', text: 'Thiếu chữ ký của thư ký cuộc họp.' },
        { criterion: 17, text: 'Thiếu minh chứng thu gom rác thải.' },
      ],
    });
    await d.ok('resubmission', tokens.commune, {
      changes: 'Bổ sung minh chứng tiêu chí 17',
      ...submissionEvidence(),
    });
    await d.verify();
    await d.appraise();
    await d.ok('decision', tokens.chairman, { decisionNumber: '1234/QĐ-UBND', decidedOn: '2025-03-03' });
  }, 120_000);
  afterAll(() => t.close());

  it('lists every document the dossier produced, in order, with where to download it', async () => {
    const res = await get('/documents', tokens.commune);
    expect(res.status).toBe(200);
    expect(res.body.map((x: { key: string }) => x.key)).toEqual([
      'receipt-1',
      'return-1',
      'receipt-2',
      'decision',
    ]);
    const { code } = await d.get();
    expect(code).toMatch(/^06-2025-\d+$/);
    expect(res.body[3]).toMatchObject({
      title: 'Quyết định công nhận số 1234/QĐ-UBND',
      fileName: `${code}-quyet-dinh-cong-nhan.pdf`,
      url: `/api/v1/dossiers/${d.id}/documents/decision.pdf`,
    });
  });

  it('refuses to print without the province registered, then prints the decision, the receipts, the return letter', async () => {
    const unnamed = await get('/documents/decision.pdf', tokens.commune);
    expect([unnamed.status, unnamed.body.code]).toEqual([409, 'UNITS_NOT_REGISTERED']);
    await registerBacKan(t, tokens.admin);
    const { code } = await d.get();

    const decision = await pdf('decision');
    expect(decision.disposition).toContain(`${code}-quyet-dinh-cong-nhan.pdf`);
    for (const part of [
      'ỦY BAN NHÂN DÂN TỈNH BẮC KẠN',
      'Số: 1234/QĐ-UBND',
      'Bắc Kạn, ngày 03 tháng 3 năm 2025',
      'Về việc công nhận xã Nông Thượng, thành phố Bắc Kạn, tỉnh Bắc Kạn đạt chuẩn nông thôn mới năm 2025',
      'Điều 1. Công nhận xã Nông Thượng',
      'Nơi nhận:',
    ])
      expect(decision.text).toContain(part);

    const receipt = await pdf('receipt-2');
    for (const part of [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN',
      `Số: ${code}-2/PTN`,
      'PHIẾU TIẾP NHẬN HỒ SƠ',
      `Mã hồ sơ ${code}`,
      'Nộp lại sau khi bổ sung (vòng 2)',
    ])
      expect(receipt.text).toContain(part);

    const returned = await pdf('return-1');
    expect(returned.text).toContain('Kính gửi: Ủy ban nhân dân xã Nông Thượng');
    const criterion = returned.text.indexOf('Tiêu chí số 17');
    expect(criterion).toBeGreaterThan(0);
    expect(returned.text.indexOf('Văn bản: Biên bản họp')).toBeGreaterThan(criterion);
  });

  it("keeps documents to the dossier's readers and refuses keys it does not know or has not produced", async () => {
    const other = await tokensFor(t, duongQuang);
    for (const path of ['/documents', '/documents/decision.pdf']) {
      const res = await get(path, other.commune);
      expect(res.status).toBe(403);
    }
    const bad = await get('/documents/..%2Fetc.pdf', tokens.commune);
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_PATH_PARAMETER']);
    const none = await get('/documents/refusal.pdf', tokens.commune);
    expect([none.status, none.body.code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
  });

  it('shows the dossier code (mã hồ sơ) on the board', async () => {
    const { code } = await d.get();
    const item = await eventually(
      async () => {
        const res = await t.http
          .get('/api/v1/board?province=06')
          .set('authorization', `Bearer ${tokens.province}`);
        return res.body.data?.items?.find(
          (i: { dossierId: string; code: string | null }) => i.dossierId === d.id && i.code,
        );
      },
      'the board to show the dossier',
      30_000,
    );
    expect(item.code).toBe(code);
  });
});
