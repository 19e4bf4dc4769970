import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ROLES, parseJurisdiction, type Actor, type Role } from '@ntm/decider';
import { DEFAULT_TOKEN_MAX_TTL_SECONDS, parseDuration } from './config/duration';

/** Claims we put in a bearer token: who, which role, which administrative units. */
export interface TokenClaims {
  readonly sub: string;
  readonly name?: string;
  readonly role: Role;
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
}

/** What a verified token's claims must also satisfy, whoever signed it (our key or an identity provider). */
export interface ClaimsPolicy {
  /** Longest lifetime (exp - iat) accepted, in seconds. */
  readonly maxTtlSeconds: number;
  /** Now, in seconds since the epoch: a token issued later than this (beyond a minute of clock skew) is refused. */
  readonly now?: number;
}

/** Why a token is refused: a stable code and a Vietnamese message for the user. */
export type InvalidTokenCode = 'INVALID_TOKEN' | 'TOKEN_EXPIRED' | 'INVALID_TOKEN_CLAIMS' | 'TOKEN_LIFETIME';

export class InvalidTokenError extends Error {
  constructor(
    message: string,
    readonly code: InvalidTokenCode = 'INVALID_TOKEN',
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

const MAX_TEXT = 200;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT;

/**
 * The actor a verified token's claims describe, or InvalidTokenError. Pure: the signature, issuer, audience and
 * expiry against the clock are the verifier's business; this checks what the claims say. Fails closed: the role
 * must be a known role other than `system`; the jurisdiction codes the role's level needs must be strings of the
 * right digits (libs/decider `parseJurisdiction`); `exp` and `iat` must be numbers and the token may not live
 * longer than the policy allows.
 */
export const actorFromClaims = (claims: Readonly<Record<string, unknown>>, policy: ClaimsPolicy): Actor => {
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || typeof iat !== 'number' || !Number.isFinite(iat)) {
    throw new InvalidTokenError(
      'Mã truy cập không ghi thời điểm cấp (iat) và thời điểm hết hạn (exp)',
      'TOKEN_LIFETIME',
    );
  }
  if (exp <= iat || exp - iat > policy.maxTtlSeconds || (policy.now !== undefined && iat > policy.now + 60)) {
    throw new InvalidTokenError(
      `Mã truy cập có thời hạn dài quá mức cho phép (tối đa ${Math.floor(policy.maxTtlSeconds / 60)} phút)`,
      'TOKEN_LIFETIME',
    );
  }
  const problems: string[] = [];
  if (!isText(claims.sub)) problems.push('thiếu hoặc sai mã người dùng (sub)');
  if (claims.name !== undefined && !isText(claims.name)) problems.push('họ tên (name) không hợp lệ');
  const role = claims.role;
  const known = typeof role === 'string' && (ROLES as readonly string[]).includes(role) && role !== 'system';
  const area = known ? parseJurisdiction(role as Role, claims) : undefined;
  if (!known) problems.push('vai trò (role) không hợp lệ');
  if (area && !area.ok) problems.push(...area.problems);
  if (problems.length || !area?.ok) {
    throw new InvalidTokenError(`Mã truy cập không hợp lệ: ${problems.join('; ')}`, 'INVALID_TOKEN_CLAIMS');
  }
  return {
    id: claims.sub as string,
    ...(claims.name === undefined ? {} : { name: claims.name as string }),
    role: role as Role,
    jurisdiction: area.jurisdiction,
  };
};

/** Who signs our bearer tokens and for whom (`iss`, `aud`). */
export const TOKEN_ISSUER = 'ntm-dossiers';
export const TOKEN_AUDIENCE = 'ntm-dossiers-api';

export class TokenService {
  private readonly key: Uint8Array;
  private readonly policy: ClaimsPolicy;

  constructor(secret: string, maxTtlSeconds = DEFAULT_TOKEN_MAX_TTL_SECONDS) {
    this.key = new TextEncoder().encode(secret);
    this.policy = { maxTtlSeconds };
  }

  /**
   * Signs a token for `claims`. Refuses (InvalidTokenError) claims verify would refuse, and (Error) a lifetime
   * above the maximum.
   */
  async mint(claims: TokenClaims, ttl: string | number = '8h'): Promise<string> {
    const seconds = typeof ttl === 'number' ? ttl : parseDuration(ttl);
    if (seconds === undefined || seconds <= 0 || seconds > this.policy.maxTtlSeconds) {
      throw new Error(
        `token lifetime ${ttl} is not between 1 s and the maximum ${this.policy.maxTtlSeconds} s`,
      );
    }
    const { sub, ...rest } = claims;
    const now = Math.floor(Date.now() / 1000);
    // Never sign what verify would refuse: claims are checked by the same function.
    actorFromClaims({ ...claims, iat: now, exp: now + seconds }, { ...this.policy, now });
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .sign(this.key);
  }

  /** Returns the actor, or throws InvalidTokenError with a code and a reason. */
  async verify(token: string): Promise<Actor> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired)
        throw new InvalidTokenError('Mã truy cập đã hết hạn', 'TOKEN_EXPIRED');
      if (e instanceof joseErrors.JWTClaimValidationFailed && (e.claim === 'exp' || e.claim === 'iat'))
        throw new InvalidTokenError(
          'Mã truy cập không ghi thời điểm cấp (iat) và thời điểm hết hạn (exp)',
          'TOKEN_LIFETIME',
        );
      throw new InvalidTokenError('Mã truy cập không hợp lệ');
    }
    return actorFromClaims(payload, { ...this.policy, now: Math.floor(Date.now() / 1000) });
  }
}
