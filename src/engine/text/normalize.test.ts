import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_NLU_CHARS, normalize, normalizeKeepCase } from './normalize.ts';

describe('normalize', () => {
  it('folds full-width characters, case and traditional Chinese', () => {
    expect(normalize('我想退貨，訂單＃Ｗ１２３４５６７')).toBe('我想退货,订单#w1234567');
    expect(normalize('  HELLO\tWorld  ')).toBe('hello world');
  });
  it('keeps case when asked', () => {
    expect(normalizeKeepCase('訂單 ＃Ｗ１２３')).toBe('订单 #W123');
  });
  it('removes control and zero-width characters', () => {
    expect(normalize('退\u0000款\u200b\u202e')).toBe('退款');
  });
  it('never throws and caps length on any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 5000 }), (text) => {
      const out = normalize(text);
      expect(out.length).toBeLessThanOrEqual(MAX_NLU_CHARS);
    }), { numRuns: 300 });
  });
  it('gives the same result when a text comes back after many others (remembered or not)', () => {
    const texts = Array.from({ length: 200 }, (_, i) => `訂單＃Ｗ${i} 我想退貨 ${'x'.repeat(i * 15)}`);
    const first = texts.map((text) => normalize(text));
    expect(texts.map((text) => normalize(text))).toEqual(first);
    expect(first[0]).toBe('订单#w0 我想退货');
    expect(first[199].length).toBeLessThanOrEqual(MAX_NLU_CHARS);
  });
});
