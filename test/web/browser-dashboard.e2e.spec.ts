import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  DossierDriver,
  allCriteria,
  findings,
  sha,
  submissionEvidence,
  tokensFor,
  type Place,
} from '../support/dossier-driver';
import {
  SCREENS,
  chooseOption,
  downloadExcel,
  screen,
  startWebApp,
  walking,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { PHONE, wordsOneALine, wrapped } from '../support/phone';
import { readTable } from '../support/xlsx';
import { eventually } from '../support/eventually';
import type { TestApp } from '../support/harness';

/*
 * The province's dashboards in the browser (test/support/browser.ts). The test submits through the API what the
 * figures come from: five communes' dossiers at different steps, each command at a set day of October and
 * November 2025, survey results, two decisions in two batches and the province's plan. The province officer signs
 * in through OIDC and opens "Báo cáo"; every table is compared with figures this file computes from what it sent.
 * On a phone 390 px wide: the dashboards' captions and legends, and the district's verification of a dossier.
 * Screenshots in test-artifacts/screens/<run>, axe-core on each screen.
 */

jest.setTimeout(600_000);

const PROVINCE = '06';
const CITY = { code: '058', name: 'Thành phố Bắc Kạn' };
const TEST_DISTRICT = { code: '099', name: 'Huyện Thử Nghiệm' };
const place = (communeCode: string, name: string, districtCode: string): Place => ({
  provinceCode: PROVINCE,
  districtCode,
  communeCode,
  name,
});
const A = place('01840', 'xã Dương Quang', CITY.code);
const B = place('01843', 'xã Nông Thượng', CITY.code);
const C = place('09990', 'xã Thử Nghiệm Một', TEST_DISTRICT.code);
const D = place('09991', 'xã Thử Nghiệm Hai', TEST_DISTRICT.code);
const E = place('09992', 'xã Thử Nghiệm Ba', TEST_DISTRICT.code);
const DISTRICT_NAMES: Record<string, string> = {
  [CITY.code]: CITY.name,
  [TEST_DISTRICT.code]: TEST_DISTRICT.name,
};
const CLUSTER = { id: 'cum-thu-nghiem', name: 'Cụm thi đua số 1', members: [A, B, C] };
const ALL_CRITERIA = Array.from({ length: 19 }, (_, i) => i + 1);

/**
 * 09:00 in Vietnam on a day of 2025: June and July 2025 have no public holiday, and dossiers with a district stage
 * were opened until 30/06/2025 (period-rules.ts).
 */
const at = (day: string) => `2025-${day}T02:00:00.000Z`;
/** The moment the dashboards are read. */
const NOW = at('07-24');

/** Working days after the opening day up to the closing day, Monday to Friday, on Vietnam-local dates. */
const workingDays = (from: string, to: string): number => {
  const local = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  let n = 0;
  const d = new Date(`${local(from)}T00:00:00Z`);
  const end = local(to);
  for (
    d.setUTCDate(d.getUTCDate() + 1);
    d.toISOString().slice(0, 10) <= end;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
  return n;
};

/** The q-quantile with linear interpolation between the two nearest ranks. */
const quantile = (values: number[], q: number): number => {
  const v = [...values].sort((x, y) => x - y);
  const rank = q * (v.length - 1);
  const lo = v[Math.floor(rank)];
  const hi = v[Math.ceil(rank)];
  return lo + (hi - lo) * (rank - Math.floor(rank));
};

// As the screen writes figures: a decimal comma, one decimal at most; shares as percentages with one decimal.
const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace('.', ','));
const pct = (n: number) => `${(n * 100).toFixed(1).replace('.', ',')}%`;

interface Step {
  readonly label: string;
  readonly openedAt: string;
  readonly dueAt: string | null;
  closedAt: string | null;
}
interface Survey {
  readonly place: Place;
  readonly households: number;
  readonly forms: number;
  readonly satisfied: number;
}
interface Decision {
  readonly place: Place;
  readonly number: string;
  readonly on: string;
}

describe('the province dashboards in the browser (chromium)', () => {
  let web: WebApp;
  let t: TestApp;
  const axe: Record<string, AxeViolation[]> = {};
  /** Every step each dossier went through, as the command answers named them, at the times this test set. */
  const steps = new Map<string, Step[]>();
  const surveys: Survey[] = [];
  const decisions: Decision[] = [];
  /** Criteria met by each commune's latest assessment. */
  const met = new Map<string, number[]>();
  let province: string;
  /** B's dossier: submitted, waiting for the district's verification. */
  let waitingForDistrict = '';

  const driverFor = async (p: Place): Promise<DossierDriver> =>
    new DossierDriver(t, await tokensFor(t, p, [...ALL_CRITERIA, 50, 51, 52, 53, 99]), p);

  /** One command at a set moment; the step the answer names is noted (a new one closes the one before). */
  const command = async (d: DossierDriver, day: string, path: string, token: string, body: object = {}) => {
    t.clock.set(at(day));
    const answer = (await (path === 'open' ? d.open('ntm') : d.ok(path, token, body))) as {
      summary: { step: { label: string; round: number; dueAt: string | null } | null };
    };
    const history = steps.get(d.place.communeCode) ?? [];
    steps.set(d.place.communeCode, history);
    const current = history.at(-1);
    const next = answer.summary.step;
    const open = current && current.closedAt === null ? current : undefined;
    if (open && (!next || next.label !== open.label)) open.closedAt = at(day);
    if (next && (!open || next.label !== open.label))
      history.push({ label: next.label, openedAt: at(day), dueAt: next.dueAt, closedAt: null });
  };

  const assess = async (d: DossierDriver, day: string, criteria: number[]) => {
    await command(d, day, 'self-assessment', d.tokens.commune, {
      criteria: allCriteria((n) => criteria.includes(n)),
    });
    met.set(d.place.communeCode, criteria);
  };

  /** The commune's steps up to its submission: assessment, posting, survey result, meeting. */
  const prepare = async (d: DossierDriver, days: [string, string], survey: Omit<Survey, 'place'>) => {
    await assess(d, days[0], ALL_CRITERIA);
    await command(d, days[0], 'public-posting', d.tokens.commune, {
      where: ['Trụ sở UBND xã'],
      from: d.daysAgo(30),
    });
    await command(d, days[1], 'public-posting/comments', d.tokens.commune, {
      author: 'Thôn Nà Dì',
      content: 'Nhất trí',
      receivedAt: d.daysAgo(25),
    });
    await command(d, days[1], 'public-posting/close', d.tokens.commune);
    await command(d, days[1], 'survey-result', d.tokens.front, {
      households: survey.households,
      formsCollected: survey.forms,
      satisfied: survey.satisfied,
    });
    surveys.push({ place: d.place, ...survey });
    await command(d, days[1], 'commune-meeting', d.tokens.commune, {
      attendees: 37,
      votesFor: 37,
      votesAgainst: 0,
      minutes: sha(99),
    });
    await command(d, days[1], 'submission', d.tokens.commune, submissionEvidence({ certificateYear: 2025 }));
  };

  /** Verification, appraisal, the chairman's decision and its announcement, each on its own day. */
  const recognise = async (d: DossierDriver, days: string[], decisionNumber: string) => {
    await command(d, days[0], 'district/posting', d.tokens.district, {
      report: sha(52),
      where: ['Cổng thông tin điện tử'],
      from: d.daysAgo(30),
    });
    await command(d, days[0], 'district/posting/close', d.tokens.district);
    await command(d, days[0], 'district/vote', d.tokens.district, {
      counts: { members: 15, present: 14, for: 14, against: 0 },
      minutes: sha(53),
    });
    await command(d, days[0], 'verification', d.tokens.district, { findings: findings() });
    await command(d, days[1], 'appraisal/posting', d.tokens.province, { from: d.daysAgo(30) });
    await command(d, days[1], 'appraisal/posting/close', d.tokens.province);
    for (const member of d.tokens.council)
      await command(d, days[1], 'appraisal/votes', member, { vote: 'approve' });
    await command(d, days[1], 'appraisal/conclusion', d.tokens.province, {
      counts: { members: 3, present: 3, for: 3, against: 0 },
    });
    const on = `2025-${days[2]}`;
    await command(d, days[2], 'decision', d.tokens.chairman, { decisionNumber, decidedOn: on });
    decisions.push({ place: d.place, number: decisionNumber, on });
    await command(d, days[3], 'announcement', d.tokens.province, { announcedOn: `2025-${days[3]}` });
  };

  /** The plan: 2025 and 2024 targets for the province and for each district. */
  const TARGETS = [
    { year: 2025, level: 'ntm', target: 3 },
    { year: 2024, level: 'ntm', target: 1 },
    { year: 2025, level: 'nang-cao', target: 1 },
    { year: 2025, level: 'ntm', target: 2, districtCode: CITY.code },
    { year: 2025, level: 'ntm', target: 2, districtCode: TEST_DISTRICT.code },
  ];

  beforeAll(async () => {
    web = await startWebApp('web_browser_dashboard');
    ({ t } = web);
    t.clock.set(at('06-04'));
    const admin = await t.token('admin');
    province = await t.token('province_officer', { provinceCode: PROVINCE });
    const units = await t.http
      .put(`/api/v1/admin/units/${PROVINCE}`)
      .set('authorization', `Bearer ${admin}`)
      .send({
        name: 'Tỉnh Bắc Kạn',
        districts: [CITY, TEST_DISTRICT],
        communes: [A, B, C, D, E].map((p) => ({
          code: p.communeCode,
          name: p.name,
          districtCode: p.districtCode,
        })),
      });
    expect(units.status).toBe(200);
    const plan = await t.http
      .put(`/api/v1/plans/${PROVINCE}`)
      .set('authorization', `Bearer ${province}`)
      .send({
        title: 'Kế hoạch xây dựng nông thôn mới giai đoạn 2021-2025',
        reference: 'Kế hoạch thử nghiệm',
        targets: TARGETS,
      });
    expect(plan.status).toBe(200);
    // The emulation board and one cluster of communes across both districts (A, B, C; not D, E).
    const emulation = `/api/v1/emulation/provinces/${PROVINCE}`;
    const chairman = await t.token('chairman', { provinceCode: PROVINCE });
    const secretary = await t.token('emulation_secretary', { sub: 'thu-ky-hd', provinceCode: PROVINCE });
    const board = await t.http
      .post(`${emulation}/board`)
      .set('authorization', `Bearer ${chairman}`)
      .send({
        members: [{ id: 'thu-ky-hd', name: 'Hoàng Thị Thư', role: 'secretary' }],
        appointedOn: '2025-01-10',
      });
    expect(board.status).toBeLessThan(300);
    const cluster = await t.http
      .post(`${emulation}/clusters`)
      .set('authorization', `Bearer ${secretary}`)
      .send({
        clusterId: CLUSTER.id,
        name: CLUSTER.name,
        kind: 'cum',
        fromYear: 2021,
        members: CLUSTER.members.map((p) => ({
          kind: 'commune',
          provinceCode: p.provinceCode,
          districtCode: p.districtCode,
          communeCode: p.communeCode,
          name: p.name,
        })),
      });
    expect(cluster.status).toBeLessThan(300);

    // A: recognised in the first batch. Opened Monday 6 October, submitted Thursday 9, ...
    const a = await driverFor(A);
    await command(a, '06-09', 'open', '');
    await prepare(a, ['06-09', '06-12'], { households: 1000, forms: 800, satisfied: 780 });
    await recognise(a, ['06-17', '06-23', '06-25', '06-26'], '1501/QĐ-UBND');
    // B: submitted on Friday 17 October, waiting for the district's verification.
    const b = await driverFor(B);
    await command(b, '06-10', 'open', '');
    waitingForDistrict = b.id;
    await prepare(b, ['06-10', '06-20'], { households: 1200, forms: 900, satisfied: 855 });
    // C: 8 criteria met, survey below the satisfaction threshold, still preparing.
    const c = await driverFor(C);
    await command(c, '06-11', 'open', '');
    await assess(
      c,
      '06-11',
      ALL_CRITERIA.filter((n) => n <= 8),
    );
    await command(c, '06-11', 'public-posting', c.tokens.commune, {
      where: ['Nhà văn hóa xã'],
      from: c.daysAgo(30),
    });
    await command(c, '06-13', 'public-posting/close', c.tokens.commune);
    await command(c, '06-13', 'survey-result', c.tokens.front, {
      households: 500,
      formsCollected: 360,
      satisfied: 288,
    });
    surveys.push({ place: C, households: 500, forms: 360, satisfied: 288 });
    // D: 16 criteria met, still preparing.
    const d = await driverFor(D);
    await command(d, '06-11', 'open', '');
    await assess(
      d,
      '06-11',
      ALL_CRITERIA.filter((n) => n !== 4 && n !== 11 && n !== 17),
    );
    // E: recognised in the second batch, through a weekend at every step.
    const e = await driverFor(E);
    await command(e, '06-13', 'open', '');
    await prepare(e, ['06-13', '06-19'], { households: 800, forms: 720, satisfied: 700 });
    await recognise(e, ['06-27', '07-04', '07-09', '07-11'], '1620/QĐ-UBND');
    t.clock.set(NOW);
  });

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-dashboard.json'), JSON.stringify(axe, null, 2));
  });

  /** The body rows of the table with this caption, cell by cell as shown. */
  const tableRows = async (page: Page, caption: string | RegExp): Promise<string[][]> => {
    const table = page.getByRole('table', { name: caption });
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
      );
    return rows;
  };
  /** Waits until the table shows exactly these rows (in any order); on a timeout, shows the difference. */
  const expectRows = async (page: Page, caption: string | RegExp, expected: string[][]) => {
    const sorted = (rows: string[][]) => rows.map((r) => r.join(' | ')).sort();
    let last: string[][] = [];
    const same = async () => {
      last = await tableRows(page, caption);
      return JSON.stringify(sorted(last)) === JSON.stringify(sorted(expected));
    };
    await eventually(same, `the table "${String(caption)}"`, 20_000).catch(() => undefined);
    expect({ caption: String(caption), rows: sorted(last) }).toEqual({
      caption: String(caption),
      rows: sorted(expected),
    });
  };

  // ---- The figures, from what was submitted ----
  const expectedPlan = () =>
    TARGETS.map((target) => {
      const rank = (l: string) => ['ntm', 'nang-cao', 'kieu-mau'].indexOf(l);
      // Every decision here grants NTM; a target counts communes at its level or above by the end of its year.
      const achieved = decisions.filter(
        (d) =>
          rank('ntm') >= rank(target.level) &&
          d.on <= `${target.year}-12-31` &&
          (!target.districtCode || d.place.districtCode === target.districtCode),
      ).length;
      return [
        target.districtCode ? DISTRICT_NAMES[target.districtCode] : 'Toàn tỉnh',
        String(target.year),
        target.level === 'ntm' ? 'Nông thôn mới' : 'Nông thôn mới nâng cao',
        String(target.target),
        String(achieved),
        pct(achieved / target.target),
        String(Math.max(0, target.target - achieved)),
      ];
    });

  /** The province-wide targets' years and levels within the cluster: its communes granted NTM by the year's end. */
  const expectedClusters = () =>
    TARGETS.filter((target) => !target.districtCode).map((target) => {
      const achieved = decisions.filter(
        (d) => target.level === 'ntm' && d.on <= `${target.year}-12-31` && CLUSTER.members.includes(d.place),
      ).length;
      return [
        CLUSTER.name,
        String(target.year),
        target.level === 'ntm' ? 'Nông thôn mới' : 'Nông thôn mới nâng cao',
        String(CLUSTER.members.length),
        String(achieved),
        pct(achieved / CLUSTER.members.length),
      ];
    });

  const expectedCriteriaCounts = () => {
    const counts = new Map<number, number>();
    for (const list of met.values()) counts.set(list.length, (counts.get(list.length) ?? 0) + 1);
    return [...counts].map(([n, communes]) => [String(n), String(communes)]);
  };

  const expectedBelow15 = () =>
    [A, B, C, D, E]
      .filter((p) => met.get(p.communeCode)!.length < 15)
      .map((p) => {
        const list = met.get(p.communeCode)!;
        return [
          p.name,
          DISTRICT_NAMES[p.districtCode],
          String(list.length),
          ALL_CRITERIA.filter((n) => !list.includes(n)).join(', '),
        ];
      });

  const expectedPipeline = (places: readonly Place[]) => {
    const byStep = new Map<string, { open: number; overdue: number; done: number[] }>();
    for (const p of places)
      for (const s of steps.get(p.communeCode) ?? []) {
        const f = byStep.get(s.label) ?? { open: 0, overdue: 0, done: [] };
        byStep.set(s.label, f);
        if (s.closedAt === null) {
          f.open++;
          if (s.dueAt !== null && s.dueAt < NOW) f.overdue++;
        } else f.done.push(workingDays(s.openedAt, s.closedAt));
      }
    return [...byStep].map(([label, f]) => [
      label,
      String(f.open),
      String(f.overdue),
      String(f.done.length),
      f.done.length ? num(quantile(f.done, 0.5)) : '—',
      f.done.length ? num(quantile(f.done, 0.9)) : '—',
    ]);
  };

  const expectedSurveys = (places: readonly Place[]) =>
    surveys
      .filter((s) => places.includes(s.place))
      .map((s) => {
        // Decision 18/2022 and the NTM rule: at least 90% satisfied among at least 70% of households answering.
        const passes = s.satisfied / s.forms >= 0.9 && s.forms / s.households >= 0.7;
        return [
          s.place.name,
          '2025',
          String(s.households),
          String(s.forms),
          pct(s.forms / s.households),
          String(s.satisfied),
          pct(s.satisfied / s.forms),
          '90,0%',
          passes ? 'Đạt' : 'Chưa đạt',
        ];
      });

  const vnDate = (iso: string) => iso.split('-').reverse().join('/');

  /**
   * Chooses an option of a filter: its list opens, the option is found by its whole name, the list closes. On a
   * loaded machine a click on an option of a list still opening is lost now and then (the list stays open, nothing
   * chosen): the person clicks again, and so does this, until the filter shows the option.
   */
  const choose = (page: Page, filter: string, option: string) =>
    chooseOption(page, page.getByRole('combobox', { name: filter }), option);

  it('the province officer signs in, opens the dashboards, and every table shows the figures computed from the submissions', async () => {
    const { page } = await web.signedIn('province-officer', '/viec-cho-toi');
    await walking(page, 'bao-cao', async () => {
      const scripts: string[] = [];
      page.on('response', (r) => r.url().endsWith('.js') && scripts.push(new URL(r.url()).pathname));
      await page
        .getByRole('navigation', { name: 'Chức năng chính' })
        .getByRole('link', { name: 'Báo cáo' })
        .click();
      await page.waitForURL(`${web.base}/bao-cao`);
      await page.getByRole('heading', { level: 1, name: 'Báo cáo, theo dõi' }).waitFor();
      // The dashboards' own chunk brings the charts, loaded only now.
      expect(scripts.some((s) => /Dashboards-[\w-]+\.js$/.test(s))).toBe(true);

      await expectRows(page, 'Chỉ tiêu kế hoạch và số xã đã đạt', expectedPlan());
      await expectRows(page, /^Theo cụm, khối thi đua/, expectedClusters());
      await expectRows(page, /^Số xã theo số tiêu chí đạt/, expectedCriteriaCounts());
      await expectRows(page, /^Các xã dưới 15 tiêu chí/, expectedBelow15());
      const all = [A, B, C, D, E];
      await expectRows(page, 'Hồ sơ theo bước: đang chờ, đã xong và thời gian xử lý', expectedPipeline(all));
      await expectRows(page, 'Tham gia và mức độ hài lòng theo xã', expectedSurveys(all));
      await expectRows(page, 'Số xã theo năm, loại quyết định và mức', [
        [
          '2025',
          'Công nhận',
          'Nông thôn mới',
          String(decisions.filter((d) => d.on.startsWith('2025')).length),
        ],
      ]);
      await expectRows(
        page,
        'Các đợt quyết định',
        decisions.map((d) => ['Công nhận', d.number, vnDate(d.on), '1', d.place.name]),
      );
      const average = [...met.values()].reduce((n, l) => n + l.length, 0) / met.size;
      await page.getByText(`bình quân ${num(average)} tiêu chí/xã`).waitFor();
      // Each chart is one named image; its table is its accessible form.
      expect(await page.getByRole('img', { name: /^Biểu đồ/ }).count()).toBe(6);
      await page.locator('[role=img] svg').first().waitFor();
      await screen(page, '40-bao-cao-toan-tinh', axe);

      // The pipeline's spreadsheet: the server's file, with the working-day figures.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Tải bảng tính Excel: tiến độ xử lý hồ sơ' }).click();
      const file = await (await download).path();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const cells: string[] = [];
      workbook.getWorksheet('Theo bước')!.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
      expect(cells).toContain('Trung vị số ngày làm việc');
      expect(cells).toContain('Số ngày làm việc (phân vị 90)');

      // The former district filter: every report narrows to Huyện Thử Nghiệm.
      await choose(page, 'Huyện (trước 01/7/2025)', TEST_DISTRICT.name);
      const inDistrict = [C, D, E];
      await expectRows(page, 'Tham gia và mức độ hài lòng theo xã', expectedSurveys(inDistrict));
      await expectRows(
        page,
        'Hồ sơ theo bước: đang chờ, đã xong và thời gian xử lý',
        expectedPipeline(inDistrict),
      );
      await expectRows(
        page,
        'Chỉ tiêu kế hoạch và số xã đã đạt',
        expectedPlan().filter((r) => r[0] === TEST_DISTRICT.name),
      );
      // The pointer resting on a download link (as after a choice in the menu above it) keeps its contrast.
      await page.getByRole('button', { name: 'Tải bảng tính Excel: tiến độ thực hiện kế hoạch' }).hover();
      await screen(page, '41-bao-cao-huyen', axe);

      // The year filter: nothing was decided in 2024, no dossier is of 2024, so no commune has a standing.
      await choose(page, 'Năm', '2024');
      await page.getByText('Chưa có quyết định nào phù hợp với bộ lọc.').waitFor();
      await expectRows(page, /^Số xã theo số tiêu chí đạt/, [['Chưa có xã nào có kết quả đánh giá.']]);
      await expectRows(page, /^Các xã dưới 15 tiêu chí/, [['Không có xã nào dưới 15 tiêu chí.']]);
      await expectRows(page, 'Hồ sơ theo bước: đang chờ, đã xong và thời gian xử lý', [
        ['Chưa có hồ sơ nào phù hợp với bộ lọc.'],
      ]);
      // The plan's 2024 target is the province's only.
      expect(expectedPlan().filter((r) => r[0] === TEST_DISTRICT.name && r[1] === '2024')).toEqual([]);
      await expectRows(page, 'Chỉ tiêu kế hoạch và số xã đã đạt', [
        ['Tỉnh chưa nhập chỉ tiêu kế hoạch phù hợp với bộ lọc.'],
      ]);

      // The next criteria period: 2024, before it, goes with the change, and nothing here is judged under it.
      await choose(page, 'Giai đoạn bộ tiêu chí', '2026-2030');
      await page
        .getByRole('combobox', { name: 'Năm' })
        .locator(
          'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
        )
        .locator('[title="Tất cả các năm"]')
        .waitFor();
      await expectRows(page, 'Tham gia và mức độ hài lòng theo xã', [
        ['Chưa có kết quả lấy ý kiến nào phù hợp với bộ lọc.'],
      ]);
      await expectRows(page, /^Số xã theo số tiêu chí đạt/, [['Chưa có xã nào có kết quả đánh giá.']]);
      await expectRows(page, 'Chỉ tiêu kế hoạch và số xã đã đạt', [
        ['Tỉnh chưa nhập chỉ tiêu kế hoạch phù hợp với bộ lọc.'],
      ]);

      // 2021-2025, the year 2025, the whole province: every figure as with no filter, the plan's 2025 targets.
      await choose(page, 'Giai đoạn bộ tiêu chí', '2021-2025');
      await choose(page, 'Năm', '2025');
      await choose(page, 'Huyện (trước 01/7/2025)', 'Toàn tỉnh');
      await expectRows(page, /^Số xã theo số tiêu chí đạt/, expectedCriteriaCounts());
      await expectRows(page, /^Các xã dưới 15 tiêu chí/, expectedBelow15());
      await expectRows(page, 'Hồ sơ theo bước: đang chờ, đã xong và thời gian xử lý', expectedPipeline(all));
      await expectRows(page, 'Tham gia và mức độ hài lòng theo xã', expectedSurveys(all));
      await expectRows(
        page,
        'Chỉ tiêu kế hoạch và số xã đã đạt',
        expectedPlan().filter((r) => r[1] === '2025'),
      );
      await page
        .getByText('Chỉ tính các hồ sơ năm 2025, xét theo bộ tiêu chí giai đoạn 2021-2025.', { exact: false })
        .waitFor();
      await screen(page, '43-bao-cao-giai-doan-nam', axe);

      // The spreadsheet of the standings says which filters chose its rows, above the same communes.
      const standings = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Tải bảng tính Excel: số tiêu chí đạt của các xã' }).click();
      const sheet = await readTable(readFileSync(await (await standings).path()));
      expect(sheet.title).toEqual([
        'Tỉnh Bắc Kạn',
        'Kết quả thực hiện tiêu chí nông thôn mới theo xã',
        'Ngày xuất: 24/07/2025',
        'Điều kiện lọc: Giai đoạn bộ tiêu chí: 2021-2025; Năm: 2025',
      ]);
      const metColumn = sheet.header.indexOf('Số tiêu chí đạt');
      expect(metColumn).toBeGreaterThanOrEqual(0);
      const name = sheet.header.indexOf('Tên xã');
      const byCommune = new Map(sheet.rows.map((r) => [r[name], r[metColumn]]));
      for (const p of [A, B, C, D, E]) expect(byCommune.get(p.name)).toBe(met.get(p.communeCode)!.length);

      // The level: every dossier here is for NTM; for nâng cao, no commune is assessed and one target is left.
      await choose(page, 'Mức', 'Nông thôn mới nâng cao');
      await expectRows(page, /^Số xã theo số tiêu chí đạt/, [['Chưa có xã nào có kết quả đánh giá.']]);
      await expectRows(page, /^Các xã dưới 15 tiêu chí/, [['Không có xã nào dưới 15 tiêu chí.']]);
      await expectRows(
        page,
        'Chỉ tiêu kế hoạch và số xã đã đạt',
        expectedPlan().filter((r) => r[1] === '2025' && r[2] === 'Nông thôn mới nâng cao'),
      );
    });
    for (const [name, violations] of Object.entries(axe))
      expect({ name, violations }).toEqual({ name, violations: [] });
  });

  it("a district officer sees the same dashboards narrowed to the district's own communes", async () => {
    // The demo user `district-officer` is bound to thành phố Bắc Kạn (058): communes A and B.
    const { page, context } = await web.signedIn('district-officer', '/bao-cao');
    await walking(page, 'bao-cao-huyen-058', async () => {
      await page.getByRole('heading', { level: 1, name: 'Báo cáo, theo dõi' }).waitFor();
      // Their district is fixed: no choice of another.
      expect(await page.getByRole('combobox', { name: 'Huyện (trước 01/7/2025)' }).count()).toBe(0);
      const city = [A, B];
      await expectRows(page, 'Tham gia và mức độ hài lòng theo xã', expectedSurveys(city));
      await expectRows(page, 'Hồ sơ theo bước: đang chờ, đã xong và thời gian xử lý', expectedPipeline(city));
      await expectRows(
        page,
        'Chỉ tiêu kế hoạch và số xã đã đạt',
        expectedPlan().filter((r) => r[0] === CITY.name),
      );
      await screen(page, '42-bao-cao-can-bo-huyen', axe);
    });
    await context.close();
    expect(axe['42-bao-cao-can-bo-huyen']).toEqual([]);
  });

  it('the chairman follows the menu to the same province-wide dashboards', async () => {
    const { page, context } = await web.signedIn('chairman', '/viec-cho-toi');
    await walking(page, 'bao-cao-chu-tich', async () => {
      await page
        .getByRole('navigation', { name: 'Chức năng chính' })
        .getByRole('link', { name: 'Báo cáo' })
        .click();
      await expectRows(
        page,
        'Các đợt quyết định',
        decisions.map((d) => ['Công nhận', d.number, vnDate(d.on), '1', d.place.name]),
      );
      await expectRows(page, /^Các xã dưới 15 tiêu chí/, expectedBelow15());
    });
    await context.close();
  });

  it('the list screens filter their rows, and their Excel files hold the same rows under a title naming the filters', async () => {
    // The district officer's work list: B waits for the district's verification; A is decided.
    const district = await web.signedIn('district-officer', '/viec-cho-toi');
    await walking(district.page, 'viec-cho-toi-loc', async () => {
      const page = district.page;
      await page.getByRole('heading', { level: 1, name: 'Việc chờ tôi' }).waitFor();
      const names = page.locator('.ant-table-tbody tr.ant-table-row a');
      await names.first().waitFor();
      // The commune by its name typed without diacritics, as on a keyboard without a Vietnamese input method.
      const commune = page.getByRole('combobox', { name: 'Xã' });
      await commune.click();
      await commune.fill('nong thuong');
      await page.keyboard.press('Enter');
      await eventually(
        async () => (await names.allInnerTexts()).every((n) => n.startsWith(B.name)),
        'only xã Nông Thượng listed',
      );
      const { file, screen: shown } = await downloadExcel(page, '44-viec-cho-toi-loc-xa');
      await screen(page, '44-viec-cho-toi-loc-xa', axe);
      expect(shown.map((r) => r[1])).toEqual([`${B.name} — nông thôn mới năm 2025`]);
      expect(file.title).toEqual([
        'Tỉnh Bắc Kạn',
        'Hồ sơ đang chờ xử lý',
        'Ngày xuất: 24/07/2025',
        `Điều kiện lọc: Việc chờ: cán bộ UBND huyện; Huyện: ${CITY.name}; Xã: ${B.name}`,
      ]);
      expect(file.rows.map((r) => r[file.header.indexOf('Tên xã')])).toEqual([B.name]);
      // The header row is frozen with the auto-filter on it; dates are Excel dates shown dd/mm/yyyy.
      expect(file.sheet.autoFilter).toMatch(
        new RegExp(`^A${file.headerRow}:[A-Z]+${file.headerRow + file.rows.length}$`),
      );
      const due = file.sheet.getCell(file.headerRow + 1, file.header.indexOf('Hạn xử lý') + 1);
      expect(due.numFmt).toBe('dd/mm/yyyy');
      expect(vnDate((due.value as Date).toISOString().slice(0, 10))).toBe(
        /\d{2}\/\d{2}\/\d{4}/.exec(shown[0][4])?.[0],
      );
      // Another criteria period: nothing judged under 2026-2030 waits.
      await choose(page, 'Giai đoạn bộ tiêu chí', '2026-2030');
      await page.getByText('Không có hồ sơ nào phù hợp với bộ lọc.').waitFor();
    });
    await district.context.close();

    // The commune officer of xã Dương Quang (A, recognised): its dossiers by status.
    const communeOfficer = await web.signedIn('commune-officer', '/ho-so');
    await walking(communeOfficer.page, 'ho-so-cua-xa-loc', async () => {
      const page = communeOfficer.page;
      await page.getByRole('heading', { level: 1, name: 'Hồ sơ của xã' }).waitFor();
      // A commune's officers see their own commune only: no commune filter.
      expect(await page.getByRole('combobox', { name: 'Xã' }).count()).toBe(0);
      await choose(page, 'Tình trạng', 'Trả lại để bổ sung');
      await page.getByText('Không có hồ sơ nào phù hợp với bộ lọc.').waitFor();
      await choose(page, 'Tình trạng', 'Đã công nhận');
      const { file, screen: shown } = await downloadExcel(page, '45-ho-so-cua-xa-loc');
      await screen(page, '45-ho-so-cua-xa-loc', axe);
      expect(shown.map((r) => r.slice(1, 3))).toEqual([
        [`${A.name} — nông thôn mới năm 2025`, 'Đã công nhận'],
      ]);
      expect(file.title[1]).toBe('Bảng theo dõi hồ sơ');
      expect(file.title[3]).toBe(
        `Điều kiện lọc: Huyện: ${CITY.name}; Xã: ${A.name}; Trạng thái: Đã công nhận`,
      );
      expect(
        file.rows.map((r) => [r[file.header.indexOf('Tên xã')], r[file.header.indexOf('Trạng thái')]]),
      ).toEqual([[A.name, 'Đã công nhận']]);
    });
    await communeOfficer.context.close();
    expect(axe['44-viec-cho-toi-loc-xa']).toEqual([]);
    expect(axe['45-ho-so-cua-xa-loc']).toEqual([]);
  });

  it('on a phone: each table’s caption reads whole, its table scrolled or not, no text one word a line; a chart’s legend above its bars', async () => {
    /** The captions whose text goes past the edge of the box their table scrolls in. */
    const captionsCut = (page: Page) =>
      page.evaluate<string[]>(`[...document.querySelectorAll('.figure-table')].flatMap((box) => {
        const seen = box.getBoundingClientRect();
        const caption = box.querySelector('caption');
        const range = document.createRange();
        range.selectNodeContents(caption);
        const cut = [...range.getClientRects()].some((r) => r.left < seen.left - 1 || r.right > seen.right + 1);
        return cut ? [caption.textContent + ' (' + Math.round(caption.getBoundingClientRect().width) + ' px in ' + Math.round(seen.width) + ')'] : [];
      })`);
    await web.walkAs('province-officer', '/bao-cao', 'bao-cao-dien-thoai', async (page) => {
      await page.setViewportSize(PHONE);
      await expectRows(page, 'Tham gia và mức độ hài lòng theo xã', expectedSurveys([A, B, C, D, E]));
      await expectRows(
        page,
        'Hồ sơ theo bước: đang chờ, đã xong và thời gian xử lý',
        expectedPipeline([A, B, C, D, E]),
      );
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      // Some tables are wider than the screen: each scrolls within its box, its caption in sight from end to end.
      expect(
        await page.evaluate<number>(
          `[...document.querySelectorAll('.figure-table')].filter((b) => b.scrollWidth > b.clientWidth).length`,
        ),
      ).toBeGreaterThan(0);
      expect(await captionsCut(page)).toEqual([]);
      await page.evaluate(
        `document.querySelectorAll('.figure-table').forEach((box) => { box.scrollLeft = box.scrollWidth; })`,
      );
      expect(await captionsCut(page)).toEqual([]);
      await page.evaluate(
        `document.querySelectorAll('.figure-table').forEach((box) => { box.scrollLeft = 0; })`,
      );
      expect(await wordsOneALine(page)).toEqual([]);
      // The durations' legend takes two lines on a phone: its names end above the chart's grid (the top of its lines,
      // stroked, not filled as the bars and the legend's marks are).
      const legend = await page.evaluate<{
        names: number;
        gridLines: number;
        legendBottom: number;
        gridTop: number;
      }>(`(() => {
        const chart = document.querySelector('[role=img][aria-label^="Biểu đồ số ngày làm việc mỗi bước"] svg');
        const names = [...chart.querySelectorAll('text')].filter((t) => /^(Trung vị|Phân vị 90) \\(ngày làm việc\\)$/.test(t.textContent));
        const grid = [...chart.querySelectorAll('path[fill="none"][stroke]')];
        return {
          names: names.length,
          gridLines: grid.length,
          legendBottom: Math.max(...names.map((t) => t.getBoundingClientRect().bottom)),
          gridTop: Math.min(...grid.map((p) => p.getBoundingClientRect().top)),
        };
      })()`);
      expect([legend.names, legend.gridLines > 0]).toEqual([2, true]);
      expect(legend.legendBottom).toBeLessThanOrEqual(legend.gridTop);
      await screen(page, '46-bao-cao-dien-thoai', axe);
    });
    expect(axe['46-bao-cao-dien-thoai']).toEqual([]);
  });

  it('on a phone: the district’s verification gives each criterion’s answers whole, on one line, and the line for why within the screen', async () => {
    // B waits for the district's verification.
    await web.walkAs(
      'district-officer',
      `/ho-so/${waitingForDistrict}`,
      'tham-tra-dien-thoai',
      async (page) => {
        await page.setViewportSize(PHONE);
        const findings = page.getByRole('radiogroup', { name: /^Kết quả thẩm tra tiêu chí \d+$/ });
        await findings.nth(18).waitFor();
        expect(await findings.count()).toBe(19);
        expect(await wrapped(page, '[role=radiogroup] .ant-radio-wrapper')).toEqual([]);
        // Criterion 17 found not met: the line for why opens under its answers, within the screen, the answers whole.
        await findings.nth(16).getByText('Chưa đạt').click();
        const why = await page.getByLabel('Lý do tiêu chí 17 chưa đạt').boundingBox();
        expect(why!.x + why!.width).toBeLessThanOrEqual(PHONE.width);
        expect(await wrapped(page, '[role=radiogroup] .ant-radio-wrapper')).toEqual([]);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
          PHONE.width,
        );
        expect(await wordsOneALine(page)).toEqual([]);
        await screen(page, '47-tham-tra-dien-thoai', axe);
      },
    );
    expect(axe['47-tham-tra-dien-thoai']).toEqual([]);
  });

  it('the report routes refuse filters out of bounds with a Vietnamese message naming the field', async () => {
    const below = await t.http
      .get('/api/v1/reports/standings?belowCriteria=0')
      .set('authorization', `Bearer ${province}`);
    expect(below.status).toBe(400);
    expect(below.body.code).toBe('VALIDATION_FAILED');
    expect(below.body.message).toMatch(/belowCriteria.*phải lớn hơn hoặc bằng 1/);
    const year = await t.http
      .get('/api/v1/reports/plan-progress?year=1999')
      .set('authorization', `Bearer ${province}`);
    expect(year.status).toBe(400);
    expect(year.body.message).toMatch(/year.*phải lớn hơn hoặc bằng 2000/);
    const outside = await t.http
      .get('/api/v1/reports/standings?criteriaPeriod=2026-2030&year=2025')
      .set('authorization', `Bearer ${province}`);
    expect(outside.status).toBe(400);
    expect(outside.body.message).toBe(
      "Trường 'year' không được trước năm đầu của giai đoạn bộ tiêu chí đã chọn (criteriaPeriod)",
    );
    const period = await t.http
      .get('/api/v1/reports/decisions?criteriaPeriod=2020-2024')
      .set('authorization', `Bearer ${province}`);
    expect(period.status).toBe(400);
    expect(period.body.message).toMatch(
      /criteriaPeriod.*phải là một trong các giá trị: 2021-2025, 2026-2030/,
    );
  });
});
