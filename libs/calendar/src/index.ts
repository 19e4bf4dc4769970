export type {
  AnnouncedDaysOff,
  CalendarOverrides,
  SwappedWorkingDay,
  TimeLimit,
  TimeLimitUnit,
  WorkingCalendar,
} from './types';
export { dateVi, isInstantWithOffset, localDate, localDateVi, momentVi, periodEndVi } from './time';
export { createVietnamCalendar } from './vietnam-calendar';
export { VIETNAM_OVERRIDES } from './vietnam-overrides';
export { dueDate, workingDaysBefore, workingDaysBetween, workingDaysLeft } from './due-date';
export {
  LAST_ANNOUNCED_YEAR,
  calendarWithLoadedYears,
  calendarYears,
  HOLIDAY_YEARS_STREAM,
  holidayYearsDecider,
  holidayYearViolations,
  loadedYears,
  readHolidayYear,
  overridesWithLoadedYears,
  yearStatus,
  type HolidayYearLoaded,
  type HolidayYearSet,
  type CalendarYearView,
  type HolidayYears,
  type LoadedHolidayYear,
  type LoadHolidayYear,
} from './holiday-years';
