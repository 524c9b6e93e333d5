import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTokenizer } from './tokenize.ts';
import { detectLanguage } from './language.ts';

const tokenizer = createTokenizer();

describe('tokenizer', () => {
  it('cuts Chinese with jieba and adds character bigrams', () => {
    expect(tokenizer.words('我想退货')).toEqual(expect.arrayContaining(['退货']));
    expect(tokenizer.features('我想退货')).toEqual(expect.arrayContaining(['退货', 'b:退货', 'c:退']));
  });
  it('stems English words and keeps numbers', () => {
    expect(tokenizer.words('Cancelling my orders 1234')).toEqual(['cancel', 'my', 'order', '1234']);
  });
  it('reads traditional Chinese like simplified', () => {
    expect(tokenizer.words('退貨')).toEqual(tokenizer.words('退货'));
  });
  it('handles any text without throwing', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
      expect(Array.isArray(tokenizer.features(text))).toBe(true);
    }), { numRuns: 200 });
  });
});

describe('detectLanguage', () => {
  it('tells Chinese, English, mixed and unknown apart', () => {
    expect(detectLanguage('我的快递到哪了')).toBe('zh');
    expect(detectLanguage('where is my package')).toBe('en');
    expect(detectLanguage('订单 #W1234567 怎么还没发货')).toBe('zh');
    expect(detectLanguage('我想 return 这个 keyboard 因为 it is broken')).toBe('mixed');
    expect(detectLanguage('😀😀 123')).toBe('unknown');
  });
});

describe('remembered tokens', () => {
  it('give equal results on repeated calls, as fresh arrays the caller may change', () => {
    const first = tokenizer.features('怎么开发票 how long does shipping take');
    first.push('changed');
    first[0] = 'changed';
    const second = tokenizer.features('怎么开发票 how long does shipping take');
    expect(second).not.toContain('changed');
    expect(second).toEqual(createTokenizer().features('怎么开发票 how long does shipping take'));
    // words and features of the same text are remembered separately
    expect(tokenizer.words('怎么开发票')).not.toEqual(tokenizer.features('怎么开发票'));
    // many other texts later, the first one is still tokenised the same way
    for (let i = 0; i < 100; i++) tokenizer.features(`订单 ${i}`);
    expect(tokenizer.features('怎么开发票 how long does shipping take')).toEqual(second);
  });
});
