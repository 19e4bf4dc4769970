import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { mountDemoOidcProvider } from './dev-oidc-provider';

/** Paths the single-page app never answers: the API, its documents, the OIDC provider. */
const NOT_SPA = /^\/(api|oidc)(\/|$)/;
/** The residents' public ballot page (ballot.html, a page of its own without the officers' app). */
const BALLOT_PAGE = /^\/phieu(\/|$)/;

/**
 * Serves the built web app (dist/web) from the API process: hashed assets cached for a year, index.html never
 * cached, ballot.html for /phieu/... (the residents' ballot page) and index.html for every other GET outside /api
 * and /oidc that asks for HTML (the SPA's own routes).
 */
export const mountWebApp = (app: NestExpressApplication, webDir: string): boolean => {
  const root = resolve(webDir);
  const index = join(root, 'index.html');
  const ballot = join(root, 'ballot.html');
  if (!existsSync(index)) return false;
  // The app's own files are compressed (the first screen's JavaScript: ~850 KB → ~270 KB); the API's answers
  // are left as they are.
  app.use(compression({ filter: (req) => !NOT_SPA.test((req.url ?? '/').split('?')[0]) }));
  app.useStaticAssets(root, {
    index: false,
    setHeaders: (res: ServerResponse, path: string) => {
      res.setHeader(
        'cache-control',
        path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use(
    (
      req: IncomingMessage & { path?: string },
      res: ServerResponse & { sendFile?: (p: string) => void },
      next: () => void,
    ) => {
      const path = (req.url ?? '/').split('?')[0];
      if (
        (req.method !== 'GET' && req.method !== 'HEAD') ||
        NOT_SPA.test(path) ||
        !(req.headers.accept ?? '').includes('text/html')
      )
        return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile!(BALLOT_PAGE.test(path) && existsSync(ballot) ? ballot : index);
    },
  );
  return true;
};

/** The demo OIDC provider (when on) and the web app; called before the app initialises its routes. */
export const mountWebAndSignIn = (app: NestExpressApplication): void => {
  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.devOidc) mountDemoOidcProvider(app, config);
  if (config.webDir) mountWebApp(app, config.webDir);
};
