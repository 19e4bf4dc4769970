import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_AWARD_TYPES } from '@ntm/commendation';
import { demoEmulationBoard } from '../../apps/cli/src/demo-data';
import { movement } from '../../libs/commendation/src/testing/fixtures';
import { BASE, EmulationDriver, PROVINCE, recognise } from '../commendation/emulation-driver';
import {
  attachFile,
  expectText,
  SCREENS,
  screen,
  startWebApp,
  type AxeViolation,
  type WebApp,
} from '../support/browser';
import { duongQuang, nongThuong, type Place } from '../support/dossier-driver';
import { PHONE, readsBadly, wrapped } from '../support/phone';
import { registerBacKan } from '../support/units';

/*
 * The board's vote in its other forms, escalation and withdrawal, through the nomination screen. Preconditions over
 * HTTP: xã Nông Thượng and xã Dương Quang recognised NTM; the council of the demo (`emulation-board` its
 * secretary, two members); the province's rules for this test: the Chairman's Certificate of Merit by secret
 * ballot, at least 2/3 of all members, absent members voting in writing; the Prime Minister's by open vote, with
 * written votes, and no quota; one nomination each. On screen: the secretary holds a secret ballot with one member
 * absent, enters the counting committee's figures and sees them measured against the rule; a member sees the count
 * and cannot vote by name; the secretary concludes and sends the nomination up to the Prime Minister's award, then
 * records an absent member's written vote on it; the other nomination is withdrawn with its reason. The count form
 * and the written-vote form, filled in, and the review with the written vote also on a phone 390 px wide (nothing
 * wider than the screen, no text cut short or a word a line, no button against the next field, each member's name
 * on one line), each also kept at 1280 px to compare.
 */

const ACHIEVEMENT = 'Hoàn thành xây dựng xã đạt chuẩn nông thôn mới giai đoạn 2021-2025';
const SECRETARY = 'demo-emulation-board';
const MEMBER_2 = demoEmulationBoard.members[2];

describe('the board’s vote, escalation and withdrawal on the nomination screen (chromium)', () => {
  let web: WebApp;
  const axe: Record<string, AxeViolation[]> = {};
  const url: Record<'nongThuong' | 'duongQuang', string> = { nongThuong: '', duongQuang: '' };

  beforeAll(async () => {
    web = await startWebApp('web_browser_nomination_vote');
    const { t } = web;
    await registerBacKan(t, await t.token('admin', {}));
    const { tokens } = await recognise(t, nongThuong, '1234/QĐ-UBND');
    await recognise(t, duongQuang, '1235/QĐ-UBND');
    const e = new EmulationDriver(t);
    const secretary = await t.token('emulation_secretary', {
      sub: SECRETARY,
      name: 'Hoàng Thị Thư',
      provinceCode: PROVINCE,
    });
    await e.ok('post', `${BASE}/board`, tokens.chairman, demoEmulationBoard);
    await e.ok('post', `${BASE}/movements`, secretary, movement);
    const type = (id: string) => DEFAULT_AWARD_TYPES.find((a) => a.id === id)!;
    await e.ok('post', `${BASE}/award-types`, secretary, {
      ...type('bang-khen-chu-tich-tinh'),
      review: {
        quorum: { num: 2, den: 3, strict: false },
        approval: { num: 2, den: 3, strict: false },
        approvalBase: 'members',
        ballot: 'secret',
        writtenVotes: true,
      },
    });
    const pm = type('bang-khen-thu-tuong');
    await e.ok('post', `${BASE}/award-types`, secretary, {
      ...pm,
      review: { ...pm.review, ballot: 'open', writtenVotes: true },
      rules: [{ kind: 'recognised-in-period', levels: ['ntm', 'nang-cao', 'kieu-mau'] }],
    });
    const nominate = async (place: Place) => {
      const filed = await e.ok('post', '/api/v1/emulation/nominations', secretary, {
        provinceCode: PROVINCE,
        movementId: movement.id,
        awardTypeId: 'bang-khen-chu-tich-tinh',
        year: 2025,
        nominee: {
          kind: 'commune',
          provinceCode: place.provinceCode,
          districtCode: place.districtCode,
          communeCode: place.communeCode,
          name: place.name,
        },
        achievement: { kind: 'movement-result', period: '2021-2025', text: ACHIEVEMENT },
      });
      // The screen reads the read side: wait until it holds the nomination.
      const id = filed.nominationId as string;
      await e.ok(
        'get',
        `/api/v1/emulation/nominations/${id}?minPosition=${encodeURIComponent(filed.position)}`,
        secretary,
      );
      return `/thi-dua/de-nghi/${id}`;
    };
    url.nongThuong = await nominate(nongThuong);
    url.duongQuang = await nominate(duongQuang);
  }, 300_000);

  afterAll(async () => {
    await web?.close();
    writeFileSync(join(SCREENS, 'axe-nomination-vote.json'), JSON.stringify(axe, null, 2));
  });

  const inBrowser = (...walk: Parameters<WebApp['walkAs']>) => web.walkAs(...walk);
  const tally = (page: Page) => page.getByRole('region', { name: 'Kết quả kiểm phiếu' });
  /** A figure of the tally as the screen shows it, by its label. */
  const figure = async (page: Page, label: string) =>
    (
      await tally(page)
        .locator('th', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::td[1]')
        .innerText()
    ).trim();

  /**
   * A part of the screen (a form filled in, the review), on a phone 390 px wide: how it reads (nothing wider than the
   * screen, no text cut short or set a word a line, no button against the next field) and its screen; then back on a
   * desktop, its screen kept to compare. `oneLine`: a selector of text each on one line there.
   */
  const onAPhone = async (page: Page, part: string, name: string, oneLine = '') => {
    await page.setViewportSize(PHONE);
    const shown = {
      badly: await readsBadly(page, part),
      wrapped: oneLine ? await wrapped(page, oneLine) : [],
    };
    await screen(page, name, axe);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({
      path: join(SCREENS, `${name.replace(/-phone$/, '')}-desktop.png`),
      fullPage: true,
    });
    expect(shown).toEqual({ badly: null, wrapped: [] });
  };

  it('shows the achievement once with its period, and the record’s dates as dd/mm/yyyy', async () => {
    await inBrowser('emulation-board', url.nongThuong, 'nomination-facts', async (page) => {
      await expectText(page, 'Chờ Hội đồng xét');
      const row = (label: string) =>
        page.locator('th', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]');
      expect(await row('Thành tích').innerText()).toBe(ACHIEVEMENT);
      expect(await row('Thời kỳ đạt thành tích').innerText()).toBe('2021-2025');
      await expectText(page, 'Quyết định công nhận số 1234/QĐ-UBND ngày 15/12/2025');
      expect(await page.getByText(/ngày \d{4}-\d{2}-\d{2}/).count()).toBe(0);
    });
  });

  it('the secretary holds a secret ballot, one member absent voting in writing, and enters the count', async () => {
    await inBrowser('emulation-board', url.nongThuong, 'secret-count', async (page) => {
      await page.getByRole('checkbox', { name: MEMBER_2.name }).uncheck();
      await page.getByRole('button', { name: 'Mở phiên xét' }).click();
      await expectText(page, 'Phiên xét lần 1');
      await expectText(page, 'bỏ phiếu kín; thành viên vắng mặt được gửi phiếu bằng văn bản');
      // A secret ballot: nobody votes by name on the screen.
      expect(await page.getByRole('button', { name: 'Tán thành', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Kết luận phiên xét' }).count()).toBe(0);

      const count = page.locator('section', {
        has: page.getByRole('heading', { name: 'Ghi kết quả kiểm phiếu kín' }),
      });
      await count.getByRole('checkbox', { name: MEMBER_2.name }).check();
      // Two present and one written ballot: three given out; four counted is refused before sending.
      await count.getByLabel('Số phiếu tán thành').fill('3');
      await count.getByLabel('Số phiếu không tán thành').fill('1');
      await count.getByText('Tổng số phiếu (4) vượt số phiếu phát ra (3)').waitFor();
      expect(await count.getByRole('button', { name: 'Ghi kết quả kiểm phiếu' }).isDisabled()).toBe(true);
      await count.getByLabel('Số phiếu tán thành').fill('1');
      await count
        .getByText('Với số phiếu này: Số phiếu tán thành bằng số phiếu không tán thành (1): không đạt')
        .waitFor();
      await count.getByLabel('Số phiếu tán thành').fill('2');
      await count
        .getByText('Với số phiếu này: Đạt: 2/3 tổng số thành viên tán thành, quy định từ 2/3')
        .waitFor();
      await screen(page, 'nomination-vote-1-count', axe);
      await onAPhone(page, 'section[aria-labelledby="count-title"]', 'nomination-vote-1-count-phone');
      await count.getByRole('button', { name: 'Ghi kết quả kiểm phiếu' }).click();
      await expectText(page, 'Phiếu bằng văn bản trong hòm phiếu của: Bế Thị Ngọc.');
      expect(await page.getByRole('heading', { name: 'Ghi kết quả kiểm phiếu kín' }).count()).toBe(0);
      const shown = Object.fromEntries(
        await Promise.all(
          [
            'Tổng số thành viên',
            'Có mặt',
            'Phiếu bằng văn bản',
            'Tán thành',
            'Không tán thành',
            'Không biểu quyết',
          ].map(async (label) => [label, await figure(page, label)]),
        ),
      );
      expect(shown).toEqual({
        'Tổng số thành viên': '3',
        'Có mặt': '2',
        'Phiếu bằng văn bản': '1',
        'Tán thành': '2',
        'Không tán thành': '1',
        'Không biểu quyết': '0',
      });
      await tally(page)
        .getByText('Theo quy định: Đạt: 2/3 tổng số thành viên tán thành, quy định từ 2/3')
        .waitFor();
      await screen(page, 'nomination-vote-2-counted', axe);
    });
  });

  it('a member sees the count against the rule and neither votes by name nor enters the count', async () => {
    await inBrowser('emulation-member-1', url.nongThuong, 'member-sees-count', async (page) => {
      await tally(page)
        .getByText('Theo quy định: Đạt: 2/3 tổng số thành viên tán thành, quy định từ 2/3')
        .waitFor();
      expect(await figure(page, 'Tán thành')).toBe('2');
      for (const name of ['Tán thành', 'Ghi kết quả kiểm phiếu', 'Kết luận phiên xét', 'Rút đề nghị'])
        expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
      await screen(page, 'nomination-vote-3-member', axe);
    });
  });

  it('the secretary concludes on the count and sends the nomination up to the Prime Minister’s award', async () => {
    await inBrowser('emulation-board', url.nongThuong, 'conclude-escalate', async (page) => {
      await page.getByRole('button', { name: 'Kết luận phiên xét' }).click();
      await expectText(page, 'Hội đồng đã thông qua');
      await tally(page)
        .getByText(
          'Đạt: tán thành ≥ 2/3 tổng số thành viên (có mặt 2/3; phiếu bằng văn bản 1; tán thành 2, không tán thành 1, không biểu quyết 0)',
        )
        .waitFor();
      const escalation = page.locator('section', {
        has: page.getByRole('heading', { name: 'Đề nghị khen thưởng cấp cao hơn' }),
      });
      await escalation.getByRole('radio', { name: 'Bằng khen của Thủ tướng Chính phủ' }).check();
      await escalation.getByLabel('Lý do đề nghị cấp cao hơn').fill('Xã tiêu biểu của tỉnh trong phong trào');
      await screen(page, 'nomination-vote-4-escalate', axe);
      await escalation.getByRole('button', { name: 'Đề nghị cấp cao hơn' }).click();
      await page
        .getByRole('heading', { name: 'Đề nghị Bằng khen của Thủ tướng Chính phủ: xã Nông Thượng' })
        .waitFor();
      await expectText(page, 'Chờ Hội đồng xét');
      await page
        .getByRole('heading', {
          name: /^Phiên xét lần 1 ngày .* \(xét Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\)$/,
        })
        .waitFor();
      await expectText(
        page,
        'Từ Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh lên Bằng khen của Thủ tướng Chính phủ. Lý do: Xã tiêu biểu của tỉnh trong phong trào',
      );
      await screen(page, 'nomination-vote-5-escalated', axe);
    });
  });

  it('on the higher award’s open vote, the secretary records the absent member’s written vote', async () => {
    await inBrowser('emulation-board', url.nongThuong, 'written-vote', async (page) => {
      await page.getByRole('checkbox', { name: MEMBER_2.name }).uncheck();
      await page.getByRole('button', { name: 'Mở phiên xét' }).click();
      await expectText(page, 'Phiên xét lần 2');
      await page.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await expectText(page, 'Đã ghi biểu quyết của anh/chị');
      const written = page.locator('section', {
        has: page.getByRole('heading', { name: 'Phiếu biểu quyết bằng văn bản của thành viên vắng mặt' }),
      });
      await written.getByRole('radio', { name: MEMBER_2.name }).check();
      await written.getByRole('radio', { name: 'Không tán thành' }).check();
      await attachFile(written.getByRole('group', { name: 'Bản chụp phiếu có chữ ký' }), {
        name: 'phieu-bieu-quyet.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('Phieu bieu quyet'),
      });
      await onAPhone(page, 'section[aria-labelledby="written-title"]', 'nomination-vote-6-written-phone');
      await written.getByRole('button', { name: 'Ghi phiếu bằng văn bản' }).click();
      await expectText(page, 'Đã ghi phiếu biểu quyết bằng văn bản');
      const row = page.getByRole('row', { name: new RegExp(MEMBER_2.name) });
      await row.getByText('Vắng mặt, phiếu bằng văn bản').waitFor();
      await row.getByText('Không tán thành').waitFor();
      expect(await figure(page, 'Phiếu bằng văn bản')).toBe('1');
      expect(await figure(page, 'Không tán thành')).toBe('1');
      // The rule counts over all three members: one for, one against is a tie so far.
      await tally(page)
        .getByText('Theo quy định: Số phiếu tán thành bằng số phiếu không tán thành (1): không đạt')
        .waitFor();
      await screen(page, 'nomination-vote-6-written', axe);
      // The review with the written vote among the votes, on a phone too: each member's name on one line (in three
      // columns each took two).
      await onAPhone(
        page,
        '.app-content',
        'nomination-vote-6-written-recorded-phone',
        'table:has(> caption) > tbody > tr > td:first-child',
      );
    });
    await inBrowser('emulation-member-1', url.nongThuong, 'member-votes', async (page) => {
      await page.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await expectText(page, 'Đã ghi biểu quyết của anh/chị');
      await tally(page)
        .getByText('Theo quy định: Đạt: 2/3 tổng số thành viên tán thành, quy định trên 1/2')
        .waitFor();
      expect(await figure(page, 'Tán thành')).toBe('2');
    });
  });

  it('the secretary withdraws the other nomination with its reason', async () => {
    await inBrowser('emulation-board', url.duongQuang, 'withdraw', async (page) => {
      await page.getByLabel('Lý do rút đề nghị').fill('Xã đề nghị hình thức khen thưởng khác trong năm sau');
      await screen(page, 'nomination-vote-7-withdraw', axe);
      await page.getByRole('button', { name: 'Rút đề nghị' }).click();
      await expectText(page, 'Đã rút đề nghị');
      await expectText(page, 'Lý do: Xã đề nghị hình thức khen thưởng khác trong năm sau');
      // Nothing is left to do on a withdrawn nomination.
      for (const name of ['Rút đề nghị', 'Mở phiên xét', 'Trả lại đề nghị'])
        expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
      await screen(page, 'nomination-vote-8-withdrawn', axe);
    });
  });

  it('has no serious or critical accessibility violations on any screen', () => {
    expect(Object.keys(axe).length).toBe(11);
    expect(Object.fromEntries(Object.entries(axe).filter(([, v]) => v.length > 0))).toEqual({});
  });
});

/** A minimal valid PDF whose text makes its hash unique. */
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'utf8');
