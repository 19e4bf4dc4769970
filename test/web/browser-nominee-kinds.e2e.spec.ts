import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { demoEmulationBoard, demoEmulationMembers } from '../../apps/cli/src/demo-data';
import { movement } from '../../libs/commendation/src/testing/fixtures';
import { appointDemoCouncil, BASE, EmulationDriver, PROVINCE } from '../commendation/emulation-driver';
import {
  chooseOption,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { eventually } from '../support/eventually';
import {
  actionsNotApart,
  cutShort,
  headerReadsBadly,
  jammed,
  labelsShown,
  pastTheScreen,
  PHONE,
  TABLET,
  wordsOneALine,
  wrapped,
} from '../support/phone';
import { registerBacKan } from '../support/units';

/*
 * A proposer of the province office nominates those who are not on the movement's list of communes: a person (the
 * chairman of xã Nông Thượng) and a collective (a cooperative). Each time the kind, the name (for the person, the
 * position and unit) and an award type among those the role proposes for that kind; the conditions checked before
 * sending; both then in the movement's nominations, under ids made from their names. The person nominated again,
 * picked from the record by a name typed without diacritics, under the id they hold. Then the same screens and the
 * emulation lists on a phone 390 px wide: each list's rows stacked, no text set one word a line; the secretary's
 * prior-award form, each award's name whole; the cooperative's nomination in review as the secretary, a member and
 * the proposer read it, each vote figure on one line; the secretary's and the chairman's screens with their forms;
 * the chairman's council form, each member a group, no button against the next field; the nomination approved, with
 * the chairman's decision form and the secretary's escalation and withdrawal; the award types, each 'Sửa quy định'
 * on a line of its own, and the secretary's dialogs on a movement's quotas and an award type's conditions, each
 * award already given whole; the registry's request for review (sent) and revocation.
 * Givens over HTTP: the demo's council, the movement and, for the phone, a prior award, a review, its votes and
 * conclusion. Screenshots in test-artifacts/screens/<run> (the review, the prior-award form, the council form, the
 * approved nomination, the award types and their dialogs also at 1280 px), axe-core on each.
 */

const MOVEMENT_PAGE = `/thi-dua/phong-trao/${movement.id}`;
const CHAIRMAN_AWARD = 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh';
const FLAG = 'Cờ thi đua của Ủy ban nhân dân tỉnh';
const PERSON = 'Hà Văn Đức';
// Two posts held at once, written with a comma as usual: the position is not cut there.
const POSITION = 'Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân xã';
const UNIT = 'xã Nông Thượng';
const COOPERATIVE = 'Hợp tác xã Nông nghiệp Nông Thượng';
/** A card of a screen, by its heading. */
const card = (page: Page, heading: string) =>
  page.locator('.ant-card', { has: page.getByRole('heading', { name: heading, exact: true }) });
/** The result of "Kiểm tra điều kiện" in the dialog. */
const resultIn = (dialog: Locator) => dialog.getByRole('region', { name: 'Kết quả kiểm tra điều kiện' });
/** Clicks "Kiểm tra điều kiện"; once the result gives `verdict`, each condition as a line of text. */
const checkConditions = async (dialog: Locator, verdict: 'Đủ điều kiện' | 'Chưa đủ điều kiện') => {
  await dialog.getByRole('button', { name: 'Kiểm tra điều kiện' }).click();
  await resultIn(dialog).getByText(verdict, { exact: true }).waitFor();
  return resultIn(dialog).getByRole('listitem').allInnerTexts();
};
/** The achievement's summary, then "Gửi đề nghị": the nomination's page opens. */
const send = async (page: Page, dialog: Locator, summary: string) => {
  await dialog.getByLabel('Tóm tắt thành tích').fill(summary);
  await dialog.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await page.waitForURL(/\/thi-dua\/de-nghi\/[0-9a-f-]{36}$/);
};
/**
 * How the open dialog holding `form` reads on a phone: whether it reaches past the screen, its fields and buttons
 * past it, the chosen options cut short, the buttons against the next field; null when it reads well.
 */
const dialogReadsBadly = async (page: Page, form: string) => {
  const dialog = page.getByRole('dialog');
  const box = (await dialog.boundingBox())!;
  const shown = {
    outside: box.x < 0 || box.x + box.width > PHONE.width,
    past: await pastTheScreen(dialog),
    cut: await cutShort(page, '.ant-modal :is(.ant-select-content, .ant-select-selection-item-content)'),
    jammed: await jammed(page, form),
  };
  return shown.outside || [shown.past, shown.cut, shown.jammed].some((l) => l.length) ? shown : null;
};
/** The options an open list offers. */
const optionsOf = async (page: Page, box: Locator) => {
  await box.click();
  // The list at rest, not sliding open or shut: read while the list closed just before could still be sliding away,
  // the options came back empty now and then (two runs in four on a quiet machine).
  const options = page.locator(
    '.ant-select-dropdown:visible:not([class*="-slide-up-"]) .ant-select-item-option',
  );
  await options.first().waitFor();
  const shown = await options.allInnerTexts();
  await page.keyboard.press('Escape');
  return shown;
};

describe('nominating a collective or a person in the browser (chromium)', () => {
  let web: WebApp;
  let e: EmulationDriver;
  let chairman = '';
  let secretary = '';
  const axe: Record<string, AxeViolation[]> = {};
  /** The movement's nominations as the read side holds them. */
  const listed = async () =>
    (await e.ok('get', `${BASE}/nominations?movementId=${movement.id}`, chairman)) as {
      id: string;
      nominee: { kind: string; id?: string; name: string; position?: string; unit?: string };
    }[];
  /** A fresh browser reads what the read side holds: waits until it holds `count` nominations. */
  const readSideHolds = (count: number) =>
    eventually(async () => (await listed()).length === count, `${count} nominations in the read side`);

  beforeAll(async () => {
    web = await startWebApp('web_browser_nominee_kinds');
    const { t } = web;
    await registerBacKan(t, await t.token('admin', {}));
    e = new EmulationDriver(t);
    ({ chairman, secretary } = await appointDemoCouncil(t));
    const { position } = await e.ok('post', `${BASE}/movements`, secretary, movement);
    // The screens read the read side: wait until it holds the movement.
    await e.ok('get', `${BASE}?minPosition=${position as string}`, secretary);
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-nominee-kinds.json'), JSON.stringify(axe, null, 2));
  });

  it('the province office nominates a person: position and unit, the conditions checked, then sent', async () => {
    await web.walkAs('province-officer', MOVEMENT_PAGE, 'nominate-person', async (page) => {
      await expectText(page, 'Chưa có đề nghị nào.');
      await page.getByRole('button', { name: 'Đề nghị khen thưởng tập thể, cá nhân' }).click();
      const dialog = page.getByRole('dialog', { name: 'Đề nghị khen thưởng tập thể, cá nhân' });
      const awardType = dialog.getByRole('combobox', { name: 'Hình thức khen thưởng' });
      // A collective first: both provincial awards the office proposes apply to it.
      expect(await optionsOf(page, awardType)).toEqual([CHAIRMAN_AWARD, FLAG]);
      await dialog.getByRole('radio', { name: 'Cá nhân' }).check();
      // The Flag goes to collectives only: a person is offered the Bằng khen alone.
      expect(await optionsOf(page, awardType)).toEqual([CHAIRMAN_AWARD]);
      // No name, no check: the field says what is missing.
      await dialog.getByRole('button', { name: 'Kiểm tra điều kiện' }).click();
      await dialog.getByText('Nhập họ và tên').waitFor();

      await dialog.getByLabel('Họ và tên').fill(PERSON);
      await dialog.getByLabel('Chức vụ').fill(POSITION);
      await dialog.getByLabel('Đơn vị công tác').fill(UNIT);
      expect(await checkConditions(dialog, 'Đủ điều kiện')).toEqual([
        `Đạt Đối tượng: xã, tập thể, cá nhân: ${PERSON} là cá nhân`,
        'Không áp dụng Đang giữ danh hiệu xã đạt chuẩn nông thôn mới: Không áp dụng cho cá nhân',
      ]);
      await resultIn(dialog).getByText(`${CHAIRMAN_AWARD} năm 2025:`).waitFor();
      await screen(page, 'nominee-kinds-1-person', axe);
      await send(page, dialog, 'Lãnh đạo xã hoàn thành 19/19 tiêu chí xã nông thôn mới giai đoạn 2021-2025');
      await expectText(page, 'Chờ Hội đồng xét');
      await expectText(page, PERSON);
      // The nomination's page names the position and the unit, each on its line.
      const details = page.locator('.ant-descriptions');
      expect(await details.locator('th', { hasText: 'Chức vụ' }).locator('+ td').innerText()).toBe(POSITION);
      expect(await details.locator('th', { hasText: 'Đơn vị công tác' }).locator('+ td').innerText()).toBe(
        UNIT,
      );
      // A person's nomination draws no evidence from a dossier: the page says so rather than showing an empty list.
      await expectText(page, 'Không có minh chứng nào từ hồ sơ.');
      await screen(page, 'nominee-kinds-2-person-sent', axe);
    });
  });

  it('nominates a cooperative: a condition the Flag needs is not met, the Bằng khen’s are; both then listed', async () => {
    await readSideHolds(1);
    await web.walkAs('province-officer', MOVEMENT_PAGE, 'nominate-collective', async (page) => {
      await page.getByRole('link', { name: PERSON }).waitFor();
      await page.getByRole('button', { name: 'Đề nghị khen thưởng tập thể, cá nhân' }).click();
      const dialog = page.getByRole('dialog', { name: 'Đề nghị khen thưởng tập thể, cá nhân' });
      expect(await dialog.getByRole('radio', { name: 'Tập thể' }).isChecked()).toBe(true);
      await dialog.getByLabel('Tên tập thể').fill(COOPERATIVE);
      const awardType = dialog.getByRole('combobox', { name: 'Hình thức khen thưởng' });
      await chooseOption(page, awardType, FLAG);
      expect(await checkConditions(dialog, 'Chưa đủ điều kiện')).toEqual([
        `Đạt Đối tượng: xã, tập thể: ${COOPERATIVE} là tập thể`,
        `Chưa đạt Dẫn đầu cụm, khối thi đua trong năm: Chưa có kết quả chấm điểm, xếp hạng cụm, khối thi đua năm 2025 của ${COOPERATIVE}`,
      ]);
      await screen(page, 'nominee-kinds-3-collective-check', axe);
      // Another award type: the result for the Flag goes; the Bằng khen's conditions are met.
      await chooseOption(page, awardType, CHAIRMAN_AWARD);
      await resultIn(dialog).waitFor({ state: 'detached' });
      expect(await checkConditions(dialog, 'Đủ điều kiện')).toEqual([
        `Đạt Đối tượng: xã, tập thể, cá nhân: ${COOPERATIVE} là tập thể`,
        'Không áp dụng Đang giữ danh hiệu xã đạt chuẩn nông thôn mới: Không áp dụng cho tập thể',
      ]);
      await send(
        page,
        dialog,
        'Liên kết sản xuất, tiêu thụ sản phẩm OCOP, góp phần nâng thu nhập người dân xã',
      );
      await expectText(page, COOPERATIVE);

      // Back on the movement: both nominations listed, the person with the position and unit given.
      await page.getByRole('link', { name: `← ${movement.name}` }).click();
      const rows = page
        .locator('.ant-card', { hasText: 'Đề nghị khen thưởng của phong trào' })
        .locator('tbody tr.ant-table-row');
      await page.getByRole('link', { name: COOPERATIVE }).waitFor();
      const shown = await Promise.all((await rows.all()).map((r) => r.locator('td').allInnerTexts()));
      expect(shown.map((cells) => cells.map((c) => c.replace(/\s*\n\s*/g, ' / ')))).toEqual(
        expect.arrayContaining([
          [`${PERSON} / ${POSITION}, ${UNIT}`, CHAIRMAN_AWARD, '2025', 'Chờ Hội đồng xét'],
          [COOPERATIVE, CHAIRMAN_AWARD, '2025', 'Chờ Hội đồng xét'],
        ]),
      );
      expect(shown).toHaveLength(2);
      // Each quota says how its size comes from its base: a share of a count, named, and the rounding.
      const bases = await page
        .locator('.ant-card', { hasText: 'Chỉ tiêu đề nghị' })
        .locator('tbody tr.ant-table-row td:nth-child(2)')
        .allInnerTexts();
      expect(bases.length).toBeGreaterThan(0);
      for (const basis of bases) expect(basis).toMatch(/^\d+\/\d+ × \d+ \S.*, làm tròn (xuống|lên)$/);
      await screen(page, 'nominee-kinds-4-listed', axe);
    });

    // Nobody typed an id: the browser made each from the name, with a suffix of its own.
    const byName = Object.fromEntries((await listed()).map((n) => [n.nominee.name, n.nominee]));
    expect(byName[PERSON]).toEqual({
      kind: 'individual',
      provinceCode: PROVINCE,
      id: expect.stringMatching(/^ha-van-duc-[a-z0-9]{6}$/),
      name: PERSON,
      position: POSITION,
      unit: UNIT,
    });
    expect(byName[COOPERATIVE]).toEqual({
      kind: 'collective',
      provinceCode: PROVINCE,
      id: expect.stringMatching(/^hop-tac-xa-nong-nghiep-nong-thuong-[a-z0-9]{6}$/),
      name: COOPERATIVE,
    });
  });

  it('nominates the same person again by picking them from the record: the second nomination keeps their id', async () => {
    await readSideHolds(2);
    await web.walkAs('province-officer', MOVEMENT_PAGE, 'nominate-again', async (page) => {
      await page.getByRole('button', { name: 'Đề nghị khen thưởng tập thể, cá nhân' }).click();
      const dialog = page.getByRole('dialog', { name: 'Đề nghị khen thưởng tập thể, cá nhân' });
      // Typed without diacritics, as on a keyboard without a Vietnamese input method; chosen with the keyboard.
      await dialog
        .getByRole('combobox', { name: 'Chọn trong sổ khen thưởng (nếu đã có)' })
        .fill('ha van duc');
      const found = `${PERSON} - ${POSITION}, ${UNIT} - cá nhân: 1 đề nghị, 0 khen thưởng`;
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${found}"]`).waitFor();
      await page.keyboard.press('Enter');
      await eventually(
        async () => (await dialog.getByLabel('Họ và tên').inputValue()) === PERSON,
        'the name filled from the record',
      );
      expect(await dialog.getByRole('radio', { name: 'Cá nhân' }).isChecked()).toBe(true);
      expect(await dialog.getByLabel('Chức vụ').inputValue()).toBe(POSITION);
      expect(await dialog.getByLabel('Đơn vị công tác').inputValue()).toBe(UNIT);
      // Another achievement of the movement: one achievement is not commended twice.
      await chooseOption(page, dialog.getByRole('combobox', { name: 'Loại thành tích' }), 'Thành tích khác');
      await screen(page, 'nominee-kinds-5-picked-from-record', axe);
      await send(page, dialog, 'Chỉ đạo xây dựng mô hình thôn thông minh đầu tiên của tỉnh');
      await expectText(page, PERSON);
    });

    // Both nominations of the person name one recipient: the record of the first counts for the second.
    await readSideHolds(3);
    const ids = (await listed()).filter((n) => n.nominee.name === PERSON).map((n) => n.nominee.id);
    expect(ids[0]).toMatch(/^ha-van-duc-[a-z0-9]{6}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('the board’s secretary records a person’s prior award with position and unit; the lists name them so', async () => {
    const line = `Nông Văn Chiến, ${POSITION}, xã Dương Quang`;
    await web.walkAs('emulation-board', '/thi-dua/khen-thuong-da-co', 'prior-person', async (page) => {
      await page.getByRole('radio', { name: 'Cá nhân' }).check();
      await page.getByLabel('Tên tập thể, cá nhân').fill('Nông Văn Chiến');
      await page.getByLabel('Chức vụ').fill(POSITION);
      await page.getByLabel('Đơn vị công tác').fill('xã Dương Quang');
      await chooseOption(page, page.getByRole('combobox', { name: 'Hình thức khen thưởng' }), CHAIRMAN_AWARD);
      await page.getByLabel('Năm khen thưởng').fill('2023');
      await page.getByLabel('Số quyết định').fill('950/QĐ-UBND');
      // A date field asks for a day, not "a moment" (Ant Design's own wording).
      expect(await page.getByLabel('Ngày ký').getAttribute('placeholder')).toBe('Chọn ngày');
      await page.getByLabel('Ngày ký').fill('20/11/2023');
      await page.getByLabel('Ngày ký').press('Enter');
      // The list names the person with the position and the unit, as a decision prints them.
      await page.getByRole('row', { name: new RegExp(line) }).waitFor();
      await screen(page, 'nominee-kinds-5a-prior-person', axe);
      // The registry's choice of recipient tells the person apart the same way.
      await page.goto(`${web.base}/thi-dua/so-khen-thuong`);
      const recipient = page.getByRole('combobox', { name: 'Đơn vị' });
      await recipient.click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${line}"]`).waitFor();
      await page.keyboard.press('Escape');
    });
    const awards = (await e.ok('get', `${BASE}/awards`, chairman)) as { recipient: object }[];
    expect(awards.map((a) => a.recipient)).toContainEqual({
      kind: 'individual',
      provinceCode: PROVINCE,
      id: 'nong-van-chien',
      name: 'Nông Văn Chiến',
      position: POSITION,
      unit: 'xã Dương Quang',
    });
  });

  it('on a phone: the movement page, the nomination form and the office’s other lists fit the screen, nothing to scroll sideways, each list’s rows stacked', async () => {
    // A prior award of a commune: a row in the prior awards, the registry's tallies and its communes.
    const { position } = await e.ok('post', `${BASE}/prior-awards`, secretary, {
      awardId: 'phone-2024-duong-quang',
      recipient: { kind: 'commune', communeCode: '01840', districtCode: '058', name: 'xã Dương Quang' },
      awardTypeId: 'bang-khen-chu-tich-tinh',
      year: 2024,
      decisionNumber: '1800/QĐ-UBND',
      decidedOn: '2024-12-10',
    });
    await e.ok('get', `${BASE}?minPosition=${position as string}`, secretary);
    await web.walkAs('province-officer', MOVEMENT_PAGE, 'phone', async (page) => {
      await page.setViewportSize(PHONE);
      await page.getByRole('button', { name: 'Đề nghị khen thưởng tập thể, cá nhân' }).waitFor();
      // Loaded: the quotas and the nominations listed, nothing still loading (no commune is a candidate here).
      for (const heading of ['Chỉ tiêu đề nghị', 'Đề nghị khen thưởng của phong trào'])
        await card(page, heading).locator('tbody tr.ant-table-row').first().waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      const pageWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');
      expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
      // Each row a block, each cell under its column's name; no text set one word a line.
      expect(await labelsShown(page, 'Đề nghị khen thưởng của phong trào')).toEqual(
        Array(3).fill(['Tập thể, cá nhân được đề nghị', 'Hình thức', 'Năm', 'Trạng thái']),
      );
      expect((await labelsShown(page, 'Chỉ tiêu đề nghị'))[0]).toEqual([
        'Hình thức',
        'Cơ sở tính',
        'Số được đề nghị',
        'Đã dùng',
        'Nguồn',
      ]);
      expect(await wordsOneALine(page)).toEqual([]);
      await screen(page, 'nominee-kinds-6-phone-movement', axe);
      await page.getByRole('button', { name: 'Đề nghị khen thưởng tập thể, cá nhân' }).click();
      const dialog = page.getByRole('dialog', { name: 'Đề nghị khen thưởng tập thể, cá nhân' });
      await dialog.getByLabel('Họ và tên').or(dialog.getByLabel('Tên tập thể')).first().waitFor();
      const box = await dialog.boundingBox();
      expect([box!.x >= 0, box!.x + box!.width <= PHONE.width]).toEqual([true, true]);
      // No field of the form wider than the dialog.
      expect(await pastTheScreen(dialog)).toEqual([]);
      await screen(page, 'nominee-kinds-7-phone-form', axe);
      // The province office's other lists, on the same phone (each was wider than the screen before, the emulation
      // lists' text then set one word a line): none wider, no text so set; the emulation lists' screens.
      const badly: Record<string, unknown> = {};
      for (const [path, name] of [
        ['/thi-dua', 'nominee-kinds-8-phone-home'],
        ['/thi-dua/hinh-thuc-khen-thuong', 'nominee-kinds-9-phone-award-types'],
        ['/thi-dua/khen-thuong-da-co', 'nominee-kinds-10-phone-prior-awards'],
        ['/thi-dua/so-khen-thuong', 'nominee-kinds-11-phone-registry'],
        ['/thi-dua/quyet-dinh', 'nominee-kinds-12-phone-decisions'],
        ['/bao-cao'],
        ['/viec-cho-toi'],
        ['/don-vi-hanh-chinh'],
      ]) {
        await page.goto(`${web.base}${path}`);
        // Each is a list: loaded once its table shows and nothing on the page is still loading.
        await page.locator('.ant-table-wrapper, .figure-table').first().waitFor();
        await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
        const width = await pageWidth();
        const oneWordALine = name ? await wordsOneALine(page) : [];
        if (width > PHONE.width || oneWordALine.length > 0) badly[path] = { width, oneWordALine };
        if (name) await screen(page, name, axe);
      }
      expect(badly).toEqual({});
    });
  });

  it('on a phone: the secretary’s prior-award form with each award’s name whole; the nomination in review as the secretary, a member and the proposer read it, each vote figure on one line', async () => {
    await web.walkAs('emulation-board', '/thi-dua/khen-thuong-da-co', 'phone-prior-form', async (page) => {
      await page.setViewportSize(PHONE);
      const awardType = page.getByRole('combobox', { name: 'Hình thức khen thưởng' });
      await awardType.click();
      const options = page.locator(
        '.ant-select-dropdown:visible:not([class*="-slide-up-"]) .ant-select-item-option-content',
      );
      await options.first().waitFor();
      // Each award's name whole in the list, none cut short with "…", the list within the screen.
      expect(await options.count()).toBeGreaterThanOrEqual(4);
      expect(await cutShort(page, '.ant-select-dropdown .ant-select-item-option-content')).toEqual([]);
      const list = (await page.locator('.ant-select-dropdown:visible').boundingBox())!;
      expect([list.x >= 0, list.x + list.width <= PHONE.width]).toEqual([true, true]);
      await screen(page, 'nominee-kinds-13-phone-prior-award-types', axe);
      // The chosen one whole in the closed field too.
      await options.filter({ hasText: CHAIRMAN_AWARD }).click();
      await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
      expect(await cutShort(page, '.ant-form-item .ant-select-content')).toEqual([]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      await screen(page, 'nominee-kinds-14-phone-prior-form', axe);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({
        path: join(SCREENS, 'nominee-kinds-14-prior-form-desktop.png'),
        fullPage: true,
      });
    });
    // The cooperative's nomination in review, the whole council present; one member has voted.
    const { id } = (await listed()).find((n) => n.nominee.name === COOPERATIVE)!;
    await e.ok('post', `/api/v1/emulation/nominations/${id}/review`, secretary, {
      present: demoEmulationBoard.members.map((m) => m.id),
      meetingOn: '2025-12-19',
    });
    const [member1] = demoEmulationMembers;
    const { position } = await e.ok(
      'post',
      `/api/v1/emulation/nominations/${id}/review/votes`,
      await web.t.token('emulation_member', member1),
      { ballot: 'for' },
    );
    await e.ok('get', `${BASE}?minPosition=${position as string}`, secretary);
    const figures = '[aria-label="Kết quả kiểm phiếu"] .ant-descriptions-row';
    for (const [user, name, shown] of [
      ['emulation-board', 'nominee-kinds-15-phone-review-secretary', 'Kết luận phiên xét'],
      ['emulation-member-2', 'nominee-kinds-16-phone-review-member', 'Tán thành'],
      ['province-officer', 'nominee-kinds-17-phone-review-proposer', 'Số phiếu đến lúc này'],
    ])
      await web.walkAs(user, `/thi-dua/de-nghi/${id}`, name, async (page) => {
        await page.setViewportSize(PHONE);
        await page
          .getByRole('button', { name: shown, exact: true })
          .or(page.getByRole('heading', { name: shown, exact: true }))
          .waitFor();
        // Each figure, label and count, on one line (not the label over the count); no text a word a line.
        expect(await wrapped(page, figures)).toEqual([]);
        // Who is signed in whole (a member's role, the longest, was cut with "…"), apart from the bell and "Đăng xuất".
        expect({ user, header: await headerReadsBadly(page) }).toEqual({ user, header: null });
        expect(await wordsOneALine(page)).toEqual([]);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
          PHONE.width,
        );
        await screen(page, name, axe);
        // On a tablet too, where no pointer rests on the name to show it whole: nothing in the header cut short.
        await page.setViewportSize(TABLET);
        expect({ user, cut: await cutShort(page, '.app-header *') }).toEqual({ user, cut: [] });
        // The same figures on a desktop, three to a row as before (kept to look at).
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: join(SCREENS, `${name}-desktop.png`), fullPage: true });
      });
  });

  it('on a phone: the secretary’s and the chairman’s emulation screens, with their forms, fit the screen and set no text a word a line', async () => {
    // The person's first nomination, not yet in review: the secretary's return and review forms under it.
    const { id } = (await listed()).find((n) => n.nominee.name === PERSON)!;
    const badly: Record<string, unknown> = {};
    for (const [user, screens] of [
      [
        'emulation-board',
        [
          ['/thi-dua', 'nominee-kinds-18-phone-secretary-home'],
          [MOVEMENT_PAGE, 'nominee-kinds-19-phone-secretary-movement'],
          [`/thi-dua/de-nghi/${id}`, 'nominee-kinds-20-phone-secretary-nomination'],
          ['/thi-dua/hinh-thuc-khen-thuong', 'nominee-kinds-21-phone-secretary-award-types'],
          ['/thi-dua/so-khen-thuong', 'nominee-kinds-22-phone-secretary-registry'],
        ],
      ],
      [
        'chairman',
        [
          ['/thi-dua', 'nominee-kinds-23-phone-chairman-home'],
          ['/thi-dua/so-khen-thuong', 'nominee-kinds-24-phone-chairman-registry'],
        ],
      ],
    ] as const)
      await web.walkAs(user, screens[0][0], `phone-${user}`, async (page) => {
        await page.setViewportSize(PHONE);
        for (const [path, name] of screens) {
          await page.goto(`${web.base}${path}`);
          await page.locator('.ant-card').first().waitFor();
          await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
          // Who is signed in, name and role whole (the role was cut with "…"), apart from the bell and "Đăng xuất".
          if (path === screens[0][0]) {
            const header = await headerReadsBadly(page);
            if (header) badly[`${name}: header`] = header;
          }
          const width = await page.evaluate<number>('document.documentElement.scrollWidth');
          const oneWordALine = await wordsOneALine(page);
          if (width > PHONE.width || oneWordALine.length > 0) badly[name] = { width, oneWordALine };
          await screen(page, name, axe);
        }
      });
    expect(badly).toEqual({});
  });

  it('on a phone: the chairman’s council form sets each member apart, the remove button with the member’s fields, not against the next member’s', async () => {
    await web.walkAs('chairman', '/thi-dua', 'phone-board', async (page) => {
      await page.setViewportSize(PHONE);
      // The council's three members, one row each, and one more added.
      await page.getByLabel('Tài khoản của thành viên 3').waitFor();
      await page.getByRole('button', { name: 'Thêm thành viên' }).click();
      await page.getByLabel('Tài khoản của thành viên 4').waitFor();
      // No button on a line of its own right over the next field (each "Bỏ thành viên N" was, 0 px above the next
      // member's account); each member a group of its own.
      expect(await jammed(page, '#board')).toEqual([]);
      expect(await page.getByRole('group', { name: /^Thành viên \d$/ }).count()).toBe(4);
      expect(await pastTheScreen(page.locator('#board'))).toEqual([]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      await screen(page, 'nominee-kinds-25-phone-board', axe);
      // On a desktop, as before: a member's remove button on the line of the member's fields, level with them.
      await page.setViewportSize({ width: 1280, height: 900 });
      const middle = async (box: Locator) => {
        const b = (await box.boundingBox())!;
        return b.y + b.height / 2;
      };
      const role = page.locator('.ant-form-item', { has: page.getByLabel('Nhiệm vụ của thành viên 1') });
      const apart =
        (await middle(page.getByRole('button', { name: 'Bỏ thành viên 1' }))) -
        (await middle(role.locator('.ant-select')));
      expect(Math.abs(apart)).toBeLessThan(4);
      await page.screenshot({ path: join(SCREENS, 'nominee-kinds-25-board-desktop.png'), fullPage: true });
    });
  });

  it('on a phone: the nomination the council approved, with the chairman’s decision form and the secretary’s escalation and withdrawal forms', async () => {
    // The cooperative's review: the secretary and the other member vote for too, the secretary concludes.
    const { id } = (await listed()).find((n) => n.nominee.name === COOPERATIVE)!;
    const review = `/api/v1/emulation/nominations/${id}/review`;
    await e.ok('post', `${review}/votes`, secretary, { ballot: 'for' });
    await e.ok('post', `${review}/votes`, await web.t.token('emulation_member', demoEmulationMembers[1]), {
      ballot: 'for',
    });
    const { position } = await e.ok('post', `${review}/conclusion`, secretary, {});
    await e.ok('get', `${BASE}?minPosition=${position as string}`, secretary);
    const badly: Record<string, unknown> = {};
    for (const [user, button, forms, name] of [
      ['chairman', 'Ban hành quyết định khen thưởng', ['#decision'], 'nominee-kinds-26-phone-decision'],
      [
        'emulation-board',
        'Đề nghị cấp cao hơn',
        ['#escalation', '#withdrawal'],
        'nominee-kinds-27-phone-escalation',
      ],
    ] as const)
      await web.walkAs(user, `/thi-dua/de-nghi/${id}`, name, async (page) => {
        await page.setViewportSize(PHONE);
        await page.getByRole('button', { name: button, exact: true }).waitFor();
        await expectText(page, 'Hội đồng đã thông qua');
        const shown = {
          width: await page.evaluate<number>('document.documentElement.scrollWidth'),
          oneWordALine: await wordsOneALine(page),
          past: await pastTheScreen(page.locator('form')),
          jammed: (await Promise.all(forms.map((form) => jammed(page, form)))).flat(),
        };
        if (shown.width > PHONE.width || [shown.oneWordALine, shown.past, shown.jammed].some((l) => l.length))
          badly[name] = shown;
        await screen(page, name, axe);
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: join(SCREENS, `${name}-desktop.png`), fullPage: true });
      });
    expect(badly).toEqual({});
  });

  it('on a phone: the secretary’s dialogs changing a movement’s quotas and an award type’s conditions fit the screen, each award’s name whole', async () => {
    await web.walkAs(
      'emulation-board',
      '/thi-dua/hinh-thuc-khen-thuong',
      'phone-award-dialogs',
      async (page) => {
        const badly: Record<string, unknown> = {};
        const desktop = { width: 1280, height: 900 };
        const types = 'Hình thức khen thưởng đang áp dụng';
        const rows = card(page, types).locator('tbody tr.ant-table-row');
        await rows
          .getByRole('button', { name: /^Sửa quy định / })
          .first()
          .waitFor();
        // The list on a desktop first, kept to compare.
        await page.screenshot({
          path: join(SCREENS, 'nominee-kinds-21-award-types-desktop.png'),
          fullPage: true,
        });
        await page.setViewportSize(PHONE);
        // Each award type's "Sửa quy định" on a line of its own under the type's facts, no column name over it (it
        // sat under "Quy định", beside the quota).
        expect(await rows.count()).toBeGreaterThanOrEqual(4);
        const notApart = await actionsNotApart(card(page, types).getByRole('table'));
        if (notApart.length > 0) badly['award types'] = notApart;
        /** The open dialog's screen and how it reads, also on a desktop (kept to compare); then the dialog closed. */
        const check = async (form: string, name: string) => {
          const shown = await dialogReadsBadly(page, form);
          if (shown) badly[name] = shown;
          await screen(page, name, axe);
          await page.setViewportSize(desktop);
          await page.screenshot({ path: join(SCREENS, `${name}-desktop.png`), fullPage: true });
          await page.setViewportSize(PHONE);
          const dialog = page.getByRole('dialog');
          await dialog.getByRole('button', { name: 'Đóng' }).last().click();
          await dialog.waitFor({ state: 'detached' });
        };
        await page.getByRole('button', { name: `Sửa chỉ tiêu ${movement.name}` }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
        await chooseOption(
          page,
          page.getByRole('dialog').getByRole('combobox', { name: 'Hình thức khen thưởng' }),
          CHAIRMAN_AWARD,
        );
        await check('#amend-quotas', 'nominee-kinds-28-phone-quotas-dialog');
        await page.getByRole('button', { name: `Sửa quy định ${CHAIRMAN_AWARD}` }).click();
        // A condition of each kind that has fields of its own, beside the one the award type has.
        const dialog = page.getByRole('dialog');
        for (const kind of ['Đạt danh hiệu nhiều năm liên tục', 'Chưa được khen thưởng ở giai đoạn trước'])
          await dialog.getByRole('button', { name: `Thêm: ${kind}` }).click();
        // Two awards already given: each chosen one whole, on as many lines as it takes (each was cut with "…").
        const given = dialog.getByRole('combobox', { name: 'Các hình thức đã khen' });
        for (const name of [FLAG, CHAIRMAN_AWARD]) await chooseOption(page, given, name);
        await dialog.getByText('Chưa được khen thưởng ở giai đoạn trước', { exact: true }).click();
        await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
        const chosen = dialog
          .locator('.ant-form-item', { has: page.getByRole('combobox', { name: 'Các hình thức đã khen' }) })
          .locator('.ant-select-selection-item-content');
        expect(await chosen.allInnerTexts()).toEqual([FLAG, CHAIRMAN_AWARD]);
        await chosen.last().scrollIntoViewIfNeeded();
        await check('#award-type', 'nominee-kinds-29-phone-conditions-dialog');
        expect(badly).toEqual({});
      },
    );
  });

  it('on a phone: the registry’s dialogs, the secretary’s request for review and the chairman’s revocation, fit the screen', async () => {
    const badly: Record<string, unknown> = {};
    /** The dialog holding `form`, once open: its screen and how it reads. */
    const check = async (page: Page, form: string, name: string) => {
      const dialog = page.getByRole('dialog');
      await dialog.locator(form).waitFor();
      const shown = await dialogReadsBadly(page, form);
      if (shown) badly[name] = shown;
      await screen(page, name, axe);
      return dialog;
    };
    // The secretary asks the council to review the commune's prior award: the chairman then may revoke it.
    await web.walkAs('emulation-board', '/thi-dua/so-khen-thuong', 'phone-flag', async (page) => {
      await page.setViewportSize(PHONE);
      await chooseOption(page, page.getByRole('combobox', { name: 'Đơn vị' }), 'xã Dương Quang');
      const request = page.getByRole('button', { name: `Đề nghị xem xét lại ${CHAIRMAN_AWARD} năm 2024` });
      await request.waitFor();
      // The award's "Đề nghị xem xét lại" on a line of its own, not under the column's name "Xử lý".
      const notApart = await actionsNotApart(card(page, 'Sổ khen thưởng của từng đơn vị').getByRole('table'));
      if (notApart.length > 0) badly['registry of the commune'] = notApart;
      await screen(page, 'nominee-kinds-30-phone-registry-of-commune', axe);
      await request.click();
      const dialog = await check(page, '#flag-award', 'nominee-kinds-30a-phone-flag-dialog');
      await dialog
        .getByLabel('Nội dung phản ánh sai sự thật')
        .fill('Phản ánh của người dân về số liệu thu nhập');
      await dialog.getByRole('button', { name: 'Gửi đề nghị xem xét lại' }).click();
      await dialog.waitFor({ state: 'detached' });
    });
    await web.walkAs('chairman', '/thi-dua/so-khen-thuong', 'phone-revoke', async (page) => {
      await page.setViewportSize(PHONE);
      const revoke = page.getByRole('button', { name: 'Hủy bỏ khen thưởng' });
      await revoke.waitFor();
      // The flagged award's "Hủy bỏ khen thưởng" on a line of its own, not under the column's name "Xử lý".
      const notApart = await actionsNotApart(
        card(page, 'Khen thưởng cần Hội đồng xem xét lại').getByRole('table'),
      );
      if (notApart.length > 0) badly['flagged awards'] = notApart;
      await screen(page, 'nominee-kinds-31-phone-flagged-awards', axe);
      await revoke.click({ timeout: 20_000 });
      await check(page, '#revoke-award', 'nominee-kinds-31a-phone-revoke-dialog');
    });
    expect(badly).toEqual({});
  });

  it('has no serious or critical accessibility violations on any screen', () => {
    expect(Object.keys(axe)).toHaveLength(34);
    expect(Object.fromEntries(Object.entries(axe).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
