import { dateVi, localDateVi, momentVi, periodEndVi } from '@ntm/calendar';

describe('dateVi', () => {
  it('writes a calendar date day first, as Vietnamese text does', () => {
    expect(dateVi('2025-12-15')).toBe('15/12/2025');
    expect(dateVi('2026-02-01')).toBe('01/02/2026');
  });
  it('refuses what is not a calendar date rather than print it', () => {
    expect(() => dateVi('2025-02-30')).toThrow(RangeError);
    expect(() => dateVi('2025-12-15T10:00:00Z')).toThrow(RangeError);
    expect(() => dateVi('')).toThrow(RangeError);
  });
  it('agrees with the date of an instant read in Vietnam time', () => {
    expect(localDateVi('2026-12-15T17:00:00Z')).toBe(dateVi('2026-12-16'));
  });
});

describe('periodEndVi', () => {
  it('names the last day of a period that ends with a day, whether at the next midnight or in its last second', () => {
    // 00:00 on 25/03 in Vietnam: the period's last day is the 24th.
    expect(periodEndVi('2025-03-24T17:00:00.000Z')).toBe('hết ngày 24/03/2025');
    // A form's "end of day": 23:59:59.999 on the 24th in Vietnam.
    expect(periodEndVi('2025-03-24T16:59:59.999Z')).toBe('hết ngày 24/03/2025');
  });
  it('names the moment of a period that ends within a day', () => {
    expect(periodEndVi('2025-03-24T00:00:00.000Z')).toBe('07:00 ngày 24/03/2025');
    expect(momentVi('2025-03-24T09:30:00+07:00')).toBe('09:30 ngày 24/03/2025');
  });
});
