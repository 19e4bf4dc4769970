import { nomineeId, randomSuffix, slugOf } from '../../apps/web/src/pages/emulation/slug';

// The ids the browser makes from names must be ones the API takes (NomineeDto's slug).
const API_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

describe('ids made from names', () => {
  it('drops the diacritics, đ included, and joins the words with hyphens', () => {
    expect(slugOf('Hợp tác xã Nông nghiệp Đồng Tâm')).toBe('hop-tac-xa-nong-nghiep-dong-tam');
    expect(slugOf('Hà Văn Đức')).toBe('ha-van-duc');
    expect(slugOf('  (Ban) Chỉ đạo — xã Nông Thượng!  ')).toBe('ban-chi-dao-xa-nong-thuong');
    // Decomposed letters (typed on some keyboards) give the same id as the composed ones.
    expect(slugOf('Nông Thượng'.normalize('NFD'))).toBe('nong-thuong');
  });

  it('cuts a long name at 63 characters without a hyphen at the end', () => {
    const id = slugOf('Trung tâm Dịch vụ nông nghiệp thành phố Bắc Kạn tỉnh Bắc Kạn giai đoạn 2021-2025');
    expect(id).toBe('trung-tam-dich-vu-nong-nghiep-thanh-pho-bac-kan-tinh-bac-kan-gi');
    expect(id).toHaveLength(63);
    expect(slugOf('a'.repeat(62) + ' b')).toBe('a'.repeat(62));
  });

  it('adds the suffix within 63 characters, so two people of the same name differ', () => {
    expect(nomineeId('Hà Văn Đức', 'k3x9q0')).toBe('ha-van-duc-k3x9q0');
    expect(nomineeId('Hà Văn Đức', 'k3x9q0')).not.toBe(nomineeId('Hà Văn Đức', '7pz21a'));
    // Cut where a word ends: the hyphen there goes, and the id is one shorter.
    expect(nomineeId('Nguyễn '.repeat(20), 'k3x9q0')).toBe(`${'nguyen-'.repeat(8)}k3x9q0`);
    expect(nomineeId('Đ'.repeat(100), 'k3x9q0')).toBe(`${'d'.repeat(56)}-k3x9q0`);
    // A name with no letter or digit to keep: the suffix alone.
    expect(nomineeId('— ? —', 'k3x9q0')).toBe('k3x9q0');
  });

  it('draws six letters or digits, different from draw to draw, that make ids the API takes', () => {
    const drawn = Array.from({ length: 200 }, randomSuffix);
    for (const s of drawn) expect(s).toMatch(/^[a-z0-9]{6}$/);
    expect(new Set(drawn).size).toBeGreaterThan(190);
    for (const name of ['Hà Văn Đức', 'Ủy ban nhân dân xã Nông Thượng', '—', 'x'.repeat(300)])
      expect(nomineeId(name, randomSuffix())).toMatch(API_SLUG);
  });
});
