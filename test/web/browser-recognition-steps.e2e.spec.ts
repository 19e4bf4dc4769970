import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  attachFile,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import {
  DossierDriver,
  duongQuang,
  evidencePdf,
  nongThuong,
  tokensFor,
  type Place,
} from '../support/dossier-driver';
import { eventually } from '../support/eventually';
import { registerBacKan } from '../support/units';

/*
 * The steps after the chairman's decision, and the commune's withdrawal, through the screens
 * (test/support/browser.ts). Given over HTTP: xã Nông Thượng's dossier decided (recognised, not yet announced) and
 * xã Dương Quang's submitted. The province officer announces the recognition, later opens its revocation with a
 * reason and re-assesses the criteria; the chairman decides the revocation and the dossier's header and history
 * show it. The district officer posts its verification report of Dương Quang, records a comment received on it,
 * closes the posting and records its steering board's vote (2021-2025); the commune officer of Dương Quang then
 * withdraws its dossier with a reason. The province officer posts xã Xuất Hóa's appraisal report on the provincial
 * portal (its dossier verified over HTTP), records a comment received on it and closes the posting.
 * Screenshots in test-artifacts/screens/<run>, axe-core on each.
 */

/** The documents the driven dossiers cite: the criteria's evidence, the two condition papers, the reports, the minutes. */
const SAMPLES = [...Array.from({ length: 19 }, (_, i) => i + 1), 50, 51, 52, 53, 99];
const DECISION = '2468/QĐ-UBND';
const REVOCATION = '315/QĐ-UBND';
const COMMENT_AUTHOR = 'Hội Nông dân xã Dương Quang';
const COMMENT =
  'Đề nghị bổ sung số liệu thu nhập bình quân đầu người năm 2025 vào báo cáo thẩm tra tiêu chí Thu nhập';
const PORTAL_AUTHOR = 'Ông Hoàng Văn Thạch, thôn Nà Bản';
const PORTAL_COMMENT = 'Nhất trí với báo cáo thẩm định; đề nghị nêu rõ tiến độ nâng cấp đường trục xã';

/** A third commune of thành phố Bắc Kạn, its dossier verified by the district and awaiting appraisal. */
const xuatHoa: Place = { provinceCode: '06', districtCode: '058', communeCode: '01846', name: 'xã Xuất Hóa' };

/** The dd/mm/yyyy a Vietnamese reader sees for an instant in Hà Nội. */
const viDate = (instant: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(instant);
const daysAgo = (n: number) => viDate(new Date(Date.now() - n * 86_400_000));
const today = () => daysAgo(0);

/** Attaches a sample PDF to the upload zone of that name. */
const attach = (page: Page, zone: string, n: number) =>
  attachFile(page.getByRole('group', { name: zone }), {
    name: `tai-lieu-${n}.pdf`,
    mimeType: 'application/pdf',
    buffer: evidencePdf(n),
  });

/** A row of the dossier's header, by its label. */
const headerRow = (page: Page, label: string) =>
  page.locator('.ant-descriptions-row', { has: page.locator('th', { hasText: label }) }).first();

describe('announcement, revocation and withdrawal in the browser (chromium)', () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};
  let recognised = '';
  let submitted: DossierDriver;
  let verified: DossierDriver;
  let announcedOn = '';

  beforeAll(async () => {
    web = await startWebApp('web_browser_steps');
    const { t } = web;
    await registerBacKan(t, await t.token('admin', {}));
    const driverFor = async (p: Place) => new DossierDriver(t, await tokensFor(t, p, SAMPLES), p);
    const a = await driverFor(nongThuong);
    await a.open();
    await a.prepare();
    await a.submit();
    await a.verify();
    await a.appraise();
    await a.ok('decision', a.tokens.chairman, { decisionNumber: DECISION, decidedOn: '2025-12-15' });
    recognised = a.id;
    const b = await driverFor(duongQuang);
    await b.open();
    await b.prepare();
    await b.submit();
    submitted = b;
    const c = await driverFor(xuatHoa);
    await c.open();
    await c.prepare();
    await c.submit();
    await c.verify();
    verified = c;
  }, 300_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-recognition-steps.json'), JSON.stringify(axe, null, 2));
  });

  it('the province announces the recognition, later revokes it on re-assessment; the chairman decides the revocation', async () => {
    await web.walkAs('province-officer', `/ho-so/${recognised}`, 'cong-bo-thu-hoi', async (page) => {
      await expectText(page, 'Quyết định công nhận số 2468/QĐ-UBND ngày 15/12/2025.');
      await page.getByLabel('Nơi tổ chức lễ công bố').fill('Nhà văn hóa xã Nông Thượng');
      // The day the form offers (today where the browser is) is the day the header shows.
      announcedOn = await page.getByLabel('Ngày công bố').inputValue();
      expect(announcedOn).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      await screen(page, 'steps-1-cong-bo', axe);
      await page.getByRole('button', { name: 'Ghi nhận công bố' }).click();
      await expectText(page, 'Đã ghi nhận công bố quyết định công nhận');
      await headerRow(page, 'Công bố')
        .getByText(`Ngày ${announcedOn} tại Nhà văn hóa xã Nông Thượng`)
        .waitFor();

      // Later: the criteria have slipped; the province opens the revocation with its reason, the rule it is judged
      // by in sight, with where its shares stand against the law.
      await expectText(page, 'Chưa đối chiếu: Quyết định 03/2024/QĐ-TTg đã sửa đổi điểm a, b khoản 5 Điều 4');
      await page
        .getByLabel('Lý do đề nghị thu hồi')
        .fill('Kiểm tra năm 2026: nhiều tiêu chí không được duy trì sau khi công nhận');
      await screen(page, 'steps-2-de-nghi-thu-hoi', axe);
      await page.getByRole('button', { name: 'Đề nghị thu hồi quyết định công nhận' }).click();
      await expectText(page, 'Đã mở xét thu hồi');

      // The re-assessment: 10 of the 19 criteria fail (more than half), one with a note.
      for (let n = 1; n <= 10; n++)
        await page
          .getByLabel(`Kết quả đánh giá lại tiêu chí ${n}`, { exact: true })
          .getByText('Chưa đạt')
          .click();
      await page.getByLabel('Ghi chú tiêu chí 2 không đạt').fill('Đường trục thôn Nà Pèn xuống cấp');
      await expectText(page, 'Không đạt: 10/19 tiêu chí');
      await screen(page, 'steps-3-danh-gia-thu-hoi', axe);
      await page.getByRole('button', { name: 'Ghi kết quả đánh giá lại' }).click();
      await expectText(page, 'Đã ghi kết quả đánh giá xét thu hồi');
      await expectText(page, 'Đủ căn cứ thu hồi');
      await headerRow(page, 'Thu hồi công nhận').getByText(`Đang xét thu hồi từ ngày ${today()}`).waitFor();
    });

    await web.walkAs('chairman', `/ho-so/${recognised}`, 'quyet-dinh-thu-hoi', async (page) => {
      await expectText(page, '10/19 tiêu chí không đạt');
      await page.getByLabel('Số quyết định').fill(REVOCATION);
      const decidedOn = await page.getByLabel('Ngày quyết định').inputValue();
      await screen(page, 'steps-4-quyet-dinh-thu-hoi', axe);
      await page.getByRole('button', { name: 'Quyết định thu hồi quyết định công nhận' }).click();
      await expectText(page, 'Đã quyết định thu hồi quyết định công nhận');
      await headerRow(page, 'Tình trạng').getByText('Đã thu hồi quyết định công nhận').waitFor();
      await headerRow(page, 'Thu hồi công nhận')
        .getByText(`Đã thu hồi — quyết định số ${REVOCATION} ngày ${decidedOn}`)
        .waitFor();
      // The decision it revokes and the announcement stay on the record.
      await headerRow(page, 'Quyết định').getByText(`số ${DECISION} ngày 15/12/2025`).waitFor();
      await headerRow(page, 'Công bố').getByText('Nhà văn hóa xã Nông Thượng').waitFor();
      await screen(page, 'steps-5-da-thu-hoi', axe);
      await page.getByRole('tab', { name: 'Lịch sử' }).click();
      await expectText(page, `Số quyết định: ${REVOCATION}, ngày ${decidedOn}`);
      await expectText(page, '10/19 tiêu chí không đạt; đủ căn cứ thu hồi');
      await expectText(page, `Ngày công bố: ${announcedOn}, tại Nhà văn hóa xã Nông Thượng`);
      await screen(page, 'steps-6-lich-su', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);

  it('the district posts its verification report publicly, records a comment on it, closes the posting and records its steering board vote', async () => {
    await web.walkAs('district-officer', `/ho-so/${submitted.id}`, 'huyen-cong-khai', async (page) => {
      // Verifying before the report was posted and voted on: the server refuses and the screen says why.
      await page.getByRole('button', { name: 'Thẩm tra đạt, chuyển bước tiếp theo' }).click();
      await page
        .getByRole('alert')
        .getByText('Chưa hoàn thành công khai báo cáo thẩm tra của huyện để lấy ý kiến')
        .waitFor();
      await attach(page, 'Báo cáo thẩm tra', 60);
      await expectText(page, 'tai-lieu-60.pdf');
      const from = page.getByLabel('Công khai từ ngày');
      await from.click();
      await from.fill(daysAgo(20));
      await from.press('Tab');
      await screen(page, 'steps-7-huyen-cong-khai', axe);
      await page.getByRole('button', { name: 'Ghi nhận công khai báo cáo thẩm tra' }).click();
      await expectText(page, 'Đã ghi nhận công khai báo cáo thẩm tra');
      await expectText(page, `Từ ngày ${daysAgo(20)}`);

      // A comment received while the report was up (15 days from its first day, moved to a working day when that
      // is a weekend or holiday: the server's day, read back): the day is picked within them, by default the last
      // one, or today when holidays have moved the last one past it.
      const { until } = (await submitted.get()).rounds.at(-1).district.posting;
      const lastDay = viDate(new Date(until));
      const byDefault = Date.parse(until) < Date.now() ? lastDay : today();
      await expectText(page, 'Chưa có ý kiến góp ý.');
      await expectText(page, `Nhận trong thời gian từ ngày ${daysAgo(20)} đến ngày ${lastDay}`);
      const receivedAt = page.getByLabel('Ngày nhận ý kiến');
      expect(await receivedAt.inputValue()).toBe(byDefault);
      // A day before the posting is not taken: the field goes back to the day it had once it loses the focus (the
      // picker puts it back in an effect after the blur: read at once, on a loaded machine, it still held the typing).
      await receivedAt.click();
      await receivedAt.fill(daysAgo(25));
      await receivedAt.press('Tab');
      await eventually(
        async () => (await receivedAt.inputValue()) === byDefault,
        `"Ngày nhận ý kiến" back at ${byDefault}`,
        10_000,
      );
      await receivedAt.click();
      await receivedAt.fill(daysAgo(12));
      await receivedAt.press('Tab');
      await page.getByLabel('Cá nhân, tổ chức góp ý (không bắt buộc)').fill(COMMENT_AUTHOR);
      await page.getByLabel('Nội dung góp ý').fill(COMMENT);
      await page.getByRole('button', { name: 'Ghi nhận ý kiến' }).click();
      await expectText(page, 'Đã ghi nhận ý kiến');
      await expectText(page, 'Ý kiến góp ý (1)');
      const listed = page.locator('.ant-list-item', { hasText: COMMENT_AUTHOR });
      await listed.getByText(COMMENT).waitFor();
      await listed.getByText(daysAgo(12)).waitFor();
      // The form is empty again for the next comment.
      expect(await page.getByLabel('Nội dung góp ý').inputValue()).toBe('');
      await screen(page, 'steps-8-huyen-y-kien', axe);

      await page.getByRole('button', { name: 'Kết thúc công khai' }).click();
      await expectText(page, 'Đã kết thúc công khai');
      await page.getByLabel('Số thành viên Ban Chỉ đạo').fill('15');
      await page.getByLabel('Số thành viên dự họp').fill('14');
      await page.getByLabel('Số phiếu tán thành').fill('14');
      await page.getByLabel('Số phiếu không tán thành').fill('0');
      await attach(page, 'Biên bản họp Ban Chỉ đạo', 61);
      await expectText(page, 'tai-lieu-61.pdf');
      await page.getByRole('button', { name: 'Ghi kết quả biểu quyết' }).click();
      await expectText(page, '14/15 thành viên tán thành (93,3%), yêu cầu 90%: thông qua');
      await screen(page, 'steps-9-huyen-bieu-quyet', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 120_000);

  it('the province posts the appraisal report on its portal, records a comment received on it and closes the posting; the comment stays listed', async () => {
    await web.walkAs('province-officer', `/ho-so/${verified.id}`, 'tinh-dang-tai', async (page) => {
      const from = page.getByLabel('Đăng tải từ ngày');
      await from.click();
      await from.fill(daysAgo(20));
      await from.press('Tab');
      await page.getByLabel('Địa chỉ trang đăng tải').fill('https://backan.gov.vn/thong-bao/xuat-hoa');
      await page.getByRole('button', { name: 'Ghi nhận đã đăng tải báo cáo thẩm định' }).click();
      await expectText(page, 'Đã ghi nhận đăng tải báo cáo thẩm định');

      // The portal's posting lasts at least 10 days (to a working day): its whole window and address are shown.
      const { until } = (await verified.get()).rounds[0].appraisal.posting;
      const postedFor = `Từ ngày ${daysAgo(20)} đến hết ngày ${viDate(new Date(until))}`;
      const portal = 'trên Cổng thông tin điện tử tỉnh (https://backan.gov.vn/thong-bao/xuat-hoa)';
      await expectText(page, `${postedFor} ${portal}; đang đăng tải; 0 ý kiến góp ý`);
      await expectText(page, 'Chưa có ý kiến góp ý.');
      await expectText(
        page,
        `Nhận trong thời gian từ ngày ${daysAgo(20)} đến ngày ${viDate(new Date(until))}`,
      );
      const receivedAt = page.getByLabel('Ngày nhận ý kiến');
      await receivedAt.click();
      await receivedAt.fill(daysAgo(15));
      await receivedAt.press('Tab');
      await page.getByLabel('Cá nhân, tổ chức góp ý (không bắt buộc)').fill(PORTAL_AUTHOR);
      await page.getByLabel('Nội dung góp ý').fill(PORTAL_COMMENT);
      await page.getByRole('button', { name: 'Ghi nhận ý kiến' }).click();
      await expectText(page, 'Đã ghi nhận ý kiến');
      await expectText(page, 'Ý kiến góp ý (1)');
      const listed = page.locator('.ant-list-item', { hasText: PORTAL_AUTHOR });
      await listed.getByText(PORTAL_COMMENT).waitFor();
      await listed.getByText(daysAgo(15)).waitFor();
      await screen(page, 'steps-12-tham-dinh-y-kien', axe);

      // Closed, the posting takes no more comments; those received stay listed for the council.
      await page.getByRole('button', { name: 'Kết thúc đăng tải' }).click();
      await expectText(page, 'Đã kết thúc đăng tải');
      await expectText(page, `${postedFor} ${portal}; đã kết thúc ngày ${today()}; 1 ý kiến góp ý`);
      await listed.getByText(PORTAL_COMMENT).waitFor();
      expect(await page.getByRole('button', { name: 'Ghi nhận ý kiến' }).count()).toBe(0);
      await screen(page, 'steps-13-tham-dinh-da-ket-thuc', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 120_000);

  it('the commune officer withdraws the submitted dossier, stating why', async () => {
    await web.walkAs('commune-officer', `/ho-so/${submitted.id}`, 'rut-ho-so', async (page) => {
      const withdraw = page.getByRole('button', { name: 'Rút hồ sơ', exact: true });
      // The reason is asked for before anything is sent.
      await withdraw.click();
      await expectText(page, 'Nhập lý do rút hồ sơ');
      await page
        .getByLabel('Lý do rút hồ sơ')
        .fill('Xã chưa duy trì được tiêu chí Môi trường, xin rút để hoàn thiện trong năm sau');
      await screen(page, 'steps-10-rut-ho-so', axe);
      await withdraw.click();
      await page.getByRole('button', { name: 'Đồng ý rút hồ sơ' }).click();
      await expectText(page, 'Đã rút hồ sơ');
      await headerRow(page, 'Tình trạng').getByText('Đã rút hồ sơ').waitFor();
      await headerRow(page, 'Rút hồ sơ')
        .getByText(`Ngày ${today()} — lý do: Xã chưa duy trì được tiêu chí Môi trường`)
        .waitFor();
      // A withdrawn dossier offers no withdrawal any more.
      expect(await withdraw.count()).toBe(0);
      await screen(page, 'steps-11-da-rut', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 120_000);
});
