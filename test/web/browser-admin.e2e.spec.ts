import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { encodePair } from '@ntm/event-store';
import { ProjectionCheckpoints } from '@ntm/read-models/runner';
import { testSet2026 } from '@ntm/criteria';
import { expectText, SCREENS, screen, startWebApp, type AxeViolation, type WebApp } from '../support/browser';

/*
 * The system administrator's screens (/quan-tri) in a real browser (test/support/browser.ts). The administrator
 * signs in and lands on them; loads a holiday year's file with a mistake and reads the problem with its line, then
 * the corrected file and finds the year listed; loads a criteria set and a province's procedure and reads them
 * back; sees a parked projection stand out with its error and lets it run on. What each screen shows is checked against the API.
 * Screenshots in test-artifacts/screens/<run>, axe-core on each.
 */

/** 2028's days off as a file an administrator writes (2-space indents, one field a line). */
const year2028 = (from: string) =>
  JSON.stringify(
    {
      year: 2028,
      provisional: true,
      source: 'Dự kiến, chờ Thủ tướng Chính phủ quyết định',
      daysOff: [{ from, to: '2028-01-28', name: 'Nghỉ Tết Nguyên Đán', source: 'Dự kiến của Bộ Nội vụ' }],
      workingDays: [],
    },
    null,
    2,
  );

/** The cells of a table's rows as the screen shows them. */
const rows = async (page: Page) => {
  const r = page.locator('.ant-table-tbody tr.ant-table-row');
  await r.first().waitFor();
  return Promise.all((await r.all()).map((row) => row.locator('td').allInnerTexts()));
};

/** A link of the administrator's section menu. */
const section = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'Quản trị hệ thống' })
    .getByRole('link', { name, exact: true })
    .click();

describe("the system administrator's screens in the browser (chromium)", () => {
  let web: WebApp;
  let admin: string;
  const axe: Record<string, AxeViolation[]> = {};
  const PARKED = 'test-parked-projection';
  const REPLACED = 'dossier-board@v0';

  beforeAll(async () => {
    web = await startWebApp('web_browser_admin');
    admin = await web.t.token('admin', {});
    // Given: a projection parked on an event it could not apply.
    const checkpoints = new ProjectionCheckpoints(web.t.app.get(DataSource));
    await checkpoints.install();
    await checkpoints.open(PARKED, null);
    await checkpoints.park(PARKED, 'Không đọc được dữ liệu của sự kiện', encodePair(1n, 1n), 5);
    // And the row a rebuild left behind: a build of the board replaced long ago, parked before it was, unlabelled.
    await checkpoints.open(REPLACED, null);
    await checkpoints.park(REPLACED, 'Lỗi cũ', encodePair(1n, 1n), 5);
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-admin.json'), JSON.stringify(axe, null, 2));
  });

  const get = async <T>(path: string): Promise<T> =>
    (await web.t.http.get(path).set('authorization', `Bearer ${admin}`).expect(200)).body as T;

  it('signs in to the admin home; a holiday file with a mistake is refused naming its line, the corrected one is listed', async () => {
    await web.walkAs('admin', '/', 'lich-nghi', async (page) => {
      await page.waitForURL((url) => url.pathname === '/quan-tri');
      await page.getByRole('heading', { level: 1, name: 'Quản trị hệ thống' }).waitFor();
      // The parked projection is named on the home page.
      await expectText(page, '1 tiến trình xử lý dữ liệu đang dừng vì lỗi');
      await screen(page, 'admin-1-trang-chu', axe);

      await section(page, 'Lịch nghỉ lễ, Tết');
      await page.getByRole('heading', { level: 1, name: 'Lịch nghỉ lễ, Tết' }).waitFor();
      const wrong = year2028('2027-12-31');
      const line = wrong.split('\n').findIndex((l) => l.includes('2027-12-31')) + 1;
      const picker = page.getByLabel('Chọn tệp JSON cần nạp');
      await picker.setInputFiles({
        name: 'nam-2028.json',
        mimeType: 'application/json',
        buffer: Buffer.from(wrong),
      });
      await page.getByRole('button', { name: 'Nạp tệp' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'chưa nạp gì' });
      await refusal
        .getByRole('listitem')
        .filter({ hasText: `Dòng ${line}, trường daysOff[0].from: Ngày 2027-12-31 không thuộc năm 2028` })
        .waitFor();
      await screen(page, 'admin-2-lich-nghi-loi', axe);
      // Nothing was written: the server knows no 2028.
      expect(
        (await get<{ year: number }[]>('/api/v1/calendar/years')).find((y) => y.year === 2028),
      ).toBeUndefined();

      await picker.setInputFiles({
        name: 'nam-2028.json',
        mimeType: 'application/json',
        buffer: Buffer.from(year2028('2028-01-24')),
      });
      await page.getByRole('button', { name: 'Nạp tệp' }).click();
      await expectText(page, 'Đã nạp lịch nghỉ năm 2028 (dự kiến): 1 đợt nghỉ, 0 ngày làm bù.');
      const listed = await row2028(page);
      await screen(page, 'admin-3-lich-nghi-da-nap', axe);
      const held = (
        await get<{ year: number; status: string; origin: string; source: string; revision: number }[]>(
          '/api/v1/calendar/years',
        )
      ).find((y) => y.year === 2028);
      expect(held).toMatchObject({ status: 'provisional', origin: 'loaded', revision: 1 });
      expect(listed.slice(0, 6)).toEqual(['2028', 'Dự kiến', '1', '0', 'Quản trị đã nạp', held!.source]);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);

  it('loads a criteria set from its file, opens it and reads its criteria and indicators as the server holds them', async () => {
    const set = testSet2026('06');
    await web.walkAs('admin', '/quan-tri', 'bo-tieu-chi', async (page) => {
      await section(page, 'Bộ tiêu chí');
      await page.getByLabel('Chọn tệp JSON cần nạp').setInputFiles({
        name: 'bo-tieu-chi.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(set, null, 2)),
      });
      await page.getByRole('button', { name: 'Nạp tệp' }).click();
      await expectText(page, `Đã nạp bộ tiêu chí «${set.title}», phiên bản 1: 10 tiêu chí,`);
      await page.getByRole('link', { name: set.title, exact: true }).waitFor();
      const list = await get<{ id: string; version: number; title: string }[]>('/api/v1/criteria-sets');
      expect(list.find((s) => s.id === set.id)).toMatchObject({ version: 1, title: set.title });
      const titles = (await rows(page)).map((cells) => cells[0].split('\n')[0]);
      expect([...titles].sort()).toEqual(list.map((s) => s.title).sort());
      await screen(page, 'admin-4-bo-tieu-chi', axe);

      await page.getByRole('link', { name: set.title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: set.title }).waitFor();
      const held = await get<{
        document: {
          criteria: { number: number; name: string; indicators: { code: string; name: string }[] }[];
        };
      }>(`/api/v1/criteria-sets/${set.id}?version=1`);
      await expectText(page, `Tiêu chí và chỉ tiêu (${held.document.criteria.length} tiêu chí)`);
      const criteria = await rows(page);
      expect(criteria.map((cells) => [Number(cells[0]), cells[1].split('\n')[0]])).toEqual(
        held.document.criteria.map((c) => [c.number, c.name]),
      );
      // Each indicator with its requirement per commune group, as the server holds it.
      criteria.forEach((cells, i) =>
        held.document.criteria[i].indicators.forEach((ind) =>
          expect(cells[2]).toContain(`${ind.code} ${ind.name}.`),
        ),
      );
      expect(criteria[2][2]).toContain('từ 80 triệu đồng/người/năm');
      await screen(page, 'admin-5-bo-tieu-chi-chi-tiet', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);

  it('loads a province procedure from its file and shows its steps as the server holds them', async () => {
    const procedure = {
      provinceCode: '06',
      version: '2026-2030',
      decision: '512/QĐ-UBND',
      decidedOn: '2026-03-01',
      steps: {
        'provincial-verification': { limit: { amount: 10, unit: 'working-days' } },
        decision: { limit: { amount: 5, unit: 'working-days' }, actions: { DecideRecognition: 'chairman' } },
      },
      communePosting: { amount: 10, unit: 'calendar-days' },
    };
    await web.walkAs('admin', '/quan-tri', 'quy-trinh-tinh', async (page) => {
      await section(page, 'Quy trình của tỉnh');
      await page.getByLabel('Mã tỉnh').fill('06');
      await page.getByRole('button', { name: 'Xem', exact: true }).click();
      await expectText(page, 'Tỉnh mã 06 chưa nạp quy trình riêng: hồ sơ theo quy trình chung.');
      await page.getByLabel('Chọn tệp JSON cần nạp').setInputFiles({
        name: 'quy-trinh-tinh-06.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(procedure, null, 2)),
      });
      await page.getByRole('button', { name: 'Nạp tệp' }).click();
      await expectText(page, 'Đã nạp quy trình của tỉnh mã 06 (lần nạp thứ 1).');
      await expectText(page, 'Số 512/QĐ-UBND ngày 01/03/2026');
      const steps = await rows(page);
      expect(steps.map((cells) => cells.slice(0, 3))).toEqual([
        ['Tỉnh thẩm tra', '10 ngày làm việc', 'Như quy trình chung'],
        ['Chủ tịch UBND tỉnh quyết định', '5 ngày làm việc', 'Chủ tịch UBND tỉnh'],
      ]);
      await screen(page, 'admin-6-quy-trinh-tinh', axe);
    });
    const held = await get<{ revisions: number; byVersion: Record<string, { document: unknown }> }>(
      '/api/v1/province-procedures/06',
    );
    expect(held.revisions).toBe(1);
    expect(held.byVersion['2026-2030'].document).toMatchObject(procedure);
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);

  it('shows the projections, the parked one first with its error, and lets it run on after a confirmation', async () => {
    await web.walkAs('admin', '/quan-tri', 'xu-ly-du-lieu', async (page) => {
      await section(page, 'Tình trạng xử lý dữ liệu');
      await expectText(page, '1 tiến trình đang dừng vì lỗi');
      const shown = await rows(page);
      const held = await get<{ items: { name: string; status: string }[] }>('/api/v1/admin/projections');
      // Each job by what it keeps up to date, its code name (what logs and metrics say) on the line below.
      expect(shown.map((cells) => cells[0].split('\n').at(-1)).sort()).toEqual(
        held.items.map((p) => p.name).sort(),
      );
      const board = held.items.find((p) => p.name.startsWith('dossier-board@'))!.name;
      expect(shown.find((cells) => cells[0].endsWith(board))?.[0]).toBe(`Bảng theo dõi hồ sơ\n${board}`);
      expect(shown[0].slice(0, 2)).toEqual([PARKED, 'Đang dừng vì lỗi']);
      expect(shown[0][3]).toContain('Không đọc được dữ liệu của sự kiện');
      // The replaced build last, by its projection's name, as old: not stopped, nothing to let run on.
      expect(shown.at(-1)!.slice(0, 2)).toEqual([
        `Bảng theo dõi hồ sơ\n${REPLACED}`,
        'Bản cũ, đã được thay thế',
      ]);
      expect(shown.at(-1)!.slice(3, 4)).toEqual(['—']);
      expect(shown.slice(1, -1).every((cells) => cells[1] === 'Đang chạy')).toBe(true);
      await screen(page, 'admin-7-xu-ly-du-lieu', axe);

      await page.getByRole('button', { name: 'Cho chạy tiếp' }).click();
      await page.getByRole('button', { name: 'Chạy tiếp', exact: true }).click();
      await expectText(page, `Đã cho tiến trình «${PARKED}» chạy tiếp.`);
      await expectText(page, `Cả ${held.items.length - 1} tiến trình đang chạy bình thường`);
      await screen(page, 'admin-8-da-chay-tiep', axe);
    });
    const after = await get<{ items: { name: string; status: string; lastError: string | null }[] }>(
      '/api/v1/admin/projections',
    );
    expect(after.items.find((p) => p.name === PARKED)).toMatchObject({ status: 'running', lastError: null });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);
});

/** The 2028 row of the calendar's table, once the list has reloaded after the load. */
const row2028 = async (page: Page): Promise<string[]> => {
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Quản trị đã nạp' }).filter({
    has: page.locator('td', { hasText: /^2028$/ }),
  });
  await row.waitFor();
  return row.locator('td').allInnerTexts();
};
