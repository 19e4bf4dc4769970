import type { Nominee } from '@ntm/commendation';
import { nomineeLine } from './commendation.exports';

// How the decision's list and the exports name each recipient.
describe('nomineeLine', () => {
  const person: Nominee = { kind: 'individual', provinceCode: '06', id: 'ha-van-duc', name: 'Hà Văn Đức' };

  it('names a person with the position, then the unit, each as typed (a position may hold a comma)', () => {
    expect(
      nomineeLine({ ...person, position: 'Phó Bí thư Đảng ủy, Chủ tịch HĐND xã', unit: 'xã Nông Thượng' }),
    ).toBe('Ông/Bà Hà Văn Đức, Phó Bí thư Đảng ủy, Chủ tịch HĐND xã, xã Nông Thượng');
    expect(nomineeLine({ ...person, unit: 'xã Nông Thượng' })).toBe('Ông/Bà Hà Văn Đức, xã Nông Thượng');
  });

  it('prints a nomination made before the unit had its own field as it was typed', () => {
    expect(nomineeLine({ ...person, position: 'Chủ tịch UBND xã Nông Thượng' })).toBe(
      'Ông/Bà Hà Văn Đức, Chủ tịch UBND xã Nông Thượng',
    );
  });

  it('names a person without position or unit, a commune and a collective by their names, capitalised', () => {
    expect(nomineeLine(person)).toBe('Hà Văn Đức');
    expect(
      nomineeLine({ kind: 'commune', provinceCode: '06', communeCode: '01843', name: 'xã Nông Thượng' }),
    ).toBe('Xã Nông Thượng');
    expect(
      nomineeLine({ kind: 'collective', provinceCode: '06', id: 'htx', name: 'Hợp tác xã Nông Thượng' }),
    ).toBe('Hợp tác xã Nông Thượng');
  });
});
