import { covers } from '@ntm/decider';

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
});
