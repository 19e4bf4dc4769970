import { chromium, type Browser, type Page } from 'playwright-core';

/*
 * The web app's first screen in Debian's chromium (playwright-core), shared by the web bench and the browser
 * tests (test/support/browser.ts): one browser and one notion of "the sign-in page works".
 */

export const CHROMIUM = '/usr/bin/chromium';

/** Headless chromium, without the background work (updates, sync) that would load the machine meanwhile. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

/**
 * Opens the first screen and waits until its sign-in button can be clicked (shown and enabled: the sign-in
 * configuration has arrived). Answers the milliseconds since the navigation started.
 */
export const untilSignInWorks = async (page: Page, base: string): Promise<number> => {
  await page.goto(`${base}/`);
  await page.waitForFunction(
    `[...document.querySelectorAll('button')].some((b) => b.textContent.includes('Đăng nhập') && !b.disabled)`,
    undefined,
    { polling: 'raf' },
  );
  // performance.now() counts from the navigation's start.
  return page.evaluate<number>(`performance.now()`);
};

/** Bytes of JavaScript the page received over the network so far (compressed, as sent). */
export const scriptBytesTransferred = (page: Page): Promise<number> =>
  page.evaluate<number>(
    `performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).reduce((n, e) => n + e.transferSize, 0)`,
  );
