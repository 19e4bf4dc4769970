// After `vite build`: the gzipped size of the JavaScript each page loads first (its HTML's entry script and the
// modules it preloads; lazily loaded screens are not counted), against its goal (the officers' app 500 KB, the
// residents' ballot page, read on slow phone connections, 100 KB) and its budget, which fails the build. A budget
// sits a little above the last size (first screen 169.9 KB and ballot page 6.5 KB on 2026-12-03), far under the
// goal: a development build once slipped into the first screen (169 -> 234 KB) and passed a budget at the goal.
// Raise a budget on purpose, in the commit that needs it. Also used by the browser test of the ballot page.
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const DIR = join(__dirname, '..', 'dist', 'web');
const PAGES = [
  { name: 'first screen', html: 'index.html', goal: 500 * 1024, budget: 200 * 1024 },
  { name: 'ballot page', html: 'ballot.html', goal: 100 * 1024, budget: 20 * 1024 },
];

const gz = (dir, file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;

/** The JavaScript files a built page loads first, and their gzipped bytes. */
const pageScripts = (html, dir = DIR) => {
  const text = readFileSync(join(dir, html), 'utf8');
  const files = [...text.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return { files, bytes: files.reduce((n, f) => n + gz(dir, f), 0) };
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const main = () => {
  let over = false;
  for (const { name, html, goal, budget } of PAGES) {
    const { files, bytes } = pageScripts(html);
    console.log(
      `web: ${name} JavaScript ${kb(bytes)} gzipped (${files.length} files; budget ${kb(budget)}, goal ${kb(goal)})`,
    );
    if (bytes > budget) {
      console.error(`web: the ${name} is over its JavaScript budget`);
      over = true;
    }
  }
  const all = readdirSync(join(DIR, 'assets')).filter((f) => f.endsWith('.js'));
  console.log(`web: all screens ${kb(all.reduce((n, f) => n + gz(DIR, join('assets', f)), 0))} gzipped`);
  if (over) process.exit(1);
};

if (require.main === module) main();

module.exports = { PAGES, pageScripts };
