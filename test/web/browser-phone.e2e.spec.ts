import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENS, screen, startWebApp, type AxeViolation, type WebApp } from '../support/browser';
import { DossierDriver, duongQuang, openDossier2026, tokensFor } from '../support/dossier-driver';
import { actionsNotApart, cutShort, headerReadsBadly, PHONE, TABLET, wordsOneALine } from '../support/phone';
import { registerBacKan } from '../support/units';

/*
 * The commune’s work on a phone 390 px wide (PHONE, test/support/phone.ts): nothing goes past the screen's edge, so the
 * page never scrolls sideways. The commune officer of xã Dương Quang on a dossier being prepared (each criterion's
 * answer, value and evidence), with the withdrawal's confirmation open, then the date-and-time picker of the as-of
 * view; the same commune's 2026-2030 dossier, indicator by indicator; the Front officer's list and survey round,
 * whose paper batch two officers entered one figure apart. Givens over HTTP. Screenshots in
 * test-artifacts/screens/<run>, axe-core on each.
 */

const VILLAGES = ['Thôn Nà Pài', 'Thôn Khuổi Mật'];
const HOUSEHOLDS = Array.from({ length: 8 }, (_, i) => [`DQ-000${i + 1}`, VILLAGES[i < 3 ? 0 : 1]]);

/**
 * What goes past the screen's right edge, in the page's words: the page's own width when it is wider, then each
 * element sticking out of a parent that does not (inside a box that scrolls, e.g. a table in its card, it is that
 * box's business; a dialog's scrolling layer is the screen). A string: this file is type-checked without the DOM.
 */
const PAST_THE_EDGE = `(() => {
  const edge = window.innerWidth + 0.5;
  const scrolledWithin = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (!a.classList.contains('ant-modal-wrap') && getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const found = [];
  const page = document.documentElement.scrollWidth;
  if (page > edge) found.push('the page: ' + page + ' px wide');
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= edge || scrolledWithin(el)) continue;
    if (el.parentElement !== document.body && el.parentElement.getBoundingClientRect().right > edge) continue;
    const classes = [...el.classList].filter((c) => !c.startsWith('css-')).slice(0, 3).join('.');
    const text = (el.textContent || '').trim().slice(0, 40);
    found.push(el.tagName.toLowerCase() + (classes ? '.' + classes : '') + ' "' + text + '" to ' + Math.round(box.right) + ' px');
  }
  return found;
})()`;

describe('the commune on a phone in the browser (chromium)', () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};
  let dossierId = '';
  let dossier2026 = '';

  beforeAll(async () => {
    web = await startWebApp('web_browser_phone');
    const { t } = web;
    const admin = await t.token('admin', {});
    await registerBacKan(t, admin);
    const send = async (path: string, token: string, body: object | string, type = 'application/json') => {
      const res = await t.http
        .post(path)
        .set('authorization', `Bearer ${token}`)
        .set('content-type', type)
        .send(body);
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, string>;
    };
    // A 2021-2025 dossier being prepared, and its survey: the register, a paper batch entered twice, one figure apart.
    const d = new DossierDriver(t, await tokensFor(t, duongQuang, []), duongQuang);
    await d.open();
    dossierId = d.id;
    const { surveyId } = await send(`/api/v1/dossiers/${dossierId}/surveys`, d.tokens.front, {
      period: { closesAt: new Date(t.now().getTime() + 14 * 86_400_000).toISOString() },
    });
    await send(
      `/api/v1/surveys/${surveyId}/register`,
      d.tokens.front,
      ['Mã hộ,Thôn', ...HOUSEHOLDS.map((h) => h.join(','))].join('\n'),
      'text/csv; charset=utf-8',
    );
    const survey = await t.http.get(`/api/v1/surveys/${surveyId}`).set('authorization', `Bearer ${admin}`);
    const { overall, criteria } = (
      survey.body as { questions: { overall: { id: string }; criteria: { id: string }[] } }
    ).questions;
    const khuoiMat = HOUSEHOLDS.filter(([, v]) => v === VILLAGES[1]).map(([code]) => code);
    /** Khuổi Mật's five forms, all satisfied but `c17Unanswered` of them on criterion 17. */
    const batch = (c17Unanswered: number) => ({
      batchId: 'khuoi-mat-01',
      village: VILLAGES[1],
      input: {
        mode: 'counts',
        households: khuoiMat,
        counts: [overall, ...criteria].map(({ id }) => {
          const blank = id === 'c17' ? c17Unanswered : 0;
          return { question: id, satisfied: khuoiMat.length - blank, notSatisfied: 0, noAnswer: blank };
        }),
      },
    });
    await send(`/api/v1/surveys/${surveyId}/paper-batches`, d.tokens.front, batch(0));
    const { provinceCode, districtCode, communeCode } = duongQuang;
    const secondOfficer = await t.token('front_officer', { provinceCode, districtCode, communeCode });
    await send(`/api/v1/surveys/${surveyId}/paper-batches`, secondOfficer, batch(1));
    // A 2026-2030 dossier of the same commune, judged indicator by indicator against its group's thresholds.
    ({ dossierId: dossier2026 } = await openDossier2026(t, { admin, officer: d.tokens.commune }, duongQuang));
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-phone.json'), JSON.stringify(axe, null, 2));
  });

  /** Nothing on the screen as it is now goes past its edge (the offenders named). */
  const nothingPastTheEdge = async (page: Page, name: string) =>
    expect({ screen: name, pastTheEdge: await page.evaluate<string[]>(PAST_THE_EDGE) }).toEqual({
      screen: name,
      pastTheEdge: [],
    });
  /** The same, then the screenshot and axe. */
  const fits = async (page: Page, name: string) => {
    await nothingPastTheEdge(page, name);
    await screen(page, name, axe);
  };
  /** Every one of these can be seen and used without scrolling sideways: none cut off at either edge. */
  const withinScreen = async (what: Locator) => {
    const outside: string[] = [];
    for (const el of await what.all()) {
      const box = (await el.boundingBox())!;
      const [left, right] = [box.x, box.x + box.width].map(Math.round);
      if (left < 0 || right > PHONE.width)
        outside.push(
          `${(await el.getAttribute('aria-label')) ?? (await el.innerText())}: ${left} to ${right} px`,
        );
    }
    return outside;
  };
  const onPhone = (user: string, path: string, name: string, walk: (page: Page) => Promise<void>) =>
    web.walkAs(user, path, name, async (page) => {
      await page.setViewportSize(PHONE);
      await walk(page);
    });

  it('the commune officer prepares a dossier, confirms a withdrawal and picks an as-of moment within the screen', async () => {
    await onPhone('commune-officer', `/ho-so/${dossierId}`, 'phone-commune', async (page) => {
      await page.getByRole('group', { name: 'Tài liệu minh chứng tiêu chí 19', exact: true }).waitFor();
      // The dossier's four tabs all in sight (not behind a "more" button, nor scrolled out of the bar).
      expect(await withinScreen(page.getByRole('tab'))).toEqual([]);
      // Who is signed in whole (the name was cut with "…"), apart from the bell and "Đăng xuất".
      expect(await headerReadsBadly(page)).toBeNull();
      // On a small tablet too: the commune's long title was cut with "…", and no pointer rests on it to show it.
      await page.setViewportSize(TABLET);
      expect(await cutShort(page, '.app-header *')).toEqual([]);
      await page.setViewportSize(PHONE);
      await fits(page, 'phone-1-tu-danh-gia');
      await page.getByLabel('Lý do rút hồ sơ').fill('Xã chưa hoàn thành tiêu chí 17');
      await page.getByRole('button', { name: 'Rút hồ sơ', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: 'Rút hồ sơ của xã Dương Quang?' });
      await confirm.getByRole('button', { name: 'Không rút' }).waitFor();
      expect(await withinScreen(confirm.getByRole('button'))).toEqual([]);
      await fits(page, 'phone-2-xac-nhan-rut-ho-so');
      await confirm.getByRole('button', { name: 'Không rút' }).click();
      await confirm.waitFor({ state: 'hidden' });
      await page.getByLabel('Xem hồ sơ như tại ngày:').click();
      // Open once its sliding in has ended.
      await page
        .locator('.ant-picker-dropdown:not([class*="ant-slide-up"]) .ant-picker-time-panel')
        .waitFor();
      // Its screenshot without axe: Ant Design's open picker fails it on its own parts (its month and year buttons'
      // names, its hour and minute columns' keyboard access, the pale days of the months around).
      await nothingPastTheEdge(page, 'phone-2a-chon-thoi-diem');
      await page.screenshot({ path: join(SCREENS, 'phone-2a-chon-thoi-diem.png'), fullPage: true });
    });
    await onPhone('commune-officer-2026', `/ho-so/${dossier2026}`, 'phone-indicators', async (page) => {
      await page.getByRole('group', { name: 'Tài liệu minh chứng chỉ tiêu 6.1', exact: true }).waitFor();
      await fits(page, 'phone-3-chi-tieu-2026');
    });
  });

  it('the Front officer reads the list and the round, sees where two entries of a batch differ and can type every count', async () => {
    await onPhone('front-officer', '/khao-sat', 'phone-front', async (page) => {
      await page.getByRole('link', { name: 'Lấy ý kiến: xã Dương Quang — nông thôn mới năm 2025' }).waitFor();
      // Who is signed in whole (the role, "Cán bộ Mặt trận Tổ quốc xã", was cut with "…").
      expect(await headerReadsBadly(page)).toBeNull();
      await fits(page, 'phone-4-khao-sat');
      await page.goto(`${web.base}/ho-so/${dossierId}/khao-sat`);
      // Each difference a row as a screen reader reads it: the figure, then each entry's count.
      const differences = page.getByRole('table', { name: 'Chỗ lệch của tập khuoi-mat-01' });
      await differences.getByRole('row', { name: /tiêu chí 17 .*: số phiếu hài lòng 5 4$/ }).waitFor();
      await differences.getByRole('row', { name: /tiêu chí 17 .*: số phiếu không ý kiến 0 1$/ }).waitFor();
      const counts = page.getByRole('table', { name: 'Số phiếu theo từng câu hỏi' }).getByRole('spinbutton');
      expect(await counts.count()).toBe(3 * 20);
      expect(await withinScreen(counts)).toEqual([]);
      // The batch's "Nhập tập khuoi-mat-01" on a line of its own under the batch's facts, under no column name (a
      // column of the row's actions; before, the entries ahead of it only happened to fill their line).
      await page.getByRole('button', { name: 'Nhập tập khuoi-mat-01' }).waitFor();
      expect(await actionsNotApart(page.getByRole('table', { name: 'Các tập phiếu giấy' }))).toEqual([]);
      await fits(page, 'phone-5-phieu-giay');
    });
  });

  it('the lists people work from stack their rows on a phone and a small tablet: no column name a word a line, nothing past the edge', async () => {
    // At 600 px the commune's list set "Số lần trả lại" one word a line; the province's units ran off the screen
    // (their status cut at the edge) on a phone too.
    for (const [user, path, row, name] of [
      ['commune-officer', '/ho-so', 'xã Dương Quang — nông thôn mới năm 2025', 'phone-6-danh-sach-ho-so'],
      ['province-officer', '/don-vi-hanh-chinh', 'xã Dương Quang', 'phone-7-don-vi-hanh-chinh'],
    ]) {
      await onPhone(user, path, name, async (page) => {
        await page.getByRole('link', { name: row, exact: true }).waitFor();
        for (const size of [PHONE, TABLET]) {
          await page.setViewportSize(size);
          expect({ user, size, oneWordALine: await wordsOneALine(page) }).toEqual({
            user,
            size,
            oneWordALine: [],
          });
          await nothingPastTheEdge(page, `${name} at ${size.width} px`);
        }
        await screen(page, name, axe);
      });
    }
  });

  it('has no serious or critical accessibility violations on any screen (an open picker aside)', () => {
    expect(Object.keys(axe)).toHaveLength(7);
    expect(Object.fromEntries(Object.entries(axe).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
