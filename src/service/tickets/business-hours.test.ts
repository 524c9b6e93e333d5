import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createBusinessCalendar, localDate, zonedInstant } from './business-hours.ts';

const nineToSix: [string, string] = ['09:00', '18:00'];
/** Monday to Friday 09:00–18:00, Shanghai (UTC+8, no DST): 09:00 local = 01:00Z. */
const weekdays = { timeZone: 'Asia/Shanghai', days: [null, nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, null] };
const iso = (date: Date) => date.toISOString();

describe('business calendar', () => {
  it('adds working minutes within a day and across the night', () => {
    const calendar = createBusinessCalendar(weekdays);
    // Tue 2026-12-08 10:00 local + 4 h = 14:00 local.
    expect(iso(calendar.addWorkingMinutes(new Date('2026-12-08T02:00:00Z'), 240))).toBe('2026-12-08T06:00:00.000Z');
    // Tue 16:00 local + 4 h: 2 h today, 2 h Wednesday from 09:00 → Wed 11:00 local.
    expect(iso(calendar.addWorkingMinutes(new Date('2026-12-08T08:00:00Z'), 240))).toBe('2026-12-09T03:00:00.000Z');
    // At 01:10 local (the case) the clock starts at 09:00: + 60 min → 10:00 local.
    expect(iso(calendar.addWorkingMinutes(new Date('2026-12-07T17:10:00Z'), 60))).toBe('2026-12-08T02:00:00.000Z');
  });

  it('skips weekends', () => {
    const calendar = createBusinessCalendar(weekdays);
    // Fri 2026-12-11 17:00 local + 2 h → Mon 2026-12-14 10:00 local.
    expect(iso(calendar.addWorkingMinutes(new Date('2026-12-11T09:00:00Z'), 120))).toBe('2026-12-14T02:00:00.000Z');
    expect(calendar.isOpen(new Date('2026-12-12T03:00:00Z'))).toBe(false); // Saturday 11:00
    expect(iso(calendar.nextOpening(new Date('2026-12-12T03:00:00Z'))!)).toBe('2026-12-14T01:00:00.000Z');
  });

  it('skips Chinese public holidays and works on 调休 days', () => {
    const calendar = createBusinessCalendar({ ...weekdays, holidayCalendar: 'cn' });
    // National Day 2026: 1–7 October closed; Saturday 10 October is a 调休 workday.
    // Wed 2026-09-30 17:00 local + 2 h: 1 h on the 30th, then Thu 1 … Wed 7 closed, Thu 8 09:00 + 1 h → 10:00.
    expect(iso(calendar.addWorkingMinutes(new Date('2026-09-30T09:00:00Z'), 120))).toBe('2026-10-08T02:00:00.000Z');
    expect(calendar.isOpen(new Date('2026-10-05T03:00:00Z'))).toBe(false); // Monday in the holiday
    expect(calendar.isOpen(new Date('2026-10-10T03:00:00Z'))).toBe(true); // Saturday 调休
    // Fri 2026-10-09 17:00 + 2 h → Saturday 10 October (调休) 10:00, not Monday.
    expect(iso(calendar.addWorkingMinutes(new Date('2026-10-09T09:00:00Z'), 120))).toBe('2026-10-10T02:00:00.000Z');
    // Spring Festival 2026: 15–23 February; Saturday 14 February is worked.
    expect(calendar.hoursOn('2026-02-14')).toEqual([540, 1080]);
    expect(calendar.hoursOn('2026-02-16')).toBeNull();
    // The same dates without the preset are ordinary days.
    const plain = createBusinessCalendar(weekdays);
    expect(plain.isOpen(new Date('2026-10-05T03:00:00Z'))).toBe(true);
    expect(plain.isOpen(new Date('2026-10-10T03:00:00Z'))).toBe(false);
  });

  it('takes tenant holidays and workdays over the preset', () => {
    const calendar = createBusinessCalendar({ ...weekdays, holidayCalendar: 'cn', holidays: ['2026-12-24'], workdays: ['2026-10-02', '2026-12-13'], workdayHours: ['10:00', '16:00'] });
    expect(calendar.hoursOn('2026-12-24')).toBeNull(); // a Thursday the shop closes
    expect(calendar.hoursOn('2026-10-02')).toEqual([540, 1080]); // a preset holiday the shop works (a Friday: its own hours)
    expect(calendar.hoursOn('2026-12-13')).toEqual([600, 960]); // a Sunday worked: the workday hours
  });

  it('follows the time zone, including daylight saving time', () => {
    const calendar = createBusinessCalendar({ ...weekdays, timeZone: 'Europe/London' });
    // Winter: 09:00 London = 09:00Z; summer: 09:00 BST = 08:00Z.
    expect(iso(calendar.nextOpening(new Date('2026-12-08T05:00:00Z'))!)).toBe('2026-12-08T09:00:00.000Z');
    expect(iso(calendar.nextOpening(new Date('2026-07-07T05:00:00Z'))!)).toBe('2026-07-07T08:00:00.000Z');
    // Across the spring change (Sunday 2026-03-29): Fri 17:00 GMT + 2 h → Mon 10:00 BST = 09:00Z.
    expect(iso(calendar.addWorkingMinutes(new Date('2026-03-27T17:00:00Z'), 120))).toBe('2026-03-30T09:00:00.000Z');
    expect(localDate(new Date('2026-12-07T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-08');
    expect(iso(zonedInstant('2026-12-08', 9 * 60, 'America/New_York'))).toBe('2026-12-08T14:00:00.000Z');
  });

  it('treats no weekly hours as always open and a never-open week as clock time', () => {
    const always = createBusinessCalendar({ timeZone: 'UTC', days: null });
    expect(iso(always.addWorkingMinutes(new Date('2026-12-12T23:30:00Z'), 60))).toBe('2026-12-13T00:30:00.000Z');
    const never = createBusinessCalendar({ timeZone: 'UTC', days: [null, null, null, null, null, null, null] });
    expect(never.nextOpening(new Date('2026-12-12T00:00:00Z'))).toBeNull();
    expect(iso(never.addWorkingMinutes(new Date('2026-12-12T00:00:00Z'), 60))).toBe('2026-12-12T01:00:00.000Z');
    expect(() => createBusinessCalendar({ timeZone: 'Mars/Olympus', days: null })).toThrow(RangeError);
  });

  it('counts back what it added (property)', () => {
    const calendar = createBusinessCalendar({ ...weekdays, holidayCalendar: 'cn' });
    fc.assert(fc.property(
      fc.integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }), fc.integer({ min: 1, max: 5000 }),
      (start, minutes) => {
        const from = new Date(Math.floor(start / 60_000) * 60_000);
        const due = calendar.addWorkingMinutes(from, minutes);
        expect(calendar.workingMinutesBetween(from, due)).toBe(minutes);
        expect(calendar.isOpen(new Date(due.getTime() - 1))).toBe(true);
      },
    ), { numRuns: 200, seed: 21 });
  });
});
