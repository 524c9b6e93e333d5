import { describe, expect, it } from 'vitest';
import { delayNotices } from './delay-notices.ts';
import { shipmentFixture } from './fixture.ts';

const NOW = '2026-11-20T10:00:00+08:00';
const recent = [{ time: '2026-11-20T06:00:00+08:00', code: 'arrived' as const, city: 'chengdu' }];

describe('delayNotices', () => {
  it('flags each kind of delay once, most serious first', () => {
    const notices = delayNotices([
      shipmentFixture({ waybill: 'A-overdue', events: recent }),
      shipmentFixture({ waybill: 'B-exception', status: 'delayed', exception: 'weather', promised_by: '2026-11-21T18:00:00+08:00', events: recent }),
      shipmentFixture({ waybill: 'C-stalled', promised_by: '2026-11-22T18:00:00+08:00' }),
      shipmentFixture({ waybill: 'D-silent-week', created_at: '2026-11-10T09:00:00+08:00', events: [{ time: '2026-11-11T09:00:00+08:00', code: 'departed', city: 'shanghai' }] }),
    ], NOW);
    expect(notices.map((n) => [n.waybill, n.kind])).toEqual([
      ['D-silent-week', 'likely_lost'], ['B-exception', 'exception'], ['A-overdue', 'overdue'], ['C-stalled', 'stalled'],
    ]);
    expect(notices[0]).toMatchObject({ suggestClaim: true, notify: ['recipient', 'sender'] });
    expect(notices[1].reason).toBe('weather');
    expect(notices[2].hoursLate).toBe(64);
  });
  it('says nothing about parcels on time, delivered, lost or not yet collected', () => {
    const onTime = shipmentFixture({ promised_by: '2026-11-22T18:00:00+08:00', events: recent });
    expect(delayNotices([
      onTime,
      shipmentFixture({ status: 'delivered' }),
      shipmentFixture({ status: 'lost' }),
      shipmentFixture({ status: 'awaiting_pickup', events: [] }),
    ], NOW)).toEqual([]);
  });
});
