import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from '@ntm/application';
import { CHROMIUM, launchChromium, scriptBytesTransferred, untilSignInWorks } from './support/first-screen';
import { printTable } from './support/measure';
import { dropSchema, startProcess, stopProcess } from './support/process';

/**
 * The web app's first screen as a person meets it: the built app served by `node dist/apps/main.js` (what
 * `npm start` runs, API and worker in one process, on a schema of its own), loaded cold in Debian's chromium
 * BENCH_WEB_LOADS times (20), each in a fresh browser context (empty cache), after one load not counted (the
 * server's first answers). Time to interactive: from the navigation's start until the sign-in button can be
 * clicked. Beside it the first screen's JavaScript, gzipped, as the build counts it (scripts/web-size.js).
 * Goals: interactive in under 1.5 s, JavaScript under 500 KB gzipped.
 */
const LOADS = Number(process.env.BENCH_WEB_LOADS ?? 20);
const PORT = Number(process.env.BENCH_WEB_PORT ?? 3730);
const SCHEMA = 'bench_web';
const GOAL_MS = 1500;
const ROOT = join(__dirname, '..', '..');

// The build's own count of the first screen's JavaScript (plain JavaScript, shared with `npm run build:web`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webSize = require(join(ROOT, 'scripts', 'web-size.js')) as {
  PAGES: { name: string; html: string; goal: number; budget: number }[];
  pageScripts: (html: string) => { files: string[]; bytes: number };
};

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** `node dist/apps/main.js`, as `npm start` runs it (without the demo walk), on a schema and queues of its own. */
const startApp = (): Promise<ChildProcess> =>
  startProcess(join(ROOT, 'dist', 'apps', 'main.js'), PORT, {
    // Development settings, as `npm start` has them: the demo sign-in provider answers under /oidc.
    NODE_ENV: 'development',
    DB_SCHEMA: SCHEMA,
    QUEUE_PREFIX: SCHEMA,
    DEMO_SEED: 'off',
    WEB_DIR: join(ROOT, 'dist', 'web'),
  });

export const webBench = async (): Promise<void> => {
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html')))
    throw new Error('dist/web is not built: npm run build');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const firstScreen = webSize.PAGES.find((p) => p.html === 'index.html')!;
  const { files, bytes } = webSize.pageScripts(firstScreen.html);

  // A database not created yet: the app creates it.
  await dropSchema(configFromEnv({ ...process.env, NODE_ENV: 'development' }).databaseUrl, SCHEMA).catch(
    () => undefined,
  );
  const app = await startApp();
  const browser = await launchChromium();
  const base = `http://127.0.0.1:${PORT}`;
  const loadBefore = loadavg()[0];
  const times: number[] = [];
  let transferred = 0;
  try {
    for (let i = 0; i <= LOADS; i++) {
      const context = await browser.newContext({ locale: 'vi-VN' });
      const page = await context.newPage();
      const ms = await untilSignInWorks(page, base);
      if (i > 0) times.push(ms);
      transferred = await scriptBytesTransferred(page);
      await context.close();
    }
  } finally {
    await browser.close();
    await stopProcess(app);
  }
  const loadAfter = loadavg()[0];

  const ms = (n: number) => `${Math.round(n)} ms`;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  const median = percentile(times, 50);
  const p90 = percentile(times, 90);
  printTable(
    `Web: first screen, ${LOADS} cold loads in chromium (load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after)`,
    ['figure', 'value', 'goal', 'goal met'],
    [
      ['time to interactive, median', ms(median), ms(GOAL_MS), met(median < GOAL_MS)],
      ['time to interactive, p90', ms(p90), ms(GOAL_MS), met(p90 < GOAL_MS)],
      ['time to interactive, min / max', `${ms(Math.min(...times))} / ${ms(Math.max(...times))}`, '', ''],
      [
        `JavaScript, gzipped (${files.length} files)`,
        kb(bytes),
        kb(firstScreen.goal),
        met(bytes <= firstScreen.goal),
      ],
      ['JavaScript transferred (brotli, as sent)', kb(transferred), '', ''],
    ],
  );
};
