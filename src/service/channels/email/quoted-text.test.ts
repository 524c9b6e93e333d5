import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stripQuotedText } from './quoted-text.ts';

describe('stripQuotedText', () => {
  const cases: Array<[string, string, string]> = [
    ['Gmail en', 'Thanks, that works.\n\nOn Mon, 3 Mar 2025 at 10:02, Lingxi <support@shop.example> wrote:\n> What is your order number?', 'Thanks, that works.'],
    ['Gmail en, wrapped header', 'Yes please.\n\nOn Mon, 3 Mar 2025 at 10:02, Shop Assistant of a Long Name <support@shop.example>\nwrote:\n> hi', 'Yes please.'],
    ['Gmail zh', '好的，谢谢\n\n在 2025年3月3日周一 10:02，灵犀客服 <support@shop.example> 写道：\n> 您好', '好的，谢谢'],
    ['Apple Mail zh', '收到\n\n2025年3月3日 10:02，张三 <a@b.cn> 写道：\n\n> 原文', '收到'],
    ['Outlook en separator', 'See below.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nold', 'See below.'],
    ['Outlook en header block', 'Done.\n\nFrom: Shop Support <support@shop.example>\nSent: Monday, March 3, 2025 10:02 AM\nTo: Alice\nSubject: Re: order', 'Done.'],
    ['Outlook zh header block', '已经寄回了\n\n发件人: 灵犀客服 <support@shop.example>\n发送时间: 2025年3月4日 9:00\n收件人: 王小明', '已经寄回了'],
    ['QQ / Foxmail', '请开发票\n\n------------------ 原始邮件 ------------------\n发件人: "客服"<support@shop.example>;', '请开发票'],
    ['QQ with nbsp', '请开发票\n------------------\u00a0原始邮件\u00a0------------------\nold', '请开发票'],
    ['signature', 'Where is my parcel?\n\n-- \nAlice Chen\nACME Ltd', 'Where is my parcel?'],
    ['iPhone footer en', 'Refund please\n\nSent from my iPhone', 'Refund please'],
    ['iPhone footer zh', '帮我退款\n\n发自我的iPhone', '帮我退款'],
    ['inline answers kept', '> Which colour?\nBlue\n> Which size?\nM', 'Blue\nM'],
    ['only history', 'On Mon, 3 Mar 2025, Bob <b@c.d> wrote:\n> hi', ''],
    ['CRLF', 'Line one\r\nLine two\r\n\r\n> quoted\r\n', 'Line one\nLine two'],
  ];
  it.each(cases)('strips %s', (_name, input, expected) => {
    expect(stripQuotedText(input)).toBe(expected);
  });

  it('keeps a message that only mentions the words', () => {
    expect(stripQuotedText('My friend wrote: nothing arrived.\nFrom my side it is urgent.')).toBe('My friend wrote: nothing arrived.\nFrom my side it is urgent.');
  });

  it('never grows the text and never throws on arbitrary input (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const stripped = stripQuotedText(text);
      expect(stripped.length).toBeLessThanOrEqual(text.length);
    }), { numRuns: 300 });
  });

  it('returns plain lines without markers unchanged (property)', () => {
    const line = fc.stringMatching(/^[a-z0-9\u4e00-\u4e2f ,.?]{1,30}$/).filter((value) => value.trim().length > 0);
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
      const text = lines.map((entry) => entry.trim()).filter(Boolean).join('\n');
      expect(stripQuotedText(text)).toBe(text.replace(/[ \t]+$/gm, '').trim());
    }), { numRuns: 200 });
  });
});
