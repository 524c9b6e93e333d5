import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmail } from './email-parser.ts';
import { outboundMessageId, replyReferences, replySubject, threadKeyOfEmail } from './email-thread.ts';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));

describe('parseEmail on recorded client formats', () => {
  it('reads a new Gmail (en) email: sender, recipients, ids, text without signature noise', async () => {
    const email = await parseEmail(fixture('gmail-en-new.eml'));
    expect(email).toMatchObject({
      from: { address: 'alice@example.com', name: 'Alice Chen' }, recipients: ['support@shop.example'], subject: 'Where is my order?',
      messageId: 'CAF=gmail-alice-0001@mail.gmail.com', inReplyTo: null, references: [], threadKey: 'CAF=gmail-alice-0001@mail.gmail.com', locale: 'en', automatic: false,
    });
    expect(email.text).toBe('Hi,\n\nWhere is my order #W1234567? It has been a week.\n\nThanks,\nAlice');
  });

  it('threads an Apple Mail reply to our email under the root and strips "On … wrote:" and the iPhone footer', async () => {
    const email = await parseEmail(fixture('apple-en-reply.eml'));
    expect(email.text).toBe('It is W1234567, ordered last Monday.');
    expect(email.threadKey).toBe('CAF=gmail-alice-0001@mail.gmail.com');
    expect(email.inReplyTo).toMatch(/^lx\./);
  });

  it('decodes a GB18030 Outlook (zh) reply and strips the 发件人 block', async () => {
    const email = await parseEmail(fixture('outlook-zh-reply.eml'));
    expect(email.subject).toBe('回复: 退货申请');
    expect(email.from).toEqual({ address: 'xiaoming@example.cn', name: '王小明' });
    expect(email.text).toBe('好的，我想把上周买的耳机退了，订单号 W7654321。\n\n王小明');
    expect(email.threadKey).toBe('root-zh-0001@example.cn');
    expect(email.locale).toBe('zh');
  });

  it('strips "在 … 写道：" from a Gmail (zh) reply and threads by References', async () => {
    const email = await parseEmail(fixture('gmail-zh-reply.eml'));
    expect(email.text).toBe('订单号是 W1234567，麻烦帮我查一下。');
    expect(email.threadKey).toBe('root-lilei-0001@mail.gmail.com');
  });

  it('turns an HTML-only Foxmail email into text and cuts at 原始邮件 and the phone footer', async () => {
    const email = await parseEmail(fixture('foxmail-zh-html.eml'));
    expect(email.text).toBe('请问可以开增值税专用发票吗？');
    expect(email.from?.name).toBe('张三');
  });

  it('flags auto-replies and gives attachments with their content', async () => {
    expect((await parseEmail(fixture('auto-reply.eml'))).automatic).toBe(true);
    const withAttachment = await parseEmail(fixture('attachment-only.eml'));
    expect(withAttachment.text).toBe('');
    expect(withAttachment.attachments).toEqual([{ name: 'broken-cup.png', contentType: 'image/png', size: 128, content: expect.any(Buffer) }]);
    expect(withAttachment.attachments[0].content).toHaveLength(128);
  });

  it('gives an email without Message-ID a stable id derived from its content', async () => {
    const raw = 'From: x@y.com\r\nTo: support@shop.example\r\nSubject: hi\r\n\r\nhello\r\n';
    const [first, second] = [await parseEmail(raw), await parseEmail(raw)];
    expect(first.messageId).toMatch(/^sha256\.[0-9a-f]{32}@lingxi\.invalid$/);
    expect(second.messageId).toBe(first.messageId);
  });
});

describe('email threading helpers', () => {
  it('round-trips the thread key through our outbound Message-ID, even when only In-Reply-To survives', () => {
    const id = outboundMessageId('root-1@mail.example', 'msg_42', 'shop.example');
    expect(id).toMatch(/^<lx\.[A-Za-z0-9_-]+\.msg_42@shop\.example>$/);
    expect(threadKeyOfEmail({ messageId: 'x@y', inReplyTo: id, references: [] })).toBe('root-1@mail.example');
    expect(threadKeyOfEmail({ messageId: 'x@y', inReplyTo: null, references: [] })).toBe('x@y');
  });

  it('builds References and subjects without growing chains', () => {
    expect(replyReferences(['a@x', 'b@x'], 'c@x')).toEqual(['a@x', 'b@x', 'c@x']);
    const long = replyReferences(Array.from({ length: 30 }, (_, index) => `m${index}@x`), 'last@x');
    expect(long).toHaveLength(12);
    expect(long[0]).toBe('m0@x');
    expect(long.at(-1)).toBe('last@x');
    expect(replySubject('Re: order', 'x')).toBe('Re: order');
    expect(replySubject('回复：退货', 'x')).toBe('回复：退货');
    expect(replySubject('', '您的咨询')).toBe('Re: 您的咨询');
  });
});
