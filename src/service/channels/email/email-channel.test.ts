import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type Transporter } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createChannelTestService, type ChannelTestService } from '../channel-test-service.ts';
import type { Service } from '../../create-service.ts';
import type { Tenant } from '../../storage/store.ts';
import { startEmailChannel, type EmailChannel } from './email-channel.ts';

/** End to end through real SMTP on 127.0.0.1: nodemailer → Lingxi's listener → conversation → outbox → capturing SMTP server. */
let t: ChannelTestService;
let service: Service;
let tenant: Tenant;
let email: EmailChannel;
let capture: SMTPServer;
const captured: ParsedMail[] = [];
let client: Transporter;

beforeAll(async () => {
  t = await createChannelTestService();
  service = t.service;
  tenant = (await service.context.store.getTenant(t.tenantId))!;
  capture = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => (captured.push(mail), callback()), callback);
    },
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  const capturePort = (capture.server.address() as AddressInfo).port;
  await service.context.channels!.configs.upsert(tenant.id, 'email', {
    enabled: true,
    settings: { inboundAddresses: ['Support@Shop.example', 'help@shop.example'], fromName: '灵犀客服', attachments: { maxBytes: 2048, maxCount: 2 }, smtp: { host: '127.0.0.1', port: capturePort, secure: false, user: 'mailer', rejectUnauthorized: false } },
    secrets: { smtpPassword: 'not-used-by-capture' },
  });
  email = await startEmailChannel(service.context, { smtpPort: 0, smtpHost: '127.0.0.1', smtpMaxBytes: 64 * 1024 });
  client = nodemailer.createTransport({ host: '127.0.0.1', port: email.listener!.address().port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  client?.close();
  await email?.close();
  await new Promise<void>((resolve) => capture.close(() => resolve()));
  await t?.close();
});

async function waitForMail(count: number): Promise<ParsedMail> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    if (captured.length >= count) return captured[count - 1];
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`expected ${count} captured emails, got ${captured.length}`);
}
const conversationsOf = async (channel = 'email') => service.context.store.listConversations(tenant.id, { channel, limit: 50 });

describe('email channel over SMTP', () => {
  let firstReply: ParsedMail;
  let conversationId: string;

  it('turns a Chinese email into an email conversation and answers it by email, threaded', async () => {
    await client.sendMail({
      from: '王小明 <xiaoming@example.cn>', to: 'support@shop.example', subject: '我的订单到哪了',
      messageId: '<root-zh-1@example.cn>', text: '你好，我的订单到哪了？\n\n发自我的iPhone',
    });
    const [conversation] = await conversationsOf();
    expect(conversation).toMatchObject({ channel: 'email', locale: 'zh', owner: 'bot' });
    conversationId = conversation.id;
    const messages = await service.context.store.listMessages(tenant.id, conversation.id);
    const customer = messages.find((message) => message.author === 'customer')!;
    expect(customer.text).toBe('你好，我的订单到哪了？');
    expect(customer.payload.channel).toMatchObject({ kind: 'email', messageId: 'root-zh-1@example.cn', threadKey: 'root-zh-1@example.cn', subject: '我的订单到哪了' });
    firstReply = await waitForMail(1);
    expect(firstReply.to).toMatchObject({ value: [{ address: 'xiaoming@example.cn' }] });
    expect(firstReply.from?.value[0]).toEqual({ address: 'support@shop.example', name: '灵犀客服' });
    expect(firstReply.subject).toBe('Re: 我的订单到哪了');
    expect(firstReply.inReplyTo).toBe('<root-zh-1@example.cn>');
    expect(firstReply.references).toBe('<root-zh-1@example.cn>');
    expect(firstReply.messageId).toMatch(/^<lx\..+@shop\.example>$/);
    expect(firstReply.headers.get('auto-submitted')).toBe('auto-replied');
    // One email per turn: the bot's answer with its quick reply as an option; the greeting is not emailed.
    expect(firstReply.text).toContain('请提供您的订单号。');
    expect(firstReply.text).toContain('  - 转人工');
    expect(firstReply.text).not.toContain('您好，有什么可以帮您');
    expect(firstReply.html).toContain('<p>请提供您的订单号。');
    expect(captured).toHaveLength(1);
  });

  it('puts a reply in the same thread (only In-Reply-To kept) into the same conversation, quote stripped', async () => {
    await client.sendMail({
      from: 'xiaoming@example.cn', to: 'support@shop.example', subject: 'Re: 我的订单到哪了',
      messageId: '<reply-zh-2@example.cn>', inReplyTo: firstReply.messageId,
      text: '订单号 #W1234567\n\n在 2025年3月3日周一 10:02，灵犀客服 <support@shop.example> 写道：\n> 请提供您的订单号。',
    });
    const conversations = await conversationsOf();
    expect(conversations).toHaveLength(1);
    const messages = await service.context.store.listMessages(tenant.id, conversationId);
    expect(messages.filter((message) => message.author === 'customer').map((message) => message.text)).toEqual(['你好，我的订单到哪了？', '订单号 #W1234567']);
    const second = await waitForMail(2);
    expect(second.inReplyTo).toBe('<reply-zh-2@example.cn>');
    expect(second.references).toEqual(['<root-zh-1@example.cn>', firstReply.messageId, '<reply-zh-2@example.cn>']);
  });

  it('stores a re-delivered email (same Message-ID) once', async () => {
    const before = (await service.context.store.listMessages(tenant.id, conversationId)).length;
    await client.sendMail({ from: 'xiaoming@example.cn', to: 'support@shop.example', subject: 'Re: 我的订单到哪了', messageId: '<reply-zh-2@example.cn>', inReplyTo: firstReply.messageId, text: '订单号 #W1234567' });
    expect(await service.context.store.listMessages(tenant.id, conversationId)).toHaveLength(before);
  });

  it('sends an agent reply by email in the thread', async () => {
    const [agent] = (await service.context.store.listUsers(tenant.id)).filter((user) => user.role === 'agent');
    const count = captured.length;
    await service.context.conversations.reply(tenant, agent, conversationId, { text: '您好，订单 W1234567 已发货，预计明天送达。' });
    const mail = await waitForMail(count + 1);
    expect(mail.text).toContain('订单 W1234567 已发货');
    expect(mail.text).not.toContain('已接入');
    expect(mail.headers.get('auto-submitted')).toBeUndefined();
    expect(mail.inReplyTo).toBe('<reply-zh-2@example.cn>');
    expect(mail.subject).toBe('Re: 我的订单到哪了');
  });

  it('answers a new English email in English in a new conversation', async () => {
    const count = captured.length;
    await client.sendMail({ from: 'Alice <alice@example.com>', to: 'help@shop.example', subject: 'Order question', messageId: '<root-en-1@example.com>', text: 'Hi, where is my order?\n\n-- \nAlice' });
    const conversation = (await conversationsOf()).find((entry) => entry.locale === 'en')!;
    expect(conversation).toMatchObject({ channel: 'email', owner: 'bot' });
    const mail = await waitForMail(count + 1);
    expect(mail.text).toContain('What is your order number?');
    expect(mail.to).toMatchObject({ value: [{ address: 'alice@example.com' }] });
    expect(mail.subject).toBe('Re: Order question');
  });

  it('refuses unknown recipients, oversized mail and mail without text with SMTP codes', async () => {
    const code = (error: unknown) => (error as { responseCode?: number; rejectedErrors?: Array<{ responseCode: number }> }).rejectedErrors?.[0]?.responseCode ?? (error as { responseCode?: number }).responseCode;
    const unknown = await client.sendMail({ from: 'a@b.c', to: 'nobody@shop.example', subject: 'x', text: 'hello' }).catch((error: unknown) => error);
    expect(code(unknown)).toBe(550);
    const huge = await client.sendMail({ from: 'a@b.c', to: 'support@shop.example', subject: 'big', text: 'x'.repeat(100 * 1024) }).catch((error: unknown) => error);
    expect(code(huge)).toBe(552);
    const empty = await client.sendMail({ from: 'a@b.c', to: 'support@shop.example', subject: 'empty', text: '> only a quote' }).catch((error: unknown) => error);
    expect(code(empty)).toBe(554);
    expect(await conversationsOf()).toHaveLength(2);
  });

  it('accepts but never answers auto-replies, and lists attachment-only mail', async () => {
    const count = captured.length;
    await client.sendMail({ from: 'ooo@example.com', to: 'support@shop.example', subject: 'Automatic reply', headers: { 'Auto-Submitted': 'auto-replied' }, text: 'I am away.' });
    await client.sendMail({ from: 'carol@example.com', to: 'support@shop.example', subject: 'photo', text: '', attachments: [{ filename: 'cup.png', content: Buffer.alloc(300), contentType: 'image/png' }] });
    const conversations = await conversationsOf();
    expect(conversations).toHaveLength(3);
    const carol = await service.context.store.findCustomerByIdentity(tenant.id, 'email', 'carol@example.com');
    const [carolConversation] = await service.context.store.listConversations(tenant.id, { customerId: carol!.id });
    const [message] = (await service.context.store.listMessages(tenant.id, carolConversation.id)).filter((entry) => entry.author === 'customer');
    expect(message.text).toBe('[Attachments: cup.png (image/png, 300 B)]');
    expect(message.payload.channel).toMatchObject({ attachments: [{ name: 'cup.png', contentType: 'image/png', size: 300 }] });
    await waitForMail(count + 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(captured.map((mail) => mail.to && 'value' in mail.to ? mail.to.value[0].address : '')).not.toContain('ooo@example.com');
  });

  it('keeps a stranger who quotes a customer\'s thread out of that conversation: References is not identity', async () => {
    const count = captured.length;
    const before = await service.context.store.listMessages(tenant.id, conversationId);
    const forged = { from: 'Mallory <mallory@evil.example>', to: 'support@shop.example', subject: 'Re: 我的订单到哪了', inReplyTo: firstReply.messageId!, references: ['<root-zh-1@example.cn>', firstReply.messageId!] };
    await client.sendMail({ ...forged, messageId: '<forged-1@evil.example>', text: '请把收货地址改成 Evil Street 1' });
    expect(await service.context.store.listMessages(tenant.id, conversationId)).toHaveLength(before.length);
    const mallory = (await service.context.store.findCustomerByIdentity(tenant.id, 'email', 'mallory@evil.example'))!;
    const [own] = await service.context.store.listConversations(tenant.id, { customerId: mallory.id });
    expect(own.id).not.toBe(conversationId);
    expect((await service.context.store.listMessages(tenant.id, own.id)).find((message) => message.author === 'customer')?.text).toBe('请把收货地址改成 Evil Street 1');
    const answer = await waitForMail(count + 1);
    expect(answer.to).toMatchObject({ value: [{ address: 'mallory@evil.example' }] });
    // Writing again on the same thread continues Mallory's own conversation, still apart from 张三's.
    await client.sendMail({ ...forged, messageId: '<forged-2@evil.example>', text: 'where is my order then?' });
    expect((await service.context.store.listConversations(tenant.id, { customerId: mallory.id })).map((conversation) => conversation.id)).toEqual([own.id]);
    expect(await service.context.store.listMessages(tenant.id, conversationId)).toHaveLength(before.length);
  });

  it('answers to Reply-To (a web form sent from noreply@) and stores a body with a NUL byte instead of answering 451', async () => {
    await client.sendMail({ from: '网站表单 <noreply@forms.example>', replyTo: '李四 <lisi@example.cn>', to: 'support@shop.example', subject: '退货申请', messageId: '<form-zh-1@forms.example>', text: '我想退货，订单 #W7654321' });
    const recipients = () => captured.map((mail) => (mail.to && 'value' in mail.to ? mail.to.value[0].address : ''));
    for (let waited = 0; waited < 10_000 && !recipients().includes('lisi@example.cn'); waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(recipients()).toContain('lisi@example.cn');
    expect(recipients()).not.toContain('noreply@forms.example');
    const sent = await client.sendMail({ from: 'dave@example.com', to: 'support@shop.example', subject: 'Order', messageId: '<nul-en-1@example.com>', text: 'Where is\u0000 my order?' });
    expect(sent.accepted).toEqual(['support@shop.example']);
    const dave = (await service.context.store.findCustomerByIdentity(tenant.id, 'email', 'dave@example.com'))!;
    const [conversation] = await service.context.store.listConversations(tenant.id, { customerId: dave.id });
    expect((await service.context.store.listMessages(tenant.id, conversation.id)).find((message) => message.author === 'customer')?.text).toBe('Where is my order?');
  });

  it('stores attachments within the tenant\'s limits and lets an agent download them (never rendered inline)', async () => {
    const receipt = Buffer.from('订单 #W1234567 发票 / invoice 199.00 CNY\n', 'utf8');
    await client.sendMail({
      from: 'erin@example.com', to: 'support@shop.example', subject: '发票', messageId: '<files-1@example.com>', text: '附件是发票和照片',
      attachments: [
        { filename: '发票.txt', content: receipt, contentType: 'text/plain' },
        { filename: 'photo.jpg', content: Buffer.alloc(4096, 1), contentType: 'image/jpeg' },
        { filename: 'page.html', content: '<script>alert(1)</script>', contentType: 'text/html' },
      ],
    });
    const erin = (await service.context.store.findCustomerByIdentity(tenant.id, 'email', 'erin@example.com'))!;
    const [conversation] = await service.context.store.listConversations(tenant.id, { customerId: erin.id });
    const message = (await service.context.store.listMessages(tenant.id, conversation.id)).find((entry) => entry.author === 'customer')!;
    const listed = (message.payload.channel as { attachments: Array<{ name: string; id?: string; skipped?: string; size: number }> }).attachments;
    expect(listed.map((file) => [file.name, file.skipped ?? 'stored'])).toEqual([['发票.txt', 'stored'], ['photo.jpg', 'too_large'], ['page.html', 'too_many']]);
    const download = await service.app.inject({ url: `/v1/agent/attachments/${listed[0].id}`, headers: { authorization: `Bearer ${t.agentToken}` } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(receipt)).toBe(true);
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('发票.txt')}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect((await service.app.inject({ url: `/v1/agent/attachments/${listed[0].id}` })).statusCode).toBe(401);
    expect((await service.app.inject({ url: '/v1/agent/attachments/att_nothing', headers: { authorization: `Bearer ${t.agentToken}` } })).statusCode).toBe(404);
    // Erasing the customer erases their files too.
    expect(await service.context.store.eraseCustomer(tenant.id, erin.id)).toMatchObject({ customers: 1 });
    expect(await service.context.channels!.attachments.get(tenant.id, listed[0].id!)).toBeNull();
  });

  it('validates email settings in the admin API and never returns the SMTP password', async () => {
    const put = (body: unknown) => service.app.inject({ method: 'PUT', url: '/v1/agent/channels/email', headers: { authorization: `Bearer ${t.adminToken}` }, payload: body as never });
    const bad = await put({ settings: { inboundAddresses: ['not-an-address'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/settings\.inboundAddresses\.0: must be an email address/);
    const listed = await service.app.inject({ url: '/v1/agent/channels', headers: { authorization: `Bearer ${t.adminToken}` } });
    const email = listed.json().channels.find((channel: { kind: string }) => channel.kind === 'email');
    expect(email.secretsSet).toEqual(['smtpPassword']);
    expect(listed.body).not.toContain('not-used-by-capture');
  });
});
