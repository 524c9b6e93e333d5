import { describe, expect, it } from 'vitest';
import { addDays, addMonths, localToday, makeDay, nextWeekday, previousWeekday, toIsoDate, weekdayOfWeek } from './calendar.ts';

const NOW = '2026-11-25T10:00:00+08:00'; // a Wednesday

describe('calendar', () => {
  it('finds the local day in the business time zone', () => {
    expect(localToday(NOW, 'Asia/Shanghai')).toEqual({ year: 2026, month: 11, day: 25, weekday: 3 });
    // 01:00 in Shanghai is still the previous day in New York.
    expect(toIsoDate(localToday('2026-11-25T01:00:00+08:00', 'America/New_York')!)).toBe('2026-11-24');
  });

  it('falls back on an unknown zone and gives up on an invalid clock', () => {
    expect(localToday(NOW, 'Not/AZone')?.day).toBe(25);
    expect(localToday('not a date', 'Asia/Shanghai')).toBeUndefined();
  });

  it('does day, week and month arithmetic', () => {
    const today = localToday(NOW, 'Asia/Shanghai')!;
    expect(toIsoDate(addDays(today, 7))).toBe('2026-12-02');
    expect(toIsoDate(nextWeekday(today, 3, true))).toBe('2026-11-25');
    expect(toIsoDate(nextWeekday(today, 3, false))).toBe('2026-12-02');
    expect(toIsoDate(previousWeekday(today, 3))).toBe('2026-11-18');
    expect(toIsoDate(weekdayOfWeek(today, 1, 0))).toBe('2026-11-23');
    expect(toIsoDate(weekdayOfWeek(today, 7, 1))).toBe('2026-12-06');
    expect(toIsoDate(addMonths(today, 2, 3)!)).toBe('2027-01-03');
    expect(addMonths(makeDay(2026, 1, 31)!, 1)).toBeUndefined();
    expect(makeDay(2026, 2, 29)).toBeUndefined();
    expect(makeDay(2028, 2, 29)?.weekday).toBe(2);
  });
});
