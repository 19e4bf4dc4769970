// After `vite build`: the gzipped size of the JavaScript the first screen loads (index.html's entry script and
// the modules it preloads; lazily loaded screens are not counted), against the budget of 500 KB.
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const dir = join(__dirname, '..', 'dist', 'web');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const firstBytes = first.reduce((n, f) => n + gz(f), 0);
const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'));
const allBytes = all.reduce((n, f) => n + gz(join('assets', f)), 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const BUDGET = 500 * 1024;
console.log(
  `web: first screen JavaScript ${kb(firstBytes)} gzipped (${first.length} files; budget ${kb(BUDGET)}); all screens ${kb(allBytes)} gzipped`,
);
if (firstBytes > BUDGET) {
  console.error('web: the first screen is over its JavaScript budget');
  process.exit(1);
}
