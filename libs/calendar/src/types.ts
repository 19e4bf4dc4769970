export type TimeLimitUnit = 'working-days' | 'calendar-days';

export interface TimeLimit {
  amount: number;
  unit: TimeLimitUnit;
}

export interface WorkingCalendar {
  /** Whether state agencies work on that Vietnam-local date (YYYY-MM-DD). */
  isWorkingDay(localDate: string): boolean;
  /** The Vietnamese name of the holiday or day off on that date; undefined on working days and plain weekends. */
  holidayName(localDate: string): string | undefined;
}

/** A period of days off announced by the government, both ends included (Vietnam-local YYYY-MM-DD). */
export interface AnnouncedDaysOff {
  readonly from: string;
  readonly to: string;
  /** Name given to the days of the period that are not themselves a named public holiday. */
  readonly name: string;
  /** The announcement it comes from. */
  readonly source: string;
}

/** A weekend day worked in exchange for a day off (ngày làm bù). */
export interface SwappedWorkingDay {
  readonly date: string;
  readonly reason: string;
  readonly source: string;
}

export interface CalendarOverrides {
  readonly daysOff: readonly AnnouncedDaysOff[];
  readonly workingDays: readonly SwappedWorkingDay[];
}
