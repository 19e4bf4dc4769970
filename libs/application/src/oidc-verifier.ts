import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Actor, type Role } from '@ntm/decider';
import type { OidcClaimMapping, OidcConfig } from './config/app-config';
import { actorFromClaims, InvalidTokenError, type TokenClaims } from './auth-tokens';

/** Asymmetric algorithms an OIDC issuer signs access tokens with (never HS*, never none). */
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/**
 * Maps an OIDC access token's payload to our claims by the configured mapping: which claim carries the role
 * (and how the issuer's role names translate), the display name and the administrative codes.
 * Returns null when the token names no role we know (the caller refuses it).
 */
export const claimsFromOidcPayload = (payload: JWTPayload, mapping: OidcClaimMapping): TokenClaims | null => {
  const text = (claim: string): string | undefined => {
    const v = payload[claim];
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const raw = text(mapping.role);
  const role = (raw && (mapping.roleValues[raw] ?? raw)) as Role | undefined;
  if (typeof payload.sub !== 'string' || !payload.sub || !role || !ROLES.includes(role) || role === 'system')
    return null;
  return {
    sub: payload.sub,
    name: text(mapping.name),
    role,
    provinceCode: text(mapping.provinceCode),
    districtCode: text(mapping.districtCode),
    communeCode: text(mapping.communeCode),
  };
};

/**
 * The issuer's claims renamed to ours, values untouched, so `actorFromClaims` judges them exactly as it judges our
 * own tokens (a number, null or array where a code belongs is refused, never dropped).
 */
const ourClaims = (payload: JWTPayload, mapping: OidcClaimMapping): Record<string, unknown> => {
  const raw = payload[mapping.role];
  const renamed: Record<string, unknown> = {
    sub: payload.sub,
    role: typeof raw === 'string' ? (mapping.roleValues[raw] ?? raw) : raw,
    name: payload[mapping.name],
    provinceCode: payload[mapping.provinceCode],
    districtCode: payload[mapping.districtCode],
    communeCode: payload[mapping.communeCode],
    iat: payload.iat,
    exp: payload.exp,
  };
  return Object.fromEntries(Object.entries(renamed).filter(([, v]) => v !== undefined));
};

/**
 * Verifies access tokens of an OpenID Connect issuer: signature against the issuer's JWKS (fetched and cached by
 * jose's createRemoteJWKSet, refetched when a new key id appears), issuer, audience, expiry; then maps the claims.
 */
export class OidcTokenVerifier {
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly config: OidcConfig,
    private readonly fetchImpl: typeof fetch = fetch,
    /** Longest token lifetime accepted (TOKEN_MAX_TTL), as for our own tokens. */
    private readonly maxTtlSeconds = 12 * 3600,
  ) {}

  get issuer(): string {
    return this.config.issuer;
  }

  /** True when the token (unverified) says it comes from this issuer: the guard then verifies it here. */
  claimsIssuer(token: string): boolean {
    try {
      return decodeJwt(token).iss === this.config.issuer;
    } catch {
      return false;
    }
  }

  private async keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (this.jwks) return this.jwks;
    let uri = this.config.jwksUri;
    if (!uri) {
      const res = await this.fetchImpl(
        `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
      );
      if (!res.ok) throw new Error(`OIDC discovery failed: ${res.status}`);
      const discovery = (await res.json()) as { issuer?: string; jwks_uri?: string };
      if (discovery.issuer !== this.config.issuer)
        throw new Error(`OIDC discovery names issuer ${discovery.issuer}, expected ${this.config.issuer}`);
      uri = discovery.jwks_uri ?? `${this.config.issuer}/jwks`;
    }
    this.jwks = createRemoteJWKSet(new URL(uri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    return this.jwks;
  }

  private async verifiedPayload(token: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new InvalidTokenError('Mã truy cập đã hết hạn');
      if (e instanceof joseErrors.JOSEError) throw new InvalidTokenError('Mã truy cập không hợp lệ');
      throw e;
    }
    return payload;
  }

  /** Our claims from a verified token, or InvalidTokenError when it names no user or known role. */
  async verifyClaims(token: string): Promise<TokenClaims> {
    const claims = claimsFromOidcPayload(await this.verifiedPayload(token), this.config.claims);
    if (!claims) throw new InvalidTokenError('Mã truy cập thiếu người dùng hoặc vai trò hợp lệ');
    return claims;
  }

  /** The actor, judged by the same strict rules as our own tokens; or InvalidTokenError with a reason. */
  async verify(token: string): Promise<Actor> {
    const payload = await this.verifiedPayload(token);
    return actorFromClaims(ourClaims(payload, this.config.claims), {
      maxTtlSeconds: this.maxTtlSeconds,
      now: Math.floor(Date.now() / 1000),
    });
  }
}
