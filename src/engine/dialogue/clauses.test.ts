import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitClauses } from './clauses.ts';

describe('splitClauses', () => {
  it('splits sentences and connectives in both languages', () => {
    expect(splitClauses('Cancel order #W1. Also return the lamp from #W2.')).toEqual(['Cancel order #W1.', 'Also return the lamp from #W2.']);
    expect(splitClauses('取消订单#CN2611000123，另外把地址改一下')).toEqual(['取消订单#CN2611000123', '另外把地址改一下']);
    expect(splitClauses('switch the payment to PayPal, and change the backpack to the small one')).toHaveLength(2);
  });
  it('never makes a clause of a lone connective ("…, and also …")', () => {
    expect(splitClauses('Please update my default address, and also send my pending order there.')).toEqual(['Please update my default address', 'and also send my pending order there.']);
  });
  it('keeps emails, decimals and order ids whole', () => {
    expect(splitClauses('my email is mohamed.lee1888@example.com. cancel it')).toEqual(['my email is mohamed.lee1888@example.com.', 'cancel it']);
    expect(splitClauses('the 1.5L kettle')).toEqual(['the 1.5L kettle']);
  });
  it('never loses text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const joined = splitClauses(text).join('').replace(/\s/g, '');
      expect(joined.length).toBeGreaterThanOrEqual(text.replace(/\s/g, '').length - 0);
    }), { numRuns: 200 });
  });
});
