import { ROLES } from './actor';
import { roleLabels, roleTitle } from './role-labels';

describe('role labels: one wording of each role for sentences, headings and lists', () => {
  it('names a role mid-sentence in lower case, except a title of office', () => {
    expect(`Vai trò ${roleLabels.commune_officer} không được nộp hồ sơ`).toBe(
      'Vai trò cán bộ UBND xã không được nộp hồ sơ',
    );
    expect(roleLabels.chairman).toBe('Chủ tịch UBND tỉnh');
  });

  it('gives every role a heading form with a capital first letter, and an unknown role as it came', () => {
    for (const role of ROLES) expect(roleTitle(role)).toMatch(/^[A-ZĐ]\p{Ll}/u);
    expect(roleTitle('province_officer')).toBe('Cán bộ cấp tỉnh');
    expect(roleTitle('emulation_secretary')).toBe('Thư ký Hội đồng Thi đua - Khen thưởng');
    expect(roleTitle('auditor')).toBe('auditor');
  });
});
