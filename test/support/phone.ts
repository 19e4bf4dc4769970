import type { Locator, Page } from 'playwright-core';

/*
 * How a screen reads on a phone 390 px wide, measured in the page. The scripts are strings: this folder is
 * type-checked without the DOM.
 */

/** A phone's screen, as the phone walks size the page. */
export const PHONE = { width: 390, height: 844 };
/** A small tablet held upright: below 1000 px the header wraps as on a phone, with no pointer to show a title. */
export const TABLET = { width: 600, height: 960 };

/**
 * In the page, `lines(node)`: how many lines a node's text takes (its text's boxes by how far down they sit; two
 * within half a line of each other are one line).
 */
const LINES = `const lines = (node) => {
  const tops = [];
  const texts = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = node.nodeType === Node.TEXT_NODE ? node : texts.nextNode(); text; text = texts.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const box of range.getClientRects()) if (box.width > 0) tops.push(box.top);
    if (text === node) break;
  }
  tops.sort((a, b) => a - b);
  return tops.filter((top, i) => i === 0 || top - tops[i - 1] > 8).length;
};`;

/**
 * Text of three words or more set one word a line, as a column too narrow for it sets it: each as `"<text>": <words>
 * words on <lines> lines`. By default the text in a table (its cells, headers and caption); `scope`, a selector,
 * for the text elsewhere (a form's labels). A stacked table's header row, kept from the eye (clipped to a pixel),
 * is not read on screen and is left out.
 */
export const wordsOneALine = (page: Page, scope = 'td, th, caption') =>
  page.evaluate<string[]>(`(() => {
    ${LINES}
    const found = [];
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const within = node.parentElement;
      if (!within.closest(${JSON.stringify(scope)})) continue;
      const head = within.closest('thead');
      if (head && head.getBoundingClientRect().width <= 1) continue;
      const text = node.textContent.trim();
      const words = text.split(/\\s+/).filter(Boolean).length;
      if (words < 3) continue;
      const taken = lines(node);
      if (taken >= words) found.push('"' + text.slice(0, 60) + '": ' + words + ' words on ' + taken + ' lines');
    }
    return found;
  })()`);

/** The text of each element matching `selector` that takes more than one line, with its number of lines. */
export const wrapped = (page: Page, selector: string) =>
  page.evaluate<string[]>(`(() => {
    ${LINES}
    return [...document.querySelectorAll(${JSON.stringify(selector)})].flatMap((el) =>
      lines(el) > 1 ? [el.textContent.trim() + ': ' + lines(el) + ' lines'] : []);
  })()`);

/**
 * The column names shown over the cells of each row (stacked, each cell under its column's name: the cell's
 * ::before) of the table in the card with this heading, row by row; '' for a cell under no name.
 */
export const labelsShown = (page: Page, heading: string) =>
  page.evaluate<string[][]>(`(() => {
    const title = [...document.querySelectorAll('.ant-card-head h2')].find((h) => h.textContent.trim() === ${JSON.stringify(heading)});
    const rows = title ? title.closest('.ant-card').querySelectorAll('tbody > tr.ant-table-row') : [];
    return [...rows].map((row) => [...row.children].map((cell) => {
      const shown = getComputedStyle(cell, '::before').content.match(/^"(.*)" \\/ ""$/);
      return shown ? shown[1] : '';
    }));
  })()`);

/**
 * The text of each element matching `selector` that its box cuts short (ended with "…" or hidden past its edge):
 * its content wider than the box, which clips it. Elements without text (an icon, a field's inner parts) are left
 * out, those a pixel wide, kept from the eye for screen readers (a stacked table's header row), and those that clip
 * nothing (a bell whose count sticks out of it as drawn).
 */
export const cutShort = (page: Page, selector: string) =>
  page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})]
    .filter((el) => el.textContent.trim() !== '' && el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 0.5)
    .filter((el) => getComputedStyle(el).overflowX !== 'visible')
    .map((el) => el.textContent.trim() + ': ' + el.scrollWidth + ' px in ' + el.clientWidth)`);

/**
 * Each button of the form `form` (not a field's own) with a field starting less than `least` px under it, the two
 * overlapping side to side: a button left on a line of its own against the next field, as `"<button>": <gap> px
 * above "<the field's label>"`.
 */
export const jammed = (page: Page, form: string, least = 12) =>
  page.evaluate<string[]>(`(() => {
    const form = document.querySelector(${JSON.stringify(form)});
    if (!form) return ['no ' + ${JSON.stringify(form)}];
    const fields = [...form.querySelectorAll('.ant-form-item')]
      .map((field) => [field, field.getBoundingClientRect()])
      .filter(([, box]) => box.height > 0);
    return [...form.querySelectorAll('button')].flatMap((button) => {
      const b = button.getBoundingClientRect();
      if (b.height === 0 || button.closest('.ant-form-item')) return [];
      const under = fields
        .filter(([, box]) => box.top > b.top + b.height / 2 && box.left < b.right && box.right > b.left)
        .sort(([, x], [, y]) => x.top - y.top)[0];
      if (!under || under[1].top - b.bottom >= ${least}) return [];
      const label = under[0].querySelector('.ant-form-item-label');
      return ['"' + button.textContent.trim() + '": ' + Math.round(under[1].top - b.bottom) + ' px above "' +
        (label ? label.textContent.trim() : '') + '"'];
    });
  })()`);

/** The fields and buttons within `within` that reach past a phone's screen on the right, each as its first HTML. */
export const pastTheScreen = (within: Locator) =>
  within
    .locator('input, .ant-select, .ant-radio-group, .ant-checkbox-group, textarea, button')
    .evaluateAll(
      (all, width) =>
        all.filter((el) => el.getBoundingClientRect().right > width).map((el) => el.outerHTML.slice(0, 80)),
      PHONE.width,
    );

/**
 * How the part of a page `selector` picks (a form, its section) reads on a phone: the page's width when wider than
 * the screen, the fields and buttons past the screen, text cut short or set a word a line, buttons against the next
 * field; null when it reads well.
 */
export const readsBadly = async (page: Page, selector: string) => {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  const shown = {
    past: await pastTheScreen(page.locator(selector)),
    cut: await cutShort(page, `${selector} *`),
    oneWordALine: await wordsOneALine(page, selector),
    jammed: await jammed(page, selector),
  };
  return width > PHONE.width || Object.values(shown).some((found) => found.length > 0)
    ? { width, ...shown }
    : null;
};

/**
 * The parts `selector` picks (a row of buttons and text) closer than `least` px to one another, side to side or one
 * over the other, or overlapping: each pair as `"<a>" and "<b>": <gap> px`. Parts a pixel wide or less (a status
 * kept for screen readers) are left out.
 */
export const crowded = (page: Page, selector: string, least = 8) =>
  page.evaluate<string[]>(`(() => {
    const parts = [...document.querySelectorAll(${JSON.stringify(selector)})]
      .map((el) => [el, el.getBoundingClientRect()])
      .filter(([, box]) => box.width > 1 && box.height > 1);
    const name = (el) => el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40);
    const found = [];
    parts.forEach(([a, x], i) => parts.slice(i + 1).forEach(([b, y]) => {
      const gap = Math.max(y.left - x.right, x.left - y.right, y.top - x.bottom, x.top - y.bottom);
      if (gap < ${least}) found.push('"' + name(a) + '" and "' + name(b) + '": ' + Math.round(gap) + ' px');
    }));
    return found;
  })()`);

/**
 * How the app's header reads on a phone: as `readsBadly` (the signed-in user's name and role cut short, the header
 * wider than the screen), and the bell, the name and role and "Đăng xuất" crowded together; null when it reads well.
 */
export const headerReadsBadly = async (page: Page) => {
  // Once what the header loads later is in: the bell and the user's area.
  await page.locator('.app-header .bell').waitFor();
  await page.locator('.app-header-brand [title]').waitFor();
  const badly = await readsBadly(page, '.app-header');
  const together = await crowded(page, '.app-header-user > *');
  return badly || together.length > 0 ? { ...badly, crowded: together } : null;
};

/**
 * The stacked table's rows whose actions (the last cell, shown) are not on a line of their own under no column name:
 * as `row <n>: under "<name>", beside <cells> cells`. A row with no action (its last cell empty, hidden) is fine.
 */
export const actionsNotApart = (table: Locator) =>
  table.evaluate((el) =>
    [...el.querySelectorAll(':scope > tbody > tr.ant-table-row')].flatMap((row, n) => {
      const cells = [...row.children];
      const actions = cells.pop()!;
      const box = actions.getBoundingClientRect();
      if (box.height === 0) return [];
      const name =
        /^"(.*)" \/ ""$/.exec(
          el.ownerDocument.defaultView!.getComputedStyle(actions, '::before').content,
        )?.[1] ?? '';
      const beside = cells.filter((cell) => {
        const b = cell.getBoundingClientRect();
        return b.height > 0 && b.bottom > box.top + 1;
      }).length;
      return name === '' && beside === 0 ? [] : [`row ${n + 1}: under "${name}", beside ${beside} cells`];
    }),
  );
