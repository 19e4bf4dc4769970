import { defineConfig, type Plugin } from 'vite';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Loaded as an ES module (Vite's native config loader): the folder comes from the module's own URL.
const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../../dist/web');

/**
 * Each script and style sheet also written compressed once, at the highest levels (file.br, file.gz): the server
 * sends these as they are instead of compressing on every request.
 */
const precompress = (): Plugin => {
  let built = outDir;
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      built = config.build.outDir;
    },
    closeBundle() {
      const assets = join(built, 'assets');
      for (const name of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f))) {
        const file = join(assets, name);
        const content = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
};

// The web app: built into dist/web, served by the API process (apps/api/src/web/web-app.ts). Two pages: the
// officers' app (index.html) and the residents' public ballot page (ballot.html: no React, no Ant Design).
export default defineConfig(({ command }) => {
  // A build is always the production build the server sends. Vite takes an inherited NODE_ENV over its mode, and
  // jest sets NODE_ENV=test for the browser tests' build: that built React's and Ant Design's development code
  // into the first screen (233.8 KB gzipped instead of 169.4 KB).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: resolve(here),
    base: '/',
    oxc: { jsx: { runtime: 'automatic' } },
    plugins: [precompress()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        input: { app: resolve(here, 'index.html'), ballot: resolve(here, 'ballot.html') },
        // antd marks its modules "use client" (for React Server Components); meaningless in a plain SPA bundle.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
    server: {
      // `npx vite --config apps/web/vite.config.mts` while the API runs on :3000
      proxy: { '/api': 'http://127.0.0.1:3000', '/oidc': 'http://127.0.0.1:3000' },
    },
  };
});
