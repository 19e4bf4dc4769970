import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@ntm/application';

/**
 * The headers a middleware sets, worked out once: helmet's are the same on every request (no directive here
 * depends on the request), and setting them from a list skips its chain of a dozen middlewares per request.
 */
const headersOnce = (middleware: RequestHandler): RequestHandler => {
  const headers = new Map<string, string | number | readonly string[]>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
  };
  let done = false;
  middleware({} as Request, recorder as unknown as Response, (error?: unknown) => (done = !error));
  if (!done) throw new Error('The headers middleware failed or did not finish at once: its headers may vary');
  const list = [...headers];
  return (_req, res, next) => {
    for (const [name, value] of list) res.setHeader(name, value);
    next();
  };
};

/**
 * The usual HTTP protections: helmet's headers (content security policy, no sniffing, frame denial, HSTS, ...),
 * no `X-Powered-By`, and CORS only for the origins configured (CORS_ORIGINS); without any, no CORS headers at
 * all, so browsers keep the same-origin rule.
 */
export const applyHttpSecurity = (app: NestExpressApplication, config: AppConfig): void => {
  app.disable('x-powered-by');
  // Behind N proxies the client is the Nth address from the right of X-Forwarded-For; with none, the socket's.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  // The web app's policy: its own scripts only; Ant Design writes <style> tags at run time (style-src
  // 'unsafe-inline'); sign-in forms post to this origin or to the configured issuer.
  const issuer = config.oidc && !config.devOidc ? [new URL(config.oidc.issuer).origin] : [];
  app.use(
    headersOnce(
      helmet({
        contentSecurityPolicy: {
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:', 'blob:'],
            connectSrc: ["'self'", ...issuer],
            formAction: ["'self'", ...issuer],
            frameAncestors: ["'none'"],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            // Plain http on 127.0.0.1 in development; behind TLS in production.
            upgradeInsecureRequests: config.production ? [] : null,
          },
        },
        // Evidence documents open in a new tab or download; nothing is embedded cross-origin.
        crossOriginEmbedderPolicy: false,
      }),
    ),
  );
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.enableCors({
      origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Location'],
      maxAge: 600,
    });
  }
};
