import {
  DomainError,
  describeAtLine,
  forbidden,
  jsonPathOf,
  locateInJson,
  parseJsonText,
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
 * is not announced; 24/11, Ngày Văn hóa Việt Nam, may become a holiday). All years live in one stream, so the
 * calendar is one read; the latest load of a year replaces its announcements, so a correction is a new load,
 * and the history keeps every one.
 */
export const HOLIDAY_YEARS_STREAM = 'holiday-years';

export interface HolidayYearSet {
  readonly year: number;
  readonly daysOff: readonly AnnouncedDaysOff[];
  readonly workingDays: readonly SwappedWorkingDay[];
  /** True while the government has not announced the year (a forecast the administrator loads to plan with). */
  readonly provisional: boolean;
  /** The announcement or, when provisional, the basis of the forecast: why the year reads as it does. */
  readonly source: string;
}

/** The year's file as JSON text (problems then name their line) or as a parsed object. */
export type LoadHolidayYear = Command<'LoadHolidayYear', { readonly document: unknown }>;
export type HolidayYearLoaded = DomainEvent<
  'HolidayYearLoaded',
  HolidayYearSet & { readonly revision: number; readonly loadedBy: string; readonly loadedAt: string }
>;
export type LoadedHolidayYear = HolidayYearLoaded['data'];
/** The latest load of each year, by year. */
export interface HolidayYears {
  readonly years: Readonly<Record<string, LoadedHolidayYear>>;
}

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

const YEAR_KEYS = ['year', 'daysOff', 'workingDays', 'provisional', 'source'];
const PERIOD_KEYS = ['from', 'to', 'name', 'source'];
const SWAP_KEYS = ['date', 'reason', 'source'];

/** Fields the file may not carry: a misspelt key would otherwise be dropped without a word. */
const unknownFields = (doc: Record<string, unknown>): Violation[] => {
  const v: Violation[] = [];
  const check = (o: unknown, allowed: readonly string[], at: string) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return;
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        v.push({ code: 'INVALID_HOLIDAY_YEAR', message: 'Trường không được biết', field: `${at}${k}` });
  };
  check(doc, YEAR_KEYS, '');
  if (Array.isArray(doc.daysOff)) doc.daysOff.forEach((p, i) => check(p, PERIOD_KEYS, `daysOff[${i}].`));
  if (Array.isArray(doc.workingDays))
    doc.workingDays.forEach((w, i) => check(w, SWAP_KEYS, `workingDays[${i}].`));
  return v;
};

/** Only the set's own fields, in a fixed order: what the event records and what "the same content" compares. */
const canonical = (s: HolidayYearSet): HolidayYearSet => ({
  year: s.year,
  daysOff: s.daysOff.map(({ from, to, name, source }) => ({ from, to, name, source })),
  workingDays: s.workingDays.map(({ date, reason, source }) => ({ date, reason, source })),
  provisional: s.provisional,
  source: s.source.trim(),
});

/** A year's file checked whole: every problem names its field, and its line when the file came as text. */
export const readHolidayYear = (
  document: unknown,
):
  | { readonly ok: true; readonly set: HolidayYearSet }
  | { readonly ok: false; readonly problems: Violation[] } => {
  let value = document;
  let locate: ((field: string) => number | null) | undefined;
  if (typeof document === 'string') {
    const parsed = parseJsonText(document);
    if (!parsed.ok) {
      return {
        ok: false,
        problems: parsed.problems.map((p) => ({
          code: 'INVALID_HOLIDAY_YEAR',
          field: p.field,
          message: describeAtLine(p),
        })),
      };
    }
    value = parsed.value;
    locate = (field) => locateInJson(document, parsed.root, jsonPathOf(field)).line;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [
        { code: 'INVALID_HOLIDAY_YEAR', field: '(gốc)', message: 'Tệp lịch nghỉ phải là một đối tượng JSON' },
      ],
    };
  }
  const doc = value as Record<string, unknown>;
  const found = [...unknownFields(doc), ...holidayYearViolations(doc as unknown as HolidayYearSet)];
  if (found.length === 0) return { ok: true, set: canonical(doc as unknown as HolidayYearSet) };
  return {
    ok: false,
    problems: found.map((p) => ({
      ...p,
      message: describeAtLine({
        line: locate?.(p.field ?? '') ?? null,
        field: p.field ?? '(gốc)',
        message: p.message,
      }),
    })),
  };
};

export const holidayYearsDecider: Decider<LoadHolidayYear, HolidayYearLoaded, HolidayYears> = {
  initialState: () => ({ years: {} }),
  decide: ({ data, metadata }, state) => {
    if (metadata.actor.role !== 'admin')
      throw forbidden('ROLE_NOT_ALLOWED', 'Chỉ quản trị viên được nạp lịch nghỉ lễ, Tết của năm');
    const read = readHolidayYear(data.document);
    if (!read.ok) {
      throw new DomainError(
        'invalid',
        'INVALID_HOLIDAY_YEAR',
        `Lịch nghỉ của năm không hợp lệ, chưa nạp: ${read.problems.map((x) => x.message).join('; ')}`,
        read.problems,
      );
    }
    const current = state.years[String(read.set.year)];
    // The same content again changes nothing (a retried upload, a CLI run twice).
    if (current && JSON.stringify(canonical(current)) === JSON.stringify(read.set)) return [];
    return [
      {
        type: 'HolidayYearLoaded',
        data: {
          ...read.set,
          revision: (current?.revision ?? 0) + 1,
          loadedBy: metadata.actor.id,
          loadedAt: metadata.now,
        },
      },
    ];
  },
  evolve: (state, event) => ({ years: { ...state.years, [String(event.data.year)]: event.data } }),
};

/** The years loaded, oldest first. */
export const loadedYears = (state: HolidayYears): LoadedHolidayYear[] =>
  Object.values(state.years).sort((a, b) => a.year - b.year);

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

/** One year as the calendar reads it: announced or provisional, and where its days come from. */
export interface CalendarYearView {
  readonly year: number;
  readonly status: 'announced' | 'provisional';
  /** 'built-in': the announcements shipped with the release; 'loaded': an administrator's load; 'none': nothing known yet beyond weekends. */
  readonly origin: 'built-in' | 'loaded' | 'none';
  readonly source: string | null;
  readonly daysOff: number;
  readonly workingDays: number;
  readonly revision: number | null;
  readonly loadedBy: string | null;
  readonly loadedAt: string | null;
}

/** Every year the calendar knows (built in or loaded), and each year up to `throughYear` (shown as provisional). */
export const calendarYears = (state: HolidayYears, throughYear: number): CalendarYearView[] => {
  const loaded = loadedYears(state);
  const builtIn = [...new Set(VIETNAM_OVERRIDES.daysOff.map((p) => yearOf(p.from)))];
  const first = Math.min(...builtIn, ...loaded.map((y) => y.year));
  const last = Math.max(throughYear, ...loaded.map((y) => y.year));
  const views: CalendarYearView[] = [];
  for (let year = first; year <= last; year++) {
    const set = state.years[String(year)];
    const status = yearStatus(year, loaded);
    if (set) {
      views.push({
        year,
        status,
        origin: 'loaded',
        source: set.source,
        daysOff: set.daysOff.length,
        workingDays: set.workingDays.length,
        revision: set.revision,
        loadedBy: set.loadedBy,
        loadedAt: set.loadedAt,
      });
      continue;
    }
    const daysOff = VIETNAM_OVERRIDES.daysOff.filter((p) => yearOf(p.from) === year);
    views.push({
      year,
      status,
      origin: daysOff.length > 0 ? 'built-in' : 'none',
      source: daysOff[0]?.source ?? null,
      daysOff: daysOff.length,
      workingDays: VIETNAM_OVERRIDES.workingDays.filter((w) => yearOf(w.date) === year).length,
      revision: null,
      loadedBy: null,
      loadedAt: null,
    });
  }
  return views;
};
