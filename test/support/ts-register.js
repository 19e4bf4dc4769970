// Lets a child process run the TypeScript entries as they are (node -r ./test/support/ts-register.js apps/main.ts):
// swc transpiles each .ts file on load with the repository's .swcrc, and the @ntm/* aliases resolve as in tsconfig.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
const aliases = new Map(Object.entries(compilerOptions.paths).map(([a, [t]]) => [a, path.join(root, t)]));

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases.get(request) ?? request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { $schema: _, ...options } = swcrc;
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false });
  module._compile(code, filename);
};
