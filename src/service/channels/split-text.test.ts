import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText, WECHAT_TEXT_MAX_BYTES } from './split-text.ts';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const squash = (text: string) => text.replace(/\s+/g, '');

describe('splitText', () => {
  it('keeps a text within the limit whole', () => {
    expect(splitText('您好，有什么可以帮您？')).toEqual(['您好，有什么可以帮您？']);
    expect(splitText('')).toEqual([]);
  });

  it('splits a long Chinese reply at sentence ends within 2,048 bytes', () => {
    const sentence = '您的订单已经从杭州仓库发出，预计三个工作日内送达，请留意快递员的电话。';
    const text = sentence.repeat(40);
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(bytes(piece)).toBeLessThanOrEqual(WECHAT_TEXT_MAX_BYTES);
      expect(piece.endsWith('。')).toBe(true);
    }
    expect(pieces.join('')).toBe(text);
  });

  it('prefers paragraphs, then sentences, in English', () => {
    const paragraph = 'Your parcel left the warehouse today. It should arrive within three working days. ';
    const text = `${paragraph.repeat(3).trim()}\n\n${paragraph.repeat(3).trim()}`;
    expect(splitText(text, bytes(text) - 10)).toEqual([paragraph.repeat(3).trim(), paragraph.repeat(3).trim()]);
    const pieces = splitText(paragraph.repeat(6), 100);
    expect(pieces.every((piece) => piece.endsWith('.'))).toBe(true);
  });

  it('cuts a text without boundaries between characters, never inside one (emoji, CJK)', () => {
    const text = '😀汉'.repeat(300);
    const pieces = splitText(text, 50);
    expect(pieces.every((piece) => bytes(piece) <= 50 && !/[\uD800-\uDBFF]$/.test(piece))).toBe(true);
    expect(pieces.join('')).toBe(text);
  });

  it('property: every piece fits and nothing but whitespace is lost', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 4, max: 300 }), (text, limit) => {
      const pieces = splitText(text, limit);
      expect(pieces.every((piece) => piece.length > 0 && bytes(piece) <= limit)).toBe(true);
      expect(squash(pieces.join(''))).toBe(squash(text));
    }), { numRuns: 300 });
  });
});
