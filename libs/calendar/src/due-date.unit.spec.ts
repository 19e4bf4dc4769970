import {
  createVietnamCalendar,
  dueDate,
  localDate,
  workingDaysBefore,
  workingDaysBetween,
  workingDaysLeft,
} from '@ntm/calendar';

const calendar = createVietnamCalendar();
const working = (amount: number) => ({ amount, unit: 'working-days' as const });
const calendarDays = (amount: number) => ({ amount, unit: 'calendar-days' as const });

describe('localDate', () => {
  it('reads the instant in Vietnam time (UTC+7)', () => {
    expect(localDate('2025-01-24T09:00:00+07:00')).toBe('2025-01-24');
    expect(localDate('2025-01-23T16:59:59.999Z')).toBe('2025-01-23');
    expect(localDate('2025-01-23T17:00:00Z')).toBe('2025-01-24');
  });
  it('refuses an instant without an offset, which would depend on the server zone', () => {
    expect(() => localDate('2025-01-24T09:00:00')).toThrow(RangeError);
    expect(() => localDate('not a date')).toThrow(RangeError);
  });
});

describe('dueDate', () => {
  it('counts from the day after the start and ends at 23:59:59.999 Vietnam time', () => {
    // Wed 5/3/2025 + 2 working days = Fri 7/3.
    expect(dueDate('2025-03-05T09:00:00+07:00', working(2), calendar)).toBe('2025-03-07T16:59:59.999Z');
  });

  it('a limit that spans Tết 2025 skips the nine days off', () => {
    // Opened Fri 24/1 09:00; 25/1-2/2 are off, so the 5 working days are 3/2-7/2.
    expect(dueDate('2025-01-24T09:00+07:00', working(5), calendar)).toBe('2025-02-07T16:59:59.999Z');
    // 15 working days, as for the district's verification: 24/1 -> 21/2.
    expect(dueDate('2025-01-24T09:00+07:00', working(15), calendar)).toBe('2025-02-21T16:59:59.999Z');
  });

  it('30/4-1/5/2025: the swapped Saturday counts, the swapped Friday does not', () => {
    // Fri 25/4: Sat 26/4 (worked), Mon 28/4, Tue 29/4.
    expect(dueDate('2025-04-25T10:00:00+07:00', working(3), calendar)).toBe('2025-04-29T16:59:59.999Z');
    // Tue 29/4 + 1 working day: 30/4-4/5 are off, so Mon 5/5.
    expect(dueDate('2025-04-29T10:00:00+07:00', working(1), calendar)).toBe('2025-05-05T16:59:59.999Z');
  });

  it('2/9/2025: Monday 1/9 and Tuesday 2/9 are skipped', () => {
    expect(dueDate('2025-08-29T08:00:00+07:00', working(1), calendar)).toBe('2025-09-03T16:59:59.999Z');
  });

  it('calendar days count every day, and a last day on a weekend rolls to the next working day', () => {
    // Wed 5/3/2025 + 10 days = Sat 15/3 -> Mon 17/3.
    expect(dueDate('2025-03-05T09:00:00+07:00', calendarDays(10), calendar)).toBe('2025-03-17T16:59:59.999Z');
    // Wed 5/3 + 9 days = Fri 14/3, a working day: no roll-over.
    expect(dueDate('2025-03-05T09:00:00+07:00', calendarDays(9), calendar)).toBe('2025-03-14T16:59:59.999Z');
    // Mon 20/1/2025 + 7 days = Mon 27/1, inside Tết -> Mon 3/2.
    expect(dueDate('2025-01-20T09:00:00+07:00', calendarDays(7), calendar)).toBe('2025-02-03T16:59:59.999Z');
    // Last day 30/8/2025 (Sat) -> through 31/8, 1/9, 2/9 -> Wed 3/9.
    expect(dueDate('2025-08-15T09:00:00+07:00', calendarDays(15), calendar)).toBe('2025-09-03T16:59:59.999Z');
  });

  it('a start late in the day in UTC is the next day in Vietnam', () => {
    // 23/1 18:30 UTC is 24/1 01:30 in Vietnam: counting starts on 25/1, inside Tết.
    expect(dueDate('2025-01-23T18:30:00Z', working(1), calendar)).toBe('2025-02-03T16:59:59.999Z');
    // 23/1 16:30 UTC is still 23/1 (23:30) in Vietnam: Friday 24/1 is the first working day.
    expect(dueDate('2025-01-23T16:30:00Z', working(1), calendar)).toBe('2025-01-24T16:59:59.999Z');
  });

  it('rejects a limit that is not a positive whole number of days', () => {
    expect(() => dueDate('2025-03-05T09:00:00+07:00', working(0), calendar)).toThrow(RangeError);
    expect(() => dueDate('2025-03-05T09:00:00+07:00', calendarDays(1.5), calendar)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the start day up to the end day', () => {
    expect(workingDaysBetween('2025-01-24T09:00:00+07:00', '2025-02-07T10:00:00+07:00', calendar)).toBe(5);
    expect(workingDaysBetween('2025-03-05T09:00:00+07:00', '2025-03-05T17:00:00+07:00', calendar)).toBe(0);
    expect(workingDaysBetween('2025-03-05T09:00:00+07:00', '2025-03-01T17:00:00+07:00', calendar)).toBe(0);
  });

  it('agrees with dueDate', () => {
    const starts = [
      '2024-02-07T15:00:00+07:00',
      '2025-01-24T09:00:00+07:00',
      '2025-04-25T10:00:00Z',
      '2026-08-20T08:00:00+07:00',
    ];
    for (const start of starts) {
      for (const amount of [1, 5, 15, 30]) {
        expect(workingDaysBetween(start, dueDate(start, working(amount), calendar), calendar)).toBe(amount);
      }
    }
  });
});

describe('workingDaysLeft and workingDaysBefore', () => {
  // Due at the end of Friday 7/2/2025, the first week after Tết 2025 (25/1-2/2 off).
  const due = '2025-02-07T16:59:59.999Z';

  it('counts the day itself when it is a working day, and the due day', () => {
    expect(workingDaysLeft('2025-02-07T09:00:00+07:00', due, calendar)).toBe(1);
    expect(workingDaysLeft('2025-02-06T00:00:00+07:00', due, calendar)).toBe(2);
    expect(workingDaysLeft('2025-02-03T08:00:00+07:00', due, calendar)).toBe(5);
    // A day off counts for nothing: on Saturday 1/2 (Tết) five working days are still left.
    expect(workingDaysLeft('2025-02-01T08:00:00+07:00', due, calendar)).toBe(5);
    expect(workingDaysLeft('2025-02-08T00:00:00+07:00', due, calendar)).toBe(0);
  });

  it('gives the start of the day from which that many working days are left, skipping days off', () => {
    expect(workingDaysBefore(due, 1, calendar)).toBe('2025-02-06T17:00:00.000Z'); // 00:00 Fri 7/2
    expect(workingDaysBefore(due, 2, calendar)).toBe('2025-02-05T17:00:00.000Z'); // 00:00 Thu 6/2
    // Six working days back from Friday 7/2 cross Tết: Friday 24/1.
    expect(workingDaysBefore(due, 6, calendar)).toBe('2025-01-23T17:00:00.000Z');
    for (const n of [1, 2, 3, 6]) {
      expect(workingDaysLeft(workingDaysBefore(due, n, calendar), due, calendar)).toBe(n);
    }
    expect(() => workingDaysBefore(due, 0, calendar)).toThrow(RangeError);
  });
});
