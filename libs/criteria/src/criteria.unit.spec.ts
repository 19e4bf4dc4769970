import {
  CRITERION_GROUPS,
  REGIONS,
  criteriaSet,
  criterionLabel,
  keyCriteria,
  regionLabels,
  revocationReferenceLevel,
  type Period,
} from '@ntm/criteria';

describe('criteria catalogue 2021-2025', () => {
  it('has the 19 NTM criteria of Decision 318, numbered 1 to 19, in the five groups', () => {
    const set = criteriaSet('2021-2025', 'ntm');
    expect(set.verified).toBe(true);
    expect(set.criteria.map((c) => c.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(new Set(set.criteria.map((c) => c.group))).toEqual(new Set(CRITERION_GROUPS));
    expect(set.criteria.filter((c) => c.group === 'quy-hoach').map((c) => c.number)).toEqual([1]);
    expect(set.criteria.filter((c) => c.group === 'he-thong-chinh-tri').map((c) => c.number)).toEqual([
      18, 19,
    ]);
    expect(criterionLabel(set, 17)).toBe('Tiêu chí 17 (Môi trường và an toàn thực phẩm)');
    expect(criterionLabel(set, 13)).toBe('Tiêu chí 13 (Tổ chức sản xuất và phát triển kinh tế nông thôn)');
  });

  it('marks the key criteria for revocation: NTM 10, 17, 19; nâng cao 10, 17, 18, 19', () => {
    expect(keyCriteria(criteriaSet('2021-2025', 'ntm'))).toEqual([10, 17, 19]);
    expect(keyCriteria(criteriaSet('2021-2025', 'nang-cao'))).toEqual([10, 17, 18, 19]);
  });

  it('flags the nâng cao names as unverified and separates "Môi trường" from "Chất lượng môi trường sống"', () => {
    const set = criteriaSet('2021-2025', 'nang-cao');
    expect(set.verified).toBe(false);
    expect(set.note).toContain('UNVERIFIED');
    expect(set.criteria).toHaveLength(19);
    expect(criterionLabel(set, 17)).toBe('Tiêu chí 17 (Môi trường)');
    expect(criterionLabel(set, 18)).toBe('Tiêu chí 18 (Chất lượng môi trường sống)');
  });

  it('gives kiểu mẫu the nâng cao criteria plus the extra conditions of Decision 319', () => {
    const set = criteriaSet('2021-2025', 'kieu-mau');
    expect(set.criteria).toEqual(criteriaSet('2021-2025', 'nang-cao').criteria);
    expect(set.kieuMau).toEqual({ incomeFactor: 1.1, minSmartVillages: 1, minOutstandingFields: 1 });
    expect(criteriaSet('2021-2025', 'ntm').kieuMau).toBeUndefined();
  });

  it('lets a province override the kiểu mẫu income factor without touching the default', () => {
    expect(criteriaSet('2021-2025', 'kieu-mau', { kieuMau: { incomeFactor: 1.2 } }).kieuMau).toEqual({
      incomeFactor: 1.2,
      minSmartVillages: 1,
      minOutstandingFields: 1,
    });
    expect(criteriaSet('2021-2025', 'kieu-mau').kieuMau?.incomeFactor).toBe(1.1);
  });

  it('types the seven regions and leaves the unknown thresholds empty', () => {
    expect(REGIONS).toHaveLength(7);
    expect(regionLabels['dong-bang-song-cuu-long']).toBe('Đồng bằng sông Cửu Long');
    for (const level of ['ntm', 'nang-cao', 'kieu-mau'] as const) {
      for (const c of criteriaSet('2021-2025', level).criteria) expect(c.indicators).toEqual([]);
    }
  });

  it('re-assesses kiểu mẫu communes against the nâng cao set for revocation', () => {
    expect(revocationReferenceLevel('ntm')).toBe('ntm');
    expect(revocationReferenceLevel('nang-cao')).toBe('nang-cao');
    expect(revocationReferenceLevel('kieu-mau')).toBe('nang-cao');
  });

  it('refuses a period it does not know', () => {
    expect(() => criteriaSet('2026-2030' as Period, 'ntm')).toThrow('No criteria set for period 2026-2030');
  });
});
