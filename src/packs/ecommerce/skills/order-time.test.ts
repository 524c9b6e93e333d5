import { describe, expect, it } from 'vitest';
import type { Order } from '../store/types.ts';
import { narrowByTime, recencyOf, timeReference } from './order-time.ts';
import { deliveredDay, storeToday } from '../store/order-dates.ts';

function order(id: string, created: string, delivered?: string): Order {
  return {
    order_id: id, user_id: 'u', address: { address1: '', address2: '', city: '', state: '', country: '', zip: '' }, items: [],
    status: delivered ? 'delivered' : 'pending', payment_history: [], created_at: `${created}T09:00:00+08:00`,
    fulfillments: delivered ? [{ tracking_id: ['1'], item_ids: [], events: [{ time: `${delivered}T08:00:00+08:00`, description: '派送中' }, { time: `${delivered}T15:00:00+08:00`, description: '已签收，签收人：本人' }] }] : [],
  };
}

// Friday 2026-11-20 in the store's zone (+08:00).
const NOW = '2026-11-20T02:00:00Z';
const orders = [order('#A', '2026-09-29', '2026-10-02'), order('#B', '2026-11-09', '2026-11-11'), order('#C', '2026-11-19')];

describe('timeReference', () => {
  it.each([
    ['上周收到的那瓶香水', [], { from: '2026-11-09', to: '2026-11-15', event: 'delivered' }],
    ['上个星期买的', [], { from: '2026-11-09', to: '2026-11-15', event: 'placed' }],
    ['the one I ordered last week', [], { from: '2026-11-09', to: '2026-11-15', event: 'placed' }],
    ['这个月下的单', [], { from: '2026-11-01', to: '2026-11-20', event: 'placed' }],
    ['last month', [], { from: '2026-10-01', to: '2026-10-31', event: 'any' }],
    ['11月15号签收的那单', ['2026-11-15'], { from: '2026-11-15', to: '2026-11-15', event: 'delivered' }],
    ['10月底买的那台推车', [], { from: '2026-10-21', to: '2026-10-31', event: 'placed' }],
    ['十月初下的单', [], { from: '2026-10-01', to: '2026-10-10', event: 'placed' }],
    ['4月中旬买的', [], { from: '2026-04-11', to: '2026-04-20', event: 'placed' }],
    ['12月份到的', [], { from: '2025-12-01', to: '2025-12-31', event: 'delivered' }],
    ['the one I ordered at the end of October', [], { from: '2026-10-21', to: '2026-10-31', event: 'placed' }],
    ['bought in March', [], { from: '2026-03-01', to: '2026-03-31', event: 'placed' }],
  ] as const)('%s', (text, dates, expected) => {
    expect(timeReference(text, [...dates], '2026-11-20')).toEqual(expected);
  });

  it('is null when the text names no time', () => {
    expect(timeReference('那个香水想换一下', [], '2026-11-20')).toBeNull();
  });
});

describe('narrowByTime', () => {
  it('picks the order delivered in the named week, the one placed yesterday, the latest', () => {
    expect(narrowByTime('上周到的那单', [], orders, NOW).map((o) => o.order_id)).toEqual(['#B']);
    expect(narrowByTime('昨天下的那单', ['2026-11-19'], orders, NOW).map((o) => o.order_id)).toEqual(['#C']);
    expect(narrowByTime('the most recent order', [], orders, NOW).map((o) => o.order_id)).toEqual(['#C']);
    expect(narrowByTime('我最早那单', [], orders, NOW).map((o) => o.order_id)).toEqual(['#A']);
  });

  it('keeps every candidate when the time fits none (a date about something else must not empty the list)', () => {
    expect(narrowByTime('能不能12月1号前送到', ['2026-12-01'], orders, NOW)).toHaveLength(3);
  });

  it('allows a day of slack when no order fits exactly ("10月1号到的" for one signed on the 2nd)', () => {
    expect(narrowByTime('10月1号到的', ['2026-10-01'], orders, NOW).map((o) => o.order_id)).toEqual(['#A']);
  });
});

describe('order dates', () => {
  it('reads the delivery day from the signed-for event, and today in the store zone', () => {
    expect(deliveredDay(orders[1])).toBe('2026-11-11');
    expect(deliveredDay(orders[2])).toBeNull();
    expect(storeToday('2026-11-19T17:30:00Z', orders)).toBe('2026-11-20');
    expect(recencyOf('最近一直没到')).toBeNull();
  });
});
