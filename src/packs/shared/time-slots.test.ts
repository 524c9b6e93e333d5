import { describe, expect, it } from 'vitest';
import { addDays, freeSlots, localDate } from './time-slots.ts';

describe('freeSlots', () => {
  const calendar = { times: ['09:00-12:00', '14:00-17:00'], capacity: 1, days: 3, closedWeekdays: [0] };
  it('lists slots from tomorrow, skipping closed days and full slots', () => {
    // 2026-11-20 is a Friday; Sunday 11-22 is closed.
    const slots = freeSlots(calendar, [{ date: '2026-11-21', slot: '09:00-12:00' }], '2026-11-20T10:00:00+08:00');
    expect(slots).toEqual([
      { date: '2026-11-21', slot: '14:00-17:00' },
      { date: '2026-11-23', slot: '09:00-12:00' },
      { date: '2026-11-23', slot: '14:00-17:00' },
    ]);
  });
  it('never offers today or the past', () => {
    expect(freeSlots(calendar, [], '2026-11-20T10:00:00+08:00', { date: '2026-11-20' })).toEqual([]);
  });
  it('ignores cancelled bookings and counts per key', () => {
    const bookings = [{ date: '2026-11-21', slot: '09:00-12:00', cancelled: true }, { date: '2026-11-21', slot: '14:00-17:00', key: 'dr-wang' }];
    expect(freeSlots(calendar, bookings, '2026-11-20T10:00:00+08:00', { date: '2026-11-21', key: 'dr-li' })).toHaveLength(2);
  });
  it('computes local dates across time zones', () => {
    expect(localDate('2026-11-20T17:00:00Z', 'Asia/Shanghai')).toBe('2026-11-21');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
