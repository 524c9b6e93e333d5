import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAffirmative, isNegative, readConfirmation } from './confirmation.ts';

describe('confirmation', () => {
  it.each([
    'yes', 'Yes, please go ahead.', 'ok', 'sure thing', 'confirm', '是的', '好的，谢谢', '确认', '嗯', '可以', '没问题', '对',
    // Real words people use to say yes.
    'yep go ahead', 'Correct. Proceed.', 'ok fine, yes', 'sure go ahead', 'looks good, do it', 'that works for me',
    'alright then', 'Yess', 'perfect, thanks!', 'go for it 👍', '嗯好 改吧', '行 可以',
    '确认无误，请办理', '行', '嗯对', '好的，就这么办', '可以，改吧', '对的没错', '好嘞', '确定，麻烦了', '嗯嗯，可以的', '就这样吧',
    '好的，退吧', '行，取消吧', 'Yes, go ahead and cancel it.', 'yes please, and return it to my paypal', '可以，就按这个换吧',
    // A side question after the yes does not undo it.
    '确认，退款几天到账？', 'yes go ahead — how long until I see the refund?', '好的 那运费谁出呢',
    // A neutral lead-in before the yes.
    'I double-checked the address, yes go ahead', '地址没问题，确认',
  ])('"%s" is yes', (text) => {
    expect(readConfirmation(text).verdict).toBe('yes');
    expect(isAffirmative(text)).toBe(true);
    expect(isNegative(text)).toBe(false);
  });

  it.each(['no', 'No, wait', "don't do it", '不用了', '算了', '不是', '先不要', 'nope', 'hold on', '等一下', '别'])('"%s" is no', (text) => {
    expect(isNegative(text)).toBe(true);
    expect(isAffirmative(text)).toBe(false);
  });

  it.each([
    '好的，不过我改主意了，不要取消', 'yes, actually no, don\'t cancel it', 'ok wait', 'sure... hmm, on second thought no',
    '可以，等一下，我再想想', 'yeah no', '好吧，还是不退了', 'ok, scratch that', '行，算了不弄了', 'Yes. Actually, hold on.',
  ])('"%s" takes the yes back: never a yes', (text) => {
    const reading = readConfirmation(text);
    expect(reading.verdict).not.toBe('yes');
    expect(isAffirmative(text)).toBe(false);
  });

  it.each(['sure, and also cancel my other order', '好的，另外把另一个订单也取消', '可以，还有帮我换个地址', 'yes, and can you also return the lamp'])('"%s" adds a request: unclear, not yes', (text) => {
    expect(readConfirmation(text)).toEqual({ verdict: 'unclear', reason: 'amended' });
  });

  it.each([
    '对不起我说错了', '可以帮我查一下吗', 'yesterday I ordered', 'okay?', '好不好用', 'is it ok?', '要退货', '好几天了还没到',
    '可以吗？', '确定吗', '对了，我还有个问题', '取消吧', 'cancel', '是不是已经发货了', '',
  ])('"%s" is not a clear yes', (text) => {
    expect(isAffirmative(text)).toBe(false);
  });

  it('never throws and never calls a message both yes and no', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const yes = isAffirmative(text);
      const no = isNegative(text);
      expect(typeof yes).toBe('boolean');
      expect(yes && no).toBe(false);
    }));
  });
});
