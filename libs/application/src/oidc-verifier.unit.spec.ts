import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { DEFAULT_OIDC_CLAIMS, oidcFromEnv, type OidcConfig } from './config/app-config';
import { claimsFromOidcPayload, OidcTokenVerifier } from './oidc-verifier';
import { InvalidTokenError } from './auth-tokens';

// The issuer is a real HTTP server in this process serving its discovery document and JWKS, as a province's
// single sign-on would; tokens are signed with its private key (and, for the forged case, with another key).

describe('OidcTokenVerifier', () => {
  let server: Server;
  let issuer: string;
  let key: KeyLike;
  let otherKey: KeyLike;
  let config: OidcConfig;
  let jwksHits = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/sso/.well-known/openid-configuration')
        return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
      if (req.url === '/sso/keys') {
        jwksHits++;
        return res.end(JSON.stringify({ keys: [jwk] }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sso`;
    config = {
      issuer,
      audience: 'ntm-dossiers-api',
      claims: { ...DEFAULT_OIDC_CLAIMS, role: 'roles', roleValues: { CB_XA: 'commune_officer' } },
      webClientId: 'ntm-web',
      webScope: 'openid profile',
    };
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const token = (
    claims: Record<string, unknown>,
    opts: { iss?: string; aud?: string; exp?: string; signer?: KeyLike } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? 'ntm-dossiers-api')
      .setSubject('can-bo-nong-thuong')
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '1h')
      .sign(opts.signer ?? key);

  const officer = {
    name: 'Ma Thị Huyền',
    roles: 'CB_XA',
    province_code: '06',
    district_code: '058',
    commune_code: '01843',
  };

  it('maps a valid token to the actor: role through the value mapping, codes from their claims', async () => {
    const v = new OidcTokenVerifier(config);
    expect(v.claimsIssuer(await token(officer))).toBe(true);
    await expect(v.verify(await token(officer))).resolves.toEqual({
      id: 'can-bo-nong-thuong',
      name: 'Ma Thị Huyền',
      role: 'commune_officer',
      jurisdiction: { provinceCode: '06', districtCode: '058', communeCode: '01843' },
    });
    // The key set is fetched once and cached.
    await v.verify(await token(officer));
    expect(jwksHits).toBe(1);
  });

  it.each([
    ['another issuer', { iss: 'http://127.0.0.1:1/other' }, 'Mã truy cập không hợp lệ'],
    ['another audience', { aud: 'some-other-api' }, 'Mã truy cập không hợp lệ'],
    ['an expired token', { exp: '-1m' }, 'Mã truy cập đã hết hạn'],
    ['a signature by another key', { signer: undefined as unknown as KeyLike }, 'Mã truy cập không hợp lệ'],
  ])('refuses %s', async (_case, opts, message) => {
    const v = new OidcTokenVerifier(config);
    const o = 'signer' in opts ? { signer: otherKey } : opts;
    const err = await v.verify(await token(officer, o)).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidTokenError);
    expect(err.message).toBe(message);
  });

  it('refuses a token without a known role, and the system role', async () => {
    const v = new OidcTokenVerifier(config);
    for (const roles of [undefined, 'GIAM_DOC', 'system']) {
      const err = await v.verify(await token({ ...officer, roles })).catch((e) => e);
      expect(err).toBeInstanceOf(InvalidTokenError);
      expect(err.code).toBe('INVALID_TOKEN_CLAIMS');
      expect(err.message).toContain('vai trò (role) không hợp lệ');
    }
  });

  it('judges the area claims as strictly as our own tokens: a number or an array where a code belongs is refused', async () => {
    const v = new OidcTokenVerifier(config);
    for (const commune_code of [1843, ['01843'], null]) {
      const err = await v.verify(await token({ ...officer, commune_code })).catch((e) => e);
      expect(err).toBeInstanceOf(InvalidTokenError);
      expect(err.code).toBe('INVALID_TOKEN_CLAIMS');
    }
  });

  it('does not claim tokens of other issuers or garbage', async () => {
    const v = new OidcTokenVerifier(config);
    expect(v.claimsIssuer(await token(officer, { iss: 'ntm-dossiers' }))).toBe(false);
    expect(v.claimsIssuer('not-a-jwt')).toBe(false);
  });
});

describe('OIDC configuration', () => {
  it('reads the issuer, audience and claim mapping from the environment', () => {
    const c = oidcFromEnv(
      {
        OIDC_ISSUER: 'https://sso.backan.gov.vn/realms/ntm',
        OIDC_AUDIENCE: 'ntm-api',
        OIDC_CLAIM_ROLE: 'vai_tro',
        OIDC_ROLE_VALUES: 'CB_XA=commune_officer, CT_TINH=chairman',
      },
      3000,
      false,
    )!;
    expect(c.issuer).toBe('https://sso.backan.gov.vn/realms/ntm');
    expect(c.audience).toBe('ntm-api');
    expect(c.claims.role).toBe('vai_tro');
    expect(c.claims.roleValues).toEqual({ CB_XA: 'commune_officer', CT_TINH: 'chairman' });
    expect(claimsFromOidcPayload({ sub: 'x', vai_tro: 'CT_TINH', province_code: '06' }, c.claims)).toEqual({
      sub: 'x',
      name: undefined,
      role: 'chairman',
      provinceCode: '06',
      districtCode: undefined,
      communeCode: undefined,
    });
  });

  it('has no issuer unless configured or the demo provider runs', () => {
    expect(oidcFromEnv({}, 3000, false)).toBeUndefined();
    expect(oidcFromEnv({}, 3100, true)?.issuer).toBe('http://127.0.0.1:3100/oidc');
  });
});
