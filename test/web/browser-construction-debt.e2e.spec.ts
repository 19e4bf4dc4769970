import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  attachFile,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { eventually } from '../support/eventually';
import { mergeNongThuongIntoDuongQuang, registerBacKan } from '../support/units';

/*
 * The construction-debt ledger (RULES-2026 §4) through the screens (test/support/browser.ts): xã Dương Quang's
 * officer records a work accepted and unpaid with its minutes uploaded, is told the commune cannot submit a dossier
 * while it owes, records a part payment, is refused a payment larger than what is owed (the server's words), pays
 * the rest and sees the work paid off; a work recorded in error is cancelled with its reason. The province officer
 * finds the commune in the province's list, after xã Nông Thượng which still owes, on a desktop and on a phone, and
 * opens its ledger. Once xã Nông Thượng is merged into xã Dương Quang, Dương Quang's officer finds its ledger beside
 * the commune's own, is told the commune owes its debt, and pays it off. Screenshots in
 * test-artifacts/screens/<run>, axe-core on each.
 */

const PROVINCE = '06';
const ROAD = 'Đường giao thông thôn Nà Pài';

/** A tiny PDF whose text names it: each upload a document of its own. */
const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'utf8'),
});

/** The body rows of the page's (first) table, cell by cell as shown. */
const tableRows = (page: Page): Promise<string[][]> =>
  page
    .locator('.ant-table-tbody tr.ant-table-row')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );

/** Waits until the table shows these rows (first cells of each, in order); on a timeout, shows what it had. */
const expectRows = async (page: Page, expected: string[][]) => {
  let last: string[][] = [];
  const same = async () => {
    last = (await tableRows(page)).map((r) => r.slice(0, expected[0].length));
    return JSON.stringify(last) === JSON.stringify(expected);
  };
  await eventually(same, 'the table', 20_000).catch(() => undefined);
  expect(last).toEqual(expected);
};

/** Opens "Ghi khoản nợ mới" and fills it as a person does, the acceptance minutes uploaded; the dialog. */
const fillDebt = async (
  page: Page,
  debt: {
    project: string;
    contractor: string;
    amount: string;
    incurredOn: string;
    basis: string;
    file: string;
  },
): Promise<Locator> => {
  await page.getByRole('button', { name: 'Ghi khoản nợ mới' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ghi khoản nợ mới' });
  await dialog.getByLabel('Tên công trình').fill(debt.project);
  await dialog.getByLabel('Đơn vị thi công').fill(debt.contractor);
  await dialog.getByLabel('Số tiền còn nợ (đồng)').fill(debt.amount);
  await dialog.getByLabel('Ngày nghiệm thu (ngày phát sinh nợ)').fill(debt.incurredOn);
  // Leaving the box keeps the date typed (Enter would send the form).
  await dialog.getByLabel('Tên công trình').click();
  await dialog.getByLabel('Căn cứ (biên bản nghiệm thu, quyết toán: số, ngày)').fill(debt.basis);
  await attachFile(
    dialog.getByRole('group', { name: 'Minh chứng (biên bản nghiệm thu, quyết toán)' }),
    pdf(debt.file),
  );
  return dialog;
};

/** Fills a payment dialog as a person does: the amount, the day, the basis, the transfer order uploaded. */
const fillPayment = async (
  dialog: Locator,
  payment: { amount: string; paidOn: string; basis: string; file: string },
) => {
  await dialog.getByLabel('Số tiền trả (đồng)').fill(payment.amount);
  await dialog.getByLabel('Ngày trả').fill(payment.paidOn);
  // Leaving the box keeps the date typed (Enter would send the form).
  await dialog.getByText('Còn nợ:').click();
  await dialog.getByLabel('Căn cứ (chứng từ thanh toán: số, ngày)').fill(payment.basis);
  await attachFile(
    dialog.getByRole('group', { name: 'Minh chứng (ủy nhiệm chi, chứng từ thanh toán)' }),
    pdf(payment.file),
  );
};

describe("a commune's construction-debt ledger in the browser (chromium)", () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    web = await startWebApp('web_construction_debt');
    await registerBacKan(web.t, await web.t.token('admin'));
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-construction-debt.json'), JSON.stringify(axe, null, 2));
  });

  it('the commune officer records a debt, is told submission waits, is refused an overpayment, pays it off, cancels an error', async () => {
    await web.walkAs('commune-officer', '/ho-so', 'no-dong-xa', async (page) => {
      await page
        .getByRole('navigation', { name: 'Chức năng chính' })
        .getByText('Nợ đọng xây dựng cơ bản')
        .click();
      await page.getByRole('heading', { name: 'Nợ đọng xây dựng cơ bản', level: 1 }).waitFor();
      await expectText(page, 'Sổ chưa ghi khoản nợ nào.');
      await screen(page, 'no-dong-1-so-trong', axe);

      // The work accepted on 05/11/2024 and not paid for, with its acceptance minutes uploaded.
      const record = await fillDebt(page, {
        project: ROAD,
        contractor: 'Công ty TNHH Xây dựng Minh Phát',
        amount: '500000000',
        incurredOn: '05/11/2024',
        basis: 'Biên bản nghiệm thu số 12/BB-NT ngày 05/11/2024',
        file: 'bien-ban-nghiem-thu-12.pdf',
      });
      // The amount reads as the commune writes it.
      expect(await record.getByLabel('Số tiền còn nợ (đồng)').inputValue()).toBe('500.000.000');
      await screen(page, 'no-dong-2-ghi-khoan-no', axe);
      await record.getByRole('button', { name: 'Ghi vào sổ' }).click();
      await expectText(page, `Đã ghi khoản nợ của công trình ${ROAD}`);
      await record.waitFor({ state: 'hidden' });

      // While it owes, the commune is told it cannot submit, and which works it owes for.
      const warning = page.getByRole('alert').filter({ hasText: 'Xã còn nợ đọng xây dựng cơ bản' });
      await warning.getByText('Xã còn nợ đọng xây dựng cơ bản: 500.000.000 đồng').waitFor();
      expect(await warning.textContent()).toContain(
        'Xã chưa được nộp hồ sơ đề nghị xét công nhận khi còn nợ đọng xây dựng cơ bản (Điều kiện 3, Quyết định 18/2022/QĐ-TTg)',
      );
      expect(await warning.textContent()).toContain(
        `${ROAD}: còn nợ 500.000.000 đồng (phát sinh ngày 05/11/2024)`,
      );
      await expectRows(page, [
        [
          ROAD,
          'Công ty TNHH Xây dựng Minh Phát',
          '05/11/2024',
          '500.000.000 đồng',
          '0 đồng',
          '500.000.000 đồng',
          'Còn nợ',
        ],
      ]);
      await screen(page, 'no-dong-3-con-no', axe);

      // A part payment.
      const row = page.getByRole('row', { name: new RegExp(ROAD) });
      await row.getByRole('button', { name: `Ghi trả nợ: ${ROAD}` }).click();
      let pay = page.getByRole('dialog', { name: `Ghi trả nợ: ${ROAD}` });
      await fillPayment(pay, {
        amount: '200000000',
        paidOn: '10/03/2025',
        basis: 'Ủy nhiệm chi số 31/UNC ngày 10/03/2025',
        file: 'uy-nhiem-chi-31.pdf',
      });
      await pay.getByRole('button', { name: 'Ghi trả nợ', exact: true }).click();
      await expectText(page, `Đã ghi trả nợ công trình ${ROAD}; còn nợ 300.000.000 đồng`);
      await pay.waitFor({ state: 'hidden' });
      await warning.getByText('Xã còn nợ đọng xây dựng cơ bản: 300.000.000 đồng').waitFor();
      // Paid from, the entry is no longer one to cancel as recorded in error.
      expect(await row.getByRole('button', { name: `Hủy khoản ghi nhầm: ${ROAD}` }).count()).toBe(0);

      // More than is owed: the server refuses, in its words, and nothing is written.
      await row.getByRole('button', { name: `Ghi trả nợ: ${ROAD}` }).click();
      pay = page.getByRole('dialog', { name: `Ghi trả nợ: ${ROAD}` });
      await pay.getByText('Còn nợ: 300.000.000 đồng').waitFor();
      await fillPayment(pay, {
        amount: '400000000',
        paidOn: '15/04/2025',
        basis: 'Ủy nhiệm chi số 52/UNC ngày 15/04/2025',
        file: 'uy-nhiem-chi-52.pdf',
      });
      await pay.getByRole('button', { name: 'Ghi trả nợ', exact: true }).click();
      await pay
        .getByRole('alert')
        .getByText(`Số tiền trả 400.000.000 đồng lớn hơn số còn nợ của "${ROAD}": 300.000.000 đồng`)
        .waitFor();
      await screen(page, 'no-dong-4-tra-qua-so-no', axe);

      // The rest: the refusal goes with the change, and the work is paid off.
      await pay.getByLabel('Số tiền trả (đồng)').fill('300000000');
      await pay.getByRole('alert').waitFor({ state: 'hidden' });
      await pay.getByRole('button', { name: 'Ghi trả nợ', exact: true }).click();
      await expectText(page, `Đã ghi trả nợ: công trình ${ROAD} đã trả hết`);
      await pay.waitFor({ state: 'hidden' });
      await page.getByRole('alert').getByText('Xã không còn nợ đọng xây dựng cơ bản').waitFor();
      await expectRows(page, [
        [
          ROAD,
          'Công ty TNHH Xây dựng Minh Phát',
          '05/11/2024',
          '500.000.000 đồng',
          '500.000.000 đồng',
          '0 đồng',
          'Đã trả hết',
        ],
      ]);
      expect(await row.getByRole('button', { name: `Ghi trả nợ: ${ROAD}` }).count()).toBe(0);

      // The work's details: its basis and each payment with its own.
      await row.getByRole('button', { name: `Chi tiết: ${ROAD}` }).click();
      const payments = page.locator('.ant-table-expanded-row li');
      await payments.nth(1).waitFor();
      // Text, not innerText: a document's link is a button, which innerText sets on a line of its own.
      expect(await payments.allTextContents()).toEqual([
        expect.stringMatching(
          /^Ngày 10\/03\/2025: trả 200\.000\.000 đồng; căn cứ: Ủy nhiệm chi số 31\/UNC ngày 10\/03\/2025; minh chứng: Tài liệu/,
        ),
        expect.stringMatching(
          /^Ngày 15\/04\/2025: trả 300\.000\.000 đồng; căn cứ: Ủy nhiệm chi số 52\/UNC ngày 15\/04\/2025; minh chứng: Tài liệu/,
        ),
      ]);
      await expectText(page, 'Căn cứ ghi nợ: Biên bản nghiệm thu số 12/BB-NT ngày 05/11/2024; minh chứng:');
      await screen(page, 'no-dong-5-da-tra-het', axe);

      // A work recorded in error, never paid from, is cancelled with its reason and kept in the ledger.
      const wrong = await fillDebt(page, {
        project: 'Kè suối Nà Cà',
        contractor: 'Công ty TNHH Xây dựng Minh Phát',
        amount: '80000000',
        incurredOn: '20/12/2024',
        basis: 'Biên bản nghiệm thu số 15/BB-NT ngày 20/12/2024',
        file: 'bien-ban-nghiem-thu-15.pdf',
      });
      await wrong.getByRole('button', { name: 'Ghi vào sổ' }).click();
      await wrong.waitFor({ state: 'hidden' });
      await warning.getByText('Xã còn nợ đọng xây dựng cơ bản: 80.000.000 đồng').waitFor();
      const wrongRow = page.getByRole('row', { name: /Kè suối Nà Cà/ });
      await wrongRow.getByRole('button', { name: 'Hủy khoản ghi nhầm: Kè suối Nà Cà' }).click();
      const cancel = page.getByRole('dialog', { name: 'Hủy khoản ghi nhầm: Kè suối Nà Cà' });
      await cancel.getByLabel('Lý do hủy').fill('Công trình của xã Nông Thượng, ghi nhầm vào sổ của xã');
      await cancel.getByRole('button', { name: 'Hủy khoản ghi' }).click();
      await expectText(page, 'Đã hủy khoản ghi nhầm: Kè suối Nà Cà');
      await wrongRow.getByText('Lý do: Công trình của xã Nông Thượng, ghi nhầm vào sổ của xã').waitFor();
      await page.getByRole('alert').getByText('Xã không còn nợ đọng xây dựng cơ bản').waitFor();
      // Newest first; a cancelled work owes nothing and shows why.
      await expectRows(page, [
        [
          'Kè suối Nà Cà',
          'Công ty TNHH Xây dựng Minh Phát',
          '20/12/2024',
          '80.000.000 đồng',
          '0 đồng',
          '—',
          'Đã hủyLý do: Công trình của xã Nông Thượng, ghi nhầm vào sổ của xã',
        ],
        [
          ROAD,
          'Công ty TNHH Xây dựng Minh Phát',
          '05/11/2024',
          '500.000.000 đồng',
          '500.000.000 đồng',
          '0 đồng',
          'Đã trả hết',
        ],
      ]);

      // On a phone the works stack, nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await row.locator('td[data-label="Còn nợ"]').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
      await screen(page, 'no-dong-6-xa-dien-thoai', axe);
    });

    // The ledger holds what the screens sent: each payment with its uploaded evidence.
    const held = await web.t.http
      .get('/api/v1/communes/01840/construction-debts')
      .set('authorization', `Bearer ${await web.t.token('province_officer', { provinceCode: PROVINCE })}`)
      .expect(200);
    expect(held.body.outstanding).toEqual({ total: 0, unpaid: [] });
    expect(held.body.entries).toEqual([
      expect.objectContaining({
        project: 'Kè suối Nà Cà',
        remaining: 0,
        payments: [],
        cancelled: expect.objectContaining({
          reason: 'Công trình của xã Nông Thượng, ghi nhầm vào sổ của xã',
        }),
      }),
      expect.objectContaining({
        project: ROAD,
        amount: 500_000_000,
        incurredOn: '2024-11-05',
        remaining: 0,
        evidence: [expect.stringMatching(/^[0-9a-f]{64}$/)],
        payments: [
          expect.objectContaining({ amount: 200_000_000, paidOn: '2025-03-10' }),
          expect.objectContaining({ amount: 300_000_000, paidOn: '2025-04-15' }),
        ],
      }),
    ]);
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);

  it("the province officer lists the communes' debts, most owed first, on a phone too, and opens a ledger", async () => {
    const { t } = web;
    // Xã Nông Thượng still owes (recorded over HTTP): it comes first.
    const nongThuong = await t.token('commune_officer', {
      provinceCode: PROVINCE,
      districtCode: '058',
      communeCode: '01843',
    });
    const minutes = await t.http
      .post('/api/v1/documents')
      .set('authorization', `Bearer ${nongThuong}`)
      .attach('file', pdf('bien-ban-nghiem-thu-07.pdf').buffer, 'bien-ban-nghiem-thu-07.pdf')
      .expect(201);
    const recorded = await t.http
      .post('/api/v1/communes/01843/construction-debts')
      .set('authorization', `Bearer ${nongThuong}`)
      .send({
        provinceCode: PROVINCE,
        project: 'Nhà văn hóa thôn Bản Pền',
        contractor: 'Công ty Cổ phần Xây dựng Bắc Sơn',
        amount: 120_000_000,
        incurredOn: '2025-01-05',
        basis: 'Biên bản nghiệm thu số 07/BB-NT ngày 05/01/2025',
        evidence: [minutes.body.sha256],
      })
      .expect(201);
    // The list is a read model: the walk starts once it has seen this write, and so every earlier one.
    const province = await t.token('province_officer', { provinceCode: PROVINCE });
    await eventually(
      async () =>
        (
          await t.http
            .get(`/api/v1/provinces/${PROVINCE}/construction-debts`)
            .query({ minPosition: recorded.body.position })
            .set('authorization', `Bearer ${province}`)
        ).status === 200,
      'the province list at the last write',
    );

    await web.walkAs('province-officer', '/viec-cho-toi', 'no-dong-tinh', async (page) => {
      await page.getByRole('navigation', { name: 'Chức năng chính' }).getByText('Kế hoạch, nhóm xã').click();
      await page
        .getByRole('navigation', { name: 'Thiết lập của tỉnh' })
        .getByRole('link', { name: 'Nợ đọng xây dựng cơ bản' })
        .click();
      await page.getByRole('heading', { name: 'Nợ đọng xây dựng cơ bản của các xã', level: 1 }).waitFor();
      await expectRows(page, [
        // Neither holds a standard yet: nothing is owed "since recognition".
        [
          'xã Nông Thượng (mã 01843)',
          '120.000.000 đồng',
          'Chưa đạt chuẩn',
          '—',
          '1',
          '05/01/2025',
          '120.000.000 đồng',
          '0 đồng',
        ],
        [
          'xã Dương Quang (mã 01840)',
          'Không còn nợ',
          'Chưa đạt chuẩn',
          '—',
          '0',
          '—',
          '500.000.000 đồng',
          '500.000.000 đồng',
        ],
      ]);
      await screen(page, 'no-dong-7-tinh', axe);

      // On a phone each commune's figures stack under their names, nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      const duongQuang = page.getByRole('row', { name: /xã Dương Quang/ });
      await duongQuang.locator('td[data-label="Khoản nợ cũ nhất"]').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
      await screen(page, 'no-dong-8-tinh-dien-thoai', axe);
      await page.setViewportSize({ width: 1280, height: 900 });

      await duongQuang.getByRole('link', { name: 'xã Dương Quang (mã 01840)' }).click();
      await page
        .getByRole('heading', { name: 'Nợ đọng xây dựng cơ bản — xã Dương Quang', level: 1 })
        .waitFor();
      await page.getByRole('alert').getByText('Xã không còn nợ đọng xây dựng cơ bản').waitFor();
      await page
        .getByRole('row', { name: new RegExp(ROAD) })
        .getByText('Đã trả hết')
        .waitFor();
      await screen(page, 'no-dong-9-tinh-so-cua-xa', axe);
      await page.getByRole('link', { name: 'Về danh sách các xã có nợ đọng xây dựng cơ bản' }).click();
      await page.getByRole('row', { name: /xã Nông Thượng/ }).waitFor();
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);

  it("after the merger, Dương Quang's officer keeps xã Nông Thượng's ledger and pays what it owed", async () => {
    const { t } = web;
    const HALL = 'Nhà văn hóa thôn Bản Pền';
    await mergeNongThuongIntoDuongQuang(t, await t.token('admin'));

    await web.walkAs('commune-officer', '/ho-so', 'no-dong-sap-nhap', async (page) => {
      await page
        .getByRole('navigation', { name: 'Chức năng chính' })
        .getByText('Nợ đọng xây dựng cơ bản')
        .click();
      const former = page.getByRole('region', { name: 'Sổ của xã Nông Thượng trước sáp nhập' });
      await former.getByText('sáp nhập vào xã từ ngày 01/07/2025, nay do xã theo dõi và trả').waitFor();
      // What the merged commune owed is the commune's now: it cannot submit until it is paid.
      const warning = page.getByRole('alert').filter({ hasText: 'Xã còn nợ đọng xây dựng cơ bản' });
      await warning.getByText('Xã còn nợ đọng xây dựng cơ bản: 120.000.000 đồng').waitFor();
      expect(await warning.textContent()).toContain(
        `${HALL} (của xã Nông Thượng trước sáp nhập): còn nợ 120.000.000 đồng (phát sinh ngày 05/01/2025)`,
      );
      await screen(page, 'no-dong-10-so-xa-cu', axe);

      await former.getByRole('button', { name: `Ghi trả nợ: ${HALL}` }).click();
      const pay = page.getByRole('dialog', { name: `Ghi trả nợ: ${HALL}` });
      await fillPayment(pay, {
        amount: '120000000',
        paidOn: '20/08/2025',
        basis: 'Ủy nhiệm chi số 88/UNC ngày 20/08/2025',
        file: 'uy-nhiem-chi-88.pdf',
      });
      await pay.getByRole('button', { name: 'Ghi trả nợ', exact: true }).click();
      await expectText(page, `Đã ghi trả nợ: công trình ${HALL} đã trả hết`);
      await pay.waitFor({ state: 'hidden' });
      await page.getByRole('alert').getByText('Xã không còn nợ đọng xây dựng cơ bản').waitFor();
      await former
        .getByRole('row', { name: new RegExp(HALL) })
        .getByText('Đã trả hết')
        .waitFor();
      await screen(page, 'no-dong-11-so-xa-cu-da-tra', axe);
    });

    // The payment went to xã Nông Thượng's own ledger, recorded by Dương Quang's officer.
    const held = await t.http
      .get('/api/v1/communes/01843/construction-debts')
      .set('authorization', `Bearer ${await t.token('province_officer', { provinceCode: PROVINCE })}`)
      .expect(200);
    expect(held.body.entries).toEqual([
      expect.objectContaining({
        project: HALL,
        remaining: 0,
        payments: [expect.objectContaining({ amount: 120_000_000, paidOn: '2025-08-20' })],
      }),
    ]);
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 180_000);
});
