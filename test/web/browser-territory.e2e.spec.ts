import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { recordPastRecognition, registerBacKan } from '../support/units';

/*
 * The 2025 commune mergers through the screens (RULES-2026.md §2). Given over HTTP: Bắc Kạn's register (xã Dương
 * Quang, xã Nông Thượng, xã Xuất Hóa) and Nông Thượng's recognition of 2022. The administrator records the merger
 * of Dương Quang and Nông Thượng into a new commune on the units screen (TEST DATA: the resolution's number and the
 * new commune are made up, and the record's note says so); the province officer finds the merged commune with its
 * former communes, opens its recognition record and acknowledges its level; the server holds the acknowledgement.
 * Screenshots in test-artifacts/screens/<run>, axe-core on each.
 */

const MERGED = { code: '01849', name: 'xã Quang Thượng' };
const ACKNOWLEDGEMENT = '250/QĐ-UBND';

/** A row of a table, by a text of one of its cells. */
const row = (page: Page, text: string) => page.getByRole('row', { name: new RegExp(text) });

describe('administrative units and merged communes in the browser (chromium)', () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    web = await startWebApp('web_browser_territory');
    const { t } = web;
    await registerBacKan(t, await t.token('admin', {}), [{ code: '01846', name: 'xã Xuất Hóa' }]);
    // Dated before the merger: a recognition through the screens would be dated today.
    await recordPastRecognition(t, '01843', {
      level: 'ntm',
      period: '2021-2025',
      decisionNumber: '3012/QĐ-UBND',
      decidedOn: '2022-12-20',
    });
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-territory.json'), JSON.stringify(axe, null, 2));
  });

  it('the administrator records a merger of communes; a code already taken is refused on screen', async () => {
    await web.walkAs('admin', '/don-vi-hanh-chinh', 'ghi-sap-xep', async (page) => {
      await page.getByLabel('Mã tỉnh').fill('06');
      await page.getByRole('button', { name: 'Xem đơn vị hành chính' }).click();
      await expectText(page, 'Đơn vị hành chính — Tỉnh Bắc Kạn');
      await row(page, 'xã Dương Quang').getByText('Đang hoạt động').waitFor();

      const communes = page.getByRole('combobox', { name: 'Các xã được sắp xếp' });
      await chooseOption(page, communes, 'xã Dương Quang (mã 01840)');
      await chooseOption(page, communes, 'xã Nông Thượng (mã 01843)');
      // Xuất Hóa's code, not one of the merged communes': the server refuses, naming whose it is.
      await page.getByLabel('Mã xã mới').fill('01846');
      await page.getByLabel('Tên xã mới').fill(MERGED.name);
      await page.getByLabel('Ngày có hiệu lực').fill('01/07/2025');
      await page.getByLabel('Số nghị quyết, quyết định sắp xếp').fill('9999/NQ-UBTVQH15');
      await page.getByLabel('Ngày ban hành').fill('16/06/2025');
      await page
        .getByLabel(/Ghi chú nếu chưa đối chiếu/)
        .fill('UNVERIFIED: dữ liệu thử nghiệm, không phải nghị quyết thật');
      await page.getByRole('button', { name: 'Ghi sắp xếp' }).click();
      // The problem named by the field the officer filled.
      await page
        .getByRole('alert')
        .getByText(/^Mã xã mới: mã 01846 đã dùng cho .*Xuất Hóa/)
        .waitFor();
      await screen(page, 'territory-1-ma-da-dung', axe);

      await page.getByLabel('Mã xã mới').fill(MERGED.code);
      await page.getByRole('button', { name: 'Ghi sắp xếp' }).click();
      await expectText(page, 'Đã ghi việc sắp xếp xã');
      await row(page, MERGED.name)
        .getByText('xã Dương Quang (mã 01840); xã Nông Thượng (mã 01843)')
        .waitFor();
      await row(page, 'xã Nông Thượng').getByText(`${MERGED.name} (mã ${MERGED.code})`).waitFor();
      await screen(page, 'territory-2-da-sap-xep', axe);
      // The record and back: the list of the province the administrator named.
      await page.getByRole('link', { name: 'xã Dương Quang' }).click();
      await expectText(page, 'Hồ sơ công nhận của xã Dương Quang');
      await page.getByRole('link', { name: '← Đơn vị hành chính' }).click();
      await expectText(page, 'Đơn vị hành chính — Tỉnh Bắc Kạn');
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 120_000);

  it("the province officer opens the merged commune's record and acknowledges its level", async () => {
    await web.walkAs('province-officer', '/', 'thua-nhan', async (page) => {
      await page.getByRole('link', { name: 'Đơn vị hành chính' }).click();
      // Only the merged-away communes: the filter by status.
      await page.getByRole('radio', { name: 'Đã sắp xếp' }).check();
      await row(page, 'xã Dương Quang').getByText('Đã sắp xếp').waitFor();
      await row(page, 'xã Xuất Hóa').waitFor({ state: 'detached' });
      await screen(page, 'territory-3-loc-da-sap-xep', axe);
      await page.getByRole('radio', { name: 'Tất cả' }).check();
      await page.getByRole('link', { name: MERGED.name }).click();

      await expectText(page, `Hồ sơ công nhận của ${MERGED.name}`);
      await expectText(page, 'Sắp xếp từ 2 xã theo 9999/NQ-UBTVQH15 ngày 16/06/2025');
      await row(page, 'xã Nông Thượng')
        .getByText('Nông thôn mới: Quyết định số 3012/QĐ-UBND ngày 20/12/2022')
        .waitFor();
      await row(page, 'xã Dương Quang').getByText('Chưa có quyết định công nhận').waitFor();
      await expectText(page, 'Tỉnh chưa thừa nhận mức đạt chuẩn của xã.');
      await page
        .locator('.ant-descriptions-row', { hasText: 'Tỉnh thừa nhận' })
        .getByText('Chưa thừa nhận')
        .waitFor();

      // A level no former commune held: the server refuses and the screen says why.
      await page.getByRole('radio', { name: 'Nông thôn mới nâng cao' }).check();
      await page
        .getByLabel(/Lý do thừa nhận/)
        .fill('Xã Nông Thượng đã đạt chuẩn nông thôn mới (Quyết định 3012/QĐ-UBND ngày 20/12/2022)');
      await page.getByLabel('Số văn bản').fill(ACKNOWLEDGEMENT);
      expect(await page.getByLabel('Ngày văn bản').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      await page.getByRole('button', { name: 'Ghi thừa nhận' }).click();
      await page
        .getByRole('alert')
        .getByText(/Không xã nào trước sắp xếp/)
        .first()
        .waitFor();
      await screen(page, 'territory-4-tu-choi', axe);

      await page.getByRole('radio', { name: 'Nông thôn mới', exact: true }).check();
      await page.getByRole('button', { name: 'Ghi thừa nhận' }).click();
      await expectText(page, `Đã ghi việc thừa nhận mức đạt chuẩn của ${MERGED.name}`);
      const listed = row(page, ACKNOWLEDGEMENT);
      await listed.getByText('Nông thôn mới', { exact: true }).waitFor();
      await listed.getByText(/Xã Nông Thượng đã đạt chuẩn nông thôn mới/).waitFor();
      // Said at the record's head; the same level is not offered again (the API refuses it), the others still are.
      const today = new Intl.DateTimeFormat('vi-VN', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'Asia/Ho_Chi_Minh',
      }).format(new Date());
      await page
        .locator('.ant-descriptions-row', { hasText: 'Tỉnh thừa nhận' })
        .getByText(`Nông thôn mới: văn bản số ${ACKNOWLEDGEMENT} ngày ${today}`)
        .waitFor();
      await expectText(page, 'Thừa nhận thêm mức đạt chuẩn khác của xã');
      expect(await page.getByRole('radio', { name: 'Nông thôn mới (đã thừa nhận)' }).isDisabled()).toBe(true);
      expect(await page.getByRole('radio', { name: 'Nông thôn mới nâng cao' }).isChecked()).toBe(true);
      await screen(page, 'territory-5-da-thua-nhan', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);

    // The record is public: another commune's officer reads what the server holds.
    const reader = await web.t.token('commune_officer', { provinceCode: '06', communeCode: '01846' });
    const held = await web.t.http
      .get(`/api/v1/communes/${MERGED.code}/record`)
      .set('authorization', `Bearer ${reader}`);
    expect(held.status).toBe(200);
    expect(held.body.acknowledgements).toEqual([
      expect.objectContaining({
        level: 'ntm',
        decisionNumber: ACKNOWLEDGEMENT,
        reasons: ['Xã Nông Thượng đã đạt chuẩn nông thôn mới (Quyết định 3012/QĐ-UBND ngày 20/12/2022)'],
        predecessors: expect.arrayContaining([{ code: '01843', name: 'xã Nông Thượng', holdings: ['ntm'] }]),
      }),
    ]);
  }, 120_000);
});
