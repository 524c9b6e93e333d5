import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseAmounts } from './amount.ts';
import { resolveOverlaps } from './resolve-overlaps.ts';
import { expectWellFormed, fragmentText } from './test-support.ts';

function amounts(text: string): string[] {
  return resolveOverlaps(recogniseAmounts(text), text.length).map((found) => `${found.value} ${found.meta?.currency}`);
}

describe('recogniseAmounts', () => {
  it.each([
    ['¥199', '199.00 CNY'], ['199元', '199.00 CNY'], ['199块', '199.00 CNY'], ['199块钱', '199.00 CNY'],
    ['199.5 元', '199.50 CNY'], ['一百九十九元', '199.00 CNY'], ['两百块', '200.00 CNY'], ['九块九', '9.90 CNY'],
    ['3块5毛', '3.50 CNY'], ['RMB 1,299', '1299.00 CNY'], ['$49.99', '49.99 USD'], ['49.99 dollars', '49.99 USD'],
    ['USD 50', '50.00 USD'], ['US$5', '5.00 USD'], ['20 bucks', '20.00 USD'], ['100美元', '100.00 USD'],
  ])('%s → %s', (text, expected) => {
    expect(amounts(text)).toEqual([expected]);
  });

  it('keeps 块 as a measure word apart from money', () => {
    expect(amounts('买了三块电池')).toEqual([]);
    expect(amounts('3块手表')).toEqual([]);
    expect(amounts('就3块了')).toEqual(['3.00 CNY']);
  });

  it('does not read a following quantity as jiao', () => {
    expect(amounts('100元2件')).toEqual(['100.00 CNY']);
  });

  it('never throws; spans are inside the text; values have two decimals', () => {
    const fragments = ['¥', '$', '199', '.5', '元', '块', '九', '一百', '毛', 'dollars', 'USD ', ',000', '钱', ' '];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recogniseAmounts(text), /^\d+\.\d{2}$/);
      }),
      { numRuns: 300 },
    );
  });
});
