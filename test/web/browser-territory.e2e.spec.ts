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
 * The administrator then loads, renames, dissolves and adds units, villages of xã Xuất Hóa included (registered
 * over HTTP; TEST DATA: their names and numbers are made up); a renamed unit shows its former name with its act;
 * a file's problems are named by its lines; the status filter holds for an opened commune's villages too; a merger
 * that keeps a commune under a new name shows its old name as a former name.
 * Screenshots in test-artifacts/screens/<run>, axe-core on each.
 */

const MERGED = { code: '01849', name: 'xã Quang Thượng' };
const ACKNOWLEDGEMENT = '250/QĐ-UBND';
const VILLAGES = [
  { code: '01846-01', name: 'thôn Bản Cạu' },
  { code: '01846-02', name: 'thôn Khuổi Chang' },
];

/** A row of a table, by a text of one of its cells. */
const row = (page: Page, text: string) => page.getByRole('row', { name: new RegExp(text) });

describe('administrative units and merged communes in the browser (chromium)', () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    web = await startWebApp('web_browser_territory');
    const { t } = web;
    const admin = await t.token('admin', {});
    await registerBacKan(t, admin, [{ code: '01846', name: 'xã Xuất Hóa' }]);
    // TEST DATA: the villages of Xuất Hóa and their numbers are made up.
    const villages = await t.http
      .post('/api/v1/admin/units/changes')
      .set('authorization', `Bearer ${admin}`)
      .send({
        changes: VILLAGES.map((v) => ({
          type: 'RegisterUnit',
          kind: 'village',
          ...v,
          provinceCode: '06',
          parentCode: '01846',
        })),
      });
    expect(villages.status).toBe(201);
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

      // The screen holds several forms with a date and an act: the merger's own.
      const merger = page.locator('form#merger');
      const communes = merger.getByRole('combobox', { name: 'Các xã được sắp xếp' });
      await chooseOption(page, communes, 'xã Dương Quang (mã 01840)');
      await chooseOption(page, communes, 'xã Nông Thượng (mã 01843)');
      // Xuất Hóa's code, not one of the merged communes': the server refuses, naming whose it is.
      await merger.getByLabel('Mã xã mới').fill('01846');
      await merger.getByLabel('Tên xã mới').fill(MERGED.name);
      await merger.getByLabel('Ngày có hiệu lực').fill('01/07/2025');
      await merger.getByLabel('Số nghị quyết, quyết định sắp xếp').fill('9999/NQ-UBTVQH15');
      await merger.getByLabel('Ngày ban hành').fill('16/06/2025');
      await merger
        .getByLabel(/Ghi chú nếu chưa đối chiếu/)
        .fill('UNVERIFIED: dữ liệu thử nghiệm, không phải nghị quyết thật');
      await page.getByRole('button', { name: 'Ghi sắp xếp' }).click();
      // The problem named by the field the officer filled.
      await page
        .getByRole('alert')
        .getByText(/^Mã xã mới: mã 01846 đã dùng cho .*Xuất Hóa/)
        .waitFor();
      await screen(page, 'territory-1-ma-da-dung', axe);

      await merger.getByLabel('Mã xã mới').fill(MERGED.code);
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
    // The province's 2026-2030 facts about the commune, set on their own screens: the record shows them too.
    const province = await web.t.token('province_officer', { provinceCode: '06' });
    for (const [path, body] of [
      ['group', { group: 'nhom-2', basis: 'Quyết định 245/QĐ-UBND', decidedOn: '2026-02-20' }],
      [
        'pilot',
        { level: 'hien-dai', designated: true, basis: 'Quyết định 456/QĐ-UBND', decidedOn: '2026-03-10' },
      ],
    ] as const)
      await web.t.http
        .post(`/api/v1/communes/${MERGED.code}/${path}`)
        .set('authorization', `Bearer ${province}`)
        .send({ provinceCode: '06', ...body })
        .expect(201);
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
        .locator('.ant-descriptions-row', { hasText: 'Nhóm xã (giai đoạn 2026-2030)' })
        .getByText('Nhóm 2, theo Quyết định 245/QĐ-UBND (ngày 20/02/2026)')
        .waitFor();
      await page
        .locator('.ant-descriptions-row', { hasText: 'Thí điểm xã nông thôn mới hiện đại' })
        .getByText('Được chọn thí điểm, theo Quyết định 456/QĐ-UBND (ngày 10/03/2026)')
        .waitFor();
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

  /** What the server holds of a unit of Bắc Kạn, as the administrator reads it. */
  const heldUnit = async (code: string) => {
    const admin = await web.t.token('admin', {});
    const res = await web.t.http.get('/api/v1/admin/units/06').set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    return (res.body as { communes: { code: string; name: string; status: string }[] }).communes.find(
      (c) => c.code === code,
    );
  };

  /** Bắc Kạn's list as a file; TEST DATA: xã Thử Nghiệm and its code are made up. */
  const listFile = (communes: { code: string; name: string }[]) =>
    JSON.stringify(
      {
        name: 'Tỉnh Bắc Kạn',
        districts: [{ code: '058', name: 'Thành phố Bắc Kạn' }],
        communes: communes.map((c) => ({ ...c, districtCode: '058' })),
      },
      null,
      2,
    );
  const ADDED = { code: '01852', name: 'xã Thử Nghiệm' };

  it("the administrator loads the province's list from a file: a file with a mistake is refused and names it", async () => {
    await web.walkAs('admin', '/don-vi-hanh-chinh?tinh=06', 'nap-danh-muc', async (page) => {
      await expectText(page, 'Đơn vị hành chính — Tỉnh Bắc Kạn');
      const picker = page.getByLabel('Chọn tệp JSON cần nạp');
      await picker.setInputFiles({
        name: 'bac-kan.json',
        mimeType: 'application/json',
        buffer: Buffer.from(listFile([{ code: '01846', name: 'xã Xuất Hóa' }, ADDED, ADDED])),
      });
      await page.getByRole('button', { name: 'Nạp tệp' }).click();
      // Named by the file's line and field: communes[2] opens on line 20, its code on 21.
      await page
        .getByRole('alert')
        .filter({ hasText: 'chưa nạp gì' })
        .getByRole('listitem')
        .getByText(`Dòng 21, trường communes[2].code: mã xã ${ADDED.code} bị trùng, đã có ở communes[1]`)
        .waitFor();
      await screen(page, 'territory-6-danh-muc-loi', axe);
      expect(await heldUnit(ADDED.code)).toBeUndefined();

      await picker.setInputFiles({
        name: 'bac-kan.json',
        mimeType: 'application/json',
        buffer: Buffer.from(listFile([{ code: '01846', name: 'xã Xuất Hóa' }, ADDED])),
      });
      await page.getByRole('button', { name: 'Nạp tệp' }).click();
      await expectText(page, 'Đã nạp danh mục của tỉnh mã 06: 1 huyện, 2 xã.');
      await row(page, ADDED.name).getByText('Đang hoạt động').waitFor();
      await screen(page, 'territory-7-danh-muc-da-nap', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
    expect(await heldUnit(ADDED.code)).toEqual(
      expect.objectContaining({ name: ADDED.name, status: 'active' }),
    );
  }, 120_000);

  it('the administrator renames a commune, and dissolves one after confirming', async () => {
    const RENAMED = 'phường Xuất Hóa';
    await web.walkAs('admin', '/don-vi-hanh-chinh?tinh=06', 'doi-ten-giai-the', async (page) => {
      await expectText(page, 'Đơn vị hành chính — Tỉnh Bắc Kạn');
      await page.getByRole('button', { name: 'Đổi tên xã Xuất Hóa' }).click();
      const rename = page.getByRole('dialog', { name: 'Đổi tên xã Xuất Hóa (mã 01846)' });
      await rename.getByLabel('Tên mới').fill(RENAMED);
      // The dates first: a date's open calendar would take the button's click to close.
      await rename.getByLabel('Ngày có hiệu lực').fill('01/01/2026');
      await rename.getByLabel('Ngày ban hành').fill('15/12/2025');
      // TEST DATA: a made-up resolution.
      await rename.getByLabel('Số văn bản').fill('9998/NQ-UBTVQH15');
      await screen(page, 'territory-8-doi-ten', axe);
      await rename.getByRole('button', { name: 'Ghi đổi tên' }).click();
      await expectText(page, 'Đã ghi việc đổi tên xã Xuất Hóa');
      await rename.waitFor({ state: 'detached' });
      await row(page, RENAMED).getByText('01846').waitFor();

      await row(page, ADDED.name)
        .getByRole('button', { name: `Giải thể ${ADDED.name}` })
        .click();
      const dissolve = page.getByRole('dialog', { name: `Giải thể ${ADDED.name} (mã ${ADDED.code})` });
      await dissolve.getByLabel('Ngày có hiệu lực').fill('01/01/2026');
      await dissolve.getByLabel('Ngày ban hành').fill('15/12/2025');
      await dissolve.getByLabel('Số văn bản').fill('9997/NQ-UBTVQH15');
      // Not confirmed yet: nothing is sent.
      await dissolve.getByRole('button', { name: 'Giải thể' }).click();
      await dissolve.getByText('Đánh dấu xác nhận trước khi giải thể').waitFor();
      await screen(page, 'territory-9-giai-the-xac-nhan', axe);
      expect((await heldUnit(ADDED.code))?.status).toBe('active');
      await dissolve.getByLabel(`Tôi xác nhận giải thể ${ADDED.name} theo văn bản trên`).check();
      await dissolve.getByRole('button', { name: 'Giải thể' }).click();
      await expectText(page, `Đã ghi việc giải thể ${ADDED.name}`);
      await row(page, ADDED.name).getByText('Đã giải thể').waitFor();
      await row(page, ADDED.name).getByText('9997/NQ-UBTVQH15 ngày 15/12/2025').waitFor();
      // A dissolved unit has nothing more to change.
      expect(await row(page, ADDED.name).getByRole('button').count()).toBe(0);
      await screen(page, 'territory-10-da-giai-the', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
    expect(await heldUnit('01846')).toEqual(expect.objectContaining({ name: RENAMED, status: 'active' }));
    expect(await heldUnit(ADDED.code)).toEqual(
      expect.objectContaining({
        status: 'dissolved',
        since: '2026-01-01',
        basis: expect.objectContaining({ number: '9997/NQ-UBTVQH15', issuedOn: '2025-12-15' }),
      }),
    );
  }, 120_000);

  it('the administrator adds a unit; a code already used is refused by its field', async () => {
    await web.walkAs('admin', '/don-vi-hanh-chinh?tinh=06', 'them-don-vi', async (page) => {
      await expectText(page, 'Đơn vị hành chính — Tỉnh Bắc Kạn');
      const form = page.locator('form#register');
      await chooseOption(page, form.getByRole('combobox', { name: 'Cấp' }), 'Xã, phường, đặc khu');
      // Xuất Hóa's code: the server refuses, naming whose it is.
      await form.getByLabel('Ngày có hiệu lực').fill('01/01/2026');
      await form.getByLabel('Ngày ban hành').fill('15/12/2025');
      await form.getByLabel('Số văn bản').fill('9996/NQ-UBTVQH15');
      await form.getByLabel('Mã đơn vị').fill('01846');
      await form.getByLabel('Tên đơn vị').fill('xã Thử Nghiệm Hai');
      await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
      await page
        .getByRole('alert')
        .getByText(/^Mã đơn vị: mã 01846 đã dùng cho/)
        .waitFor();
      await screen(page, 'territory-11-them-ma-da-dung', axe);
      await form.getByLabel('Mã đơn vị').fill('01855');
      await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
      await expectText(page, 'Đã thêm đơn vị vào danh mục');
      await row(page, 'xã Thử Nghiệm Hai').getByText('Đang hoạt động').waitFor();
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
    expect(await heldUnit('01855')).toEqual(
      expect.objectContaining({ name: 'xã Thử Nghiệm Hai', status: 'active', since: '2026-01-01' }),
    );
  }, 120_000);

  it('the administrator renames a village and dissolves another; the renamed commune shows its former name', async () => {
    const [renamed, dissolved] = VILLAGES;
    const NEW_NAME = 'tổ dân phố Bản Cạu';
    const COMMUNE = 'phường Xuất Hóa';
    await web.walkAs('admin', '/don-vi-hanh-chinh?tinh=06', 'thon', async (page) => {
      await expectText(page, 'Đơn vị hành chính — Tỉnh Bắc Kạn');
      await row(page, COMMUNE)
        .getByText('Tên cũ: xã Xuất Hóa (đến ngày 01/01/2026, theo 9998/NQ-UBTVQH15 ngày 15/12/2025)')
        .waitFor();
      await page.getByRole('button', { name: `Thôn, tổ dân phố của ${COMMUNE}` }).click();
      const villages = page.getByRole('region', { name: `Thôn, tổ dân phố của ${COMMUNE}` });
      await villages
        .getByRole('row', { name: new RegExp(dissolved.name) })
        .getByText('Đang hoạt động')
        .waitFor();
      await screen(page, 'territory-12-thon', axe);

      await villages.getByRole('button', { name: `Đổi tên ${renamed.name}` }).click();
      const rename = page.getByRole('dialog', { name: `Đổi tên ${renamed.name} (mã ${renamed.code})` });
      await rename.getByLabel('Tên mới').fill(NEW_NAME);
      await rename.getByLabel('Ngày có hiệu lực').fill('01/02/2026');
      await rename.getByLabel('Ngày ban hành').fill('20/01/2026');
      // TEST DATA: a made-up decision.
      await rename.getByLabel('Số văn bản').fill('15/NQ-HĐND');
      await rename.getByRole('button', { name: 'Ghi đổi tên' }).click();
      await expectText(page, `Đã ghi việc đổi tên ${renamed.name}`);
      await villages
        .getByRole('row', { name: new RegExp(NEW_NAME) })
        .getByText('Tên cũ: thôn Bản Cạu (đến ngày 01/02/2026, theo 15/NQ-HĐND ngày 20/01/2026)')
        .waitFor();

      await villages.getByRole('button', { name: `Giải thể ${dissolved.name}` }).click();
      const dissolve = page.getByRole('dialog', {
        name: `Giải thể ${dissolved.name} (mã ${dissolved.code})`,
      });
      await dissolve.getByLabel('Ngày có hiệu lực').fill('01/02/2026');
      await dissolve.getByLabel('Ngày ban hành').fill('20/01/2026');
      await dissolve.getByLabel('Số văn bản').fill('16/NQ-HĐND');
      // Not confirmed yet: nothing is sent.
      await dissolve.getByRole('button', { name: 'Giải thể' }).click();
      await dissolve.getByText('Đánh dấu xác nhận trước khi giải thể').waitFor();
      await dissolve.getByLabel(`Tôi xác nhận giải thể ${dissolved.name} theo văn bản trên`).check();
      await dissolve.getByRole('button', { name: 'Giải thể' }).click();
      await expectText(page, `Đã ghi việc giải thể ${dissolved.name}`);
      const gone = villages.getByRole('row', { name: new RegExp(dissolved.name) });
      await gone.getByText('Đã giải thể').waitFor();
      await gone.getByText('16/NQ-HĐND ngày 20/01/2026').waitFor();
      expect(await gone.getByRole('button').count()).toBe(0);
      await screen(page, 'territory-13-thon-da-doi', axe);

      // The status filter holds inside the opened commune too: its dissolved village goes, and comes back.
      await page.getByRole('radio', { name: 'Đang hoạt động' }).check();
      await gone.waitFor({ state: 'detached' });
      await villages.getByRole('row', { name: new RegExp(NEW_NAME) }).waitFor();
      await screen(page, 'territory-14-thon-dang-hoat-dong', axe);
      await page.getByRole('radio', { name: 'Tất cả' }).check();
      await gone.getByText('Đã giải thể').waitFor();
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);

    const admin = await web.t.token('admin', {});
    const res = await web.t.http.get('/api/v1/admin/units/06').set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.villages).toEqual([
      expect.objectContaining({
        code: renamed.code,
        name: NEW_NAME,
        communeCode: '01846',
        status: 'active',
        formerNames: [
          {
            name: renamed.name,
            until: '2026-02-01',
            basis: { number: '15/NQ-HĐND', issuedOn: '2026-01-20' },
          },
        ],
      }),
      expect.objectContaining({
        code: dissolved.code,
        status: 'dissolved',
        since: '2026-02-01',
        basis: expect.objectContaining({ number: '16/NQ-HĐND', issuedOn: '2026-01-20' }),
      }),
    ]);
    expect(await heldUnit('01846')).toEqual(
      expect.objectContaining({
        formerNames: [
          {
            name: 'xã Xuất Hóa',
            until: '2026-01-01',
            basis: { number: '9998/NQ-UBTVQH15', issuedOn: '2025-12-15' },
          },
        ],
      }),
    );
  }, 120_000);

  it('the administrator records a merger that keeps a commune under a new name; its old name shows as a former name', async () => {
    // TEST DATA: the new name and the resolution are made up.
    const NEW_NAME = 'phường Xuất Hóa Thử Nghiệm';
    const FORMER =
      'Tên cũ: xã Xuất Hóa (đến ngày 01/01/2026, theo 9998/NQ-UBTVQH15 ngày 15/12/2025); ' +
      'phường Xuất Hóa (đến ngày 01/03/2026, theo 9995/NQ-UBTVQH15 ngày 20/02/2026)';
    await web.walkAs('admin', '/don-vi-hanh-chinh?tinh=06', 'sap-xep-doi-ten', async (page) => {
      await expectText(page, 'Đơn vị hành chính — Tỉnh Bắc Kạn');
      const merger = page.locator('form#merger');
      const communes = merger.getByRole('combobox', { name: 'Các xã được sắp xếp' });
      await chooseOption(page, communes, 'phường Xuất Hóa (mã 01846)');
      await chooseOption(page, communes, 'xã Thử Nghiệm Hai (mã 01855)');
      // The dates first: a date's open calendar would take the button's click to close.
      await merger.getByLabel('Ngày có hiệu lực').fill('01/03/2026');
      await merger.getByLabel('Ngày ban hành').fill('20/02/2026');
      await merger.getByLabel('Mã xã mới').fill('01846');
      await merger.getByLabel('Tên xã mới').fill(NEW_NAME);
      await merger.getByLabel('Số nghị quyết, quyết định sắp xếp').fill('9995/NQ-UBTVQH15');
      await page.getByRole('button', { name: 'Ghi sắp xếp' }).click();
      await expectText(page, 'Đã ghi việc sắp xếp xã');
      await page.getByText(FORMER).waitFor();
      await screen(page, 'territory-15-sap-xep-ten-moi', axe);
    });
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
    expect(await heldUnit('01846')).toEqual(
      expect.objectContaining({
        name: NEW_NAME,
        formerNames: [
          expect.objectContaining({ name: 'xã Xuất Hóa', until: '2026-01-01' }),
          {
            name: 'phường Xuất Hóa',
            until: '2026-03-01',
            basis: { number: '9995/NQ-UBTVQH15', issuedOn: '2026-02-20' },
          },
        ],
      }),
    );
  }, 120_000);
});
