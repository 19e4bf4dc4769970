import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appointDemoCouncil, BASE, EmulationDriver } from '../commendation/emulation-driver';
import {
  chooseOption,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { nongThuong } from '../support/dossier-driver';
import { cutShort, headerReadsBadly } from '../support/phone';
import { registerBacKan } from '../support/units';

/*
 * What the board's secretary sets and flags on screen beyond the main walk (browser-emulation): a movement's own
 * quota at its launch (the server's refusal of a share above the whole shown first), its amendments (the refusal
 * without a reason shown first) and their history, an award type's conditions other than its quota, a prior award
 * flagged for false records, and the header beside the longest names and roles. Givens over HTTP: the demo's
 * council and one prior award of xã Nông Thượng. Screenshots in test-artifacts/screens/<run>, axe-core on each.
 */

const CHAIRMAN_AWARD = 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh';
const PM_AWARD = 'Bằng khen của Thủ tướng Chính phủ';
const MOVEMENT = 'Phong trào xây dựng nông thôn mới kiểu mẫu';
const shareOf = (num: number) =>
  `${num}/100 số xã được công nhận đạt chuẩn nông thôn mới trong giai đoạn (làm tròn xuống)`;
/** Today as the screens write it: the day in Hà Nội, whatever this machine's zone. */
const today = () =>
  new Intl.DateTimeFormat('vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date());

describe('the secretary’s quotas, conditions and flags on screen (chromium)', () => {
  let web: WebApp;
  let e: EmulationDriver;
  let secretary = '';
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    web = await startWebApp('web_browser_emulation_rules');
    const { t } = web;
    await registerBacKan(t, await t.token('admin', {}));
    e = new EmulationDriver(t);
    ({ secretary } = await appointDemoCouncil(t));
    const { position } = await e.ok('post', `${BASE}/prior-awards`, secretary, {
      awardId: 'bk-2024-nong-thuong',
      recipient: { kind: 'commune', ...nongThuong },
      awardTypeId: 'bang-khen-chu-tich-tinh',
      year: 2024,
      decisionNumber: '1800/QĐ-UBND',
      decidedOn: '2024-12-10',
    });
    // The screens read the read side: wait until it holds the award.
    await e.ok('get', `${BASE}/awards?minPosition=${position as string}`, secretary);
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-emulation-rules.json'), JSON.stringify(axe, null, 2));
  });

  it('the secretary flags an award for false records with the reason, and the registry shows it flagged', async () => {
    await web.walkAs('emulation-board', '/thi-dua/so-khen-thuong', 'flag', async (page) => {
      await expectText(page, 'Không có khen thưởng nào cần xem xét lại.');
      await page.getByRole('button', { name: `Đề nghị xem xét lại ${CHAIRMAN_AWARD} năm 2024` }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByLabel('Nội dung phản ánh sai sự thật')
        .fill('Phản ánh số liệu thu nhập bình quân năm 2024 không trung thực');
      await screen(page, 'emulation-rules-1-flag', axe);
      await dialog.getByRole('button', { name: 'Gửi đề nghị xem xét lại' }).click();
      const flagged = page.getByRole('row', { name: /Phản ánh sai sự thật: Phản ánh số liệu thu nhập/ });
      await flagged.getByText('xã Nông Thượng').waitFor();
      await flagged.getByText('1800/QĐ-UBND').waitFor();
      await page.getByText('Cần xem xét lại', { exact: true }).first().waitFor();
      await screen(page, 'emulation-rules-2-flagged', axe);
    });
    const flagged = (await e.ok('get', `${BASE}/awards/flagged`, secretary)) as {
      awardId: string;
      flags: { reason: { kind: string; text: string } }[];
    }[];
    expect(flagged.map((a) => [a.awardId, a.flags.map((f) => f.reason)])).toEqual([
      [
        'bk-2024-nong-thuong',
        [{ kind: 'false-records', text: 'Phản ánh số liệu thu nhập bình quân năm 2024 không trung thực' }],
      ],
    ]);
  });

  it('a board member sees no flag button', async () => {
    await web.walkAs('emulation-member-1', '/thi-dua/so-khen-thuong', 'member-registry', async (page) => {
      await page.getByRole('row', { name: /Phản ánh sai sự thật/ }).waitFor();
      expect(await page.getByRole('button', { name: /Đề nghị xem xét lại/ }).count()).toBe(0);
    });
  });

  it('the secretary launches a movement with its own quota; the server’s refusal shows first', async () => {
    await web.walkAs('emulation-board', '/thi-dua', 'movement-quota', async (page) => {
      const launch = page.locator('section', {
        has: page.getByRole('heading', { name: 'Phát động phong trào' }),
      });
      await launch.getByLabel('Mã phong trào').fill('ntm-kieu-mau-2026');
      await launch.getByLabel('Tên phong trào').fill(MOVEMENT);
      await launch.getByLabel('Từ năm').fill('2026');
      await launch.getByLabel('Đến năm').fill('2030');
      await launch.getByLabel('Cơ quan, người phát động').fill('Ủy ban nhân dân tỉnh');
      await launch.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
      const quota = launch.locator('fieldset', { hasText: 'Chỉ tiêu 1' });
      await chooseOption(page, quota.getByRole('combobox', { name: 'Hình thức khen thưởng' }), PM_AWARD);
      await quota.getByLabel('Tỷ lệ tối đa: tử số').fill('10');
      await quota.getByLabel('mẫu số').fill('5');
      await quota.getByLabel(/^Căn cứ/).fill('Kế hoạch 25/KH-UBND ngày 10/01/2026');
      await launch.getByRole('button', { name: 'Phát động phong trào' }).click();
      // More than the whole: the server refuses, naming the quota and its share.
      await expectText(page, 'Chỉ tiêu 1: tỷ lệ phải là phân số num/den với 0 ≤ num ≤ den');
      await screen(page, 'emulation-rules-3-quota-refused', axe);
      await quota.getByLabel('mẫu số').fill('100');
      await launch.getByRole('button', { name: 'Phát động phong trào' }).click();
      await page.getByRole('link', { name: MOVEMENT }).waitFor();

      await page.getByRole('link', { name: 'Hình thức khen thưởng và chỉ tiêu' }).click();
      const row = page.getByRole('row', { name: new RegExp(MOVEMENT) });
      await row.getByRole('cell', { name: PM_AWARD, exact: true }).waitFor();
      await row.getByRole('cell', { name: shareOf(10), exact: true }).waitFor();
      await row.getByRole('cell', { name: 'Kế hoạch 25/KH-UBND ngày 10/01/2026', exact: true }).waitFor();
      await screen(page, 'emulation-rules-4-movement-quota', axe);

      // The board lowers the quota by a later decision: the reason or its document is required first.
      await page.getByRole('button', { name: `Sửa chỉ tiêu ${MOVEMENT}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('fieldset', { hasText: 'Chỉ tiêu 1' }).getByLabel('Tỷ lệ tối đa: tử số').fill('7');
      await dialog.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
      await expectText(page, 'Phải nêu lý do sửa chỉ tiêu hoặc văn bản làm căn cứ (số, ngày văn bản)');
      await dialog.getByLabel('Lý do sửa').fill('Hội đồng điều chỉnh theo Kế hoạch 40/KH-UBND');
      await screen(page, 'emulation-rules-5-quota-amend', axe);
      await dialog.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
      await row.getByRole('cell', { name: shareOf(7), exact: true }).waitFor();
      const history = page.locator('details', { hasText: 'Lịch sử sửa chỉ tiêu' });
      await history.getByText(`Lịch sử sửa chỉ tiêu: 1 lần, gần nhất ngày ${today()}`).waitFor();

      // A second amendment, on the board's document this time; the history then holds both, newest first.
      await page.getByRole('button', { name: `Sửa chỉ tiêu ${MOVEMENT}` }).click();
      await dialog.locator('fieldset', { hasText: 'Chỉ tiêu 1' }).getByLabel('Tỷ lệ tối đa: tử số').fill('5');
      await dialog.getByLabel('Văn bản làm căn cứ: số').fill('12/QĐ-HĐTĐKT');
      await dialog.getByLabel('ngày', { exact: true }).fill('10/02/2026');
      await dialog.getByLabel('ngày', { exact: true }).press('Enter');
      await dialog.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
      await row.getByRole('cell', { name: shareOf(5), exact: true }).waitFor();
      await history.getByText(`Lịch sử sửa chỉ tiêu: 2 lần, gần nhất ngày ${today()}`).click();
      const entries = history.locator(':scope > ul > li');
      await entries.nth(1).waitFor();
      expect((await entries.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
        `Lần 2, ngày ${today()} — theo văn bản số 12/QĐ-HĐTĐKT ngày 10/02/2026 ` +
          `Chỉ tiêu sau khi sửa: ${PM_AWARD}: tối đa ${shareOf(5)} Trước khi sửa: ${PM_AWARD}: tối đa ${shareOf(7)}`,
        `Lần 1, ngày ${today()} — lý do: Hội đồng điều chỉnh theo Kế hoạch 40/KH-UBND ` +
          `Chỉ tiêu sau khi sửa: ${PM_AWARD}: tối đa ${shareOf(7)} Trước khi sửa: ${PM_AWARD}: tối đa ${shareOf(10)}`,
      ]);
      // Seen, not only in the page: the entries are open on screen.
      expect(await entries.nth(0).isVisible()).toBe(true);
      expect(await entries.nth(1).isVisible()).toBe(true);
      await screen(page, 'emulation-rules-5b-quota-history', axe);
    });
  });

  it('a board member sees the movement’s quotas but no amend button', async () => {
    await web.walkAs(
      'emulation-member-1',
      '/thi-dua/hinh-thuc-khen-thuong',
      'member-quotas',
      async (page) => {
        await page.getByRole('row', { name: new RegExp(MOVEMENT) }).waitFor();
        expect(await page.getByRole('button', { name: /Sửa chỉ tiêu/ }).count()).toBe(0);
      },
    );
  });

  it('the secretary changes an award type’s conditions, which the server then holds', async () => {
    await web.walkAs('emulation-board', '/thi-dua/hinh-thuc-khen-thuong', 'conditions', async (page) => {
      await page.getByRole('button', { name: `Sửa quy định ${CHAIRMAN_AWARD}` }).click();
      const dialog = page.getByRole('dialog');
      const first = dialog.locator('fieldset', { hasText: 'Điều kiện 1' });
      await chooseOption(
        page,
        first.getByRole('combobox', { name: 'Mức đạt chuẩn' }),
        'Nông thôn mới nâng cao',
      );
      await dialog.getByRole('button', { name: 'Thêm: Dẫn đầu cụm, khối thi đua trong năm' }).click();
      await dialog.locator('fieldset', { hasText: 'Điều kiện 2' }).waitFor();
      await screen(page, 'emulation-rules-6-conditions', axe);
      await dialog.getByRole('button', { name: 'Lưu quy định' }).click();
      const row = page.getByRole('row', { name: new RegExp(`^${CHAIRMAN_AWARD}`) });
      await row.getByText('Dẫn đầu cụm, khối thi đua trong năm').waitFor();
      await row.getByText(/Đang giữ danh hiệu xã đạt chuẩn Nông thôn mới nâng cao/i).waitFor();
      await screen(page, 'emulation-rules-7-conditions-saved', axe);
    });
    const types = (await e.ok('get', `${BASE}/award-types`, secretary)) as { id: string; rules: object[] }[];
    expect(types.find((t) => t.id === 'bang-khen-chu-tich-tinh')?.rules).toEqual([
      { kind: 'holds-recognition', level: 'nang-cao' },
      { kind: 'leads-cluster' },
    ]);
  });

  it('the header shows a long name and role whole from 1000 to 1440 px, its entries on a row of their own, and wraps within a phone', async () => {
    for (const [username, who] of [
      [
        'emulation-board',
        'Hoàng Thị Thư (Ban Thi đua - Khen thưởng tỉnh) · Thư ký Hội đồng Thi đua - Khen thưởng',
      ],
      // The most entries in the header (the emulation screens, the waiting work, the reports).
      ['province-officer', 'Triệu Thị Lan (VP Điều phối NTM tỉnh) · Cán bộ cấp tỉnh'],
    ]) {
      await web.walkAs(username, '/thi-dua', `header-${username}`, async (page) => {
        const header = page.locator('header');
        // All that is loaded later is there: the area, the emulation entries, the bell.
        await header.getByText('· tỉnh Bắc Kạn').waitFor();
        await header.getByRole('link', { name: 'Sổ khen thưởng' }).waitFor();
        await header.getByRole('link', { name: /Thông báo/ }).waitFor();
        await header.locator(`[title="${who}"]`).waitFor();
        await screen(page, `emulation-rules-8-header-${username}`, axe);
        // On a desktop two rows: the title and who is signed in (about 50 px with the padding), the entries under
        // them on one line (about 30 px); a third row would add another 26. The name and the role whole, nothing
        // in the header cut short (at 1280 px the six entries beside them had cut the role to 198 of its 300 px).
        const signOut = header.getByRole('button', { name: 'Đăng xuất' });
        for (const width of [1440, 1280, 1000]) {
          await page.setViewportSize({ width, height: 900 });
          const tops = await header
            .getByRole('navigation')
            .getByRole('link')
            .evaluateAll(
              (links) => new Set(links.map((l) => Math.round(l.getBoundingClientRect().top))).size,
            );
          expect({ width, rows: tops, cut: await cutShort(page, '.app-header *') }).toEqual({
            width,
            rows: 1,
            cut: [],
          });
          expect((await header.boundingBox())?.height).toBeLessThanOrEqual(100);
        }
        // On a phone the parts wrap onto more rows, all of them inside the screen.
        await page.setViewportSize({ width: 390, height: 844 });
        expect(await header.evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true);
        const button = await signOut.boundingBox();
        expect(button && button.x + button.width).toBeLessThanOrEqual(390);
        // Who is signed in whole there, name and role (both were cut with "…"), apart from the bell and the button.
        expect({ username, header: await headerReadsBadly(page) }).toEqual({ username, header: null });
        // And the page under it, loaded: its tables scroll in their own box, its fields fit, nothing scrolls
        // sideways; the cards' titles wrap whole, none cut short or squeezed out by the links beside it.
        await page
          .getByRole('heading', { name: 'Hình thức khen thưởng đang áp dụng' })
          .waitFor({ state: 'attached' });
        expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
        const titles = await page
          .locator('main .ant-card-head-title')
          .evaluateAll((all) => all.map((t) => t.clientWidth > 0 && t.scrollWidth <= t.clientWidth));
        expect(titles).toEqual([true, true, true, true]);
        await screen(page, `emulation-rules-9-header-390px-${username}`, axe);
      });
    }
  });

  it('has no serious or critical accessibility violations on any screen', () => {
    expect(Object.keys(axe)).toHaveLength(12);
    expect(Object.fromEntries(Object.entries(axe).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
