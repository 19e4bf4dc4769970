import { createVietnamCalendar } from '@ntm/calendar';
import { percentile, workingDayFigures } from './pipeline';

describe('percentile', () => {
  it('interpolates between neighbours as percentile_cont does', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([4], 0.9)).toBe(4);
    expect(percentile([3, 8], 0.5)).toBe(5.5);
    expect(percentile([3, 8], 0.9)).toBeCloseTo(7.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });
});

describe('workingDayFigures', () => {
  const calendar = createVietnamCalendar();
  // Vietnam time (UTC+7): 02:00Z is 09:00 the same day.
  const step = (step: string, openedAt: string, closedAt: string) => ({ step, openedAt, closedAt });

  it('counts working days as deadlines do: the opening day not counted, weekends and holidays skipped', () => {
    const figures = workingDayFigures(
      [
        // Mon 6 Oct 2025 to Thu 9 Oct: 7, 8, 9 → 3.
        step('commune-preparation', '2025-10-06T02:00:00Z', '2025-10-09T02:00:00Z'),
        // Fri 10 Oct to Tue 21 Oct: 13-17, 20, 21 → 7.
        step('commune-preparation', '2025-10-10T02:00:00Z', '2025-10-21T02:00:00Z'),
        // Fri 29 Aug to Thu 4 Sep 2025: 1 and 2 September are National Day holidays → 3, 4 → 2.
        step('decision', '2025-08-29T02:00:00Z', '2025-09-04T02:00:00Z'),
      ],
      calendar,
    );
    expect(figures.get('commune-preparation')).toEqual({ median: 5, p90: 6.6 });
    expect(figures.get('decision')).toEqual({ median: 2, p90: 2 });
    expect(figures.has('announcement')).toBe(false);
  });

  it('counts a step closed on the day it opened as 0, in Vietnam-local days', () => {
    // 16:30Z on Thu 9 Oct is 23:30 in Vietnam, 17:30Z is Fri 10 Oct 00:30: the next local day.
    const figures = workingDayFigures(
      [
        step('a', '2025-10-09T01:00:00Z', '2025-10-09T16:30:00Z'),
        step('b', '2025-10-09T01:00:00Z', '2025-10-09T17:30:00Z'),
      ],
      calendar,
    );
    expect(figures.get('a')?.median).toBe(0);
    expect(figures.get('b')?.median).toBe(1);
  });
});
