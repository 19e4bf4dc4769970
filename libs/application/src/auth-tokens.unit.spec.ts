import { SignJWT } from 'jose';
import {
  InvalidTokenError,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenService,
  actorFromClaims,
  type InvalidTokenCode,
} from '@ntm/application';

const policy = { maxTtlSeconds: 12 * 3600, now: 1_800_000_000 };
const iat = policy.now - 60;
const base = { sub: 'u-1', iat, exp: iat + 3600 };

const refusal = (claims: Record<string, unknown>): InvalidTokenError => {
  try {
    actorFromClaims(claims, policy);
  } catch (e) {
    if (e instanceof InvalidTokenError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(claims)}`);
};

describe('actorFromClaims', () => {
  it('reads the actor of well-formed claims', () => {
    expect(
      actorFromClaims({ ...base, name: 'Chủ tịch', role: 'chairman', provinceCode: '06', extra: 1 }, policy),
    ).toEqual({ id: 'u-1', name: 'Chủ tịch', role: 'chairman', jurisdiction: { provinceCode: '06' } });
    expect(actorFromClaims({ ...base, role: 'admin' }, policy).jurisdiction).toEqual({});
  });

  it.each([
    ['a chairman without codes', { role: 'chairman' }, 'thiếu mã tỉnh'],
    ['a commune officer without codes', { role: 'commune_officer' }, 'thiếu mã tỉnh'],
    ['a number for a code', { role: 'chairman', provinceCode: 6 }, 'mã tỉnh'],
    ['null for a code', { role: 'chairman', provinceCode: null }, 'mã tỉnh'],
    ['an array for a code', { role: 'chairman', provinceCode: ['06'] }, 'mã tỉnh'],
    ['an unknown role', { role: 'superuser', provinceCode: '06' }, 'vai trò (role)'],
    ['the system role', { role: 'system' }, 'vai trò (role)'],
    ['a role that is not a string', { role: ['admin'] }, 'vai trò (role)'],
    ['no subject', { sub: undefined, role: 'admin' }, 'người dùng (sub)'],
    ['a name that is not text', { role: 'admin', name: { x: 1 } }, 'họ tên'],
  ])('refuses %s', (_, claims, problem) => {
    const e = refusal({ ...base, ...claims });
    expect(e.code).toBe<InvalidTokenCode>('INVALID_TOKEN_CLAIMS');
    expect(e.message).toContain(problem);
  });

  it('names every problem at once', () => {
    const e = refusal({ ...base, sub: 3, role: 'commune_officer', provinceCode: 6 });
    expect(e.message).toContain('sub');
    expect(e.message).toContain('mã tỉnh');
    expect(e.message).toContain('thiếu mã xã');
  });

  it.each([
    ['no exp', { exp: undefined }],
    ['no iat', { iat: undefined }],
    ['exp as text', { exp: String(iat + 60) }],
    ['a lifetime above the maximum', { exp: iat + 12 * 3600 + 1 }],
    ['exp before iat', { exp: iat - 1 }],
    ['issued in the future', { iat: policy.now + 3600, exp: policy.now + 7200 }],
  ])('refuses a token with %s', (_, times) => {
    expect(refusal({ ...base, role: 'admin', ...times }).code).toBe('TOKEN_LIFETIME');
  });

  it('accepts exactly the maximum lifetime', () => {
    expect(actorFromClaims({ ...base, role: 'admin', exp: iat + 12 * 3600 }, policy).role).toBe('admin');
  });
});

describe('TokenService', () => {
  const secret = 'a-test-secret-of-more-than-32-bytes-0123456789';
  const tokens = new TokenService(secret, 3600);
  const sign = (payload: Record<string, unknown>, exp?: number) => {
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject('u-1')
      .setIssuedAt();
    return (exp === undefined ? jwt : jwt.setExpirationTime(exp)).sign(new TextEncoder().encode(secret));
  };

  it('verifies what it mints', async () => {
    const token = await tokens.mint({ sub: 'u-1', role: 'chairman', provinceCode: '06' }, '30m');
    await expect(tokens.verify(token)).resolves.toMatchObject({ role: 'chairman' });
  });

  it('refuses to mint claims verify would refuse, or a lifetime above the maximum', async () => {
    await expect(tokens.mint({ sub: 'u-1', role: 'chairman' }, '30m')).rejects.toThrow(InvalidTokenError);
    await expect(tokens.mint({ sub: 'u-1', role: 'admin' }, '2h')).rejects.toThrow('maximum');
  });

  it('refuses a token without exp, and one living longer than the maximum', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(tokens.verify(await sign({ role: 'admin' }))).rejects.toMatchObject({
      code: 'TOKEN_LIFETIME',
    });
    await expect(tokens.verify(await sign({ role: 'admin' }, now + 30 * 86_400))).rejects.toMatchObject({
      code: 'TOKEN_LIFETIME',
    });
    await expect(tokens.verify(await sign({ role: 'admin' }, now + 600))).resolves.toMatchObject({
      role: 'admin',
    });
  });
});
