import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../storage/store.ts';
import type { ChannelConfig, InboundMessage } from '../channel.ts';
import { createEmailInbound } from './email-inbound.ts';
import { SmtpRejection } from './smtp-listener.ts';

const tenant = { id: 'ten_mail', settings: { locale: 'zh' } } as unknown as Tenant;
const config = { tenantId: tenant.id, kind: 'email', enabled: true, settings: { inboundAddresses: ['support@shop.example'] }, secrets: {}, updatedAt: '2026-01-01T00:00:00.000Z' } as ChannelConfig;

function inboundWith() {
  const received: InboundMessage[] = [];
  const inbound = createEmailInbound({
    store: { getTenant: async () => tenant } as never,
    configs: { listEnabled: async () => [config] },
    gateway: { receive: async (_tenant, message) => (received.push(message), { duplicate: false } as never) },
  });
  return { inbound, received };
}
const mail = (headers: string, body: string) => Buffer.from(`${headers}\r\n\r\n${body}\r\n`, 'utf8');
const rejection = (error: unknown) => (error instanceof SmtpRejection ? [error.responseCode, error.message.split(' ')[0]] : error);

describe('email intake edge cases (issue 27 item 4)', () => {
  it('cleans a NUL byte out of the body and the subject instead of failing the write (which answered 451 "try later")', async () => {
    const { inbound, received } = inboundWith();
    await inbound.receive(mail('From: 张三 <zhangsan@example.cn>\r\nTo: support@shop.example\r\nSubject: 退\u0000货\r\nMessage-ID: <nul-1@example.cn>', '我想退\u0000货，订单 #W1234567'), ['support@shop.example']);
    expect(received[0].text).toBe('我想退货，订单 #W1234567');
    expect(received[0].meta?.subject).toBe('退货');
    expect(JSON.stringify(received[0])).not.toContain('\\u0000');
  });

  it('refuses a header section over the parser\'s limit with a permanent 552 and the reason', async () => {
    const { inbound, received } = inboundWith();
    const huge = `X-Tracking: ${'a'.repeat(1100 * 1024)}`;
    const error = await inbound.receive(mail(`From: bob@example.com\r\nTo: support@shop.example\r\nSubject: hi\r\n${huge}`, 'Where is my order?'), ['support@shop.example']).catch((caught: unknown) => caught);
    expect(rejection(error)).toEqual([552, '5.3.4']);
    expect((error as Error).message).toMatch(/header section is too large/);
    expect(received).toHaveLength(0);
  });

  it('records Reply-To when it names another address than From (English form mail)', async () => {
    const { inbound, received } = inboundWith();
    await inbound.receive(mail('From: Contact form <noreply@forms.example>\r\nReply-To: Li Si <LiSi@Example.cn>\r\nTo: support@shop.example\r\nSubject: Refund\r\nMessage-ID: <form-1@forms.example>', 'I would like a refund for order #W7654321.'), ['support@shop.example']);
    expect(received[0]).toMatchObject({ senderId: 'noreply@forms.example', meta: { replyTo: 'lisi@example.cn' } });
    await inbound.receive(mail('From: bob@example.com\r\nReply-To: bob@example.com\r\nTo: support@shop.example\r\nSubject: Hi\r\nMessage-ID: <same-1@example.com>', 'Hello'), ['support@shop.example']);
    expect(received[1].meta).not.toHaveProperty('replyTo');
  });
});
