import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { oidcFromEnv, type AppConfig } from '@ntm/application';
import { DEMO_PASSWORD } from '../../apps/cli/src/demo-data';
import { CHROMIUM, launchChromium } from '../../bench/support/first-screen';
import { eventually } from './eventually';
import { startTestApp, type TestApp } from './harness';
import { testRunName } from './test-database';
import { readTable, type XlsxTable } from './xlsx';

/*
 * The web app in a real browser (Debian's chromium driven by playwright-core), against the real API and worker on
 * a free port, signing in through the demo OpenID Connect provider's form. Screenshots go to
 * test-artifacts/screens/<run>; axe-core checks each screen.
 */

export const ROOT = join(__dirname, '../..');
export const WEB_DIR = join(ROOT, 'dist/web');
/** This run's screens (a folder named after the run's database): two runs at once keep theirs apart. */
export const SCREENS = join(ROOT, 'test-artifacts/screens', testRunName());
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The newest change under a folder (spec files aside), in ms. */
const newestChange = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' ? newest : Math.max(newest, newestChange(path));
    return /\.spec\.tsx?$/.test(entry.name) ? newest : Math.max(newest, statSync(path).mtimeMs);
  }, 0);

/** True when dist/web exists and was built after the last change to the web app or the libraries it imports. */
const webBuildCurrent = (): boolean => {
  const index = join(WEB_DIR, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return [join(ROOT, 'apps/web'), join(ROOT, 'libs')].every((dir) => newestChange(dir) <= built);
};

/**
 * Builds the web app when dist/web is missing or older than its sources (a stale build would test old screens
 * against the new API), once even when two runs start together: the run holding the lock file builds, the other
 * waits for it to go.
 */
const ensureWebBuild = async (): Promise<void> => {
  const lock = join(ROOT, 'dist', '.web-build.lock');
  while (!webBuildCurrent()) {
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      await eventually(async () => !existsSync(lock), `another run's web build (or remove ${lock})`, 300_000);
      continue;
    }
    try {
      execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
    } finally {
      closeSync(fd);
      rmSync(lock);
    }
  }
};

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Rules whose findings are only ever moderate or minor (landmarks, heading order, empty headings): the report keeps
 * serious and critical ones, so they are not run at all (a fifth of axe's time; `region` walks the whole page).
 */
const MODERATE_ONLY_RULES = [
  'region',
  'landmark-one-main',
  'landmark-unique',
  'landmark-complementary-is-top-level',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-banner-is-top-level',
  'landmark-contentinfo-is-top-level',
  'landmark-main-is-top-level',
  'heading-order',
  'page-has-heading-one',
  'empty-heading',
  'empty-table-header',
];
const AXE_OPTIONS = JSON.stringify({
  resultTypes: ['violations'],
  rules: Object.fromEntries(MODERATE_ONLY_RULES.map((id) => [id, { enabled: false }])),
});

/** axe-core on the page as it is now: the serious and critical violations. */
const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  // Strings, not functions: they run in the page, and this file is type-checked without the DOM's types.
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate<{ violations: AxeViolation[] }>(`axe.run(document, ${AXE_OPTIONS})`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })),
    }));
};

/** Saves the screen and checks it with axe-core. */
export const screen = async (page: Page, name: string, report: Record<string, AxeViolation[]>) => {
  const t0 = Date.now();
  // The screen at rest: axe would otherwise measure the colours of a button halfway through its transition.
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
  const t1 = Date.now();
  report[name] = await axeViolations(page);
  console.log(`screen ${name}: screenshot in ${t1 - t0} ms, axe in ${Date.now() - t1} ms`);
};

/** Runs a walk; on failure, the screen is saved and its alerts go into the error. */
export const walking = async (page: Page, name: string, walk: () => Promise<void>) => {
  try {
    await walk();
  } catch (e) {
    await page
      .screenshot({ path: join(SCREENS, `failure-${name}.png`), fullPage: true })
      .catch(() => undefined);
    const alerts = await page
      .locator('[role=alert]')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`${(e as Error).message}\nat ${page.url()}: alerts: ${alerts.join(' | ')}`);
  }
};

/**
 * Clicks "Tải Excel" as a person does, keeps the file beside the screenshots and reads its table back; with the
 * cells of the list's rows as the screen shows them, once the list has loaded.
 */
export const downloadExcel = async (
  page: Page,
  name: string,
): Promise<{ file: XlsxTable; screen: string[][] }> => {
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  const screen = await Promise.all((await rows.all()).map((r) => r.locator('td').allInnerTexts()));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải Excel' }).click(),
  ]);
  const saved = join(SCREENS, `${name}.xlsx`);
  await download.saveAs(saved);
  return { file: await readTable(readFileSync(saved)), screen };
};

/**
 * Picks `option` in a list (an antd Select) as a person does: open it, click the option, and again until the box
 * shows it. On a loaded machine a click can land while the list is still opening and be lost; the box, not the
 * click, says whether the choice was made. Works for single and multiple lists (each chosen value has its title).
 */
export const chooseOption = async (page: Page, box: Locator, option: string): Promise<void> => {
  const select = box.locator(
    'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const chosen = select.locator(`[title="${option}"]`);
  // Closed lists stay in the page, hidden: only an open one's option can be clicked.
  const item = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`);
  await eventually(
    async () => {
      if ((await chosen.count()) > 0) return true;
      if ((await item.count()) === 0) await box.click();
      await item.click({ timeout: 5_000 }).catch(() => undefined);
      return false;
    },
    `the list ${await box.getAttribute('aria-label').catch(() => '')} showing ${option}`,
    60_000,
    100,
  );
};

export const expectText = (page: Page, text: string) =>
  page.getByText(text, { exact: false }).first().waitFor();

/**
 * Chooses a file in an upload zone (a group named by its label) and waits until it has reached the server: its name
 * shows at once, but a form sent before the upload ends has no document yet (on a busy machine, a walk did that).
 */
export const attachFile = async (zone: Locator, file: { name: string; mimeType: string; buffer: Buffer }) => {
  await zone.locator('input[type=file]').setInputFiles(file);
  await zone.locator('.ant-upload-list-item-done', { hasText: file.name }).first().waitFor();
};

export interface WebApp {
  readonly t: TestApp;
  readonly browser: Browser;
  readonly base: string;
  /** A fresh browser context (bypassCSP only so axe-core can be injected, less motion asked for) and its page. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** A fresh browser context signed in as a demo user, on the given page of the app. */
  signedIn(username: string, path: string): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs in as a demo user, walks from the given page (see `walking`), and closes that browser context. */
  walkAs(username: string, path: string, name: string, walk: (page: Page) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Builds the web app if it is not built, starts the API and worker on a free port, launches chromium. */
export const startWebApp = async (name: string, config: Partial<AppConfig> = {}): Promise<WebApp> => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  await ensureWebBuild();
  mkdirSync(SCREENS, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await startTestApp(name, {
    config: {
      port,
      publicUrl: base,
      devOidc: true,
      oidc: oidcFromEnv({ PUBLIC_URL: base }, port, true),
      webDir: WEB_DIR,
      ...config,
    },
  });
  await t.app.listen(port, '127.0.0.1');
  const browser = await launchChromium();
  const newPage = async (viewport = { width: 1280, height: 900 }) => {
    // A browser in Việt Nam, as its users' are: dates on screen are those of Hà Nội whatever this machine's zone.
    const context = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport,
      bypassCSP: true,
      // As a person who asked their system for less motion: nothing slides or fades under a click, and chromium
      // spends 13% less CPU on a walk (the first screen's cold load in browser.e2e keeps the motion).
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return { context, page };
  };
  /** Each person's session (the app's sessionStorage) as their first sign-in in this file left it. */
  const sessions = new Map<string, [string, string][]>();
  const signedIn = async (username: string, path: string) => {
    const { context, page } = await newPage();
    const session = sessions.get(username);
    if (session) {
      // The same person again: their session put back before the app loads (the demo provider's tokens live 8 h),
      // once per tab, so that signing out and reloading stays signed out. The sign-in form is walked once per
      // person and file (the walk and the dashboard files: 182 against 203 s).
      await context.addInitScript(`(() => {
        if (location.origin !== ${JSON.stringify(base)} || sessionStorage.getItem('test.session-restored')) return;
        for (const [key, value] of ${JSON.stringify(session)}) sessionStorage.setItem(key, value);
        sessionStorage.setItem('test.session-restored', '1');
      })()`);
      await page.goto(`${base}${path}`);
      return { context, page };
    }
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) =>
      ['/ho-so', '/viec-cho-toi', '/khao-sat', '/thi-dua', '/quan-tri'].includes(url.pathname),
    );
    sessions.set(username, await page.evaluate<[string, string][]>('Object.entries(sessionStorage)'));
    await page.goto(`${base}${path}`);
    return { context, page };
  };
  const walkAs = async (
    username: string,
    path: string,
    name: string,
    walk: (page: Page) => Promise<void>,
  ) => {
    const { context, page } = await signedIn(username, path);
    try {
      await walking(page, name, () => walk(page));
    } finally {
      await context.close();
    }
  };
  return {
    t,
    browser,
    base,
    newPage,
    signedIn,
    walkAs,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
};
