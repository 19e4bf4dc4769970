import {
  NATIONAL_ROLES,
  ROLES,
  ROLE_LEVELS,
  actorCovers,
  actorCoversProvince,
  covers,
  parseJurisdiction,
  requireCovers,
  type Actor,
  type Role,
} from '@ntm/decider';

describe('jurisdiction', () => {
  const loc = { provinceCode: '06', districtCode: '058', communeCode: '01843' };
  it('a provincial officer covers every commune of the province', () => {
    expect(covers({ provinceCode: '06' }, loc)).toBe(true);
    expect(covers({ provinceCode: '24' }, loc)).toBe(false);
  });
  it('a commune officer covers only their commune', () => {
    expect(covers({ provinceCode: '06', districtCode: '058', communeCode: '01843' }, loc)).toBe(true);
    expect(covers({ provinceCode: '06', districtCode: '058', communeCode: '01846' }, loc)).toBe(false);
  });

  const actor = (role: Role, jurisdiction: Actor['jurisdiction']): Actor => ({ id: 'x', role, jurisdiction });

  it('only admin and system are national, and every role has a level', () => {
    expect([...NATIONAL_ROLES].sort()).toEqual(['admin', 'system']);
    for (const role of ROLES) expect(ROLE_LEVELS[role]).toBeDefined();
  });

  it('fails closed: an actor of a non-national role without its area covers nothing', () => {
    for (const role of ROLES.filter((r) => !NATIONAL_ROLES.includes(r))) {
      expect(actorCovers(actor(role, {}), loc)).toBe(false);
      expect(actorCoversProvince(actor(role, {}), '06')).toBe(false);
      expect(() => requireCovers(actor(role, {}), loc, 'Hồ sơ')).toThrow('nằm ngoài địa bàn phụ trách');
    }
    // A commune officer with only a province is not a provincial officer.
    expect(actorCovers(actor('commune_officer', { provinceCode: '06' }), loc)).toBe(false);
    expect(actorCovers(actor('district_officer', { provinceCode: '06' }), loc)).toBe(false);
    expect(actorCovers(actor('admin', {}), loc)).toBe(true);
    expect(actorCovers(actor('system', {}), loc)).toBe(true);
    expect(actorCovers(actor('chairman', { provinceCode: '06' }), loc)).toBe(true);
    expect(actorCovers(actor('commune_officer', { provinceCode: '06', communeCode: '01843' }), loc)).toBe(
      true,
    );
  });

  describe('parseJurisdiction (token claims)', () => {
    it('reads the codes each level needs; a commune may lack a district (two-tier)', () => {
      expect(parseJurisdiction('chairman', { provinceCode: '06' })).toEqual({
        ok: true,
        jurisdiction: { provinceCode: '06' },
      });
      expect(parseJurisdiction('commune_officer', { provinceCode: '06', communeCode: '01843' })).toEqual({
        ok: true,
        jurisdiction: { provinceCode: '06', communeCode: '01843' },
      });
      expect(parseJurisdiction('admin', {})).toEqual({ ok: true, jurisdiction: {} });
    });

    it.each([
      ['chairman', {}, 'thiếu mã tỉnh'],
      ['commune_officer', { provinceCode: '06' }, 'thiếu mã xã'],
      ['district_officer', { provinceCode: '06' }, 'thiếu mã huyện'],
      ['chairman', { provinceCode: 6 }, 'mã tỉnh (provinceCode, 2 chữ số) không hợp lệ'],
      ['chairman', { provinceCode: null }, 'mã tỉnh (provinceCode, 2 chữ số) không hợp lệ'],
      ['chairman', { provinceCode: ['06'] }, 'mã tỉnh (provinceCode, 2 chữ số) không hợp lệ'],
      ['chairman', { provinceCode: '6' }, 'mã tỉnh (provinceCode, 2 chữ số) không hợp lệ'],
      ['commune_officer', { provinceCode: '06', communeCode: '1843' }, 'mã xã'],
      ['chairman', { provinceCode: '06', communeCode: '01843' }, 'không mang mã xã'],
      ['admin', { provinceCode: '06' }, 'không mang mã tỉnh'],
    ] as [Role, Record<string, unknown>, string][])('refuses %s with %j', (role, raw, problem) => {
      const result = parseJurisdiction(role, raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.join('; ')).toContain(problem);
    });
  });
});
