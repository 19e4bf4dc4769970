import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import serveStatic from 'serve-static';
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { mountDemoOidcProvider } from './dev-oidc-provider';

/** Paths the single-page app never answers: the API, its documents, the OIDC provider. */
const NOT_SPA = /^\/(api|oidc)(\/|$)/;
/** The residents' public ballot page (ballot.html, a page of its own without the officers' app). */
const BALLOT_PAGE = /^\/phieu(\/|$)/;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
/** The encodings the build writes beside each script and style sheet (apps/web/vite.config.mts), best first. */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
];

type Req = IncomingMessage & { path?: string };
type Res = ServerResponse & { sendFile?: (p: string) => void };

/**
 * A hashed script or style sheet in the encoding the browser accepts, as the build compressed it: no compression
 * work per request. Anything else (or a browser that accepts neither) goes on to compression and the static files.
 */
const precompressed =
  (assets: string) =>
  (req: Req, res: Res, next: () => void): void => {
    const path = (req.url ?? '/').split('?')[0];
    const type = ASSET_TYPES[extname(path)];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !type || !path.startsWith('/assets/'))
      return next();
    const file = join(assets, basename(path));
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = ENCODINGS.find((e) => accepted.includes(e.name) && existsSync(file + e.ext));
    if (!encoding) return next();
    res.setHeader('content-type', type);
    res.setHeader('content-encoding', encoding.name);
    res.setHeader('vary', 'Accept-Encoding');
    res.setHeader('cache-control', IMMUTABLE);
    res.sendFile!(file + encoding.ext);
  };

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
  app.use(precompressed(join(root, 'assets')));
  // The app's other files are compressed as they go. The API's requests pass by both the compression (it wraps
  // every response it sees) and the static files (a file-system lookup for every GET): a cost each read would pay
  // for nothing.
  const compress = compression({ filter: () => true }); // every file of the app: the API's answers never get here
  const files = serveStatic(root, {
    index: false,
    setHeaders: (res: ServerResponse, path: string) => {
      res.setHeader('cache-control', path.includes(`${join(root, 'assets')}`) ? IMMUTABLE : 'no-cache');
    },
  });
  app.use((req: Req, res: Res, next: () => void) =>
    NOT_SPA.test((req.url ?? '/').split('?')[0])
      ? next()
      : compress(req as never, res as never, () => {
          files(req, res, next);
        }),
  );
  app.use((req: Req, res: Res, next: () => void) => {
    const path = (req.url ?? '/').split('?')[0];
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      NOT_SPA.test(path) ||
      !(req.headers.accept ?? '').includes('text/html')
    )
      return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile!(BALLOT_PAGE.test(path) && existsSync(ballot) ? ballot : index);
  });
  return true;
};

/** The demo OIDC provider (when on) and the web app; called before the app initialises its routes. */
export const mountWebAndSignIn = (app: NestExpressApplication): void => {
  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.devOidc) mountDemoOidcProvider(app, config);
  if (config.webDir) mountWebApp(app, config.webDir);
};
