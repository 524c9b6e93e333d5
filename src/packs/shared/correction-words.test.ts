import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correctedText, isCorrection } from './correction-words.ts';

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
