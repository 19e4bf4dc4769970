import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import {
  activeUnit,
  currentUnitCode,
  lineageOf,
  unitRegisterDecider,
  type ChangeUnits,
  type LegalBasis,
  type LoadProvinceUnits,
  type UnitChange,
  type UnitEvent,
} from './register';

const admin: Actor = { id: 'quan-tri', name: 'Quản trị', role: 'admin', jurisdiction: {} };
const officer19: Actor = {
  id: 'can-bo-thai-nguyen',
  name: 'Cán bộ tỉnh Thái Nguyên',
  role: 'province_officer',
  jurisdiction: { provinceCode: '19' },
};
const communeOfficer: Actor = {
  id: 'can-bo-xa',
  name: 'Cán bộ xã',
  role: 'commune_officer',
  jurisdiction: { provinceCode: '06', districtCode: '058', communeCode: '01843' },
};

const change = (changes: readonly UnitChange[], actor: Actor = admin): ChangeUnits => ({
  type: 'ChangeUnits',
  data: { changes },
  metadata: { actor, now: '2026-03-02T02:00:00.000Z' },
});

/** Bắc Kạn's list as the administrator's file holds it, laid out as an editor saves it (one field a line). */
const provinceFile = (file: unknown, actor: Actor = admin): LoadProvinceUnits => ({
  type: 'LoadProvinceUnits',
  data: { provinceCode: '06', document: JSON.stringify(file, null, 2) },
  metadata: { actor, now: '2026-03-02T02:00:00.000Z' },
});

/** Resolution 202/2025/QH15 of 12/06/2025: Bắc Kạn and Thái Nguyên become the province of Thái Nguyên. */
const res202: LegalBasis = { number: '202/2025/QH15', issuedOn: '2025-06-12' };
/**
 * Resolution 1683/NQ-UBTVQH15 on Thái Nguyên's communes (2025), Art. 1 point 1: Thịnh Đức, Bình Sơn and Tân Cương
 * become the commune of Tân Cương. The issuing date and the communes' codes were not read in the official text.
 */
const res1683: LegalBasis = {
  number: '1683/NQ-UBTVQH15',
  issuedOn: '2025-06-16',
  unverified: 'ngày ban hành và mã xã chưa đối chiếu với toàn văn',
};

const registered = (
  kind: 'province' | 'district' | 'commune' | 'village',
  code: string,
  name: string,
  provinceCode: string,
  parentCode: string | null = null,
): UnitEvent => ({
  type: 'UnitRegistered',
  data: { kind, code, name, provinceCode, parentCode, effectiveOn: null, basis: null },
});

// Bắc Kạn before 2025 (shared/domain/articles/bac-kan-city-plan-2021-2025.txt) and three Thái Nguyên communes.
const bacKan = registered('province', '06', 'Bắc Kạn', '06');
const bacKanCity = registered('district', '058', 'Thành phố Bắc Kạn', '06', '06');
const nongThuong = registered('commune', '01843', 'Xã Nông Thượng', '06', '058');
const duongQuang = registered('commune', '01840', 'Xã Dương Quang', '06', '058');
const thaiNguyen = registered('province', '19', 'Thái Nguyên', '19');
const thinhDuc = registered('commune', '05800', 'Xã Thịnh Đức', '19');
const binhSon = registered('commune', '05803', 'Xã Bình Sơn', '19');
const tanCuong = registered('commune', '05806', 'Xã Tân Cương', '19');

const beforeTanCuong = [thaiNguyen, thinhDuc, binhSon, tanCuong];

const tanCuongMerger: UnitChange = {
  type: 'MergeUnits',
  kind: 'commune',
  predecessorCodes: ['05800', '05803', '05806'],
  successorCode: '05806',
  successorName: 'Xã Tân Cương',
  provinceCode: '19',
  effectiveOn: '2025-07-01',
  basis: res1683,
};

const { type: _merge, ...mergedData } = tanCuongMerger as Extract<UnitChange, { type: 'MergeUnits' }>;
const tanCuongMerged: UnitEvent = {
  type: 'UnitsMerged',
  data: { ...mergedData, previousName: 'Xã Tân Cương' },
};

describe('the register of administrative units (two-tier local government from 01/07/2025)', () => {
  it('registers a province, its district (2021-2025) and its communes in one batch, checking each parent', () => {
    spec(unitRegisterDecider)
      .given([])
      .when(
        change([
          { type: 'RegisterUnit', kind: 'province', code: '06', name: 'Bắc Kạn' },
          {
            type: 'RegisterUnit',
            kind: 'district',
            code: '058',
            name: 'Thành phố Bắc Kạn',
            provinceCode: '06',
          },
          {
            type: 'RegisterUnit',
            kind: 'commune',
            code: '01843',
            name: 'Xã Nông Thượng',
            provinceCode: '06',
            parentCode: '058',
          },
        ]),
      )
      .then([bacKan, bacKanCity, nongThuong]);
  });

  it('registers villages under their commune (thôn Nà Dì of xã Dương Quang, from the Bắc Kạn article)', () => {
    spec(unitRegisterDecider)
      .given([bacKan, bacKanCity, duongQuang])
      .when(
        change([
          {
            type: 'RegisterUnit',
            kind: 'village',
            code: '01840-01',
            name: 'Thôn Nà Dì',
            provinceCode: '06',
            parentCode: '01840',
          },
        ]),
      )
      .then([registered('village', '01840-01', 'Thôn Nà Dì', '06', '01840')]);
  });

  it('registering a known unit again changes nothing; another name is a renaming with its basis', () => {
    spec(unitRegisterDecider)
      .given([bacKan, bacKanCity, nongThuong])
      .when(
        change([
          {
            type: 'RegisterUnit',
            kind: 'commune',
            code: '01843',
            name: 'Xã Nông Thượng',
            provinceCode: '06',
            parentCode: '058',
          },
        ]),
      )
      .thenNothingHappens();
    spec(unitRegisterDecider)
      .given([bacKan, bacKanCity, nongThuong])
      .when(change([{ type: 'RenameUnit', code: '058', name: 'Thành phố Bắc Kạn (cũ)' }]))
      .then([
        {
          type: 'UnitRenamed',
          data: {
            code: '058',
            name: 'Thành phố Bắc Kạn (cũ)',
            previousName: 'Thành phố Bắc Kạn',
            effectiveOn: null,
            basis: null,
          },
        },
      ]);
  });

  it('a renaming keeps the former name with its date and act; the same renaming applied again keeps it once', () => {
    // TEST DATA: a made-up resolution.
    const res9998: LegalBasis = { number: '9998/NQ-UBTVQH15', issuedOn: '2025-12-15' };
    const renamed: UnitEvent = {
      type: 'UnitRenamed',
      data: {
        code: '01843',
        name: 'Phường Nông Thượng',
        previousName: 'Xã Nông Thượng',
        effectiveOn: '2026-01-01',
        basis: res9998,
      },
    };
    const given = spec(unitRegisterDecider).given([bacKan, bacKanCity, nongThuong]);
    const when = given.when(
      change([
        {
          type: 'RenameUnit',
          code: '01843',
          name: 'Phường Nông Thượng',
          effectiveOn: '2026-01-01',
          basis: res9998,
        },
      ]),
    );
    when.then([renamed]);
    expect(when.stateAfter().units['01843']).toMatchObject({
      name: 'Phường Nông Thượng',
      formerNames: [{ name: 'Xã Nông Thượng', until: '2026-01-01', basis: res9998 }],
    });
    // A replay by a read model that already holds the renaming.
    const replayed = spec(unitRegisterDecider).given([
      bacKan,
      bacKanCity,
      nongThuong,
      renamed,
      renamed,
    ]).state;
    expect(replayed.units['01843'].formerNames).toHaveLength(1);
  });

  it('merges provinces (Resolution 202/2025/QH15): Bắc Kạn into Thái Nguyên, which keeps its code', () => {
    const state = spec(unitRegisterDecider)
      .given([bacKan, thaiNguyen])
      .when(
        change([
          {
            type: 'MergeUnits',
            kind: 'province',
            predecessorCodes: ['06', '19'],
            successorCode: '19',
            successorName: 'Thái Nguyên',
            provinceCode: '19',
            effectiveOn: '2025-07-01',
            basis: res202,
          },
        ]),
      )
      .stateAfter();
    expect(state.units['06']).toMatchObject({ status: 'merged', successorCode: '19', since: '2025-07-01' });
    expect(state.units['19']).toMatchObject({ status: 'active', predecessorCodes: ['06'] });
    expect(currentUnitCode(state, '06')).toBe('19');
  });

  it('merges communes (Resolution 1683/NQ-UBTVQH15, Art. 1.1): the new commune keeps the lineage and the basis', () => {
    spec(unitRegisterDecider)
      .given([thaiNguyen, thinhDuc, binhSon, tanCuong])
      .when(change([tanCuongMerger]))
      .then([tanCuongMerged]);
    const state = spec(unitRegisterDecider)
      .given([thaiNguyen, thinhDuc, binhSon, tanCuong])
      .when(change([tanCuongMerger]))
      .stateAfter();
    expect(lineageOf(state, '05806').map((u) => u.name)).toEqual(['Xã Thịnh Đức', 'Xã Bình Sơn']);
    expect(activeUnit(state, 'commune', '05806')).toMatchObject({ unit: { status: 'active' } });
  });

  it('a merger that gives the kept commune a new name keeps the old one as a former name, with the date and the resolution', () => {
    // TEST DATA: the new name and the resolution are made up.
    const res9990: LegalBasis = { number: '9990/NQ-UBTVQH15', issuedOn: '2025-06-16' };
    const merger: UnitChange = {
      ...tanCuongMerger,
      successorName: 'Xã Tân Cương Mới',
      basis: res9990,
    };
    const merged: UnitEvent = {
      type: 'UnitsMerged',
      data: {
        ...mergedData,
        successorName: 'Xã Tân Cương Mới',
        basis: res9990,
        previousName: 'Xã Tân Cương',
      },
    };
    const when = spec(unitRegisterDecider)
      .given(beforeTanCuong)
      .when(change([merger]));
    when.then([merged]);
    const formerName = { name: 'Xã Tân Cương', until: '2025-07-01', basis: res9990 };
    expect(when.stateAfter().units['05806']).toMatchObject({
      name: 'Xã Tân Cương Mới',
      formerNames: [formerName],
    });
    // A replay by a read model after a later renaming: the former name is the recorded one, kept once.
    const renamed: UnitEvent = {
      type: 'UnitRenamed',
      data: {
        code: '05806',
        name: 'Phường Tân Cương',
        previousName: 'Xã Tân Cương Mới',
        effectiveOn: '2026-01-01',
        basis: res9990,
      },
    };
    const replayed = spec(unitRegisterDecider).given([
      ...beforeTanCuong,
      merged,
      renamed,
      merged,
      renamed,
    ]).state;
    expect(replayed.units['05806'].formerNames).toEqual([
      formerName,
      { name: 'Xã Tân Cương Mới', until: '2026-01-01', basis: res9990 },
    ]);
    // A merger recorded before the name was: the kept unit's name as the register held it.
    const { previousName: _recorded, ...older } = (merged as Extract<UnitEvent, { type: 'UnitsMerged' }>)
      .data;
    const old = spec(unitRegisterDecider).given([
      ...beforeTanCuong,
      { type: 'UnitsMerged', data: older },
    ]).state;
    expect(old.units['05806'].formerNames).toEqual([formerName]);
    // Kept under its own name: no former name.
    const same = spec(unitRegisterDecider).given([...beforeTanCuong, tanCuongMerged]).state;
    expect(same.units['05806'].formerNames).toEqual([]);
  });

  it('refuses a merged-away code afterwards, naming the unit it went into and the resolution', () => {
    const state = spec(unitRegisterDecider).given([
      thaiNguyen,
      thinhDuc,
      binhSon,
      tanCuong,
      tanCuongMerged,
    ]).state;
    const found = activeUnit(state, 'commune', '05800');
    expect(found).toEqual({
      problem: {
        code: 'UNIT_MERGED',
        message:
          'Xã Thịnh Đức (mã 05800) đã sắp xếp vào Xã Tân Cương (mã 05806) từ ngày 01/07/2025 theo ' +
          '1683/NQ-UBTVQH15; hãy dùng đơn vị mới',
      },
    });
    expect(activeUnit(state, 'commune', '09999')).toMatchObject({ problem: { code: 'UNIT_UNKNOWN' } });
    // The same merger again changes nothing; a merged-away unit cannot be merged into anything else.
    spec(unitRegisterDecider)
      .given([thaiNguyen, thinhDuc, binhSon, tanCuong, tanCuongMerged])
      .when(change([tanCuongMerger]))
      .thenNothingHappens();
    spec(unitRegisterDecider)
      .given([thaiNguyen, thinhDuc, binhSon, tanCuong, tanCuongMerged])
      .when(change([{ ...tanCuongMerger, predecessorCodes: ['05800', '05806'], effectiveOn: '2026-01-01' }]))
      .thenThrows('UNIT_MERGED', 'rule');
  });

  it('dissolves a unit with its decision; a dissolved unit is refused afterwards', () => {
    const state = spec(unitRegisterDecider)
      .given([bacKan, bacKanCity, nongThuong])
      .when(
        change([
          {
            type: 'DissolveUnit',
            code: '058',
            effectiveOn: '2025-07-01',
            // The end of the district level: Law 72/2025/QH15 on the organisation of local government.
            basis: {
              number: '72/2025/QH15',
              issuedOn: '2025-06-16',
              unverified: 'ngày ban hành chưa đối chiếu',
            },
          },
        ]),
      )
      .stateAfter();
    expect(activeUnit(state, 'district', '058')).toMatchObject({ problem: { code: 'UNIT_DISSOLVED' } });
  });

  it('applies nothing when one change of the batch is wrong, and lists every problem by its place', () => {
    const err = spec(unitRegisterDecider)
      .given([bacKan])
      .when(
        change([
          {
            type: 'RegisterUnit',
            kind: 'commune',
            code: '01843',
            name: 'Xã Nông Thượng',
            provinceCode: '06',
          },
          { type: 'RegisterUnit', kind: 'commune', code: '1843', name: '', provinceCode: '06' },
        ]),
      )
      .thenThrows('UNIT_CHANGE_INVALID', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual(['changes[1].code', 'changes[1].name']);
    expect(err.message).toMatch(/mã xã cần 5 chữ số/);
    spec(unitRegisterDecider)
      .given([bacKan])
      .when(
        change([{ type: 'RegisterUnit', kind: 'commune', code: '01846', name: 'Xã X', provinceCode: '07' }]),
      )
      .thenThrows('UNIT_PARENT_UNKNOWN', 'invalid');
  });

  it('a merger needs its resolution: number and date', () => {
    const err = spec(unitRegisterDecider)
      .given([thaiNguyen, thinhDuc, binhSon, tanCuong])
      .when(change([{ ...tanCuongMerger, basis: { number: '', issuedOn: '16/06/2025' } }]))
      .thenThrows('UNIT_CHANGE_INVALID', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual([
      'changes[0].basis.number',
      'changes[0].basis.issuedOn',
    ]);
  });

  it('is changed by a system administrator only (the national list, not a province’s own data)', () => {
    spec(unitRegisterDecider)
      .given([bacKan])
      .when(change([{ type: 'RenameUnit', code: '06', name: 'Bắc Cạn' }], communeOfficer))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec(unitRegisterDecider)
      .given([thaiNguyen, thinhDuc, binhSon, tanCuong])
      .when(change([tanCuongMerger], officer19))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  describe("a province's list loaded from a file", () => {
    const district = { code: '058', name: 'Thành phố Bắc Kạn' };
    const commune = { code: '01843', name: 'Xã Nông Thượng', districtCode: '058' };

    it('registers the province, its districts and communes; the same file again changes nothing', () => {
      const file = { name: 'Bắc Kạn', districts: [district], communes: [commune] };
      spec(unitRegisterDecider).given([]).when(provinceFile(file)).then([bacKan, bacKanCity, nongThuong]);
      spec(unitRegisterDecider)
        .given([bacKan, bacKanCity, nongThuong])
        .when(provinceFile(file))
        .thenNothingHappens();
      // Two-tier government: no districts, the list left out.
      spec(unitRegisterDecider)
        .given([bacKan])
        .when(provinceFile({ name: 'Bắc Kạn', communes: [{ code: '01840', name: 'Xã Dương Quang' }] }))
        .then([registered('commune', '01840', 'Xã Dương Quang', '06')]);
    });

    it("names each problem by the file's line and field, in Vietnamese; nothing is written", () => {
      // Line 10 opens communes[0], line 15 communes[1]: "code" on 16, "districtCode" on 18.
      const err = spec(unitRegisterDecider)
        .given([])
        .when(
          provinceFile({
            name: 'Bắc Kạn',
            districts: [district],
            communes: [commune, { code: '1843', name: 'Xã Sai Mã', districtCode: '999' }],
          }),
        )
        .thenThrows('UNIT_CHANGE_INVALID', 'invalid');
      expect(err.violations).toEqual([
        {
          code: 'UNIT_CHANGE_INVALID',
          field: 'communes[1].code',
          message: 'Dòng 16, trường communes[1].code: mã xã cần 5 chữ số',
        },
        {
          code: 'UNIT_PARENT_UNKNOWN',
          field: 'communes[1].districtCode',
          message: 'Dòng 18, trường communes[1].districtCode: huyện mã 999 chưa có trong danh mục',
        },
      ]);
      expect(err.message).toMatch(/^Tệp danh mục của tỉnh có 2 lỗi, chưa nạp gì: Dòng 16/);
    });

    it("refuses a file's shape whole: a code twice, a field the register does not know, a broken JSON", () => {
      const err = spec(unitRegisterDecider)
        .given([bacKan])
        .when(provinceFile({ name: 'Bắc Kạn', communes: [commune, { ...commune, population: 9000 }] }))
        .thenThrows('DUPLICATE_UNIT', 'invalid');
      // In the file's order: line 9 opens communes[1].
      expect(err.violations.map((v) => v.message)).toEqual([
        'Dòng 10, trường communes[1].code: mã xã 01843 bị trùng, đã có ở communes[0]',
        'Dòng 13, trường communes[1].population: trường không được biết',
      ]);
      const broken = spec(unitRegisterDecider)
        .given([bacKan])
        .when({ ...provinceFile({}), data: { provinceCode: '06', document: '{\n  "name": "Bắc Kạn",\n}' } })
        .thenThrows('UNITS_FILE_INVALID', 'invalid');
      expect(broken.violations[0].message).toMatch(/^Dòng 3, trường \(JSON\): JSON không hợp lệ/);
    });

    it('lists the first 20 problems by line and counts the others', () => {
      const communes = Array.from({ length: 30 }, (_, i) => ({ code: `x${i}`, name: `Xã ${i}` }));
      const err = spec(unitRegisterDecider)
        .given([bacKan])
        .when(provinceFile({ name: 'Bắc Kạn', communes }))
        .thenThrows('UNIT_CHANGE_INVALID', 'invalid');
      expect(err.violations).toHaveLength(21);
      expect(err.violations[19].message).toMatch(
        /^Dòng \d+, trường communes\[19\]\.code: mã xã cần 5 chữ số$/,
      );
      expect(err.violations[20].message).toBe('Còn 10 lỗi khác: sửa các lỗi trên rồi nạp lại để xem tiếp');
      expect(err.message).toContain('có 30 lỗi');
    });

    it('a merged-away province is not registered again under another name (422, at its name)', () => {
      const err = spec(unitRegisterDecider)
        .given([
          bacKan,
          thaiNguyen,
          {
            type: 'UnitsMerged',
            data: {
              kind: 'province',
              predecessorCodes: ['06', '19'],
              successorCode: '19',
              successorName: 'Thái Nguyên',
              previousName: 'Thái Nguyên',
              provinceCode: '19',
              effectiveOn: '2025-07-01',
              basis: res202,
            },
          },
        ])
        .when(provinceFile({ name: 'Tỉnh Bắc Kạn', communes: [] }))
        .thenThrows('UNIT_NOT_ACTIVE', 'rule');
      expect(err.violations.map((v) => v.message)).toEqual([
        'Dòng 2, trường name: tỉnh Bắc Kạn (mã 06) đã sắp xếp, không đăng ký lại',
      ]);
    });

    it('is loaded by a system administrator only', () => {
      spec(unitRegisterDecider)
        .given([])
        .when(provinceFile({ name: 'Bắc Kạn', communes: [] }, officer19))
        .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    });
  });
});
