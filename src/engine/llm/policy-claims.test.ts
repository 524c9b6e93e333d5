import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unsupportedPolicyClaims } from './policy-claims.ts';

const SOURCES = '已签收的商品在收货后 30 天内可以申请退货，退款原路退回。Refunds to the original payment method take 5-7 business days.';

describe('policy claims', () => {
  it('withholds promises the sources never make (zh and en)', () => {
    expect(unsupportedPolicyClaims('随时全额退款，不用寄回', SOURCES)).toMatchObject([{ promises: ['any_time', 'full', 'no_return_needed'] }]);
    expect(unsupportedPolicyClaims('You can return it any time for a full refund, no questions asked.', SOURCES)).toMatchObject([{ promises: ['any_time', 'full', 'unconditional'] }]);
  });

  it('withholds a rule on a topic the sources never mention', () => {
    expect(unsupportedPolicyClaims('我们支持价格保护，降价可以退差价。', SOURCES)).toMatchObject([{ topics: ['price'] }]);
    expect(unsupportedPolicyClaims('Our warranty covers two years of repairs.', SOURCES)).toMatchObject([{ topics: expect.arrayContaining(['warranty']) }]);
  });

  it('passes what the sources say, also in other words', () => {
    expect(unsupportedPolicyClaims('已签收的商品在收货后30天内可以申请退货。退款会原路退回。', SOURCES)).toEqual([]);
    expect(unsupportedPolicyClaims('The refund will go back to your PayPal account within 5-7 business days.', SOURCES)).toEqual([]);
    expect(unsupportedPolicyClaims('质量问题可以无需寄回直接退款', '商品有质量问题的，不用寄回即可退款。')).toEqual([]);
    expect(unsupportedPolicyClaims('请问您想退哪一件商品？', SOURCES)).toEqual([]);
  });

  it('never throws on any text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => Array.isArray(unsupportedPolicyClaims(text, SOURCES))));
  });
});
