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
export { dueDate, workingDaysBetween } from './due-date';
