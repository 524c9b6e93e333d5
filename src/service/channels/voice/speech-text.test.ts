import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeSpeech, speakableText, speechForMessage } from './speech-text.ts';
import { menuSentence } from './voice-call.ts';
import { voiceSettingsSchema } from './voice-settings.ts';

describe('speech text', () => {
  it('reads Markdown as plain words: links keep their label, URLs and marks go, numbered options are read out', () => {
    expect(speakableText('**退货**请看[退货政策](https://shop.example/returns)：\n1. 打开订单\n2. 点击「退货」\n详情 https://x.example', 'zh'))
      .toBe('退货请看退货政策：第1项，打开订单。第2项，点击「退货」。详情。');
    expect(speakableText('# Returns\nSee the *policy* 🙂\n- keep the box\n- `print` the label', 'en'))
      .toBe('Returns. See the policy. keep the box. print the label.');
    expect(speakableText('Options:\n1) Refund\n2) Exchange', 'en')).toBe('Options: Option 1: Refund. Option 2: Exchange.');
  });

  it('adds quick replies as "you can say" and cards in brief', () => {
    const payload = { quickReplies: [{ label: '查物流', payload: 'x' }, { label: '转人工', payload: 'y' }], cards: [{ kind: 'order', orderId: 'W1234567', status: '已发货', items: [], total: 99, currency: 'CNY', tracking: ['SF123'] }] };
    expect(speechForMessage({ text: '查到了您的订单。', payload }, 'zh')).toBe('查到了您的订单。订单 W1234567，状态: 已发货，合计: 99 CNY。物流单号: SF123。您可以说：查物流或转人工。');
    expect(speechForMessage({ text: 'What is your order number?', payload: { quickReplies: [{ label: 'Talk to a human', payload: 'h' }] } }, 'en'))
      .toBe('What is your order number? You can say: Talk to a human.');
  });

  it('cuts very long replies at a sentence end', () => {
    const spoken = speechForMessage({ text: '这是一句很长的话。'.repeat(200), payload: {} }, 'zh');
    expect(spoken.length).toBeLessThanOrEqual(600);
    expect(spoken.endsWith('。')).toBe(true);
  });

  it('escapes text so it can never break out of <Say> or SSML (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const escaped = escapeSpeech(text);
      expect(escaped).not.toMatch(/[<>"']/);
      expect(escaped.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
    }), { numRuns: 300 });
  });

  it('says the default DTMF menu in both languages', () => {
    const { menu } = voiceSettingsSchema.parse({});
    expect(menuSentence(menu, 'zh')).toBe('按 1 查询订单，按 2 退换货，按 0 转人工。');
    expect(menuSentence(menu, 'en')).toBe('press 1 for order status, press 2 for returns and exchanges, press 0 for an agent.');
  });
});
