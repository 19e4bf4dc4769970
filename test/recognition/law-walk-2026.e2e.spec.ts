import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'superagent';
import { passingReports2026, testSet2026 } from '@ntm/criteria';
import { startTestApp, type TestApp } from '../support/harness';
import { DossierDriver, sha, uploadSamples, type Place, type Tokens } from '../support/dossier-driver';
import { eventually } from '../support/eventually';
import { pdfText } from '../support/pdf-text';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The 2026 law walked whole over HTTP: xã Tân Cương (05806), formed on 01/07/2025 by merging xã Thịnh Đức, Bình
 * Sơn and Tân Cương (1683/NQ-UBTVQH15) in tỉnh Thái Nguyên, itself merged with Bắc Kạn (202/2025/QH15): two-tier
 * government, no district. The province sets its group (nhóm 3, Decision 51/2025/QĐ-TTg) and its own procedure
 * with its survey rule; the commune reports indicators, the Front runs the survey round under that rule, the
 * province verifies and appraises, the council votes and the chairman decides; the decision prints in the layout of
 * Decree 30/2020/NĐ-CP naming the merged commune and the province from the register.
 */
describe('2026-2030 walk of a merged group-3 commune to the recognition decision PDF', () => {
  let t: TestApp;
  let tokens: Tokens;
  const tanCuong: Place = {
    provinceCode: '19',
    districtCode: '',
    communeCode: '05806',
    name: 'xã Tân Cương',
  };
  const commune = { provinceCode: '19', communeCode: '05806', name: 'xã Tân Cương' };
  const set = testSet2026('19');

  beforeAll(async () => {
    t = await startTestApp('law_walk_2026_e2e', { worker: true });
    // Monday 2 March 2026, 09:00 in Hà Nội.
    t.clock.set('2026-03-02T02:00:00.000Z');
    const at = { provinceCode: '19', communeCode: '05806' };
    const province = { provinceCode: '19' };
    tokens = {
      commune: await t.token('commune_officer', at),
      front: await t.token('front_officer', at),
      district: await t.token('province_officer', province),
      province: await t.token('province_officer', province),
      council: [
        await t.token('council_member', province),
        await t.token('council_member', province),
        await t.token('council_member', province),
      ],
      chairman: await t.token('chairman', province),
      admin: await t.token('admin', {}),
    };
    await uploadSamples(t, tokens.commune);
  }, 120_000);
  afterAll(() => t.close());

  const post = (path: string, token: string, body: object) =>
    t.http.post(path).set('authorization', `Bearer ${token}`).send(body);
  const ok = async (path: string, token: string, body: object = {}) => {
    const res = await post(path, token, body);
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('walks from the merger in the register to the chairman’s decision and its PDF', async () => {
    // The register: the 2025 rearrangement of Bắc Kạn and Thái Nguyên (province and commune mergers).
    const fixture = JSON.parse(
      readFileSync(join(__dirname, '../fixtures/units-thai-nguyen-2025.json'), 'utf8'),
    ) as object;
    await ok('/api/v1/admin/units/changes', tokens.admin, fixture);
    // A code merged away is refused: the dossier must name the commune as it stands.
    const stale = await post(`/api/v1/communes/05800/group`, tokens.province, {
      provinceCode: '19',
      group: 'nhom-3',
      basis: 'Quyết định 300/QĐ-UBND ngày 20/02/2026',
      decidedOn: '2026-02-20',
    });
    expect([stale.status, stale.body.code]).toEqual([422, 'UNIT_MERGED']);

    // The province's facts and data: the commune's group, the criteria set, its own procedure and survey rule.
    await ok(`/api/v1/communes/05806/group`, tokens.province, {
      provinceCode: '19',
      group: 'nhom-3',
      basis: 'Quyết định 300/QĐ-UBND ngày 20/02/2026 của UBND tỉnh Thái Nguyên',
      decidedOn: '2026-02-20',
    });
    await ok('/api/v1/criteria-sets', tokens.admin, set);
    await ok('/api/v1/province-procedures', tokens.admin, {
      provinceCode: '19',
      version: '2026-2030',
      decision: '610/QĐ-UBND',
      decidedOn: '2026-02-25',
      steps: { 'provincial-verification': { limit: { amount: 10, unit: 'working-days' } } },
      survey: {
        windowWorkingDays: 15,
        coveragePermille: 800,
        questions: [{ question: 'c3', thresholdPermille: 800 }],
      },
    });

    // Opening.
    const d = new DossierDriver(t, tokens, tanCuong);
    const opened = await d.ok('', tokens.commune, {
      commune,
      level: 'ntm',
      procedureVersion: '2026-2030',
      year: 2026,
      criteriaSetId: set.id,
    });
    d.id = opened.dossierId;
    let view = await d.get();
    expect(view).toMatchObject({
      code: '19-2026-0001',
      period: '2026-2030',
      communeGroup: { group: 'nhom-3' },
      procedure: { version: '2026-2030', province: { provinceCode: '19' } },
    });

    // Self-assessment per indicator: the system judges each against group 3's threshold.
    await d.ok('indicator-assessment', tokens.commune, { indicators: passingReports2026(sha) });
    view = await d.get();
    expect(view.assessments[0]).toMatchObject({ group: 'nhom-3', metCount: 10, total: 10 });
    await d.ok('public-posting', tokens.commune, {
      where: ['Trụ sở UBND xã Tân Cương'],
      from: d.daysAgo(30),
    });
    await d.ok('public-posting/close', tokens.commune);

    // The residents' survey round under the province's rule: its window on the working-day calendar.
    const survey = await ok(`/api/v1/dossiers/${d.id}/surveys`, tokens.front, {});
    const surveyPath = `/api/v1/surveys/${survey.surveyId}`;
    const read = async () =>
      (await t.http.get(surveyPath).set('authorization', `Bearer ${tokens.front}`)).body;
    const opening = await read();
    expect(opening.rule).toMatchObject({
      id: 'tinh-19-r1-2026-2030-ntm',
      source: 'Quyết định 610/QĐ-UBND ngày 25/02/2026 của UBND tỉnh',
      coveragePermille: 800,
      windowWorkingDays: 15,
    });
    // 15 working days from Monday 02/03/2026: Monday 23/03/2026.
    expect(opening.windowEndsAt.slice(0, 10)).toBe('2026-03-23');
    expect(opening.period.closesAt).toBe(opening.windowEndsAt);
    const ids: string[] = [
      opening.questions.overall.id,
      ...opening.questions.criteria.map((q: { id: string }) => q.id),
    ];
    expect(ids).toHaveLength(11);
    const households = Array.from({ length: 10 }, (_, i) => `TC-${String(i + 1).padStart(3, '0')}`);
    const register = await t.http
      .post(`${surveyPath}/register`)
      .set('authorization', `Bearer ${tokens.front}`)
      .set('content-type', 'text/csv; charset=utf-8')
      .send(['Mã hộ,Thôn', ...households.map((h, i) => `${h},${i < 5 ? 'Xóm Chè' : 'Xóm Soi'}`)].join('\n'));
    expect(register.status).toBe(200);
    for (const [i, household] of households.slice(0, 9).entries()) {
      const answers = Object.fromEntries(
        ids.map((q) => [q, i === 0 && q === 'c3' ? 'not-satisfied' : 'satisfied']),
      );
      await ok(`${surveyPath}/ballots`, tokens.front, { household, answers });
    }
    const closed = await ok(`${surveyPath}/close`, tokens.front, {});
    // The result is on the dossier, recorded by this close or by the survey-result process manager before it.
    expect(closed.status).toBe('posted');
    expect(closed.dossierError).toBeUndefined();
    expect(closed.dossier?.events.map((e: { type: string }) => e.type) ?? ['recorded before']).toHaveLength(
      1,
    );
    view = await d.get();
    expect(view.survey).toMatchObject({
      source: 'survey',
      surveyId: survey.surveyId,
      households: 10,
      formsCollected: 9,
      rule: { id: 'tinh-19-r1-2026-2030-ntm', failures: [] },
    });

    // Commune meeting, submission, the province's verification and appraisal, the council, the chairman.
    await d.ok('commune-meeting', tokens.commune, {
      attendees: 31,
      votesFor: 30,
      votesAgainst: 1,
      minutes: sha(99),
    });
    await d.submit();
    expect((await d.get()).current.step).toBe('provincial-verification');
    await d.verifyByProvince2026();
    await d.appraise();
    const decided = await d.ok('decision', tokens.chairman, {
      decisionNumber: '215/QĐ-UBND',
      decidedOn: '2026-03-02',
    });
    expect(decided.events.map((e: { type: string }) => e.type)).toContain('RecognitionGranted');
    expect((await d.get()).status).toBe('recognised');

    // The decision, printed: the merged commune and the province as the register names them.
    const pdf = (key: string) =>
      eventually(async () => {
        const r = await t.http
          .get(`/api/v1/dossiers/${d.id}/documents/${key}.pdf`)
          .set('authorization', `Bearer ${tokens.commune}`)
          .buffer(true)
          .parse(binary);
        return r.status === 200 ? r : undefined;
      }, `the ${key} PDF`);
    const res = await pdf('decision');
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('19-2026-0001-quyet-dinh-cong-nhan.pdf');
    const text = pdfText(res.body as Buffer);
    for (const part of [
      'ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN',
      'Số: 215/QĐ-UBND',
      'Thái Nguyên, ngày 02 tháng 3 năm 2026',
      'Về việc công nhận xã Tân Cương, tỉnh Thái Nguyên đạt chuẩn nông thôn mới năm 2026',
      'Điều 1. Công nhận xã Tân Cương',
      'Nơi nhận:',
    ])
      expect(text).toContain(part);
    expect(text).not.toContain('Bắc Kạn');
    // The receipt of the submission: the province receives it under two-tier government, on its own limit.
    const receipt = pdfText((await pdf('receipt-1')).body as Buffer);
    expect(receipt).toContain(
      'Ủy ban nhân dân tỉnh Thái Nguyên đã tiếp nhận hồ sơ của xã Tân Cương, tỉnh Thái Nguyên',
    );
    expect(receipt).toContain('23:59 ngày 16/03/2026'); // 10 working days (the province's procedure)

    // The merged commune's record holds the recognition, beside the communes merged into it.
    const record = await t.http
      .get('/api/v1/communes/05806/record')
      .set('authorization', `Bearer ${tokens.province}`);
    expect(record.body).toMatchObject({
      commune: {
        code: '05806',
        name: 'xã Tân Cương',
        // Recognised under the 2026-2030 set: it holds NTM for that period (period-rules.ts).
        holdings: { '2021-2025': [], '2026-2030': ['ntm'] },
        recognitions: [{ decisionNumber: '215/QĐ-UBND', period: '2026-2030' }],
      },
      formedBy: { predecessorCodes: ['05800', '05803', '05806'], effectiveOn: '2025-07-01' },
    });
    expect(record.body.predecessors.map((p: { name: string }) => p.name)).toEqual([
      'xã Thịnh Đức',
      'xã Bình Sơn',
    ]);
  }, 180_000);
});
