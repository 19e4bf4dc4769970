// After `vite build`: the gzipped size of the JavaScript each page loads first (its HTML's entry script and the
// modules it preloads; lazily loaded screens are not counted), against its budget: the officers' app 500 KB, the
// residents' ballot page (read on slow phone connections) 100 KB. Also used by the browser test of the ballot page.
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const DIR = join(__dirname, '..', 'dist', 'web');
const PAGES = [
  { name: 'first screen', html: 'index.html', budget: 500 * 1024 },
  { name: 'ballot page', html: 'ballot.html', budget: 100 * 1024 },
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
  for (const { name, html, budget } of PAGES) {
    const { files, bytes } = pageScripts(html);
    console.log(`web: ${name} JavaScript ${kb(bytes)} gzipped (${files.length} files; budget ${kb(budget)})`);
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
