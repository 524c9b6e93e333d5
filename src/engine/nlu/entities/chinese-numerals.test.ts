import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, parseNumeral } from './chinese-numerals.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1], ['十', 10], ['两', 2], ['十一', 11], ['二十', 20], ['九十九', 99], ['〇', 0], ['零', 0],
    ['一百九十九', 199], ['两百零五', 205], ['两百五', 250], ['两百五十', 250], ['三千五', 3500], ['一万五', 15_000],
    ['一万零五十', 10_050], ['二〇二六', 2026], ['十二', 12], ['三十一', 31],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it('rejects non-numerals and malformed ones', () => {
    for (const text of ['', '三四十', '百百', '点', 'abc', '十十', '一千百']) expect(parseChineseNumeral(text)).toBeUndefined();
  });

  it('reads ASCII digits through parseNumeral', () => {
    expect(parseNumeral('15')).toBe(15);
    expect(parseNumeral('十五')).toBe(15);
  });

  it('round-trips every integer below 100 written the standard way', () => {
    const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (value) => {
        const tens = Math.floor(value / 10);
        const units = value % 10;
        const text = `${tens === 0 ? '' : tens === 1 ? '十' : `${digits[tens]}十`}${digits[units]}`;
        expect(parseChineseNumeral(text)).toBe(value);
      }),
    );
  });

  it('never throws and returns a non-negative integer or undefined', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'〇零一二两三四五六七八九十百千万x1'), maxLength: 12 }), (text) => {
        const value = parseChineseNumeral(text);
        if (value !== undefined) expect(Number.isInteger(value) && value >= 0).toBe(true);
      }),
    );
  });
});
