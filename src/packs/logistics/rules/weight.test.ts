import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { weightFrom } from './weight.ts';

describe('weightFrom', () => {
  it('reads digits with kilos, 公斤 and 斤', () => {
    expect(weightFrom('大概3公斤')).toBe(3);
    expect(weightFrom('a 2.5kg box')).toBe(2.5);
    expect(weightFrom('20斤的米')).toBe(10);
  });
  it('reads colloquial Chinese numerals and 半', () => {
    expect(weightFrom('寄个十公斤的箱子')).toBe(10);
    expect(weightFrom('两斤半的茶叶')).toBe(1.25);
    expect(weightFrom('三公斤半左右')).toBe(3.5);
    expect(weightFrom('半公斤都不到')).toBe(0.5);
    expect(weightFrom('十二千克')).toBe(12);
    expect(weightFrom('寄兩公斤的東西')).toBe(2);
  });
  it('reads English number words and pounds', () => {
    expect(weightFrom('it weighs ten kilos')).toBe(10);
    expect(weightFrom('about 11 lbs')).toBe(4.99);
  });
  it('is null without a weight', () => {
    expect(weightFrom('寄到乌鲁木齐多少钱')).toBeNull();
    expect(weightFrom('三个箱子')).toBeNull();
  });
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => { const value = weightFrom(text); return value === null || value > 0; }));
  });
});
