/**
 * Local-day arithmetic for Vietnam. Vietnam keeps UTC+7 all year (Asia/Ho_Chi_Minh, no daylight saving since
 * 1975), so a fixed offset is exact and needs no timezone database.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must say its offset: without one, `Date` would read it in the server's own zone.
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/i;

/** Milliseconds since the epoch at 00:00 UTC of a YYYY-MM-DD date; throws on a malformed or impossible date. */
const dateToUtcMs = (localDate: string): number => {
  const m = LOCAL_DATE.exec(localDate);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== localDate) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${localDate}`);
  }
  return ms;
};

const utcMsToDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const assertLocalDate = (localDate: string): void => {
  dateToUtcMs(localDate);
};

/** Whether the calendar can place an instant: ISO date and time with its offset (Z or ±hh:mm). */
export const isInstantWithOffset = (iso: string): boolean =>
  INSTANT_WITH_OFFSET.test(iso) && !Number.isNaN(Date.parse(iso));

const instantMs = (iso: string): number => {
  const ms = INSTANT_WITH_OFFSET.test(iso) ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant with an offset: ${iso}`);
  return ms;
};

/** The Vietnam calendar date (YYYY-MM-DD) of an ISO instant, e.g. 2025-01-23T18:30:00Z -> 2025-01-24. */
export const localDate = (iso: string): string => utcMsToDate(instantMs(iso) + VIETNAM_OFFSET_MS);

/** A calendar date (YYYY-MM-DD) as Vietnamese text writes it, e.g. 2025-12-15 -> 15/12/2025. */
export const dateVi = (localDate: string): string => {
  assertLocalDate(localDate);
  return localDate.split('-').reverse().join('/');
};

/** The Vietnam calendar date of an instant as Vietnamese text writes it, e.g. 2026-12-15T16:59:59Z -> 15/12/2026. */
export const localDateVi = (iso: string): string => dateVi(localDate(iso));

/** An instant as Vietnamese text writes it in Vietnam time, e.g. 2025-03-24T00:00:00Z -> 07:00 ngày 24/03/2025. */
export const momentVi = (iso: string): string => {
  const local = new Date(instantMs(iso) + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(11, 16)} ngày ${dateVi(local.slice(0, 10))}`;
};

/**
 * When a period that runs until `end` (not included) stops, as a person reads it: "hết ngày 24/03/2025" when it
 * ends with a day (at the midnight after it, or in its last second, as a form's "end of day" does), else the
 * moment itself ("07:00 ngày 24/03/2025").
 */
export const periodEndVi = (end: string): string => {
  const sinceMidnight = (instantMs(end) + VIETNAM_OFFSET_MS) % DAY_MS;
  if (sinceMidnight === 0) return `hết ngày ${localDateVi(new Date(instantMs(end) - 1).toISOString())}`;
  if (sinceMidnight >= DAY_MS - 1000) return `hết ngày ${localDateVi(end)}`;
  return momentVi(end);
};

export const addDays = (localDate: string, days: number): string =>
  utcMsToDate(dateToUtcMs(localDate) + days * DAY_MS);

/** 0 = Sunday ... 6 = Saturday. */
export const weekday = (localDate: string): number => new Date(dateToUtcMs(localDate)).getUTCDay();

export const isWeekend = (localDate: string): boolean => {
  const d = weekday(localDate);
  return d === 0 || d === 6;
};

/** 00:00 Vietnam time on that day, as an ISO instant in UTC. */
export const startOfLocalDay = (localDate: string): string =>
  new Date(dateToUtcMs(localDate) - VIETNAM_OFFSET_MS).toISOString();

/** 23:59:59.999 Vietnam time on that day, as an ISO instant in UTC. */
export const endOfLocalDay = (localDate: string): string =>
  new Date(dateToUtcMs(localDate) + DAY_MS - 1 - VIETNAM_OFFSET_MS).toISOString();

/** Every date from `from` to `to`, both included (empty when `to` is before `from`). */
export const datesBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
