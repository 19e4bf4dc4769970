import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { demoEmulationBoard } from '../../apps/cli/src/demo-data';
import { BASE, recognise } from '../commendation/emulation-driver';
import {
  chooseOption,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { findings, nongThuong } from '../support/dossier-driver';
import { eventually } from '../support/eventually';
import { actionsNotApart, PHONE } from '../support/phone';
import { registerBacKan } from '../support/units';
import { readTable } from '../support/xlsx';

/*
 * Emulation and commendation through the screens (test/support/browser.ts). Preconditions of other roles over
 * HTTP: xã Nông Thượng recognised NTM. The chairman appoints the council (the demo's: `emulation-board` as its
 * secretary, two members); the secretary launches a movement, sets up a cluster and scores it, reads the candidates
 * (also on a phone), checks the eligible commune against two award types without writing anything and nominates
 * it, returns the nomination with a reason and supplements it, opens the review; the members vote each in a browser of their own; the
 * secretary concludes on the computed tally; the chairman decides and downloads the PDF; the award shows in the
 * registry; the recognition is revoked (over HTTP) and the award is flagged on screen with a link to the revoked
 * dossier, and the chairman revokes it; the registry's tallies count each step. Screenshots in
 * test-artifacts/screens/<run>, axe-core on each.
 */

const MOVEMENT = 'Cả nước chung sức xây dựng nông thôn mới';
/** A card of a screen, by its heading. */
const card = (page: Page, heading: string) =>
  page.locator('.ant-card', { has: page.getByRole('heading', { name: heading, exact: true }) });
const recipientCard = (page: Page) => card(page, 'Sổ khen thưởng của từng đơn vị');
/** Each condition of an eligibility result as a line of text. */
const checksShown = (within: Locator) => within.getByRole('listitem').allInnerTexts();
/** The registry's tallies, row by row, once they read as expected (they follow the last command). */
const talliesShow = (page: Page, expected: string[][]) =>
  eventually(
    async () => {
      const rows = page
        .getByRole('table', {
          name: 'Số khen thưởng theo năm và hình thức, số bị hủy bỏ, số cần xem xét lại',
        })
        .locator('tbody tr.ant-table-row');
      const shown = await Promise.all((await rows.all()).map((r) => r.locator('td').allInnerTexts()));
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    `the tallies showing ${JSON.stringify(expected)}`,
  );

describe('emulation boards in the browser (chromium)', () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};
  let recognised: Awaited<ReturnType<typeof recognise>>;
  let nominationUrl = '';
  let chairmanToken = '';

  beforeAll(async () => {
    web = await startWebApp('web_browser_emulation');
    const { t } = web;
    await registerBacKan(t, await t.token('admin', {}));
    recognised = await recognise(t, nongThuong, '1234/QĐ-UBND');
    chairmanToken = recognised.tokens.chairman;
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-emulation.json'), JSON.stringify(axe, null, 2));
  });

  const inBrowser = (...walk: Parameters<WebApp['walkAs']>) => web.walkAs(...walk);

  it('the chairman appoints the council: the secretary and two members, by their accounts', async () => {
    await inBrowser('chairman', '/thi-dua', 'board', async (page) => {
      await expectText(page, 'Tỉnh chưa thành lập Hội đồng Thi đua - Khen thưởng');
      const members = demoEmulationBoard.members;
      for (let i = 1; i < members.length; i++)
        await page.getByRole('button', { name: 'Thêm thành viên' }).click();
      for (const [i, m] of members.entries()) {
        await page.getByLabel(`Tài khoản của thành viên ${i + 1}`).fill(m.id);
        await page.getByLabel(`Họ và tên thành viên ${i + 1}`).fill(m.name);
      }
      await screen(page, 'emulation-0-board', axe);
      await page.getByRole('button', { name: 'Thành lập Hội đồng' }).click();
      await page.getByRole('cell', { name: 'Bế Thị Ngọc' }).waitFor();
      await page.getByRole('cell', { name: 'Thư ký Hội đồng' }).waitFor();
    });
  });

  it('the secretary launches a movement, sets up a cluster and scores it', async () => {
    await inBrowser('emulation-board', '/thi-dua', 'programme', async (page) => {
      await expectText(page, 'Hội đồng Thi đua - Khen thưởng');
      await expectText(page, 'Bế Thị Ngọc');
      const launch = page.locator('section', {
        has: page.getByRole('heading', { name: 'Phát động phong trào' }),
      });
      await launch.getByLabel('Mã phong trào').fill('ntm-2021-2025');
      await launch.getByLabel('Tên phong trào').fill(MOVEMENT);
      await launch.getByLabel('Từ năm').fill('2021');
      await launch.getByLabel('Đến năm').fill('2025');
      await launch.getByLabel('Phạm vi').fill('toàn quốc');
      await launch.getByLabel('Cơ quan, người phát động').fill('Thủ tướng Chính phủ');
      await launch.getByRole('button', { name: 'Phát động phong trào' }).click();
      await page.getByRole('link', { name: MOVEMENT }).waitFor();

      const cluster = page.locator('section', {
        has: page.getByRole('heading', { name: /Lập hoặc điều chỉnh cụm/ }),
      });
      await cluster.getByLabel('Mã cụm, khối').fill('cum-thanh-pho-bac-kan');
      await cluster.getByLabel('Tên cụm, khối').fill('Cụm thi đua các xã thành phố Bắc Kạn');
      await cluster.getByLabel('Áp dụng từ năm').fill('2021');
      const members = cluster.getByRole('combobox', { name: 'Các xã thành viên' });
      await chooseOption(page, members, 'xã Nông Thượng');
      await chooseOption(page, members, 'xã Dương Quang');
      await page.keyboard.press('Escape');
      await cluster.getByRole('button', { name: 'Lưu cụm, khối thi đua' }).click();
      await page.getByRole('heading', { name: /Cụm thi đua các xã thành phố Bắc Kạn/ }).waitFor();

      await page.getByLabel('Năm', { exact: true }).fill('2025');
      await page.getByLabel('Điểm của xã Nông Thượng').fill('96');
      await page.getByLabel('Điểm của xã Dương Quang').fill('91');
      await page.getByRole('button', { name: 'Ghi điểm năm 2025' }).click();
      await expectText(page, 'Dẫn đầu');
      await screen(page, 'emulation-1-programme', axe);
    });
  });

  it('shows who is eligible on what record and why others are not, and nominates the eligible commune', async () => {
    await inBrowser('emulation-board', '/thi-dua', 'candidates', async (page) => {
      await page.getByRole('link', { name: MOVEMENT }).click();
      await expectText(page, 'Đối tượng đủ điều kiện và căn cứ');
      const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
      await row('xã Nông Thượng').getByText('Đủ điều kiện', { exact: true }).waitFor();
      await row('xã Nông Thượng')
        .getByText(/1234\/QĐ-UBND/)
        .waitFor();
      // The recognition that makes it eligible, linked to its dossier.
      expect(
        await row('xã Nông Thượng').getByRole('link', { name: 'hồ sơ công nhận' }).getAttribute('href'),
      ).toBe(`/ho-so/${recognised.dossier.id}`);
      await row('xã Dương Quang').getByText('Chưa đủ điều kiện').waitFor();
      await row('xã Dương Quang')
        .getByText(/chưa được công nhận đạt chuẩn nông thôn mới/)
        .waitFor();
      // Only the eligible commune can be nominated.
      expect(
        await row('xã Dương Quang')
          .getByRole('button', { name: /Lập đề nghị/ })
          .count(),
      ).toBe(0);
      await screen(page, 'emulation-2-candidates', axe);
      // On a phone the eligible commune's "Lập đề nghị" on a line of its own under its facts, not under the column's
      // name "Đề nghị" beside the conditions.
      await page.setViewportSize(PHONE);
      expect(
        await actionsNotApart(card(page, 'Đối tượng đủ điều kiện và căn cứ').getByRole('table')),
      ).toEqual([]);
      await screen(page, 'emulation-2a-phone-candidates', axe);
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole('button', { name: 'Lập đề nghị cho xã Nông Thượng' }).click();
      const dialog = page.getByRole('dialog');
      // Before sending, the officer checks the commune against another award type: one condition met, one not.
      await chooseOption(
        page,
        dialog.getByRole('combobox', { name: 'Hình thức khen thưởng' }),
        'Bằng khen của Thủ tướng Chính phủ',
      );
      await dialog.getByRole('button', { name: 'Kiểm tra điều kiện' }).click();
      const result = dialog.getByRole('region', { name: 'Kết quả kiểm tra điều kiện' });
      await result.getByText('Bằng khen của Thủ tướng Chính phủ năm 2025:').waitFor();
      await result.getByText('Chưa đủ điều kiện', { exact: true }).waitFor();
      expect(await checksShown(result)).toEqual([
        'Đạt Đối tượng: xã, tập thể, cá nhân: xã Nông Thượng là xã',
        'Đạt Được công nhận đạt chuẩn (nông thôn mới, nông thôn mới nâng cao, nông thôn mới kiểu mẫu) trong giai đoạn của phong trào: Đạt chuẩn nông thôn mới: Quyết định số 1234/QĐ-UBND ngày 15/12/2025 (hồ sơ công nhận)',
        'Đạt Chưa được khen thưởng cùng hình thức ở giai đoạn trước: Chưa được khen thưởng hình thức này trước năm 2021',
        'Chưa đạt Trong tỷ lệ tối đa 5/100 số xã đạt chuẩn nông thôn mới của tỉnh (làm tròn xuống): Hết chỉ tiêu: Đã đề nghị 0/0 suất; chỉ tiêu 0 suất = 5/100 × 1 xã đạt chuẩn nông thôn mới của tỉnh, làm tròn xuống',
      ]);
      await screen(page, 'emulation-3-eligibility', axe);
      // The check wrote nothing: the movement has no nomination yet.
      const none = await web.t.http
        .get(`${BASE}/nominations`)
        .set('authorization', `Bearer ${chairmanToken}`)
        .expect(200);
      expect(none.body).toEqual([]);
      // Back to the award type of the list: the result for the other one is gone, this one's conditions are met.
      await chooseOption(
        page,
        dialog.getByRole('combobox', { name: 'Hình thức khen thưởng' }),
        'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      );
      await result.waitFor({ state: 'detached' });
      await dialog.getByRole('button', { name: 'Kiểm tra điều kiện' }).click();
      await result.getByText('Đủ điều kiện', { exact: true }).waitFor();
      expect(await checksShown(result)).toEqual([
        'Đạt Đối tượng: xã, tập thể, cá nhân: xã Nông Thượng là xã',
        'Đạt Đang giữ danh hiệu xã đạt chuẩn nông thôn mới: Quyết định công nhận số 1234/QĐ-UBND ngày 15/12/2025 (hồ sơ công nhận)',
      ]);
      await dialog
        .getByLabel('Tóm tắt thành tích')
        .fill('Hoàn thành xây dựng xã đạt chuẩn nông thôn mới giai đoạn 2021-2025');
      await screen(page, 'emulation-3-nominate', axe);
      await dialog.getByRole('button', { name: 'Gửi đề nghị' }).click();
      await page.waitForURL(/\/thi-dua\/de-nghi\/[0-9a-f-]{36}$/);
      nominationUrl = new URL(page.url()).pathname;
      await expectText(page, 'Chờ Hội đồng xét');
      // The record the nomination rests on, linked to the recognition's dossier.
      await page.getByRole('link', { name: /Quyết định số 1234\/QĐ-UBND/ }).waitFor();
      expect(await page.getByRole('link', { name: /Quyết định số 1234\/QĐ-UBND/ }).getAttribute('href')).toBe(
        `/ho-so/${recognised.dossier.id}`,
      );
      await screen(page, 'emulation-4-nomination', axe);
    });
  });

  it('returns the nomination with its reason, takes the supplement and opens the review', async () => {
    await inBrowser('emulation-board', nominationUrl, 'return', async (page) => {
      await page
        .getByLabel('Lý do trả lại (mỗi lý do một dòng)')
        .fill('Bổ sung biên bản bình xét của cụm thi đua');
      await page.getByRole('button', { name: 'Trả lại đề nghị' }).click();
      await expectText(page, 'Trả lại để bổ sung');
      await expectText(page, 'Bổ sung biên bản bình xét của cụm thi đua');
      await page.getByLabel('Nội dung bổ sung').fill('Đã bổ sung biên bản bình xét ngày 18/12/2025');
      await screen(page, 'emulation-5-returned', axe);
      await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
      await expectText(page, 'Chờ Hội đồng xét');

      // All three members present; the secretary votes too.
      await page.getByRole('button', { name: 'Mở phiên xét' }).click();
      await expectText(page, 'Phiên xét lần 1');
      await page.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await expectText(page, 'Đã ghi biểu quyết của anh/chị');
      await screen(page, 'emulation-6-review', axe);
    });
  });

  it('takes each member’s vote in a browser of their own and concludes on the computed tally', async () => {
    await inBrowser('emulation-member-1', nominationUrl, 'vote-1', async (page) => {
      await page.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await expectText(page, 'Đã ghi biểu quyết của anh/chị');
      // A board member neither concludes nor returns.
      expect(await page.getByRole('button', { name: 'Kết luận phiên xét' }).count()).toBe(0);
      // Nor does a member launch movements, define clusters or enter scores.
      await page.getByRole('link', { name: 'Thi đua, khen thưởng' }).click();
      await page.getByRole('link', { name: MOVEMENT }).waitFor();
      for (const name of ['Phát động phong trào', 'Lưu cụm, khối thi đua', /^Ghi điểm năm/])
        expect(await page.getByRole('button', { name }).count()).toBe(0);
    });
    await inBrowser('emulation-member-2', nominationUrl, 'vote-2', async (page) => {
      await page.getByRole('button', { name: 'Không tán thành' }).click();
      await expectText(page, 'Đã ghi biểu quyết của anh/chị');
      await screen(page, 'emulation-7-member-vote', axe);
    });
    await inBrowser('emulation-board', nominationUrl, 'conclude', async (page) => {
      const tally = page.getByRole('region', { name: 'Kết quả kiểm phiếu' });
      await tally.getByText('Tán thành').first().waitFor();
      await page.getByRole('button', { name: 'Kết luận phiên xét' }).click();
      await expectText(page, 'Hội đồng đã thông qua');
      await tally
        .getByText(/Đạt: tán thành > 1\/2 tổng số thành viên \(có mặt 3\/3; tán thành 2, không tán thành 1/)
        .waitFor();
      await screen(page, 'emulation-8-concluded', axe);
    });
  });

  it('the chairman decides, downloads the decision, and the award shows in the registry', async () => {
    await inBrowser('chairman', nominationUrl, 'decide', async (page) => {
      await page.getByLabel('Số quyết định').fill('2500/QĐ-UBND');
      await page.getByLabel('Người ký').fill('Nguyễn Văn Bình');
      await page.getByRole('button', { name: 'Ban hành quyết định khen thưởng' }).click();
      const link = page.getByRole('button', { name: 'Tải quyết định (PDF)' }).first();
      await link.waitFor();
      await screen(page, 'emulation-9-decision', axe);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('quyet-dinh-2500-QD-UBND.pdf');
      expect(
        readFileSync(await download.path())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');

      await page.getByRole('link', { name: 'Sổ khen thưởng' }).click();
      const row = recipientCard(page).getByRole('row', {
        name: /Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh/,
      });
      await row.getByText('2500/QĐ-UBND (PDF)').waitFor();
      await row.getByText('Còn hiệu lực').waitFor();
      await expectText(page, 'Không có khen thưởng nào cần xem xét lại.');
      await talliesShow(page, [['2025', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', '1', '0', '0']]);
      await screen(page, 'emulation-10-registry', axe);
    });
  });

  it('the secretary changes a quota and adds an award type, whose figures the server then holds', async () => {
    await inBrowser('emulation-board', '/thi-dua', 'award-types', async (page) => {
      await page.getByRole('link', { name: 'Hình thức khen thưởng và chỉ tiêu' }).click();
      const pm = page.getByRole('row', { name: /Bằng khen của Thủ tướng Chính phủ/ });
      await pm
        .getByRole('cell', {
          name: 'Tối đa 5/100 số xã đạt chuẩn nông thôn mới của tỉnh (làm tròn xuống)',
          exact: true,
        })
        .waitFor();
      await page.getByRole('button', { name: 'Sửa quy định Bằng khen của Thủ tướng Chính phủ' }).click();
      let dialog = page.getByRole('dialog');
      await dialog.getByLabel('Tỷ lệ tối đa: tử số').fill('10');
      await screen(page, 'emulation-10a-quota', axe);
      await dialog.getByRole('button', { name: 'Lưu quy định' }).click();
      await pm
        .getByRole('cell', {
          name: 'Tối đa 10/100 số xã đạt chuẩn nông thôn mới của tỉnh (làm tròn xuống)',
          exact: true,
        })
        .waitFor();

      await page.getByRole('button', { name: 'Thêm hình thức khen thưởng' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('Mã hình thức').fill('tap-the-lao-dong-xuat-sac');
      await dialog.getByLabel('Tên hình thức khen thưởng').fill('Danh hiệu Tập thể lao động xuất sắc');
      await dialog.getByLabel('Có chỉ tiêu').check();
      await dialog.getByLabel('Tỷ lệ tối đa: tử số').fill('1');
      await dialog.getByLabel('mẫu số').last().fill('3');
      await dialog.getByRole('radio', { name: 'Làm tròn lên' }).check();
      await dialog.getByRole('button', { name: 'Lưu quy định' }).click();
      await page
        .getByRole('row', { name: /Danh hiệu Tập thể lao động xuất sắc/ })
        .getByRole('cell', {
          name: 'Tối đa 1/3 số xã đạt chuẩn nông thôn mới của tỉnh (làm tròn lên)',
          exact: true,
        })
        .waitFor();
      await screen(page, 'emulation-10b-award-types', axe);
    });
    const types = await web.t.http
      .get(`${BASE}/award-types`)
      .set('authorization', `Bearer ${chairmanToken}`)
      .expect(200);
    const quotaOf = (id: string) =>
      (types.body as { id: string; rules: { kind: string }[] }[])
        .find((t) => t.id === id)
        ?.rules.find((r) => r.kind === 'quota');
    expect(quotaOf('bang-khen-thu-tuong')).toEqual({
      kind: 'quota',
      base: 'province-ntm-communes',
      share: { num: 10, den: 100 },
      rounding: 'floor',
    });
    expect(quotaOf('tap-the-lao-dong-xuat-sac')).toEqual({
      kind: 'quota',
      base: 'province-ntm-communes',
      share: { num: 1, den: 3 },
      rounding: 'ceil',
    });
  });

  it('the secretary records a prior award; the registry lists every commune, filtered, and downloads the same rows', async () => {
    await inBrowser('emulation-board', '/thi-dua/khen-thuong-da-co', 'prior-award', async (page) => {
      await expectText(page, 'Chưa ghi khen thưởng nào có trước.');
      // Enter chooses the first option shown: wait for it, the communes' list may still be loading.
      const commune = page.getByRole('combobox', { name: 'Xã' });
      await commune.fill('duong quang');
      await page.locator('.ant-select-item-option:visible', { hasText: 'xã Dương Quang' }).waitFor();
      await commune.press('Enter');
      const type = page.getByRole('combobox', { name: 'Hình thức khen thưởng' });
      await type.fill('tap the lao dong');
      await page
        .locator('.ant-select-item-option:visible', { hasText: 'Danh hiệu Tập thể lao động xuất sắc' })
        .waitFor();
      await type.press('Enter');
      await page.getByLabel('Năm khen thưởng').fill('2024');
      await page.getByLabel('Số quyết định').fill('1800/QĐ-UBND');
      await page.getByLabel('Ngày ký').fill('10/12/2024');
      // Enter in the last field sends the form, as the button does.
      await page.getByLabel('Ngày ký').press('Enter');
      const row = page.getByRole('row', { name: /xã Dương Quang/ });
      await row.getByText('Danh hiệu Tập thể lao động xuất sắc').waitFor();
      await row.getByText('Số 1800/QĐ-UBND ngày 10/12/2024').waitFor();
      expect(await row.getByRole('cell', { name: '2024', exact: true }).count()).toBe(1);
      await screen(page, 'emulation-10c-prior-awards', axe);
    });

    await inBrowser('emulation-board', '/thi-dua/so-khen-thuong', 'commune-registry', async (page) => {
      const registry = card(page, 'Sổ khen thưởng theo xã');
      const shown = async () => {
        const rows = registry.locator('.ant-table-tbody tr.ant-table-row');
        return Promise.all((await rows.all()).map((r) => r.locator('td').allInnerTexts()));
      };
      const duong = registry.getByRole('row', { name: /xã Dương Quang/ });
      const nong = registry.getByRole('row', { name: /xã Nông Thượng/ });
      // Every registered commune, each with its awards: the prior title of 2024, the decision of this walk.
      await duong
        .getByText(/2024: Danh hiệu Tập thể lao động xuất sắc, Quyết định 1800\/QĐ-UBND ngày 10\/12\/2024/)
        .waitFor();
      await nong.getByText(/Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, Quyết định 2500\/QĐ-UBND/).waitFor();
      expect((await shown()).map((r) => r.slice(0, 2))).toEqual([
        ['xã Dương Quang', '1'],
        ['xã Nông Thượng', '1'],
      ]);
      await screen(page, 'emulation-10d-commune-registry', axe);

      // Typed without diacritics, and a period after the prior award: the commune is listed with none.
      await registry.getByLabel('Từ năm').fill('2025');
      await registry.getByLabel('Tên xã').fill('duong quang');
      // The name goes to the server once typing pauses: the list narrows a moment after the year's.
      const narrowed = await eventually(async () => {
        const rows = await shown();
        return rows.length === 1 && rows;
      }, 'the registry narrowed to one commune');
      expect(narrowed).toEqual([['xã Dương Quang', '0', 'Chưa có khen thưởng']]);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        registry.getByRole('button', { name: 'Tải Excel' }).click(),
      ]);
      const saved = join(SCREENS, 'emulation-so-khen-thuong-theo-xa.xlsx');
      await download.saveAs(saved);
      const file = await readTable(readFileSync(saved), 'Sổ khen thưởng theo xã');
      expect(file.title.slice(0, 2)).toEqual(['Tỉnh Bắc Kạn', 'Sổ khen thưởng theo xã']);
      expect(file.title.join(' ')).toContain('duong quang');
      expect(file.rows.map((r) => [r[2], r[3], r[4]])).toEqual([
        ['xã Dương Quang', 0, 'Chưa có khen thưởng'],
      ]);
      await screen(page, 'emulation-10e-commune-registry-filtered', axe);
    });
  });

  it('lists the decisions of a year with their PDF', async () => {
    const year = new Date().getFullYear();
    await inBrowser('emulation-board', '/thi-dua', 'decisions', async (page) => {
      await page.getByRole('link', { name: 'Quyết định khen thưởng' }).click();
      const row = page.getByRole('row', { name: /2500\/QĐ-UBND/ });
      await row.getByText('xã Nông Thượng').waitFor();
      await row.getByText('Nguyễn Văn Bình').waitFor();
      await page.getByLabel('Năm ký').fill(String(year - 1));
      await expectText(page, `Năm ${year - 1} chưa có quyết định khen thưởng.`);
      await page.getByLabel('Năm ký').fill(String(year));
      await row.getByText('Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh').waitFor();
      await screen(page, 'emulation-10f-decisions', axe);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('button', { name: '2500/QĐ-UBND (PDF)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('quyet-dinh-2500-QD-UBND.pdf');
    });
  });

  it('flags the award when the recognition it rests on is revoked, linking to the revoked dossier', async () => {
    const { t } = web;
    const d = recognised.dossier;
    const province = recognised.tokens.province;
    await d.ok('revocation', province, { reason: 'Kiểm tra năm 2026: nhiều tiêu chí không được duy trì' });
    await d.ok('revocation/assessment', province, {
      results: findings((n) => ![2, 3, 4, 5, 17, 19].includes(n)),
    });
    await d.ok('revocation/decision', chairmanToken, {
      decisionNumber: '88/QĐ-UBND',
      decidedOn: '2026-04-01',
    });
    // The worker's award-flags process manager flags the award; then the screen shows it.
    await eventually(async () => {
      const res = await t.http.get(`${BASE}/awards/flagged`).set('authorization', `Bearer ${chairmanToken}`);
      return (res.body as unknown[]).length === 1;
    }, 'the award flagged after the revocation');

    await inBrowser('chairman', '/thi-dua/so-khen-thuong', 'flagged', async (page) => {
      const flagged = page.getByRole('row', { name: /Quyết định số 88\/QĐ-UBND/ });
      await flagged.getByText('xã Nông Thượng').waitFor();
      // The commune's line of the registry per commune says so too.
      const nongThuongLine = card(page, 'Sổ khen thưởng theo xã').getByRole('row', {
        name: /xã Nông Thượng/,
      });
      await nongThuongLine.getByText('Cần xem xét lại').waitFor();
      // The prior award of 2024 and this walk's award, now awaiting review.
      await talliesShow(page, [
        ['2024', 'Danh hiệu Tập thể lao động xuất sắc', '1', '0', '0'],
        ['2025', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', '1', '0', '1'],
      ]);
      await screen(page, 'emulation-11-flagged', axe);
      await flagged.getByRole('link', { name: 'xem hồ sơ bị thu hồi' }).click();
      await page.waitForURL(new RegExp(`/ho-so/${d.id}$`));
      await expectText(page, 'xã Nông Thượng');
      await screen(page, 'emulation-12-revoked-dossier', axe);

      // The chairman, who decided the award, revokes it on the same ground.
      await page.goBack();
      await page.getByRole('button', { name: 'Hủy bỏ khen thưởng' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Số quyết định hủy bỏ').fill('300/QĐ-UBND');
      await screen(page, 'emulation-13-revoke-award', axe);
      await dialog.getByRole('button', { name: 'Hủy bỏ khen thưởng' }).click();
      await expectText(page, 'Không có khen thưởng nào cần xem xét lại.');
      await nongThuongLine.getByText('Đã hủy bỏ (QĐ 300/QĐ-UBND)').waitFor();
      // Revoked, it no longer awaits review.
      await talliesShow(page, [
        ['2024', 'Danh hiệu Tập thể lao động xuất sắc', '1', '0', '0'],
        ['2025', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', '1', '1', '0'],
      ]);
      await screen(page, 'emulation-14-tallies', axe);
    });
  });

  it('has no serious or critical accessibility violations on any screen', () => {
    expect(Object.keys(axe).length).toBeGreaterThanOrEqual(20);
    expect(Object.fromEntries(Object.entries(axe).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
