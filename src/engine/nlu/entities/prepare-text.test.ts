import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ENTITY_SCAN_CHARS, prepareText } from './prepare-text.ts';

describe('prepareText', () => {
  it('folds full-width forms and traditional Chinese but keeps case, spacing and length mapping', () => {
    const prepared = prepareText('訂單  ＃Ｗ２３７８１５６');
    expect(prepared.text).toBe('订单  #W2378156');
    expect(prepared.lower).toBe('订单  #w2378156');
    const start = prepared.text.indexOf('#');
    expect(prepared.toOriginal(start, prepared.text.length)).toEqual({ start: 4, end: 13 });
  });

  it('drops invisible characters and maps around them', () => {
    const prepared = prepareText('a\u200bb');
    expect(prepared.text).toBe('ab');
    expect(prepared.toOriginal(1, 2)).toEqual({ start: 2, end: 3 });
  });

  it('maps expanded characters back to the whole source character', () => {
    const prepared = prepareText('x㎏y'); // ㎏ → kg under NFKC
    expect(prepared.text).toBe('xkgy');
    expect(prepared.toOriginal(1, 2)).toEqual({ start: 1, end: 2 });
    expect(prepared.toOriginal(3, 4)).toEqual({ start: 2, end: 3 });
  });

  it('caps the scanned length', () => {
    expect(prepareText('a'.repeat(MAX_ENTITY_SCAN_CHARS * 3)).text.length).toBe(MAX_ENTITY_SCAN_CHARS);
  });

  it('never throws; lower has the same length; every span maps inside the original', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.nat(), (message, first, second) => {
        const prepared = prepareText(message);
        expect(prepared.lower.length).toBe(prepared.text.length);
        if (prepared.text.length === 0) return;
        const start = first % prepared.text.length;
        const end = start + 1 + (second % (prepared.text.length - start));
        const span = prepared.toOriginal(start, end);
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeGreaterThan(span.start);
        expect(span.end).toBeLessThanOrEqual(message.length);
      }),
      { numRuns: 300 },
    );
  });
});
