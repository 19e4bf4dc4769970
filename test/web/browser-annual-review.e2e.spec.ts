import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chooseOption,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { DossierDriver, duongQuang, tokensFor } from '../support/dossier-driver';
import { registerBacKan } from '../support/units';

/*
 * The yearly review after recognition through the screens (RULES-2026 §4, test/support/browser.ts). Given over
 * HTTP: xã Dương Quang recognised by the chairman's decision of 15/12/2025. The commune officer opens the dossier's
 * "Rà soát hằng năm" tab, marks five of the 19 criteria not kept (income, a key criterion, among them) and records
 * this year's review; the screen warns that one more failed criterion makes revocation due. The province officer
 * reads the warning in the inbox and finds the commune among the warnings on the dashboards; when a corrected review
 * reaches the revocation rule, the province's proposal of revocation starts from the review's words. Screenshots in test-artifacts/screens/<run>, axe-core on
 * each.
 */

const SAMPLES = [...Array.from({ length: 19 }, (_, i) => i + 1), 50, 51, 52, 53, 99];
const FAILED = [2, 5, 7, 10, 13];
const NEAR = 'Cảnh báo: sát ngưỡng thu hồi';

describe('the yearly review after recognition in the browser (chromium)', () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};
  let driver: DossierDriver;
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(
    new Date(),
  );

  beforeAll(async () => {
    web = await startWebApp('web_browser_annual_review');
    const { t } = web;
    await registerBacKan(t, await t.token('admin', {}));
    driver = new DossierDriver(t, await tokensFor(t, duongQuang, SAMPLES), duongQuang);
    await driver.recognise('2470/QĐ-UBND');
  }, 300_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-annual-review.json'), JSON.stringify(axe, null, 2));
  });

  it('the commune records its review and is warned; the province finds it among the warnings', async () => {
    await web.walkAs('commune-officer', `/ho-so/${driver.id}`, 'ra-soat-hang-nam', async (page) => {
      await page.getByRole('tab', { name: 'Rà soát hằng năm' }).click();
      await expectText(page, 'Chưa có kết quả rà soát năm nào.');
      for (const n of FAILED)
        await page
          .getByLabel(`Kết quả đánh giá lại tiêu chí ${n}`, { exact: true })
          .getByText('Chưa đạt')
          .click();
      await expectText(page, 'Không đạt: 5/19 tiêu chí (26,3%), trong đó 1 tiêu chí then chốt.');
      await screen(page, 'annual-review-1-form', axe);
      await page.getByRole('button', { name: `Ghi kết quả rà soát năm ${year}` }).click();
      await expectText(page, `Đã ghi kết quả rà soát duy trì tiêu chí năm ${year}`);
      const warning = page.getByRole('alert').filter({ hasText: NEAR });
      await warning.waitFor();
      expect(await warning.textContent()).toContain(`Năm ${year}: ${NEAR}`);
      expect(await warning.textContent()).toContain(
        `Các tiêu chí không đạt: ${FAILED.join(', ')}. Thêm 1 tiêu chí không đạt thì thuộc diện thu hồi`,
      );
      const row = page.getByRole('row', { name: new RegExp(`^${year}`) });
      expect(await row.textContent()).toContain('5/19 (26,3%): 2, 5, 7, 10, 13; then chốt: 10');
      expect(await row.textContent()).toContain('Thêm 1 tiêu chí không đạt thì thuộc diện thu hồi');
      // The year now has a review: the form says a second one replaces it.
      await expectText(page, `Năm ${year} đã có kết quả rà soát (hiển thị dưới đây)`);
      // Another year starts with every criterion kept; back on this year, its recorded findings come back.
      await chooseOption(page, page.getByLabel('Năm rà soát'), 'Năm 2025');
      await expectText(page, 'Không đạt: 0/19 tiêu chí');
      await chooseOption(page, page.getByLabel('Năm rà soát'), `Năm ${year}`);
      await expectText(page, 'Không đạt: 5/19 tiêu chí (26,3%), trong đó 1 tiêu chí then chốt.');
      await screen(page, 'annual-review-2-warned', axe);
    });

    // The province's inbox carries the warning (the notifications projection, then the bell's stream).
    await web.walkAs('province-officer', '/thong-bao', 'ra-soat-thong-bao', async (page) => {
      await expectText(page, `Cảnh báo rà soát năm ${year}: xã Dương Quang`);
      await expectText(
        page,
        'tiêu chí 2, 5, 7, 10, 13 không đạt; thêm 1 tiêu chí không đạt thì thuộc diện thu hồi',
      );
      await screen(page, 'annual-review-3-inbox', axe);
    });

    await web.walkAs('province-officer', '/bao-cao', 'ra-soat-canh-bao', async (page) => {
      const section = page.getByRole('region', { name: 'Rà soát duy trì tiêu chí sau công nhận' });
      await section.getByText('1 xã sát ngưỡng thu hồi', { exact: false }).waitFor();
      const row = section.getByRole('row', { name: /xã Dương Quang/ });
      expect(await row.textContent()).toContain(NEAR);
      expect(await row.textContent()).toContain(FAILED.join(', '));
      await section.scrollIntoViewIfNeeded();
      await screen(page, 'annual-review-4-province', axe);
    });

    // A correction of the year finds a sixth criterion not kept, environment (17, key): the rule is reached, and
    // the province's proposal of revocation starts from the review's words.
    const due = [...FAILED, 17];
    await driver.ok('annual-reviews', driver.tokens.commune, {
      year: Number(year),
      results: Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: !due.includes(i + 1) })),
    });
    await web.walkAs('province-officer', `/ho-so/${driver.id}`, 'ra-soat-de-nghi-thu-hoi', async (page) => {
      await page.getByRole('tab', { name: 'Xem xét, quyết định' }).click();
      const reason = page.getByLabel('Lý do đề nghị thu hồi');
      await reason.waitFor();
      expect(await reason.inputValue()).toBe(
        `Kết quả rà soát duy trì tiêu chí năm ${year}: 6/19 tiêu chí không đạt (tiêu chí 2, 5, 7, 10, 13, 17, ` +
          'trong đó tiêu chí then chốt 10, 17), đến ngưỡng thu hồi quyết định công nhận',
      );
      await screen(page, 'annual-review-5-de-nghi-thu-hoi', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  });
});
