import { createVietnamCalendar, VIETNAM_OVERRIDES } from '@ntm/calendar';

const calendar = createVietnamCalendar();
/** Every date from `from` to `to`, both included. */
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); out.at(-1) !== to; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};
const offDays = (from: string, to: string) => days(from, to).filter((d) => !calendar.isWorkingDay(d));

describe('Vietnam working calendar', () => {
  it('Tết 2025: off from Sat 25/1 to Sun 2/2, back to work on Mon 3/2', () => {
    expect(offDays('2025-01-23', '2025-02-04')).toEqual(days('2025-01-25', '2025-02-02'));
    expect(calendar.holidayName('2025-01-29')).toBe('Tết Nguyên Đán');
    expect(calendar.holidayName('2025-01-27')).toBe('Nghỉ Tết Nguyên Đán');
    expect(calendar.holidayName('2025-02-03')).toBeUndefined();
  });

  it('Tết 2024 and 2026 follow the announced periods', () => {
    expect(offDays('2024-02-05', '2024-02-16')).toEqual(days('2024-02-08', '2024-02-14'));
    expect(offDays('2026-02-12', '2026-02-24')).toEqual(days('2026-02-14', '2026-02-22'));
  });

  it('30/4 and 1/5: the swapped Friday is off and the swapped Saturday is worked', () => {
    expect(offDays('2025-04-25', '2025-05-05')).toEqual(['2025-04-27', ...days('2025-04-30', '2025-05-04')]);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.holidayName('2025-04-30')).toBe('Ngày Giải phóng miền Nam');
    expect(calendar.holidayName('2025-05-01')).toBe('Quốc tế Lao động');
    expect(calendar.isWorkingDay('2024-04-29')).toBe(false);
    expect(calendar.isWorkingDay('2024-05-04')).toBe(true);
  });

  it('Quốc khánh: 2/9 and the day next to it', () => {
    expect(offDays('2025-08-28', '2025-09-04')).toEqual(days('2025-08-30', '2025-09-02'));
    expect(calendar.holidayName('2025-09-02')).toBe('Quốc khánh');
    // 2024: 2/9 on a Monday, the second day was Tuesday 3/9.
    expect(offDays('2024-08-29', '2024-09-05')).toEqual(days('2024-08-31', '2024-09-03'));
    // A year without an announcement: 1/9 by default.
    expect(calendar.isWorkingDay('2027-09-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-09-03')).toBe(true);
  });

  it('a holiday on a weekend is made up on the next working day (Bộ luật Lao động Art. 111(3))', () => {
    // Giỗ Tổ Hùng Vương 2026 (10/3 lunar) falls on Sunday 26/4.
    expect(calendar.holidayName('2026-04-26')).toBe('Giỗ tổ Hùng Vương');
    expect(calendar.holidayName('2026-04-27')).toBe('Nghỉ bù Giỗ tổ Hùng Vương');
    // 1/5/2027 is a Saturday.
    expect(calendar.isWorkingDay('2027-05-03')).toBe(false);
  });

  it('without the overrides, the defaults get Tết 2025 wrong: that is what the overrides fix', () => {
    const defaultsOnly = createVietnamCalendar({ daysOff: [], workingDays: [] });
    expect(defaultsOnly.isWorkingDay('2025-01-27')).toBe(true);
    expect(defaultsOnly.isWorkingDay('2025-02-03')).toBe(false);
    expect(defaultsOnly.isWorkingDay('2025-04-26')).toBe(false);
  });

  it('extra overrides can be added to the built-in ones', () => {
    const extended = createVietnamCalendar({
      ...VIETNAM_OVERRIDES,
      daysOff: [
        ...VIETNAM_OVERRIDES.daysOff,
        { from: '2027-02-04', to: '2027-02-04', name: 'Nghỉ Tết Nguyên Đán', source: 'test' },
      ],
    });
    expect(extended.isWorkingDay('2027-02-04')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-04')).toBe(true);
  });

  it('plain weekends are not holidays', () => {
    expect(calendar.isWorkingDay('2025-03-08')).toBe(false);
    expect(calendar.holidayName('2025-03-08')).toBeUndefined();
    expect(calendar.isWorkingDay('2025-03-10')).toBe(true);
  });

  it('rejects malformed dates in calls and in overrides', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => calendar.holidayName('25/01/2025')).toThrow(RangeError);
    expect(() =>
      createVietnamCalendar({
        daysOff: [{ from: '2025-02-02', to: '2025-01-25', name: 'x', source: 'x' }],
        workingDays: [],
      }),
    ).toThrow(RangeError);
  });
});
