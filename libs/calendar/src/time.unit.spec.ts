import { dateVi, localDateVi } from '@ntm/calendar';

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
