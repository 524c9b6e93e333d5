import { describe, expect, it } from 'vitest';
import { nextSendTime } from './quiet-hours.ts';

const quiet = { start: '21:00', end: '09:00' };

describe('nextSendTime', () => {
  it('keeps daytime moments and moves night ones to the end of the window, in the tenant time zone', () => {
    expect(nextSendTime(new Date('2026-11-20T02:00:00Z'), quiet, 'Asia/Shanghai').toISOString()).toBe('2026-11-20T02:00:00.000Z'); // 10:00
    expect(nextSendTime(new Date('2026-11-20T13:30:00Z'), quiet, 'Asia/Shanghai').toISOString()).toBe('2026-11-21T01:00:00.000Z'); // 21:30 → 09:00
    expect(nextSendTime(new Date('2026-11-20T18:00:00Z'), quiet, 'Asia/Shanghai').toISOString()).toBe('2026-11-21T01:00:00.000Z'); // 02:00 → 09:00
    expect(nextSendTime(new Date('2026-11-20T13:30:00Z'), quiet, 'Europe/London').toISOString()).toBe('2026-11-20T13:30:00.000Z'); // 13:30 London
  });

  it('handles windows within one day and no window', () => {
    expect(nextSendTime(new Date('2026-11-20T12:30:00Z'), { start: '12:00', end: '14:00' }, 'UTC').toISOString()).toBe('2026-11-20T14:00:00.000Z');
    const at = new Date('2026-11-20T23:00:00Z');
    expect(nextSendTime(at, null, 'UTC')).toBe(at);
  });
});
