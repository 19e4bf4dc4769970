import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import { provincePlanDecider, type PlanEvent, type SetProvincePlan } from './plan';

const officer: Actor = {
  id: 'can-bo-tinh',
  name: 'Cán bộ tỉnh',
  role: 'province_officer',
  jurisdiction: { provinceCode: '06' },
};
const district: Actor = {
  ...officer,
  role: 'district_officer',
  jurisdiction: { provinceCode: '06', districtCode: '058' },
};

// Kế hoạch 2017/KH-UBND of Bắc Kạn city (shared/domain/articles/bac-kan-city-plan-2021-2025.txt names the plan).
const setPlan = (targets: SetProvincePlan['data']['targets'], actor: Actor = officer): SetProvincePlan => ({
  type: 'SetProvincePlan',
  data: {
    provinceCode: '06',
    title: 'Kế hoạch xây dựng nông thôn mới 2021-2025',
    reference: 'Kế hoạch 2017/KH-UBND',
    targets,
  },
  metadata: { actor, now: '2026-03-02T02:00:00.000Z' },
});
const planSet: PlanEvent = {
  type: 'ProvincePlanSet',
  data: {
    provinceCode: '06',
    title: 'Kế hoạch xây dựng nông thôn mới 2021-2025',
    reference: 'Kế hoạch 2017/KH-UBND',
    targets: [{ year: 2025, level: 'ntm', target: 3, districtCode: '' }],
    setBy: 'can-bo-tinh',
    setAt: '2026-03-02T02:00:00.000Z',
  },
};

describe("a province's plan (targets by year, level and district), with its author", () => {
  it('is set by its own provincial officers; the same plan again changes nothing', () => {
    spec(provincePlanDecider)
      .given([])
      .when(setPlan([{ year: 2025, level: 'ntm', target: 3 }]))
      .then([planSet]);
    spec(provincePlanDecider)
      .given([planSet])
      .when(setPlan([{ year: 2025, level: 'ntm', target: 3 }]))
      .thenNothingHappens();
    spec(provincePlanDecider)
      .given([])
      .when(setPlan([{ year: 2025, level: 'ntm', target: 3 }], district))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  it('refuses a higher level above the lower one (nâng cao communes are among the NTM communes) and duplicates', () => {
    spec(provincePlanDecider)
      .given([])
      .when(
        setPlan([
          { year: 2025, level: 'ntm', target: 3 },
          { year: 2025, level: 'nang-cao', target: 5 },
        ]),
      )
      .thenThrows('TARGET_EXCEEDS_LOWER_LEVEL', 'invalid');
    spec(provincePlanDecider)
      .given([])
      .when(
        setPlan([
          { year: 2025, level: 'ntm', target: 3 },
          { year: 2025, level: 'ntm', target: 4 },
        ]),
      )
      .thenThrows('DUPLICATE_TARGET', 'invalid');
  });

  it('takes for a 2026-2030 year the levels of that period, hiện đại among them (RULES-2026 §1)', () => {
    const targets = [
      { year: 2030, level: 'ntm', target: 40, districtCode: '' },
      { year: 2030, level: 'hien-dai', target: 6, districtCode: '' },
    ];
    spec(provincePlanDecider)
      .given([])
      .when(setPlan(targets))
      .then([{ type: 'ProvincePlanSet', data: { ...planSet.data, targets } }]);
  });

  it("refuses a level its year's period does not offer, or a year outside the periods, naming the target", () => {
    const hienDai2025 = spec(provincePlanDecider)
      .given([])
      .when(
        setPlan([
          { year: 2025, level: 'ntm', target: 3 },
          { year: 2025, level: 'hien-dai', target: 1 },
        ]),
      )
      .thenThrows('LEVEL_NOT_IN_PERIOD', 'invalid');
    expect(hienDai2025.violations).toEqual([
      expect.objectContaining({ field: 'targets.1.level', message: expect.stringContaining('2021-2025') }),
    ]);
    const beforeProgramme = spec(provincePlanDecider)
      .given([])
      .when(setPlan([{ year: 2019, level: 'ntm', target: 3 }]))
      .thenThrows('YEAR_OUTSIDE_PERIODS', 'invalid');
    expect(beforeProgramme.violations).toEqual([expect.objectContaining({ field: 'targets.0.year' })]);
  });

  it('keeps hiện đại within the NTM target of its year (the pilot builds on NTM), not within nâng cao', () => {
    const tooMany = spec(provincePlanDecider)
      .given([])
      .when(
        setPlan([
          { year: 2030, level: 'ntm', target: 40 },
          { year: 2030, level: 'hien-dai', target: 41 },
        ]),
      )
      .thenThrows('TARGET_EXCEEDS_LOWER_LEVEL', 'invalid');
    expect(tooMany.violations).toEqual([
      expect.objectContaining({ field: 'targets', message: expect.stringContaining('hiện đại') }),
    ]);
    spec(provincePlanDecider)
      .given([])
      .when(
        setPlan([
          { year: 2030, level: 'ntm', target: 40 },
          { year: 2030, level: 'nang-cao', target: 2 },
          { year: 2030, level: 'hien-dai', target: 6 },
        ]),
      )
      .thenMatch([{ type: 'ProvincePlanSet' }]);
  });
});
