const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD that exists (no 2025-02-30): the form every dated act takes in commands. */
export const isCalendarDate = (v: unknown): v is string => {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  return m !== null && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === v;
};
