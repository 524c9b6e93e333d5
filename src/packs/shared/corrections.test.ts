import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correctedChoice, correctedText, isCorrection, latestMention, type Mention, negatedAt } from './corrections.ts';

describe('correctedText', () => {
  it('keeps what follows the last correction word', () => {
    expect(correctedText('不对，下午家里没人，改成晚上吧')).toBe('晚上吧');
    expect(correctedText('后天上午……哦不是，是大后天')).toBe('大后天');
    expect(correctedText('Tuesday morning, actually make it the evening')).toBe('the evening');
  });
  it('returns the whole message without a correction, or when nothing follows the word', () => {
    expect(correctedText('明天下午来取')).toBe('明天下午来取');
    expect(correctedText('不对')).toBe('不对');
  });
  it('tells corrections apart', () => {
    expect(isCorrection('不对，是8公斤')).toBe(true);
    expect(isCorrection('sorry, I meant the office address')).toBe(true);
    expect(isCorrection('明天下午三点')).toBe(false);
    // Asking first must not change what a later call finds (no shared regex state).
    expect(isCorrection('五公斤，不对，八公斤') && correctedText('五公斤，不对，八公斤')).toBe('八公斤');
  });
  it('never throws and returns text from the message', () => {
    fc.assert(fc.property(fc.string(), (text) => text.includes(correctedText(text).trim()) || correctedText(text) === text));
  });
});

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
