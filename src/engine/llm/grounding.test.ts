import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completeSentences, extractFacts, extractFactsFromValue, findUngroundedFacts } from './grounding.ts';

describe('grounding', () => {
  const grounded = extractFactsFromValue({ order_id: '#W8770097', items: [{ name: 'Office Chair', price: 544.29 }], total: 1234.5, payment_method_id: 'paypal_6151711' });

  it('accepts ids and amounts that tool results contain, whatever their formatting', () => {
    expect(findUngroundedFacts('Order #W8770097 (Office Chair, $544.29) totals $1,234.50 on paypal_6151711.', grounded)).toEqual([]);
    expect(findUngroundedFacts('订单 #W8770097 的金额为 544.29 元，合计 ¥1234.5。', grounded)).toEqual([]);
  });

  it('flags invented ids and amounts, English and Chinese', () => {
    expect(findUngroundedFacts('Your order #W1234567 totals $599.00.', grounded)).toEqual(['w1234567', '599']);
    expect(findUngroundedFacts('您的订单金额是 88.8 元。', grounded)).toEqual(['88.8']);
  });

  it('ignores small counts but not small amounts with cents', () => {
    expect(extractFacts('You have 2 orders and 3 items.')).toEqual([]);
    expect(extractFacts('It costs $5.50')).toEqual(['5.5']);
  });

  it('finds the complete sentences of a partial text', () => {
    expect(completeSentences('Order #W1 is pending. The total is $5')).toBe('Order #W1 is pending.');
    expect(completeSentences('订单已取消。退款')).toBe('订单已取消。');
    expect(completeSentences('$12.50 is the')).toBe('');
  });

  it('a text is always grounded against its own facts (property)', () => {
    fc.assert(fc.property(fc.string(), (text) => findUngroundedFacts(text, new Set(extractFacts(text))).length === 0));
  });
});
