import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recognisePaymentMethods } from './payment-method.ts';
import { expectWellFormed, fragmentText, summary } from './test-support.ts';

describe('recognisePaymentMethods', () => {
  it.each([
    ['pay by credit card', 'credit_card'], ['用信用卡付', 'credit_card'], ['my Visa', 'credit_card'], ['PayPal', 'paypal'],
    ['a gift card', 'gift_card'], ['礼品卡余额', 'gift_card'], ['支付宝', 'alipay'], ['Alipay', 'alipay'],
    ['微信支付', 'wechat_pay'], ['WeChat Pay', 'wechat_pay'], ['微信', 'wechat_pay'], ['差价退到微信吧', 'wechat_pay'], ['差价退微信', 'wechat_pay'], ['钱走微信就行', 'wechat_pay'], ['改成微信', 'wechat_pay'], ['银行卡', 'bank_card'], ['debit card', 'bank_card'],
  ])('%s → %s', (text, method) => {
    expect(summary(recognisePaymentMethods(text))).toEqual([`payment_method:${method}`]);
  });

  it('captures the last four digits into the span and meta', () => {
    const [english] = recognisePaymentMethods('use my credit card ending in 1234 please');
    expect(english).toMatchObject({ text: 'credit card ending in 1234', meta: { lastFour: '1234' } });
    const [chinese] = recognisePaymentMethods('信用卡尾号5678');
    expect(chinese).toMatchObject({ text: '信用卡尾号5678', meta: { lastFour: '5678' } });
    const [card] = recognisePaymentMethods('the card ending in 9012');
    expect(card).toMatchObject({ value: 'credit_card', meta: { lastFour: '9012' } });
  });

  it('does not read plain WeChat contact or other cards as payment', () => {
    expect(recognisePaymentMethods('加我微信 / SIM card / 会员卡')).toEqual([]);
    expect(recognisePaymentMethods('我用微信联系过你们')).toEqual([]);
  });

  it('never throws; spans are inside the text; values are known methods', () => {
    const fragments = ['credit card', '信用卡', ' ending in ', '尾号', '1234', 'paypal', '支付宝', '微信支付', 'gift card', ' '];
    fc.assert(
      fc.property(fragmentText(fragments), (text) => {
        expectWellFormed(text, recognisePaymentMethods(text), /^(credit_card|paypal|gift_card|alipay|wechat_pay|bank_card)$/);
      }),
      { numRuns: 300 },
    );
  });
});
