import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMoney } from './parse-money.ts';

describe('parseMoney', () => {
  it('reads Chinese and English amounts', () => {
    expect(parseMoney('月收入大概 2万')).toBe(20_000);
    expect(parseMoney('1.5w')).toBe(15_000);
    expect(parseMoney('税前15,000元')).toBe(15_000);
    expect(parseMoney('I earn $8k a month')).toBe(8_000);
    expect(parseMoney('每月还房贷 4500')).toBe(4_500);
    expect(parseMoney('三万')).toBe(30_000);
    expect(parseMoney('十二万')).toBe(120_000);
    expect(parseMoney('一千五')).toBe(1_500);
    expect(parseMoney('两万五')).toBe(25_000);
  });
  it('reads "no debt" as zero and text without amounts as null', () => {
    expect(parseMoney('没有')).toBe(0);
    expect(parseMoney('我没有任何贷款')).toBe(0);
    expect(parseMoney('no debts')).toBe(0);
    expect(parseMoney('全职')).toBeNull();
  });
  it('never throws and never returns a negative amount', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const value = parseMoney(text);
      return value === null || (Number.isFinite(value) && value >= 0);
    }));
  });
});
