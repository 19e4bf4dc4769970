import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  walking,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { duongQuang, openWhilePeriodOpen } from '../support/dossier-driver';
import { eventually } from '../support/eventually';
import { pdfImages, pdfText } from '../support/pdf-text';
import { decodeQr } from '../support/qr';
// The figure the build prints: the gzipped JavaScript each page loads first (scripts/web-size.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pageScripts } = require('../../scripts/web-size.js') as {
  pageScripts: (html: string) => { files: string[]; bytes: number };
};

/*
 * The Front's survey through the screens (test/support/browser.ts): the Front officer of xã Dương Quang opens a
 * round, imports the register (a bad line shown in the preview, then the fixed file), downloads the ballot sheets
 * of a village (the PDF read back, its QR codes decoded), follows participation; the commune officer sees the
 * survey without the Front's buttons; two
 * officers enter a paper batch, disagree on one figure, and the re-entry resolves it;
 * residents vote on the public ballot page at 360 px wide (a second ballot with the same code is refused); the
 * survey closes and its result reaches the dossier. Screenshots in test-artifacts/screens/<run>, axe-core on each.
 */

const VILLAGES = ['Thôn Nà Pài', 'Thôn Khuổi Mật'];
/** Two households of Nà Pài answer online; five of Khuổi Mật's six hand in paper forms (one batch). */
const HOUSEHOLDS = [
  ['DQ-0001', VILLAGES[0]],
  ['DQ-0002', VILLAGES[0]],
  ...['DQ-0011', 'DQ-0012', 'DQ-0013', 'DQ-0014', 'DQ-0015', 'DQ-0016'].map((c) => [c, VILLAGES[1]]),
];
const PAPER = HOUSEHOLDS.slice(2, 7).map(([code]) => code);
const OVERALL = /kết quả xây dựng nông thôn mới của xã Dương Quang không\?$/i;

const registerXlsx = async (): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách hộ');
  sheet.addRow(['Mã hộ', 'Thôn']);
  for (const row of HOUSEHOLDS) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

describe('the Front survey and the residents ballot page in the browser (chromium)', () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};
  let dossierId = '';

  beforeAll(async () => {
    web = await startWebApp('web_browser_survey', { publicBallots: true });
    // The commune opens its dossier (its own screens are tested elsewhere); the Front's list shows it.
    const { t } = web;
    const at = { provinceCode: '06', districtCode: '058', communeCode: duongQuang.communeCode };
    const token = await t.token('commune_officer', at);
    const opened = await openWhilePeriodOpen(t, '2021-2025', () =>
      t.http
        .post('/api/v1/dossiers')
        .set('authorization', `Bearer ${token}`)
        .send({ commune: duongQuang, level: 'ntm', procedureVersion: '2021-2025', year: 2025 }),
    );
    expect(opened.status).toBe(201);
    dossierId = (opened.body as { dossierId: string }).dossierId;
    const front = await t.token('front_officer', at);
    await eventually(async () => {
      const res = await t.http.get('/api/v1/board/waiting').set('authorization', `Bearer ${front}`);
      return (res.body as { data: { items: { dossierId: string }[] } }).data.items.some(
        (i) => i.dossierId === dossierId,
      );
    }, 'the dossier on the Front officer list');
  });

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-survey.json'), JSON.stringify(axe, null, 2));
  });

  /** A resident on a phone-sized screen, on the ballot page (the QR link carries the code after '#ma='). */
  const resident = async (url: string) => {
    const { context, page } = await web.newPage({ width: 360, height: 740 });
    const scripts: string[] = [];
    page.on('response', (r) => r.url().endsWith('.js') && scripts.push(new URL(r.url()).pathname));
    await page.goto(url);
    return { context, page, scripts };
  };

  const vote = async (page: Page, code: string | null) => {
    if (code !== null) await page.getByLabel('Mã hộ gia đình').fill(code);
    await page.getByRole('group', { name: OVERALL }).getByLabel('Hài lòng', { exact: true }).check();
    await page
      .getByRole('group', { name: /tiêu chí 17/ })
      .getByLabel('Chưa hài lòng', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
  };

  /**
   * One officer's entry of the Khuổi Mật batch: five forms, all satisfied overall, no answer on the criteria except
   * criterion 17, where `c17Satisfied` of them say satisfied.
   */
  const enterBatch = async (page: Page, c17Satisfied: number, prefilled: boolean) => {
    if (!prefilled) {
      await page.getByLabel('Mã tập phiếu').fill('khuoi-mat-01');
      await chooseOption(page, page.getByRole('combobox', { name: /^(\* )?Thôn$/ }), VILLAGES[1]);
    }
    await page.getByLabel('Mã các hộ đã nộp phiếu (mỗi mã một dòng)').fill(PAPER.join('\n'));
    await page.getByLabel(/Dương Quang không\?: số phiếu hài lòng$/).fill('5');
    for (let n = 1; n <= 19; n++) {
      const answer = (field: string) =>
        page.getByLabel(new RegExp(`tiêu chí ${n} \\(.*: số phiếu ${field}$`));
      if (n === 17 && c17Satisfied > 0) {
        await answer('hài lòng').fill(String(c17Satisfied));
        await answer('không ý kiến').fill(String(5 - c17Satisfied));
      } else await answer('không ý kiến').fill('5');
    }
    await page.getByRole('button', { name: 'Ghi tập phiếu' }).click();
    await expectText(page, 'Đã ghi tập phiếu khuoi-mat-01');
  };

  it('a Front officer opens a round and imports the register (a bad line first); residents vote at 360 px; the result reaches the dossier', async () => {
    const front = await web.signedIn('front-officer', '/khao-sat');
    const page = front.page;
    let ballotUrl = '';
    await walking(page, 'khao-sat', async () => {
      // The list of the commune's dossiers waiting for the survey.
      const link = page.getByRole('link', { name: /^Lấy ý kiến: xã Dương Quang/ });
      await link.waitFor();
      await screen(page, '20-khao-sat-danh-sach', axe);
      await link.click();
      await page.waitForURL(`${web.base}/ho-so/${dossierId}/khao-sat`);
      await screen(page, '21-mo-dot-lay-y-kien', axe);
      await page.getByRole('button', { name: 'Mở đợt lấy ý kiến' }).click();
      await expectText(page, 'Đang nhận phiếu');

      // The register: line 4 has no village; the preview lists it and nothing is imported.
      const input = page.getByRole('group', { name: 'Tệp danh sách hộ' }).locator('input[type=file]');
      const bad = ['Mã hộ,Thôn', ...HOUSEHOLDS.map(([c, v], i) => (i === 2 ? `${c},` : `${c},${v}`))];
      await input.setInputFiles({
        name: 'danh-sach-ho.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(bad.join('\n'), 'utf8'),
      });
      await expectText(page, 'có 1 dòng lỗi, chưa nhập hộ nào');
      await expectText(page, 'Dòng 4: thiếu tên thôn');
      await screen(page, '22-danh-sach-ho-loi', axe);
      // The fixed register, as a spreadsheet.
      await input.setInputFiles({
        name: 'danh-sach-ho.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await registerXlsx(),
      });
      await expectText(page, 'hợp lệ: 8 hộ ở 2 thôn');
      await screen(page, '23-danh-sach-ho-hop-le', axe);
      await page.getByRole('button', { name: 'Nhập danh sách 8 hộ' }).click();
      await expectText(page, 'Phiếu trực tuyến');
      ballotUrl = (await page.locator('code', { hasText: '/phieu/' }).first().innerText()).trim();
      expect(ballotUrl).toMatch(/\/phieu\/[0-9a-f-]{36}$/);
      await expectText(page, '0/8');
      await screen(page, '24-dang-nhan-phieu', axe);

      // The ballot sheets of Khuổi Mật, from the register just imported: one sheet per household.
      const sheets = page.locator('.ant-card', { hasText: 'Phiếu giấy và mã hộ gia đình' });
      await expectText(page, 'Tệp: danh-sach-ho.xlsx');
      // Typed without diacritics, as on a keyboard with no Vietnamese input method; chosen with Enter (a click on
      // the list's option was lost now and then while the list was still opening).
      const village = sheets.getByRole('combobox', { name: 'Thôn cần in phiếu' });
      await village.click();
      await village.pressSequentially('khuoi mat');
      await page.locator('.ant-select-item-option', { hasText: `${VILLAGES[1]} (6 hộ)` }).waitFor();
      // Khuổi Mật was in the list before the typing filtered it: on a loaded machine the filter renders later.
      await eventually(
        async () => (await page.locator('.ant-select-item-option:visible').count()) === 1,
        'the list filtered down to Khuổi Mật',
      );
      await village.press('Enter');
      await sheets.locator('.ant-select', { hasText: `${VILLAGES[1]} (6 hộ)` }).waitFor();
      // The closed list leaves the page before axe looks (a list caught closing has no accessible name).
      await page.locator('.ant-select-dropdown').last().waitFor({ state: 'hidden' });
      await screen(page, '24a-in-phieu-va-ma-ho', axe);
      // Drawing the sheets and their QR codes is the walk's heaviest request: on a loaded machine it outlasts 30 s.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 90_000 }),
        sheets.getByRole('button', { name: 'In phiếu và mã hộ gia đình' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('phieu-lay-y-kien-thon-khuoi-mat.pdf');
      const pdf = readFileSync(await download.path());
      const text = pdfText(pdf);
      const khuoiMat = HOUSEHOLDS.filter(([, v]) => v === VILLAGES[1]).map(([c]) => c);
      expect(text.match(/PHIẾU LẤY Ý KIẾN SỰ HÀI LÒNG CỦA NGƯỜI DÂN/g)).toHaveLength(khuoiMat.length);
      for (const c of khuoiMat) expect(text).toContain(`MÃ HỘ GIA ĐÌNH (dùng một lần) ${c} ${VILLAGES[1]}`);
      expect(text).not.toContain('DQ-0001');
      const links = pdfImages(pdf).map((i) => decodeQr(i.png));
      expect(links.map((l) => l?.replace(/^https?:\/\/[^/]+/, ''))).toEqual(
        khuoiMat.map((c) => `${new URL(ballotUrl).pathname}#ma=${c}`),
      );
    });

    // The commune officer reads the survey: no button of the Front's.
    const commune = await web.signedIn('commune-officer', `/ho-so/${dossierId}/khao-sat`);
    await walking(commune.page, 'khao-sat-ubnd-xa', async () => {
      const p = commune.page;
      await expectText(p, 'do cán bộ UBMTTQ xã thực hiện');
      await expectText(p, 'Số hộ đã tham gia');
      for (const name of ['In phiếu và mã hộ gia đình', 'Kết thúc khảo sát', 'Ghi tập phiếu'])
        expect(await p.getByRole('button', { name }).count()).toBe(0);
      await screen(p, '24b-khao-sat-cua-ubnd-xa', axe);
    });
    await commune.context.close();

    // A resident from the QR link at 360 px: the ballot page's own small script, no officers' app.
    const first = await resident(`${ballotUrl}#ma=DQ-0001`);
    await walking(first.page, 'phieu', async () => {
      const p = first.page;
      await expectText(p, 'Phiếu lấy ý kiến người dân xã Dương Quang');
      expect(await p.getByLabel('Mã hộ gia đình').inputValue()).toBe('DQ-0001');
      const { files, bytes } = pageScripts('ballot.html');
      console.log(`web: ballot page JavaScript ${(bytes / 1024).toFixed(1)} KB gzipped`);
      expect(bytes).toBeLessThan(100 * 1024);
      expect([...new Set(first.scripts)].sort()).toEqual(files.map((f) => `/${f}`).sort());
      expect(await p.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await screen(p, '25-phieu-360px', axe);
      await vote(p, null);
      await expectText(p, 'Phiếu của hộ đã được ghi nhận');
      await screen(p, '26-phieu-da-gui', axe);
    });
    await first.context.close();

    // The same code again: refused, in words that say nothing about the household.
    const again = await resident(`${ballotUrl}#ma=DQ-0001`);
    await walking(again.page, 'phieu-lan-hai', async () => {
      await vote(again.page, null);
      await expectText(again.page, 'Không nhận được phiếu với mã hộ này');
      await screen(again.page, '27-phieu-trung-ma', axe);
    });
    await again.context.close();

    // Another household types its code.
    const second = await resident(ballotUrl);
    await walking(second.page, 'phieu-DQ-0002', async () => {
      await vote(second.page, 'DQ-0002');
      await expectText(second.page, 'Phiếu của hộ đã được ghi nhận');
    });
    await second.context.close();

    // The paper batch of Khuổi Mật, entered by two officers: a mismatch on criterion 17, then resolved.
    await walking(page, 'phieu-giay-1', async () => {
      await enterBatch(page, 0, false);
      await expectText(page, 'Chờ cán bộ thứ hai nhập');
    });
    const other = await web.signedIn('front-officer-2', `/ho-so/${dossierId}/khao-sat`);
    await walking(other.page, 'phieu-giay-2', async () => {
      const p = other.page;
      await enterBatch(p, 1, false);
      await expectText(p, 'Hai lần nhập lệch nhau, chưa được tính');
      // Each entry by the person who typed it: the other officer by name, one's own as "anh/chị".
      await expectText(
        p,
        'Lần 1: Lương Thị Hà (UBMTTQ xã Dương Quang) nhập 5 phiếu; Lần 2: anh/chị nhập 5 phiếu',
      );
      const differences = p.getByRole('table', { name: 'Chỗ lệch của tập khuoi-mat-01' });
      await differences.getByRole('row', { name: /tiêu chí 17 .*số phiếu hài lòng 0 1$/ }).waitFor();
      await differences.getByRole('row', { name: /tiêu chí 17 .*số phiếu không ý kiến 5 4$/ }).waitFor();
      await screen(p, '28-phieu-giay-lech', axe);
      // The second officer checks the forms again and re-enters the batch: it now agrees.
      await p.getByRole('button', { name: 'Nhập tập khuoi-mat-01' }).click();
      await enterBatch(p, 0, true);
      await expectText(p, 'Hai lần nhập khớp, đã được tính');
      await screen(p, '29-phieu-giay-khop', axe);
    });
    await other.context.close();

    // The Front follows participation per village (answers hidden), then closes the survey.
    await walking(page, 'ket-thuc', async () => {
      await expectText(page, '7/8');
      const villages = page.getByRole('table', { name: 'Số hộ tham gia theo thôn' });
      await villages.getByRole('row', { name: 'Thôn Nà Pài 2 2 100%' }).waitFor();
      await villages.getByRole('row', { name: 'Thôn Khuổi Mật 6 5 83,3%' }).waitFor();
      await expectText(page, 'chỉ được tổng hợp và hiển thị sau khi kết thúc khảo sát');
      await screen(page, '30-theo-doi-tham-gia', axe);
      await page.getByRole('button', { name: 'Kết thúc khảo sát' }).click();
      // A click while the confirmation is still opening can be lost (seen in CI: the dialog stayed open): click
      // again until it goes.
      const confirm = page.getByRole('dialog').getByRole('button', { name: 'Kết thúc và kiểm phiếu' });
      await confirm.waitFor();
      for (let i = 0; i < 5 && (await confirm.isVisible()); i++) {
        await confirm.click({ timeout: 5_000 }).catch(() => undefined);
        await confirm.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      }
      await expectText(page, 'Đạt yêu cầu: 7/7 phiếu hài lòng (100%), 7/8 hộ tham gia (87,5%)');
      await expectText(page, 'Hồ sơ đã có kết quả lấy ý kiến: 7/7 phiếu hài lòng, thu về 7/8 hộ');
      await screen(page, '31-ket-qua-lay-y-kien', axe);
      // The dossier shows the result.
      await page.getByRole('link', { name: /^Xem hồ sơ/ }).click();
      await page.waitForURL(`${web.base}/ho-so/${dossierId}`);
      await expectText(page, '7/7 phiếu hài lòng (100%), thu về 7/8 hộ');
      await screen(page, '32-ket-qua-tren-ho-so', axe);
    });
    await front.context.close();

    // After closing, the ballot page says so.
    const late = await resident(`${ballotUrl}#ma=DQ-0016`);
    await walking(late.page, 'phieu-da-ket-thuc', async () => {
      await expectText(late.page, 'Đợt lấy ý kiến đã kết thúc, không nhận thêm phiếu');
      await screen(late.page, '33-phieu-da-ket-thuc', axe);
    });
    await late.context.close();

    const serious = Object.entries(axe).filter(([, v]) => v.length > 0);
    expect(serious).toEqual([]);
  }, 300_000);
});
