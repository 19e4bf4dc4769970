export type {
  AnnouncedDaysOff,
  CalendarOverrides,
  SwappedWorkingDay,
  TimeLimit,
  TimeLimitUnit,
  WorkingCalendar,
} from './types';
export { localDate } from './time';
export { createVietnamCalendar } from './vietnam-calendar';
export { VIETNAM_OVERRIDES } from './vietnam-overrides';
export { dueDate, workingDaysBefore, workingDaysBetween, workingDaysLeft } from './due-date';
export {
  LAST_ANNOUNCED_YEAR,
  calendarWithLoadedYears,
  holidayYearDecider,
  holidayYearStreamId,
  holidayYearViolations,
  overridesWithLoadedYears,
  yearStatus,
  type HolidayYearLoaded,
  type HolidayYearSet,
  type HolidayYearState,
  type LoadHolidayYear,
} from './holiday-years';
