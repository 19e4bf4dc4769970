import Holidays from 'date-holidays';
import { addDays, assertLocalDate, datesBetween, isWeekend } from './time';
import type { CalendarOverrides, WorkingCalendar } from './types';
import { VIETNAM_OVERRIDES } from './vietnam-overrides';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The days of one year that are off (with their names) and the weekend days worked instead. */
interface YearDays {
  readonly off: ReadonlyMap<string, string>;
  readonly working: ReadonlySet<string>;
}

/**
 * The public holidays of the Labour Code (Bộ luật Lao động 2019, Art. 112) for one year, as local dates and names.
 * date-holidays gives all but the second Quốc khánh day; the law lets the government put it before or after 2/9,
 * and without an announcement this calendar assumes 1/9 (UNVERIFIED as a rule: 2024 used 3/9, see the overrides).
 */
const computeStatutoryHolidays = (year: number): ReadonlyMap<string, string> => {
  const spans = new Holidays('VN')
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({
      first: h.date.slice(0, 10),
      length: Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS),
      name: h.name,
    }));
  // A holiday inside a block (mùng 1 inside the five Tết days, which date-holidays names after the eve) names the
  // block's days from there on.
  const singles = new Map(spans.filter((s) => s.length === 1).map((s) => [s.first, s.name]));
  const days = new Map<string, string>();
  for (const span of spans) {
    let name = span.name;
    for (const d of datesBetween(span.first, addDays(span.first, span.length - 1))) {
      name = singles.get(d) ?? name;
      days.set(d, name);
    }
  }
  const secondNationalDay = `${year}-09-01`;
  if (!days.has(secondNationalDay)) days.set(secondNationalDay, 'Quốc khánh (ngày nghỉ liền kề)');
  return days;
};

// The law's holidays of a year never change, and the lunar ones cost milliseconds of astronomy each: computed
// once per process, whatever calendar (with whichever announcements) asks.
const statutoryByYear = new Map<number, ReadonlyMap<string, string>>();
const statutoryHolidays = (year: number): ReadonlyMap<string, string> => {
  let days = statutoryByYear.get(year);
  if (!days) {
    days = computeStatutoryHolidays(year);
    statutoryByYear.set(year, days);
  }
  return days;
};

const buildYear = (overrides: CalendarOverrides, year: number): YearDays => {
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const statutory = statutoryHolidays(year);
  const announced = overrides.daysOff.flatMap((p) =>
    datesBetween(p.from, p.to)
      .filter(inYear)
      .map((d) => [d, p.name] as const),
  );
  const off = new Map(statutory);
  for (const [d, name] of announced) if (!off.has(d)) off.set(d, name);

  // Bộ luật Lao động 2019, Art. 111(3): a holiday on a weekly rest day (Saturday or Sunday for state agencies) is
  // made up on the next working day. An announced period already includes its make-up days, so holidays inside
  // one get none here.
  const covered = new Set(announced.map(([d]) => d));
  for (const [d, name] of [...statutory].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isWeekend(d) || covered.has(d)) continue;
    let makeUp = addDays(d, 1);
    while (isWeekend(makeUp) || off.has(makeUp)) makeUp = addDays(makeUp, 1);
    off.set(makeUp, `Nghỉ bù ${name}`);
  }
  return { off, working: new Set(overrides.workingDays.map((w) => w.date).filter(inYear)) };
};

const validateOverrides = (overrides: CalendarOverrides): void => {
  for (const p of overrides.daysOff) {
    assertLocalDate(p.from);
    assertLocalDate(p.to);
    if (p.to < p.from) throw new RangeError(`Days-off period ends before it starts: ${p.from}..${p.to}`);
  }
  for (const w of overrides.workingDays) assertLocalDate(w.date);
};

/**
 * The working-day calendar of Vietnamese state agencies: Monday to Friday, less the public holidays and their
 * compensatory days, with the government's yearly announcements applied. Passing `overrides` replaces the built-in
 * ones (spread VIETNAM_OVERRIDES to extend them). Each year is computed once, on first use.
 */
export const createVietnamCalendar = (overrides: CalendarOverrides = VIETNAM_OVERRIDES): WorkingCalendar => {
  validateOverrides(overrides);
  const years = new Map<number, YearDays>();
  const yearOf = (localDate: string): YearDays => {
    assertLocalDate(localDate);
    const year = Number(localDate.slice(0, 4));
    let days = years.get(year);
    if (!days) {
      days = buildYear(overrides, year);
      years.set(year, days);
    }
    return days;
  };
  return {
    isWorkingDay(localDate) {
      const { off, working } = yearOf(localDate);
      return working.has(localDate) || (!isWeekend(localDate) && !off.has(localDate));
    },
    holidayName(localDate) {
      const { off, working } = yearOf(localDate);
      return working.has(localDate) ? undefined : off.get(localDate);
    },
  };
};
