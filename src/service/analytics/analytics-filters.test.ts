import { describe, expect, it } from 'vitest';
import { dayIn, resolveRange } from './analytics-filters.ts';

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
