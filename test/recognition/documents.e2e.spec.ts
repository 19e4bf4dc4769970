import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/harness';

describe('Evidence documents over HTTP', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp('documents_e2e', { worker: false });
    token = await t.token('commune_officer', {
      provinceCode: '06',
      districtCode: '058',
      communeCode: '01843',
    });
  });
  afterAll(() => t.close());

  const pdf = Buffer.from(
    '%PDF-1.4\n% Biên bản họp xã Nông Thượng\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n',
    'utf8',
  );

  it('stores an upload by its SHA-256, keeps the Vietnamese file name, and serves it back byte for byte', async () => {
    const up = await t.http
      .post('/api/v1/documents')
      .set('authorization', `Bearer ${token}`)
      .attach('file', pdf, { filename: 'Biên bản họp.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      sha256: createHash('sha256').update(pdf).digest('hex'),
      size: pdf.length,
      mediaType: 'application/pdf',
      fileName: 'Biên bản họp.pdf',
    });
    const down = await t.http
      .get(`/api/v1/documents/${up.body.sha256}`)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body, pdf)).toBe(0);
  });

  it('refuses a file whose content is not an allowed type, naming the field, and stores nothing', async () => {
    const exe = Buffer.from('MZ\x90\x00 not a document', 'latin1');
    const res = await t.http
      .post('/api/v1/documents')
      .set('authorization', `Bearer ${token}`)
      .attach('file', exe, { filename: 'bao-cao.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(400);
    expect(res.body.violations.map((v: { field: string }) => v.field)).toContain('mediaType');
    const sha = createHash('sha256').update(exe).digest('hex');
    const get = await t.http.get(`/api/v1/documents/${sha}`).set('authorization', `Bearer ${token}`);
    expect(get.status).toBe(404);
  });

  it('answers 400 when no file is sent and 401 without a token', async () => {
    const none = await t.http
      .post('/api/v1/documents')
      .set('authorization', `Bearer ${token}`)
      .field('x', 'y');
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('DOCUMENT_MISSING');
    const anonymous = await t.http.post('/api/v1/documents').attach('file', pdf, 'a.pdf');
    expect(anonymous.status).toBe(401);
  });
});

describe('Documents cited by dossier commands', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp('documents_cited_e2e', { worker: false })));
  afterAll(() => t.close());

  it('refuses a command citing a document that was never uploaded, naming each field, and records nothing', async () => {
    const { DossierDriver, nongThuong, tokensFor, allCriteria } = await import('../support/dossier-driver');
    const tokens = await tokensFor(t, nongThuong);
    const d = new DossierDriver(t, tokens, nongThuong);
    await d.open();
    const criteria = allCriteria();
    const unknown = 'f'.repeat(64);
    const withGhost = criteria.map((c, i) => (i === 16 ? { ...c, evidence: [unknown] } : c));
    const res = await d.send('self-assessment', tokens.commune, { criteria: withGhost, report: unknown });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('DOCUMENT_NOT_FOUND');
    expect(res.body.violations.map((v: { field: string }) => v.field).sort()).toEqual([
      'criteria[16].evidence[0]',
      'report',
    ]);
    expect((await d.get()).assessments).toHaveLength(0);
  });
  it('remembers a yes for the area that got it only, and asks again after a no', async () => {
    const { DossierDriver, nongThuong, duongQuang, tokensFor, allCriteria, sha, uploadSamples } =
      await import('../support/dossier-driver');
    // Given: Nông Thượng uploaded and cited document 1, so its area's yes is known ...
    const mine = await tokensFor(t, nongThuong, [1]);
    const d = new DossierDriver(t, mine, nongThuong);
    await d.open();
    const citing = (n: number) => ({ criteria: allCriteria().map((c) => ({ ...c, evidence: [sha(n)] })) });
    expect((await d.send('self-assessment', mine.commune, citing(1))).status).toBe(200);
    // ... then Dương Quang, which never uploaded it, cites the same document: refused all the same.
    const theirs = await tokensFor(t, duongQuang, []);
    const other = new DossierDriver(t, theirs, duongQuang);
    await other.open();
    const refused = await other.send('self-assessment', theirs.commune, citing(1));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('DOCUMENT_NOT_FOUND');
    // Once it uploads the document, the next citation is allowed: a no is never remembered.
    await uploadSamples(t, theirs.commune, [1]);
    expect((await other.send('self-assessment', theirs.commune, citing(1))).status).toBe(200);
  });
});
