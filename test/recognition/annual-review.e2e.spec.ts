import { startTestApp, type TestApp } from '../support/harness';
import { DossierDriver, duongQuang, tokensFor, type Tokens } from '../support/dossier-driver';

// RULES-2026 §4: a recognised commune reviews its criteria every year; the review warns the province before the
// revocation rule is reached, and the province finds the communes it warns about in the standings.
describe('the yearly review of a recognised commune', () => {
  let t: TestApp;
  let tokens: Tokens;
  let d: DossierDriver;
  const results = (failed: readonly number[]) =>
    Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: !failed.includes(i + 1) }));

  beforeAll(async () => {
    t = await startTestApp('annual_review_e2e', { worker: true });
    tokens = await tokensFor(t, duongQuang);
    d = new DossierDriver(t, tokens, duongQuang);
    await d.recognise('301/QĐ-UBND');
  });
  afterAll(() => t.close());

  const standings = (query: string) =>
    t.http
      .get(`/api/v1/reports/standings?province=${duongQuang.provinceCode}&${query}`)
      .set('authorization', `Bearer ${tokens.province}`);

  it('refuses what is not a review, from whom may not record it, and writes nothing', async () => {
    const before = (await d.get()).version;
    const cases: [string, object, number, string][] = [
      [tokens.commune, { year: 2024, results: results([]) }, 400, 'year'],
      [tokens.commune, { year: 2026 }, 400, 'results'],
      [tokens.commune, { year: 2026, results: results([]).slice(3) }, 400, 'CRITERIA_INCOMPLETE'],
      [tokens.commune, { year: '2026', results: results([]) }, 400, 'year'],
      [
        tokens.commune,
        { year: 2026, results: Array.from({ length: 500 }, () => results([])[0]) },
        400,
        'results',
      ],
      [tokens.province, { year: 2026, results: results([]) }, 403, 'ROLE_NOT_ALLOWED'],
    ];
    for (const [token, body, status, named] of cases) {
      const res = await d.send('annual-reviews', token, body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(JSON.stringify(res.body)).toContain(named);
      expect(res.body.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
    expect((await d.get()).version).toBe(before);
  });

  it('records the commune’s review with its warning, and the province finds the commune by it', async () => {
    // 5 of 19 failed, income (10, a key criterion) among them: one more failed criterion reaches 30% with a key one.
    const answer = await d.ok('annual-reviews', tokens.commune, {
      year: 2026,
      results: results([2, 5, 7, 10, 13]),
    });
    const dossier = await d.get();
    expect(dossier.annualReviews).toEqual([
      expect.objectContaining({
        year: 2026,
        failedCriteria: [2, 5, 7, 10, 13],
        failedKeyCriteria: [10],
        standing: 'near-threshold',
        criteriaToRevocation: 1,
      }),
    ]);
    const warned = await standings(
      `reviewStandings=near-threshold,revocation-due&minPosition=${answer.position}`,
    );
    expect(warned.status).toBe(200);
    expect(warned.body.data.communes).toEqual([
      expect.objectContaining({
        communeCode: duongQuang.communeCode,
        criteriaSource: 'annual-review',
        failedCriteria: [2, 5, 7, 10, 13],
        review: {
          year: 2026,
          standing: 'near-threshold',
          standingLabel: 'Cảnh báo: sát ngưỡng thu hồi',
          criteriaToRevocation: 1,
          failedCriteria: [2, 5, 7, 10, 13],
        },
      }),
    ]);
    const province = warned.body.data.summary.find(
      (s: { districtCode: string | null }) => s.districtCode === null,
    );
    expect(province.maintenance).toEqual({
      reviewed: 1,
      maintained: 0,
      slipping: 0,
      nearThreshold: 1,
      revocationDue: 0,
    });
    expect((await standings('reviewStandings=maintained')).body.data.communes).toEqual([]);
    const bad = await standings('reviewStandings=fine');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reviewStandings');

    // A correction of the same year replaces it: every criterion kept after all.
    const corrected = await d.ok('annual-reviews', tokens.commune, { year: 2026, results: results([]) });
    expect((await d.get()).annualReviews).toEqual([
      expect.objectContaining({ year: 2026, standing: 'maintained', criteriaToRevocation: 6 }),
    ]);
    const now = await standings(`reviewStandings=maintained&minPosition=${corrected.position}`);
    expect(now.body.data.communes).toEqual([
      expect.objectContaining({
        communeCode: duongQuang.communeCode,
        review: expect.objectContaining({ year: 2026 }),
      }),
    ]);
  });
});
