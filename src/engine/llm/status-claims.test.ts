import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { explicitDates, findStatusClaims, statusValues, ungroundedDates, unsupportedStatusClaims } from './status-claims.ts';

describe('status claims', () => {
  it.each([
    ['已经发货了，明天就能送到', ['shipped']],
    ['您的订单还没发货，仍是待处理状态', ['pending']],
    ['包裹已签收', ['delivered']],
    ['订单正在配送中', ['shipped']],
    ['Your order #W1 is still pending.', ['pending']],
    ['It has been shipped and is on its way.', ['shipped']],
    ["It hasn't shipped yet.", ['pending']],
    ['Your parcel was delivered yesterday.', ['delivered']],
  ])('"%s" states %j', (text, families) => {
    expect(findStatusClaims(text)).toEqual(families);
  });

  it.each(['已签收的商品在收货后 30 天内可以申请退货', '我可以帮您取消或修改未发货订单', '如果已经发货，需要先拒收', 'Once it has shipped you will get a tracking number.', 'Orders that are delivered can be returned within 30 days.', '请问您想查哪个订单？'])('"%s" states no status', (text) => {
    expect(findStatusClaims(text)).toEqual([]);
  });

  it('a status is backed only by a status value of the tool results', () => {
    const pending = statusValues({ ok: true, result: { order_id: '#W1', status: 'pending', fulfillments: [] } });
    expect([...pending]).toEqual(['pending']);
    expect(unsupportedStatusClaims('已经发货了', pending)).toEqual(['shipped']);
    expect(unsupportedStatusClaims('Your order is still pending.', pending)).toEqual([]);
    const moving = statusValues([{ status: 'in_transit' }]);
    expect(unsupportedStatusClaims('It has been shipped.', moving)).toEqual([]);
    expect(unsupportedStatusClaims('It has been delivered.', moving)).toEqual(['delivered']);
    expect(unsupportedStatusClaims('订单已签收', new Set(['delivered']))).toEqual([]);
  });

  it('finds explicit dates in zh and en, and resolves "tomorrow" beside an arrival word', () => {
    expect(explicitDates('2024-06-03T10:00:00Z, 6月5日, June 7th, 9 Jun')).toEqual(['6-3', '6-5', '6-7', '6-9']);
    const now = '2024-06-01T10:00:00Z';
    expect(ungroundedDates('已经发货了，明天就能送到', new Set(), now)).toEqual(['明天']);
    expect(ungroundedDates('It will arrive tomorrow.', new Set(['6-2']), now)).toEqual([]);
    expect(ungroundedDates('It was delivered on June 3.', new Set(['6-1']), now)).toEqual(['6-3']);
    expect(ungroundedDates('明天再联系您也可以', new Set(), now)).toEqual([]);
  });

  it('never throws on any text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      expect(Array.isArray(findStatusClaims(text))).toBe(true);
      expect(Array.isArray(ungroundedDates(text, new Set(), '2024-06-01T00:00:00Z'))).toBe(true);
    }));
  });
});
