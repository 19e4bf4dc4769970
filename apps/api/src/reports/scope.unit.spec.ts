import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '@ntm/decider';
import { requireProvinceWriter, resolveScope } from './scope';

const actor = (role: Actor['role'], jurisdiction: Actor['jurisdiction']): Actor => ({
  id: 'u',
  role,
  jurisdiction,
});

describe('resolveScope', () => {
  it('lets an administrator look anywhere, as asked', () => {
    expect(resolveScope(actor('admin', {}), { province: '24', district: '213' })).toEqual({
      provinceCode: '24',
      districtCode: '213',
      communeCode: undefined,
    });
    expect(resolveScope(actor('admin', {}), {})).toEqual({
      provinceCode: undefined,
      districtCode: undefined,
      communeCode: undefined,
    });
  });

  it('narrows everyone else to their own units', () => {
    expect(resolveScope(actor('province_officer', { provinceCode: '06' }), {})).toEqual({
      provinceCode: '06',
      districtCode: undefined,
      communeCode: undefined,
    });
    expect(
      resolveScope(actor('province_officer', { provinceCode: '06' }), { district: '058' }),
    ).toMatchObject({ provinceCode: '06', districtCode: '058' });
    expect(
      resolveScope(actor('district_officer', { provinceCode: '06', districtCode: '058' }), {
        province: '06',
      }),
    ).toMatchObject({ districtCode: '058' });
    expect(
      resolveScope(
        actor('commune_officer', { provinceCode: '06', districtCode: '058', communeCode: '01843' }),
        {},
      ),
    ).toEqual({
      provinceCode: '06',
      districtCode: '058',
      communeCode: '01843',
    });
  });

  it('refuses another unit, naming it, and a token bound to no province', () => {
    expect(() => resolveScope(actor('province_officer', { provinceCode: '06' }), { province: '24' })).toThrow(
      /tỉnh 06 \(đã yêu cầu 24\)/,
    );
    expect(() =>
      resolveScope(actor('district_officer', { provinceCode: '06', districtCode: '058' }), {
        district: '059',
      }),
    ).toThrow(ForbiddenException);
    expect(() => resolveScope(actor('council_member', {}), {})).toThrow(/không gắn với tỉnh/);
  });
});

describe('requireProvinceWriter', () => {
  it('admits administrators and the province’s own officers of the listed roles only', () => {
    expect(() => requireProvinceWriter(actor('admin', {}), '06', [])).not.toThrow();
    expect(() =>
      requireProvinceWriter(actor('province_officer', { provinceCode: '06' }), '06', ['province_officer']),
    ).not.toThrow();
    expect(() =>
      requireProvinceWriter(actor('province_officer', { provinceCode: '24' }), '06', ['province_officer']),
    ).toThrow(ForbiddenException);
    expect(() =>
      requireProvinceWriter(actor('province_officer', { provinceCode: '06', districtCode: '058' }), '06', [
        'province_officer',
      ]),
    ).toThrow(ForbiddenException);
    expect(() =>
      requireProvinceWriter(actor('chairman', { provinceCode: '06' }), '06', ['province_officer']),
    ).toThrow(/chairman/);
  });
});
