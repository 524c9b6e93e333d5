import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAffirmative, isNegative } from './confirmation.ts';

describe('confirmation', () => {
  it.each(['yes', 'Yes, please go ahead.', 'ok', 'sure thing', 'confirm', '是的', '好的，谢谢', '确认', '嗯', '可以', '没问题', '对', '嗯对', '嗯好 改吧', '行 可以'])('"%s" is yes', (text) => {
    expect(isAffirmative(text)).toBe(true);
    expect(isNegative(text)).toBe(false);
  });
  it.each(['no', 'No, wait', "don't do it", '不用了', '算了', '不是', '取消吧', '先不要'])('"%s" is no', (text) => {
    expect(isNegative(text)).toBe(true);
    expect(isAffirmative(text)).toBe(false);
  });
  it.each(['对不起我说错了', '可以帮我查一下吗', 'yesterday I ordered', 'okay?', '好不好用', 'is it ok?', '要退货'])('"%s" is neither a clear yes', (text) => {
    expect(isAffirmative(text)).toBe(false);
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      expect(typeof isAffirmative(text)).toBe('boolean');
      expect(typeof isNegative(text)).toBe('boolean');
    }));
  });
});
