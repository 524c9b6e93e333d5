import { describe, expect, it } from 'vitest';
import { correctedChoice, latestMention, type Mention, negatedAt } from './self-correction.ts';

const digits = (text: string): Array<Mention<string>> => [...text.matchAll(/\d{4}/g)].map((m) => ({ value: m[0], index: m.index }));

describe('self-correction', () => {
  it('takes the value named after the correction', () => {
    expect(correctedChoice('冻结尾号6621，不对，是4321', digits('冻结尾号6621，不对，是4321'))).toBe('4321');
    expect(correctedChoice('card 1044 - sorry, I mean 7788', digits('card 1044 - sorry, I mean 7788'))).toBe('7788');
  });
  it("keeps the caller's preference when nothing is corrected", () => {
    expect(correctedChoice('6621 和 4321', digits('6621 和 4321'))).toBe('6621');
  });
  it('keeps the earlier value when the correction names nothing new', () => {
    expect(correctedChoice('尾号6621，不对不对', digits('尾号6621，不对不对'))).toBe('6621');
  });
  it('prefers the newest message that mentions something', () => {
    expect(latestMention(['尾号6621', '是4321那张', '确认'], digits)).toBe('4321');
    expect(latestMention(['没有数字'], digits)).toBeUndefined();
  });
});

describe('negatedAt', () => {
  it.each([
    ['the credit card, not the debit one', 'debit', true],
    ['the credit card, not the debit one', 'credit', false],
    ['是信用卡，不是借记卡', '借记卡', true],
    ['是信用卡，不是借记卡', '信用卡', false],
    ['freeze my debit card', 'debit', false],
  ])('%s — %s negated: %s', (text, word, expected) => {
    expect(negatedAt(text, text.indexOf(word))).toBe(expected);
  });
});
