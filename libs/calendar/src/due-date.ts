import { addDays, endOfLocalDay, localDate, startOfLocalDay } from './time';
import type { TimeLimit, WorkingCalendar } from './types';

const nextWorkingDay = (from: string, calendar: WorkingCalendar): string => {
  let d = addDays(from, 1);
  while (!calendar.isWorkingDay(d)) d = addDays(d, 1);
  return d;
};

/**
 * The instant (end of the last day, 23:59:59.999 Vietnam time) by which a step opened at `startIso` must be done.
 *
 * Counting follows Bộ luật Dân sự 2015: the day the step opens is not counted, counting starts the next day
 * (Art. 147(2)); a limit in days ends at the end of its last day (Art. 148(1), (6)), and when that day is a weekend
 * day or a holiday it ends at the end of the next working day (Art. 148(5)). Days are Vietnam-local.
 * - working days: only working days are counted (weekends, holidays and days off are skipped);
 * - calendar days: every day is counted, then the last day moves to the next working day if it is not one.
 */
export const dueDate = (startIso: string, limit: TimeLimit, calendar: WorkingCalendar): string => {
  if (!Number.isInteger(limit.amount) || limit.amount < 1) {
    throw new RangeError(`A time limit must be a whole number of days, at least 1: ${limit.amount}`);
  }
  const start = localDate(startIso);
  let last: string;
  switch (limit.unit) {
    case 'working-days':
      last = start;
      for (let n = 0; n < limit.amount; n++) last = nextWorkingDay(last, calendar);
      break;
    case 'calendar-days':
      last = addDays(start, limit.amount);
      if (!calendar.isWorkingDay(last)) last = nextWorkingDay(last, calendar);
      break;
    default: {
      const unknown: never = limit.unit;
      throw new RangeError(`Unknown time limit unit: ${String(unknown)}`);
    }
  }
  return endOfLocalDay(last);
};

/**
 * Working days after the local day of `fromIso` up to and including the local day of `toIso` (0 when `toIso` is
 * on or before that day): the same count as dueDate, so workingDaysBetween(start, dueDate(start, n working days))
 * is n. Use it for time spent in a step and for how far past its due date a step is.
 */
export const workingDaysBetween = (fromIso: string, toIso: string, calendar: WorkingCalendar): number => {
  const to = localDate(toIso);
  let count = 0;
  for (let d = addDays(localDate(fromIso), 1); d <= to; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) count++;
  }
  return count;
};

/**
 * Working days left until `dueIso`, counting the local day of `nowIso` when it is a working day and the due day:
 * on the due day itself 1, the working day before it 2; 0 once the due day is over.
 */
export const workingDaysLeft = (nowIso: string, dueIso: string, calendar: WorkingCalendar): number => {
  const today = localDate(nowIso);
  if (today > localDate(dueIso)) return 0;
  return workingDaysBetween(nowIso, dueIso, calendar) + (calendar.isWorkingDay(today) ? 1 : 0);
};

/**
 * The instant from which `days` working days are left until `dueIso` (see workingDaysLeft): 00:00 Vietnam time of
 * the `days`-th working day counted back from the due day, the due day being the first. When a reminder is due.
 */
export const workingDaysBefore = (dueIso: string, days: number, calendar: WorkingCalendar): string => {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`A number of working days must be a whole number, at least 1: ${days}`);
  }
  let day = localDate(dueIso);
  let counted = calendar.isWorkingDay(day) ? 1 : 0;
  while (counted < days) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return startOfLocalDay(day);
};
