import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ROLES, type Actor, type Role } from '@ntm/decider';

/** Claims we put in a bearer token: who, which role, which administrative units. */
export interface TokenClaims {
  readonly sub: string;
  readonly name?: string;
  readonly role: Role;
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
}

const ISSUER = 'ntm-dossiers';
const AUDIENCE = 'ntm-dossiers-api';

export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async mint(claims: TokenClaims, ttl = '8h'): Promise<string> {
    const { sub, ...rest } = claims;
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(this.key);
  }

  /** Returns the actor, or throws InvalidTokenError with a reason. */
  async verify(token: string): Promise<Actor> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new InvalidTokenError('Mã truy cập đã hết hạn');
      throw new InvalidTokenError('Mã truy cập không hợp lệ');
    }
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || !ROLES.includes(role) || role === 'system') {
      throw new InvalidTokenError('Mã truy cập thiếu người dùng hoặc vai trò hợp lệ');
    }
    const code = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : undefined);
    return {
      id: payload.sub,
      name: code('name'),
      role,
      jurisdiction: {
        provinceCode: code('provinceCode'),
        districtCode: code('districtCode'),
        communeCode: code('communeCode'),
      },
    };
  }
}

export class InvalidTokenError extends Error {}
