import {
  DomainError,
  forbidden,
  invalid,
  type Command,
  type Decider,
  type DomainEvent,
  type Violation,
} from '@ntm/decider';
import type { AnnouncedDaysOff, CalendarOverrides, SwappedWorkingDay, WorkingCalendar } from './types';
import { createVietnamCalendar } from './vietnam-calendar';
import { VIETNAM_OVERRIDES } from './vietnam-overrides';

/**
 * A year's days off and swapped working days, loaded by an administrator without a release (RULES-2026 §3: 2027
 * is not announced; 24/11, Ngày Văn hóa Việt Nam, may become a holiday). One stream per year; the latest load
 * replaces the year's announcements, so a correction is a new load, and the history keeps every one.
 */
export const holidayYearStreamId = (year: number): string => `holiday-year-${year}`;

export interface HolidayYearSet {
  readonly year: number;
  readonly daysOff: readonly AnnouncedDaysOff[];
  readonly workingDays: readonly SwappedWorkingDay[];
  /** True while the government has not announced the year (a forecast the administrator loads to plan with). */
  readonly provisional: boolean;
  /** The announcement or, when provisional, the basis of the forecast. */
  readonly source: string;
}

export type LoadHolidayYear = Command<'LoadHolidayYear', HolidayYearSet>;
export type HolidayYearLoaded = DomainEvent<
  'HolidayYearLoaded',
  HolidayYearSet & { readonly revision: number; readonly loadedBy: string; readonly loadedAt: string }
>;
export type HolidayYearState = { readonly revision: 0 } | HolidayYearLoaded['data'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PERIODS = 50;
const MAX_TEXT = 500;

const realDate = (s: unknown): s is string =>
  typeof s === 'string' && DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Every fault of a year's set, each naming its field; dates must lie in the year. */
export const holidayYearViolations = (set: HolidayYearSet): Violation[] => {
  const v: Violation[] = [];
  const fail = (field: string, message: string) => v.push({ code: 'INVALID_HOLIDAY_YEAR', message, field });
  const inYear = (d: unknown, field: string) => {
    if (!realDate(d)) fail(field, 'Cần ngày dạng YYYY-MM-DD');
    else if (!d.startsWith(`${set.year}-`)) fail(field, `Ngày ${d} không thuộc năm ${set.year}`);
  };
  const text = (t: unknown, field: string, what: string) => {
    if (typeof t !== 'string' || t.trim() === '' || t.length > MAX_TEXT)
      fail(field, `Cần ${what} (tối đa ${MAX_TEXT} ký tự)`);
  };
  if (!Number.isInteger(set.year) || set.year < 2000 || set.year > 2100)
    fail('year', 'Năm phải từ 2000 đến 2100');
  if (typeof set.provisional !== 'boolean') fail('provisional', 'Cần true (dự kiến) hoặc false (đã công bố)');
  text(set.source, 'source', 'văn bản công bố hoặc căn cứ dự kiến');
  type Entry = Record<string, unknown> | null | undefined;
  const daysOff = Array.isArray(set.daysOff) ? (set.daysOff as Entry[]) : [];
  const workingDays = Array.isArray(set.workingDays) ? (set.workingDays as Entry[]) : [];
  if (!Array.isArray(set.daysOff) || daysOff.length > MAX_PERIODS)
    fail('daysOff', `Cần danh sách tối đa ${MAX_PERIODS} đợt nghỉ`);
  if (!Array.isArray(set.workingDays) || workingDays.length > MAX_PERIODS)
    fail('workingDays', `Cần danh sách tối đa ${MAX_PERIODS} ngày làm bù`);
  daysOff.forEach((p, i) => {
    inYear(p?.from, `daysOff[${i}].from`);
    inYear(p?.to, `daysOff[${i}].to`);
    if (realDate(p?.from) && realDate(p?.to) && String(p?.to) < String(p?.from))
      fail(`daysOff[${i}].to`, 'Ngày kết thúc đợt nghỉ phải từ ngày bắt đầu trở đi');
    text(p?.name, `daysOff[${i}].name`, 'tên đợt nghỉ');
    text(p?.source, `daysOff[${i}].source`, 'văn bản công bố');
  });
  workingDays.forEach((w, i) => {
    inYear(w?.date, `workingDays[${i}].date`);
    text(w?.reason, `workingDays[${i}].reason`, 'lý do làm bù');
    text(w?.source, `workingDays[${i}].source`, 'văn bản công bố');
  });
  return v;
};

export const holidayYearDecider: Decider<LoadHolidayYear, HolidayYearLoaded, HolidayYearState> = {
  initialState: () => ({ revision: 0 }),
  decide: ({ data, metadata }, state) => {
    if (metadata.actor.role !== 'admin')
      throw forbidden('ROLE_NOT_ALLOWED', 'Chỉ quản trị viên được nạp lịch nghỉ lễ, Tết của năm');
    const violations = holidayYearViolations(data);
    if (violations.length > 0) {
      if (violations.length === 1)
        throw invalid(violations[0].code, violations[0].message, violations[0].field);
      throw new DomainError(
        'invalid',
        'INVALID_HOLIDAY_YEAR',
        violations.map((x) => x.message).join('; '),
        violations,
      );
    }
    const { year, daysOff, workingDays, provisional, source } = data;
    return [
      {
        type: 'HolidayYearLoaded',
        data: {
          year,
          daysOff,
          workingDays,
          provisional,
          source: source.trim(),
          revision: state.revision + 1,
          loadedBy: metadata.actor.id,
          loadedAt: metadata.now,
        },
      },
    ];
  },
  evolve: (_state, event) => event.data,
};

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** The last year the built-in announcements cover (2026 today); later years are provisional until loaded. */
export const LAST_ANNOUNCED_YEAR = Math.max(...VIETNAM_OVERRIDES.daysOff.map((p) => yearOf(p.from)));

/**
 * The built-in announcements with each loaded year replacing that year's: the calendar working-day counting uses.
 */
export const overridesWithLoadedYears = (loaded: readonly HolidayYearSet[]): CalendarOverrides => {
  const replaced = new Set(loaded.map((y) => y.year));
  return {
    daysOff: [
      ...VIETNAM_OVERRIDES.daysOff.filter((p) => !replaced.has(yearOf(p.from))),
      ...loaded.flatMap((y) => y.daysOff),
    ],
    workingDays: [
      ...VIETNAM_OVERRIDES.workingDays.filter((w) => !replaced.has(yearOf(w.date))),
      ...loaded.flatMap((y) => y.workingDays),
    ],
  };
};

export const calendarWithLoadedYears = (loaded: readonly HolidayYearSet[]): WorkingCalendar =>
  createVietnamCalendar(overridesWithLoadedYears(loaded));

/** Whether a year's days off are announced or only a forecast (shown to users as "dự kiến"). */
export const yearStatus = (year: number, loaded: readonly HolidayYearSet[]): 'announced' | 'provisional' => {
  const set = loaded.find((y) => y.year === year);
  if (set) return set.provisional ? 'provisional' : 'announced';
  return year <= LAST_ANNOUNCED_YEAR ? 'announced' : 'provisional';
};
