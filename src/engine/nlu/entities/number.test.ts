import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseNumbers } from './number.ts';
import { expectWellFormed, fragmentText, summary } from './test-support.ts';

describe('recogniseNumbers', () => {
  it('finds digits, Chinese counted numbers and ordinals', () => {
    expect(summary(recogniseNumbers('I want 2'))).toEqual(['number:2']);
    expect(summary(recogniseNumbers('第二个'))).toEqual(['number:2']);
    expect(recogniseNumbers('第二个')[0].meta).toEqual({ ordinal: true });
    expect(summary(recogniseNumbers('要两个'))).toEqual(['number:2']);
    expect(summary(recogniseNumbers('十二件'))).toEqual(['number:12']);
    expect(summary(recogniseNumbers('the second one'))).toEqual(['number:2']);
    expect(summary(recogniseNumbers('three keyboards'))).toEqual(['number:3']);
    expect(summary(recogniseNumbers('option one'))).toEqual(['number:1']);
    expect(summary(recogniseNumbers('the 3rd'))).toEqual(['number:3']);
  });

  it('skips decimals, words with digits and "one" in ordinary speech', () => {
    expect(recogniseNumbers('2.5 A4 w2378156 this one 1,5')).toEqual([]);
  });

  it('never throws; spans are inside the text; values are integers', () => {
    const fragments = ['2', '17', '第', '二', '十', '个', '件', 'the second', 'three', '.', ','];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recogniseNumbers(text), /^\d+$/);
      }),
      { numRuns: 300 },
    );
  });
});
