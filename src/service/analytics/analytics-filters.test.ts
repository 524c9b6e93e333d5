import { describe, expect, it } from 'vitest';
import { dayIn, resolveRange, shiftDay, startOfDayIn } from './analytics-filters.ts';

describe('resolveRange', () => {
  it("ends the default range on today's date in the tenant's time zone, not UTC's", () => {
    // 18:30 UTC on 7 December is already 02:30 on 8 December in Shanghai: a conversation started then is dated the 8th.
    const evening = new Date('2026-12-07T18:30:00Z');
    expect(resolveRange({}, evening, 'Asia/Shanghai')).toEqual({ from: '2026-11-09', to: '2026-12-08' });
    expect(resolveRange({}, evening)).toEqual({ from: '2026-11-08', to: '2026-12-07' });
    expect(resolveRange({}, new Date('2026-12-07T03:00:00Z'), 'America/Los_Angeles').to).toBe('2026-12-06');
  });

  it('keeps explicit days and checks them', () => {
    expect(resolveRange({ from: '2026-01-01', to: '2026-01-31' }, new Date(), 'Asia/Shanghai')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(() => resolveRange({ from: '2026-02-01', to: '2026-01-31' })).toThrow(/swap/);
    expect(() => resolveRange({ from: '2024-01-01', to: '2026-01-31' })).toThrow(/366/);
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(dayIn(new Date('2026-12-07T23:59:00Z'), 'Mars/Olympus')).toBe('2026-12-07');
  });
});

describe('startOfDayIn', () => {
  it('finds local midnight of a day, across daylight-saving changes, and UTC for unknown zones', () => {
    expect(startOfDayIn('2026-03-10', 'Asia/Shanghai').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(startOfDayIn('2026-03-08', 'America/Los_Angeles').toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfDayIn('2026-03-09', 'America/Los_Angeles').toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(startOfDayIn('2026-11-01', 'America/Los_Angeles').toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(startOfDayIn('2026-03-10').toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(startOfDayIn('2026-03-10', 'Mars/Olympus').toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
  });
});
