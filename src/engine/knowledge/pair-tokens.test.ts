import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../text/tokenize.ts';
import { profileText } from './pair-features.ts';
import { hashKey, pairFeatureKeys } from './pair-tokens.ts';

const tokenizer = createTokenizer();
const keys = (a: string, b: string) => pairFeatureKeys(profileText(a, tokenizer), profileText(b, tokenizer)).sort();

describe('pair difference keys', () => {
  it('names the differing Chinese words and characters and pairs them', () => {
    const found = keys('怎么开通信用卡', '怎么关闭信用卡');
    expect(found).toEqual(expect.arrayContaining(['d:开通', 'd:关闭', 'x:关闭|开通', 'dc:开', 'dc:通', 'dc:关', 'dc:闭']));
    expect(found.some((key) => key.includes('信用卡') || key.includes('怎么'))).toBe(false);
  });
  it('is symmetric, empty for identical texts and ignores non-Chinese tokens', () => {
    expect(keys('花呗怎么还款', '借呗怎么还款')).toEqual(keys('借呗怎么还款', '花呗怎么还款'));
    expect(keys('怎么还款', '怎么还款')).toEqual([]);
    expect(keys('how much is shipping', 'what does delivery cost')).toEqual([]);
  });
  it('hashes deterministically into range', () => {
    expect(hashKey('d:花呗', 4096)).toBe(hashKey('d:花呗', 4096));
    for (const key of ['a', 'd:花呗', 'x:借呗|花呗', '']) {
      expect(hashKey(key, 97)).toBeGreaterThanOrEqual(0);
      expect(hashKey(key, 97)).toBeLessThan(97);
    }
  });
});
