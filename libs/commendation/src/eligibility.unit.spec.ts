import { checkEligibility, evidenceOf, restsOn, type EligibilityInput } from './eligibility';
import {
  bangKhen,
  bangKhenThuTuong,
  hopTacXa,
  movement,
  nongThuong,
  person,
  recognition,
  record,
} from './testing/fixtures';
import type { AwardType, EligibilityRule } from './types';

const withRules = (rules: EligibilityRule[], over: Partial<AwardType> = {}): AwardType => ({
  ...bangKhen,
  rules,
  ...over,
});
const check = (over: Partial<EligibilityInput>) =>
  checkEligibility({
    awardType: bangKhen,
    nominee: nongThuong,
    movement,
    year: 2025,
    record: record(),
    ...over,
  });
const statusOf = (over: Partial<EligibilityInput>, rule: string) =>
  check(over).checks.find((c) => c.rule === rule)!;

describe('eligibility rules read the record', () => {
  it('lists every rule, passed or failed, with the evidence the passed ones rest on', () => {
    const report = check({});
    expect(report.eligible).toBe(true);
    expect(report.checks.map((c) => [c.rule, c.status])).toEqual([
      ['nominee-kind', 'passed'],
      ['holds-recognition', 'passed'],
      ['recognised-in-period', 'passed'],
    ]);
    expect(restsOn(evidenceOf(report))).toEqual(['d-nong-thuong-ntm']);
    expect(report.checks[1].detail).toBe('Quyết định công nhận số 1234/QĐ-UBND ngày 15/12/2023');
    expect(report.checks[2].detail).toBe(
      'Đạt chuẩn nông thôn mới: Quyết định số 1234/QĐ-UBND ngày 15/12/2023',
    );
  });

  it('fails "holds NTM recognition" when the recognition was revoked, naming the revoking decision', () => {
    const revoked = record({
      recognitions: [recognition({ revoked: { decisionNumber: '77/QĐ-UBND', decidedOn: '2025-06-01' } })],
    });
    const report = check({ record: revoked });
    expect(report.eligible).toBe(false);
    const failed = report.checks.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.rule)).toEqual(['holds-recognition', 'recognised-in-period']);
    expect(failed[0].detail).toContain('(Quyết định số 77/QĐ-UBND ngày 01/06/2025)');
  });

  it('counts a recognition in the period only when it was decided within the movement years', () => {
    const before = record({ recognitions: [recognition({ decidedOn: '2020-12-30' })] });
    expect(statusOf({ record: before }, 'recognised-in-period').status).toBe('failed');
    expect(statusOf({ record: before }, 'holds-recognition').status).toBe('passed');
    const nangCao = withRules([{ kind: 'recognised-in-period', levels: ['nang-cao', 'kieu-mau'] }]);
    expect(statusOf({ awardType: nangCao }, 'recognised-in-period').status).toBe('failed');
    const nangCaoRecord = record({
      recognitions: [
        recognition(),
        recognition({ dossierId: 'd-nc', level: 'nang-cao', decidedOn: '2025-01-20' }),
      ],
    });
    const passed = statusOf({ awardType: nangCao, record: nangCaoRecord }, 'recognised-in-period');
    expect(passed.status).toBe('passed');
    expect(passed.evidence).toEqual([expect.objectContaining({ dossierId: 'd-nc', level: 'nang-cao' })]);
  });

  it('does not apply commune recognition rules to individuals or other collectives', () => {
    const report = check({ nominee: person, record: record({ recognitions: [] }) });
    expect(report.eligible).toBe(true);
    expect(report.checks.filter((c) => c.status === 'not-applicable').map((c) => c.rule)).toEqual([
      'holds-recognition',
      'recognised-in-period',
    ]);
  });

  it('refuses a nominee kind the award is not for', () => {
    const flag = withRules([], { nomineeKinds: ['commune', 'collective'] });
    const report = check({ awardType: flag, nominee: person });
    expect(report.eligible).toBe(false);
    expect(report.checks[0]).toMatchObject({ rule: 'nominee-kind', status: 'failed' });
    expect(report.checks[0].detail).toContain('cá nhân');
  });

  describe('leads its cluster this year', () => {
    const leads = withRules([{ kind: 'leads-cluster' }]);
    const standing = {
      clusterId: 'cum-1',
      clusterName: 'Cụm thi đua số 1',
      year: 2025,
      rank: 1,
      of: 4,
      score: 96,
      leader: true,
    };

    it('passes for the leader with the rank as evidence', () => {
      const c = statusOf(
        { awardType: leads, nominee: hopTacXa, record: record({ standing }) },
        'leads-cluster',
      );
      expect(c.status).toBe('passed');
      expect(c.evidence).toEqual([
        {
          kind: 'cluster-rank',
          clusterId: 'cum-1',
          clusterName: 'Cụm thi đua số 1',
          year: 2025,
          rank: 1,
          score: 96,
        },
      ]);
    });

    it('fails for the second, and for a unit without a ranking this year', () => {
      const second = statusOf(
        {
          awardType: leads,
          record: record({ standing: { ...standing, rank: 2, score: 90, leader: false } }),
        },
        'leads-cluster',
      );
      expect(second.status).toBe('failed');
      expect(second.detail).toContain('Xếp hạng 2/4');
      expect(
        statusOf({ awardType: leads, record: record({ standing: null }) }, 'leads-cluster').detail,
      ).toContain('Chưa có kết quả');
    });
  });

  describe('N consecutive years of a title', () => {
    const title = (years: number, endingWith: 'nomination-year' | 'previous-year' = 'nomination-year') =>
      withRules([
        {
          kind: 'consecutive-titles',
          awardTypeId: 'tap-the-lao-dong-xuat-sac',
          title: 'Tập thể lao động xuất sắc',
          years,
          endingWith,
        },
      ]);
    const award = (year: number, revoked = false) => ({
      awardId: `a${year}`,
      awardTypeId: 'tap-the-lao-dong-xuat-sac',
      year,
      decisionNumber: `${year}/QĐ`,
      revoked,
    });

    it('passes with the title in each of the N years up to the year under consideration', () => {
      const c = statusOf(
        { awardType: title(3), record: record({ awards: [award(2023), award(2024), award(2025)] }) },
        'consecutive-titles',
      );
      expect(c.status).toBe('passed');
      expect(c.evidence).toHaveLength(3);
    });

    it('is broken by a gap, naming the missing year', () => {
      const c = statusOf(
        { awardType: title(3), record: record({ awards: [award(2022), award(2023), award(2025)] }) },
        'consecutive-titles',
      );
      expect(c.status).toBe('failed');
      expect(c.detail).toContain('năm 2024');
      expect(c.detail).toContain('gián đoạn');
    });

    it('does not count a revoked title, and can end with the previous year', () => {
      expect(
        statusOf(
          { awardType: title(2), record: record({ awards: [award(2024, true), award(2025)] }) },
          'consecutive-titles',
        ).status,
      ).toBe('failed');
      expect(
        statusOf(
          { awardType: title(2, 'previous-year'), record: record({ awards: [award(2023), award(2024)] }) },
          'consecutive-titles',
        ).status,
      ).toBe('passed');
    });
  });

  it('excludes those commended with the same form in an earlier phase', () => {
    const once = withRules([
      { kind: 'not-awarded-in-earlier-period', awardTypeIds: ['bang-khen-thu-tuong'] },
    ]);
    const earlier = {
      awardId: 'x',
      awardTypeId: 'bang-khen-thu-tuong',
      year: 2019,
      decisionNumber: '1/QĐ-TTg',
      revoked: false,
    };
    const c = statusOf(
      { awardType: once, record: record({ awards: [earlier] }) },
      'not-awarded-in-earlier-period',
    );
    expect(c.status).toBe('failed');
    expect(c.detail).toContain('1/QĐ-TTg');
    expect(
      statusOf(
        { awardType: once, record: record({ awards: [{ ...earlier, year: 2022 }] }) },
        'not-awarded-in-earlier-period',
      ).status,
    ).toBe('passed');
  });

  describe('quota: at most 5% of the province NTM communes, rounded down', () => {
    const at = (ntmCommunes: number, used: number) =>
      check({
        awardType: bangKhenThuTuong,
        record: record({
          counts: {
            'province-ntm-communes': ntmCommunes,
            'province-kieu-mau-communes': 0,
            'cluster-leaders': 0,
          },
          quotaUse: { 'bang-khen-thu-tuong': used },
        }),
      });

    it('allows the last place and refuses past it (40 communes: 2 places)', () => {
      expect(at(40, 1).eligible).toBe(true);
      const full = at(40, 2);
      expect(full.eligible).toBe(false);
      expect(full.quota).toEqual({ base: 'province-ntm-communes', baseCount: 40, capacity: 2, used: 2 });
      expect(full.checks.find((c) => c.rule === 'quota')!.detail).toContain('Hết chỉ tiêu: Đã đề nghị 2/2');
    });

    it('rounds 5% of 39 down to one place and of 19 down to none', () => {
      expect(at(39, 1).eligible).toBe(false);
      expect(at(39, 0).eligible).toBe(true);
      expect(at(19, 0).eligible).toBe(false);
    });

    it('rounds up when the award type says so', () => {
      const ceil: AwardType = {
        ...bangKhenThuTuong,
        rules: [
          { kind: 'quota', base: 'province-ntm-communes', share: { num: 5, den: 100 }, rounding: 'ceil' },
        ],
      };
      const r = check({
        awardType: ceil,
        record: record({
          counts: { 'province-ntm-communes': 19, 'province-kieu-mau-communes': 0, 'cluster-leaders': 0 },
        }),
      });
      expect(r.quota?.capacity).toBe(1);
      expect(r.eligible).toBe(true);
    });
  });

  it('at most 20% of cluster leaders: 5 leaders give one place', () => {
    const flag = withRules(
      [{ kind: 'quota', base: 'cluster-leaders', share: { num: 20, den: 100 }, rounding: 'floor' }],
      { id: 'co-thi-dua-chinh-phu' },
    );
    const counts = { 'province-ntm-communes': 0, 'province-kieu-mau-communes': 0, 'cluster-leaders': 5 };
    expect(check({ awardType: flag, record: record({ counts }) }).quota?.capacity).toBe(1);
    expect(
      check({ awardType: flag, record: record({ counts, quotaUse: { 'co-thi-dua-chinh-phu': 1 } }) })
        .eligible,
    ).toBe(false);
    expect(
      check({ awardType: flag, record: record({ counts: { ...counts, 'cluster-leaders': 4 } }) }).eligible,
    ).toBe(false);
  });
});
