// `npm test`: the whole suite in two jest processes side by side, each in band with a database of its own: the
// browser walks and the fault test (mostly waiting on a browser or on child processes) beside everything else. On
// the CI machine both took 19-21 min of a 24-min run (2026-12-01), the browser walks the longer.
// With arguments (`npm test -- path`), one jest in band with those arguments.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const jest = join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const SLOW = ['test/web/browser', 'test/fault/'];

const run = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [jest, '--runInBand', ...args], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const main = async () => {
  const extra = process.argv.slice(2);
  if (extra.length > 0) return run(extra);
  const codes = await Promise.all([
    run(SLOW.flatMap((p) => ['--testPathIgnorePatterns', p])),
    run(['--testPathPatterns', SLOW.join('|')]),
  ]);
  return codes.find((c) => c !== 0) ?? 0;
};

main().then((code) => process.exit(code));
