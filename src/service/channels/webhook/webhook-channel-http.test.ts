import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../webhooks/webhook-dispatcher.ts';
import { createChannelTestService, startFakeApi, type ChannelTestService } from '../channel-test-service.ts';
import { eventually } from '../../testing/eventually.ts';
import { verifyWebhookSignature } from './webhook-channel-http.ts';

const SECRET = 'webhook-channel-secret-0123';
let t: ChannelTestService;
let receiver: Awaited<ReturnType<typeof startFakeApi>>;

const send = (body: unknown, options: { secret?: string; timestamp?: number; raw?: string } = {}) => {
  const raw = options.raw ?? JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return t.service.app.inject({
    method: 'POST', url: `/channels/webhook/${t.tenantId}`, payload: raw,
    headers: { 'content-type': 'application/json', 'x-lingxi-timestamp': timestamp, 'x-lingxi-signature': signWebhook(options.secret ?? SECRET, timestamp, raw) },
  });
};

beforeAll(async () => {
  receiver = await startFakeApi(() => ({ json: { ok: true } }));
  t = await createChannelTestService();
  const response = await t.service.app.inject({ method: 'PUT', url: '/v1/agent/channels/webhook', headers: { authorization: `Bearer ${t.adminToken}` }, payload: { settings: { url: `${receiver.url}/inbox` }, secrets: { secret: SECRET } } });
  expect(response.statusCode, response.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

describe('generic webhook channel', () => {
  it('answers a signed message with the bot replies inline, once per messageId, in zh and en', async () => {
    const first = await send({ userId: 'crm-user-7', userName: 'Li Lei', messageId: 'm-1', text: 'Where is my order?' });
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({ duplicate: false, owner: 'bot' });
    expect(body.replies.at(-1)).toMatchObject({ author: 'bot', text: 'What is your order number?', quickReplies: [{ label: 'Talk to a human', payload: '转人工' }] });
    // A retry gets exactly the first answer, greeting included (issue 27 item 6).
    expect(body.replies.map((reply: { author: string }) => reply.author)).toEqual(['bot', 'bot']);
    const again = (await send({ userId: 'crm-user-7', messageId: 'm-1', text: 'Where is my order?' })).json();
    expect(again).toEqual({ ...body, duplicate: true });
    const zh = (await send({ userId: 'crm-user-8', messageId: 'm-2', text: '我的订单到哪了' })).json();
    expect(zh.replies.at(-1).text).toBe('请提供您的订单号。');
    const conversation = await t.service.context.store.getConversation(t.tenantId, body.conversationId);
    expect(conversation?.channel).toBe('webhook');
    // Inline replies are not POSTed a second time.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.requests).toHaveLength(0);
  });

  it('POSTs an agent reply signed to the tenant URL', async () => {
    const { conversationId } = (await send({ userId: 'crm-user-9', messageId: 'm-3', text: 'hello' })).json();
    const reply = await t.service.app.inject({ method: 'POST', url: `/v1/agent/conversations/${conversationId}/messages`, headers: { authorization: `Bearer ${t.agentToken}` }, payload: { text: 'An agent here, how can I help?' } });
    expect(reply.statusCode).toBe(200);
    await eventually(() => expect(receiver.requests.length).toBe(1));
    const [delivery] = receiver.requests;
    expect(delivery.path).toBe('/inbox');
    expect(verifyWebhookSignature(SECRET, String(delivery.headers['x-lingxi-timestamp']), delivery.body, String(delivery.headers['x-lingxi-signature']))).toBe(true);
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({ type: 'messages', conversationId, userId: 'crm-user-9' });
    expect(payload.messages.map((message: { author: string }) => message.author)).toEqual(['system', 'agent']);
    expect(payload.messages[0].text).toMatch(/joined|已接入/);
    expect(payload.messages[1].text).toBe('An agent here, how can I help?');
  });

  it('never lets a threadKey override the sender: another user\'s thread starts their own conversation', async () => {
    const owner = (await send({ userId: 'crm-alice', messageId: 't-1', text: '我的订单到哪了', threadKey: 'ticket-42' })).json();
    const intruder = (await send({ userId: 'crm-bob', messageId: 't-2', text: 'show me the order details', threadKey: 'ticket-42' })).json();
    expect(intruder.conversationId).not.toBe(owner.conversationId);
    expect(intruder.customerId).not.toBe(owner.customerId);
    const ownerMessages = await t.service.context.store.listMessages(t.tenantId, owner.conversationId);
    expect(ownerMessages.filter((message) => message.author === 'customer').map((message) => message.text)).toEqual(['我的订单到哪了']);
    // Each keeps their own conversation on that thread.
    expect((await send({ userId: 'crm-alice', messageId: 't-3', text: '#W1234567', threadKey: 'ticket-42' })).json().conversationId).toBe(owner.conversationId);
    expect((await send({ userId: 'crm-bob', messageId: 't-4', text: 'hello?', threadKey: 'ticket-42' })).json().conversationId).toBe(intruder.conversationId);
  });

  it('refuses a NUL byte in a message with a 400 naming the field (the service-wide input guard, issue 23 D3), never a 500', async () => {
    const response = await send({ userId: 'crm-nul', messageId: 'nul-1', text: '我的订单\u0000到哪了' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toMatch(/NUL|text/i);
  });

  it('refuses bad signatures, stale timestamps, invalid bodies and oversized bodies', async () => {
    expect((await send({ userId: 'u', messageId: 'x1', text: 'hi' }, { secret: 'another-secret-0123456789' })).statusCode).toBe(401);
    expect((await send({ userId: 'u', messageId: 'x2', text: 'hi' }, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).statusCode).toBe(401);
    const unsigned = await t.service.app.inject({ method: 'POST', url: `/channels/webhook/${t.tenantId}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ userId: 'u', messageId: 'x3', text: 'hi' }) });
    expect(unsigned.statusCode).toBe(401);
    const invalid = await send({ userId: 'u', messageId: 'x4', text: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toMatch(/text must not be empty/);
    expect((await send(null, { raw: '{"userId": broken' })).statusCode).toBe(400);
    expect((await send({ userId: 'u', messageId: 'x5', text: 'a'.repeat(70 * 1024) })).statusCode).toBe(413);
    expect((await t.service.app.inject({ method: 'POST', url: '/channels/webhook/ten_nobody', headers: { 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(404);
    expect(await t.service.context.store.findCustomerByIdentity(t.tenantId, 'webhook', 'u')).toBeNull();
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await t.service.app.inject({ url: '/openapi.json' })).json();
    const operation = document.paths['/channels/webhook/{tenantId}'].post;
    expect(operation.tags).toEqual(['channels']);
    expect(operation.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['userId', 'messageId', 'text']));
    expect(document.paths['/channels/wechat/{tenantId}']).toBeTruthy();
  });
});
