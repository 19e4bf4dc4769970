import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import {
  VIETNAM_OVERRIDES,
  calendarWithLoadedYears,
  dueDate,
  calendarYears,
  holidayYearsDecider,
  yearStatus,
  type HolidayYearLoaded,
  type HolidayYearSet,
  type LoadHolidayYear,
} from './index';

// RULES-2026 §3 (calendar): 2027 is not announced, so it is shown as provisional and an administrator loads it;
// 24/11 (Ngày Văn hóa Việt Nam) may become a holiday: an override is added without a release.

const admin: Actor = { id: 'u-admin', role: 'admin', jurisdiction: {} };
const province: Actor = { id: 'u-tinh', role: 'province_officer', jurisdiction: { provinceCode: '06' } };
const now = '2026-11-30T09:00:00+07:00';
const load = (document: HolidayYearSet | string, actor = admin): LoadHolidayYear => ({
  type: 'LoadHolidayYear',
  data: { document },
  metadata: { actor, now },
});

/** A forecast for 2027 (Tết Nguyên Đán falls on Saturday 6/2/2027), not an announcement. */
const forecast2027: HolidayYearSet = {
  year: 2027,
  daysOff: [
    {
      from: '2027-02-04',
      to: '2027-02-12',
      name: 'Nghỉ Tết Nguyên Đán (dự kiến)',
      source: 'Dự kiến của Sở Nội vụ',
    },
  ],
  workingDays: [],
  provisional: true,
  source: 'Dự kiến, chờ Thủ tướng quyết định',
};

/** 2026 as announced, plus 24/11 should it become a holiday (the year's set replaces the built-in one whole). */
const with2411: HolidayYearSet = {
  year: 2026,
  daysOff: [
    ...VIETNAM_OVERRIDES.daysOff.filter((p) => p.from.startsWith('2026-')),
    { from: '2026-11-24', to: '2026-11-24', name: 'Ngày Văn hóa Việt Nam', source: 'Giả định kiểm thử' },
  ],
  workingDays: VIETNAM_OVERRIDES.workingDays.filter((w) => w.date.startsWith('2026-')),
  provisional: false,
  source:
    'Công văn 12729/VPCP-KGVX ngày 25/12/2025 và quyết định về Ngày Văn hóa Việt Nam (giả định kiểm thử)',
};

describe('an administrator loads a year’s holidays and swaps without a release', () => {
  it('records the year as loaded, with its revision, author and provisional mark', () => {
    spec(holidayYearsDecider)
      .given([])
      .when(load(forecast2027))
      .thenMatch([
        {
          type: 'HolidayYearLoaded',
          data: { year: 2027, provisional: true, revision: 1, loadedBy: 'u-admin' },
        },
      ]);
  });

  it('replaces an earlier load of the same year by a new revision (the history keeps both)', () => {
    const first: HolidayYearLoaded = {
      type: 'HolidayYearLoaded',
      data: { ...forecast2027, revision: 1, loadedBy: 'u-admin', loadedAt: now },
    };
    spec(holidayYearsDecider)
      .given([first])
      .when(load({ ...forecast2027, provisional: false, source: 'Công văn của VPCP (giả định kiểm thử)' }))
      .thenMatch([{ type: 'HolidayYearLoaded', data: { revision: 2, provisional: false } }]);
  });

  it('is the administrator’s alone', () => {
    spec(holidayYearsDecider)
      .given([])
      .when(load(forecast2027, province))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  it('refuses a day outside the year and a period that ends before it starts, naming the fields', () => {
    const err = spec(holidayYearsDecider)
      .given([])
      .when(
        load({
          ...forecast2027,
          daysOff: [{ from: '2027-02-12', to: '2027-02-04', name: 'Tết', source: 'x' }],
          workingDays: [{ date: '2026-02-06', reason: 'Làm bù', source: 'x' }],
        }),
      )
      .thenThrows('INVALID_HOLIDAY_YEAR', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual(['daysOff[0].to', 'workingDays[0].date']);
  });

  it('names the line and the field of each problem in a file, in Vietnamese, and loads nothing', () => {
    const text = JSON.stringify(
      { ...forecast2027, daysOff: [{ ...forecast2027.daysOff[0], to: '2027-02-30' }], extra: 1 },
      null,
      2,
    );
    const line = text.split('\n').findIndex((l) => l.includes('2027-02-30')) + 1;
    const err = spec(holidayYearsDecider)
      .given([])
      .when(load(text))
      .thenThrows('INVALID_HOLIDAY_YEAR', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual(['extra', 'daysOff[0].to']);
    expect(err.violations[1].message).toBe(`Dòng ${line}, trường daysOff[0].to: Cần ngày dạng YYYY-MM-DD`);
    expect(err.message).toContain('chưa nạp');
    const broken = spec(holidayYearsDecider)
      .given([])
      .when(load('{"year": 2027,'))
      .thenThrows('INVALID_HOLIDAY_YEAR', 'invalid');
    expect(broken.violations[0].message).toMatch(/^Dòng 1, trường \(JSON\): JSON không hợp lệ/);
  });

  it('loads the same content again as nothing new', () => {
    const first: HolidayYearLoaded = {
      type: 'HolidayYearLoaded',
      data: { ...forecast2027, revision: 1, loadedBy: 'u-admin', loadedAt: now },
    };
    spec(holidayYearsDecider)
      .given([first])
      .when(load(JSON.stringify(forecast2027)))
      .then([]);
  });
});

describe('working-day counting uses the loaded years', () => {
  it('shows 2027 as provisional until an announced set is loaded; 2026 is announced', () => {
    expect(yearStatus(2026, [])).toBe('announced');
    expect(yearStatus(2027, [])).toBe('provisional');
    expect(yearStatus(2027, [forecast2027])).toBe('provisional');
    expect(yearStatus(2027, [{ ...forecast2027, provisional: false }])).toBe('announced');
  });

  it('a loaded 24/11 is a day off, and a time limit running over it ends a day later', () => {
    const before = calendarWithLoadedYears([]);
    const after = calendarWithLoadedYears([with2411]);
    expect(before.isWorkingDay('2026-11-24')).toBe(true);
    expect(after.isWorkingDay('2026-11-24')).toBe(false);
    expect(after.holidayName('2026-11-24')).toBe('Ngày Văn hóa Việt Nam');
    // The announced 2026 days stay: Fri 2/1 off, Sat 10/1 worked.
    expect(after.isWorkingDay('2026-01-02')).toBe(false);
    expect(after.isWorkingDay('2026-01-10')).toBe(true);
    const limit = { amount: 5, unit: 'working-days' as const };
    expect(dueDate('2026-11-20T09:00:00+07:00', limit, before).slice(0, 10)).toBe('2026-11-27');
    expect(dueDate('2026-11-20T09:00:00+07:00', limit, after).slice(0, 10)).toBe('2026-11-30');
  });

  it('lists each year with its status and source: built-in 2026 announced, 2027 provisional until loaded', () => {
    const state = holidayYearsDecider.evolve(holidayYearsDecider.initialState(), {
      type: 'HolidayYearLoaded',
      data: { ...forecast2027, revision: 1, loadedBy: 'u-admin', loadedAt: now },
    });
    const none = calendarYears(holidayYearsDecider.initialState(), 2027);
    expect(none.find((y) => y.year === 2026)).toMatchObject({ status: 'announced', origin: 'built-in' });
    expect(none.find((y) => y.year === 2027)).toMatchObject({
      status: 'provisional',
      origin: 'none',
      source: null,
    });
    expect(calendarYears(state, 2027).find((y) => y.year === 2027)).toMatchObject({
      status: 'provisional',
      origin: 'loaded',
      source: 'Dự kiến, chờ Thủ tướng quyết định',
      revision: 1,
      loadedBy: 'u-admin',
    });
  });

  it('the 2027 forecast moves deadlines over Tết', () => {
    const cal = calendarWithLoadedYears([forecast2027]);
    expect(cal.isWorkingDay('2027-02-08')).toBe(false);
    expect(cal.holidayName('2027-02-10')).toBeDefined();
  });
});
