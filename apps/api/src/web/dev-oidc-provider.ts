import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppConfig, TokenClaims } from '@ntm/application';
import { DEMO_PASSWORD, demoLogins } from '../../../cli/src/demo-data';
import { escapeHtml, loginPage, logoutPage, messagePage, PAGE_CSS } from './oidc-pages';

/** The resource indicator of the API at the demo provider; access tokens for it carry our audience. */
export const API_RESOURCE = 'urn:ntm-dossiers:api';

const log = new Logger('DemoOidc');

type Req = IncomingMessage & { originalUrl?: string };
type Res = ServerResponse;
type Next = (err?: unknown) => void;

const readForm = async (req: Req): Promise<URLSearchParams> => {
  const body = (req as { body?: unknown }).body;
  if (body && typeof body === 'object') return new URLSearchParams(body as Record<string, string>);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('login form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const html = (res: Res, status: number, body: string) => {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(body);
};

/** What the demo provider says about a user, in the claim names the API's default mapping reads. */
const userClaims = (c: TokenClaims): Record<string, string | undefined> => ({
  sub: c.sub,
  name: c.name,
  ntm_role: c.role,
  province_code: c.provinceCode,
  district_code: c.districtCode,
  commune_code: c.communeCode,
});

/**
 * The demo OpenID Connect provider (oidc-provider, a certified implementation), mounted under /oidc in the API
 * process for development and the demo: Authorization Code with PKCE for the web app, JWT access tokens for the
 * API's audience, RP-initiated logout, a Vietnamese sign-in form for the demo users (README lists them).
 * Never mounted in production (configFromEnv turns devOidc off there).
 */
export const mountDemoOidcProvider = (app: NestExpressApplication, config: AppConfig): void => {
  const oidc = config.oidc;
  if (!oidc) return;
  const publicUrl = config.publicUrl ?? `http://127.0.0.1:${config.port}`;
  // Loaded only when the demo provider runs (koa and friends stay out of production's memory).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Provider, errors } = require('oidc-provider') as typeof import('oidc-provider');
  const accounts = new Map(demoLogins.map((l) => [l.claims.sub, l.claims]));
  const byUsername = new Map(demoLogins.map((l) => [l.username.toLowerCase(), l.claims]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: `demo-${randomBytes(4).toString('hex')}`,
    use: 'sig',
    alg: 'RS256',
  };

  const provider = new Provider(oidc.issuer, {
    clients: [
      {
        client_id: oidc.webClientId,
        client_name: 'Hồ sơ nông thôn mới',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${publicUrl}/`],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true, methods: ['S256'] },
    scopes: ['openid', 'profile'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'ntm_role', 'province_code', 'district_code', 'commune_code'],
    },
    conformIdTokenClaims: false,
    // The web app calls the token endpoint from its own origin, the one its redirect URI names.
    clientBasedCORS: (_ctx, origin, client) =>
      (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    ttl: { AccessToken: 8 * 3600, IdToken: 8 * 3600, Session: 8 * 3600, Grant: 8 * 3600, Interaction: 3600 },
    async findAccount(_ctx, id) {
      const claims = accounts.get(id);
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ ...userClaims(claims), sub: id }) };
    },
    async extraTokenClaims(_ctx, token) {
      const claims = 'accountId' in token && token.accountId ? accounts.get(token.accountId) : undefined;
      if (!claims) return undefined;
      const { sub: _sub, ...rest } = userClaims(claims);
      return rest;
    },
    // The web app is the province's own client: its consent is given by policy, not asked of each user.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(API_RESOURCE, 'ntm');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = messagePage('Đã đăng xuất', 'Anh/chị đã đăng xuất khỏi hệ thống.', `${publicUrl}/`);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'ntm',
            audience: oidc.audience,
            accessTokenTTL: 8 * 3600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = messagePage(
        'Không đăng nhập được',
        `Yêu cầu đăng nhập không hợp lệ (${escapeHtml(String(out.error ?? ''))}). Vui lòng mở lại trang chủ và đăng nhập lại.`,
        `${publicUrl}/`,
      );
    },
  });
  provider.on('server_error', (_ctx, err) => log.error(`OIDC server error: ${err}`));

  // The sign-in form: GET shows it, POST checks the user name and password.
  app.use('/oidc/interaction', (req: Req, res: Res, next: Next) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/login.css') {
        res.setHeader('content-type', 'text/css; charset=utf-8');
        res.setHeader('cache-control', 'public, max-age=3600');
        return res.end(PAGE_CSS);
      }
      const match = path.match(/^\/([\w-]+)(\/login)?$/);
      if (!match) return next();
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== match[1])
        return html(
          res,
          400,
          messagePage('Phiên đăng nhập không hợp lệ', 'Vui lòng đăng nhập lại.', `${publicUrl}/`),
        );
      if (req.method === 'GET' && !match[2]) {
        return html(res, 200, loginPage(details.uid, {}));
      }
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req);
        const username = (form.get('username') ?? '').trim().toLowerCase();
        const password = form.get('password') ?? '';
        const claims = byUsername.get(username);
        if (!claims || !sameSecret(password, DEMO_PASSWORD)) {
          return html(
            res,
            200,
            loginPage(details.uid, {
              username,
              error: 'Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng nhập lại.',
            }),
          );
        }
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: claims.sub } },
          { mergeWithLastSubmission: false },
        );
      }
      return next();
    })().catch((e) => {
      if (e instanceof errors.SessionNotFound || e instanceof errors.InvalidRequest) {
        return html(
          res,
          400,
          messagePage(
            'Phiên đăng nhập đã hết hạn',
            'Vui lòng mở lại trang chủ và đăng nhập lại.',
            `${publicUrl}/`,
          ),
        );
      }
      next(e);
    });
  });
  app.use('/oidc', provider.callback());
  log.log(`demo OpenID Connect provider at ${oidc.issuer} (demo users: README)`);
};
