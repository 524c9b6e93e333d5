import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findActionClaims, unsupportedActionClaims } from './action-claims.ts';

describe('action claims', () => {
  it.each([
    ['好的，已为您取消订单 #CN2611502925，款项原路退回。', ['cancel']],
    ['您的订单已经取消成功啦', ['cancel']],
    ['Done! Your order has been cancelled.', ['cancel']],
    ["I've cancelled order #W123 for you.", ['cancel']],
    ['已为您办理退货，退款将在3-5个工作日到账', ['refund']],
    ['Your refund has been processed.', ['refund']],
    ['收货地址已修改为上海市…', ['modify']],
    ['The shipping address has been updated.', ['modify']],
    ['已为您预约明天下午的维修', ['book']],
    ['Your appointment has been booked for Monday.', ['book']],
    ['卡片已冻结', ['freeze']],
    ['您的投诉已登记，主管会联系您', ['file']],
  ])('"%s" claims %j', (text, kinds) => {
    expect(findActionClaims(text)).toEqual(kinds);
  });

  it.each(['还没有为您取消，需要您确认', "I have not cancelled anything yet.", '您想取消哪个订单？', 'Would you like me to cancel it?', '取消后款项会原路退回', '如需修改地址，请告诉我新地址'])('"%s" claims nothing', (text) => {
    expect(findActionClaims(text)).toEqual([]);
  });

  it('a claim is backed only by a successful write of its kind in this turn', () => {
    expect(unsupportedActionClaims('已为您取消订单', [])).toEqual(['cancel']);
    expect(unsupportedActionClaims('已为您取消订单', ['modify_pending_order_address'])).toEqual(['cancel']);
    expect(unsupportedActionClaims('已为您取消订单，退款原路返回', ['cancel_pending_order'])).toEqual([]);
    expect(unsupportedActionClaims('Your order has been exchanged', ['return_delivered_order_items'])).toEqual(['exchange']);
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      expect(Array.isArray(findActionClaims(text))).toBe(true);
    }));
  });
});
