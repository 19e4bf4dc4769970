import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// The web app: built into dist/web, served by the API process (apps/api/src/web/web-app.ts). Two pages: the
// officers' app (index.html) and the residents' public ballot page (ballot.html: no React, no Ant Design).
export default defineConfig({
  root: resolve(__dirname),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { app: resolve(__dirname, 'index.html'), ballot: resolve(__dirname, 'ballot.html') },
      // antd marks its modules "use client" (for React Server Components); meaningless in a plain SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config apps/web/vite.config.ts` while the API runs on :3000
    proxy: { '/api': 'http://127.0.0.1:3000', '/oidc': 'http://127.0.0.1:3000' },
  },
});
