/* eslint-disable @typescript-eslint/no-require-imports */
// Lets a child process run the TypeScript sources directly (`node -r ./test/support/ts-register.js app.ts`), with
// the same compiler (swc) and path aliases as jest: the failover tests start real worker processes this way.
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.json');

const root = path.resolve(__dirname, '../..');
tsconfigPaths.register({ baseUrl: path.resolve(root, compilerOptions.baseUrl ?? '.'), paths: compilerOptions.paths });

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
