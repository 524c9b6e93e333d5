import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseZips } from './zip.ts';
import { expectWellFormed, fragmentText, summary } from './test-support.ts';

describe('recogniseZips', () => {
  it('accepts codes after a cue', () => {
    expect(summary(recogniseZips('zip 19122'))).toEqual(['zip:19122']);
    expect(summary(recogniseZips('my zip code is 19122-1234'))).toEqual(['zip:19122']);
    expect(summary(recogniseZips('postal code: 10001'))).toEqual(['zip:10001']);
    expect(summary(recogniseZips('邮编200120'))).toEqual(['zip:200120']);
    expect(summary(recogniseZips('邮政编码是 100000'))).toEqual(['zip:100000']);
  });

  it('accepts a US 5-digit code after a state, an address or a self-introduced name', () => {
    expect(summary(recogniseZips('Fort Worth, TX 76165'))).toEqual(['zip:76165']);
    expect(summary(recogniseZips('I live in Pennsylvania 19122'))).toEqual(['zip:19122']);
    expect(summary(recogniseZips("I'm Yusuf Rossi, 19122"))).toEqual(['zip:19122']);
    expect(summary(recogniseZips('Yusuf Rossi 19122'))).toEqual(['zip:19122']);
  });

  it('leaves other 5-digit numbers alone', () => {
    expect(recogniseZips('I paid 19122 dollars. Order W19122. 12345 items')).toEqual([]);
    expect(recogniseZips('I bought Apple Watch 45123 yesterday? 54321')).toEqual([]);
    expect(recogniseZips('zip 1912')).toEqual([]);
    expect(recogniseZips('Fort Worth, TX. I ordered 55555 pencils')).toEqual([]);
  });

  it('never throws; spans are inside the text; values are 5 or 6 digits', () => {
    const fragments = ['zip ', '邮编', '19122', '200120', 'TX ', ', ', "I'm Yusuf Rossi", '-1234', 'Street ', '.'];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recogniseZips(text), /^\d{5,6}$/);
      }),
      { numRuns: 300 },
    );
  });
});
