import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelTestService, startFakeApi, type ChannelTestService } from '../channel-test-service.ts';
import { eventually } from '../../testing/eventually.ts';
import { createWechatSender } from './wechat-sender.ts';
import { createWechatCrypto, wechatSignature } from './wechat-crypto.ts';

const TOKEN = 'spamtest';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP_ID = 'wx2c2769f8efd9abc2';
// Official example (Tencent WXBizMsgCrypt sample): an encrypted text message "abcdteT" from oyORnuP8q7ou2gfYjqLzSIWZf0rs.
const OFFICIAL = { timestamp: '1409735669', nonce: '1320562132', msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa', body: '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=]]></Encrypt></xml>' };

/** A text message as the Official Account platform posts it (plain mode, 文本消息 in the message documentation). */
const textXml = (from: string, content: string, msgId: string) =>
  `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;

let t: ChannelTestService;
let api: Awaited<ReturnType<typeof startFakeApi>>;
let nonceCounter = 0;
const signedQuery = (timestamp = String(Math.floor(Date.now() / 1000)), nonce = `n${++nonceCounter}`) => `timestamp=${timestamp}&nonce=${nonce}&signature=${wechatSignature(TOKEN, timestamp, nonce)}`;
const post = (query: string, body: string) => t.service.app.inject({ method: 'POST', url: `/channels/wechat/${t.tenantId}?${query}`, headers: { 'content-type': 'text/xml' }, payload: body });
const sends = () => api.requests.filter((request) => request.path === '/cgi-bin/message/custom/send').map((request) => JSON.parse(request.body));
/** The conversation of an openid once the inbox job has run the turn (callbacks are acknowledged before that). */
async function conversationOf(openid: string) {
  const { store } = t.service.context;
  let found: Awaited<ReturnType<typeof store.listConversations>>[number] | undefined;
  await eventually(async () => {
    const customer = await store.findCustomerByIdentity(t.tenantId, 'wechat', openid);
    expect(customer).not.toBeNull();
    [found] = await store.listConversations(t.tenantId, { customerId: customer!.id });
    expect(found).toBeTruthy();
    expect((await store.listMessages(t.tenantId, found!.id)).some((message) => message.author === 'customer')).toBe(true);
  }, 5000);
  return found!;
}
const agent = (method: 'GET' | 'POST', url: string, payload?: object) => t.service.app.inject({ method, url, headers: { authorization: `Bearer ${t.agentToken}` }, payload });

beforeAll(async () => {
  api = await startFakeApi((request) => {
    if (request.path === '/cgi-bin/token') return { json: { access_token: `token-${request.query.get('appid')}`, expires_in: 7200 } };
    // 全局返回码 48001 "api unauthorized": the account has no customer-service message permission.
    if (request.body.includes('openid-no-permission')) return { json: JSON.parse(readFileSync(new URL('./__fixtures__/errcode-48001.json', import.meta.url), 'utf8')) };
    return { json: { errcode: 0, errmsg: 'ok' } };
  });
  t = await createChannelTestService();
  const configured = await t.service.app.inject({
    method: 'PUT', url: '/v1/agent/channels/wechat', headers: { authorization: `Bearer ${t.adminToken}` },
    payload: { enabled: true, settings: { appId: APP_ID, apiBaseUrl: api.url }, secrets: { token: TOKEN, appSecret: 'app-secret-value', encodingAesKey: AES_KEY } },
  });
  expect(configured.statusCode, configured.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await api?.close();
});

describe('WeChat Official Account channel', () => {
  it('answers URL verification with echostr only for a good signature', async () => {
    const ok = await t.service.app.inject({ url: `/channels/wechat/${t.tenantId}?${signedQuery()}&echostr=hello123` });
    expect([ok.statusCode, ok.body]).toEqual([200, 'hello123']);
    const bad = await t.service.app.inject({ url: `/channels/wechat/${t.tenantId}?timestamp=${Math.floor(Date.now() / 1000)}&nonce=x&signature=${'0'.repeat(40)}&echostr=hello123` });
    expect(bad.statusCode).toBe(401);
    expect((await t.service.app.inject({ url: `/channels/wechat/ten_unknown?${signedQuery()}&echostr=x` })).statusCode).toBe(404);
  });

  it('round trip: text in → stored on a wechat conversation → bot reply sent through the customer-service API', async () => {
    const response = await post(signedQuery(), textXml('openid-round-trip', '我的订单到哪了', '6054768590064713001'));
    expect([response.statusCode, response.body]).toEqual([200, 'success']);
    await eventually(() => expect(sends().filter((send) => send.touser === 'openid-round-trip').length).toBeGreaterThanOrEqual(2));
    const sent = sends().filter((send) => send.touser === 'openid-round-trip');
    expect(sent.at(-1)).toEqual({ touser: 'openid-round-trip', msgtype: 'text', text: { content: '请提供您的订单号。\n\n回复数字选择：\n1. 转人工' } });
    const tokenCall = api.requests.find((request) => request.path === '/cgi-bin/token')!;
    expect(Object.fromEntries(tokenCall.query)).toEqual({ grant_type: 'client_credential', appid: APP_ID, secret: 'app-secret-value' });
    expect(api.requests.filter((request) => request.path === '/cgi-bin/message/custom/send').every((request) => request.query.get('access_token') === `token-${APP_ID}`)).toBe(true);

    const list = (await agent('GET', '/v1/agent/conversations')).json();
    const conversation = list.conversations.find((candidate: { channel: string }) => candidate.channel === 'wechat');
    expect(conversation).toBeTruthy();
    const customer = await t.service.context.store.findCustomerByIdentity(t.tenantId, 'wechat', 'openid-round-trip');
    expect(customer).toMatchObject({ externalId: 'wechat:openid-round-trip', id: conversation.customerId });

    // "1" picks the numbered quick reply 转人工: the bot hands the conversation over.
    expect((await post(signedQuery(), textXml('openid-round-trip', '1', '6054768590064713002'))).body).toBe('success');
    await eventually(async () => expect((await agent('GET', `/v1/agent/conversations/${conversation.id}`)).json().messages.filter((m: { author: string }) => m.author === 'customer')).toHaveLength(2), 5000);
    const messages = (await agent('GET', `/v1/agent/conversations/${conversation.id}`)).json().messages;
    expect(messages.filter((m: { author: string }) => m.author === 'customer').map((m: { text: string; payload: { channel: { pressed?: string } } }) => [m.text, m.payload.channel.pressed])).toEqual([['我的订单到哪了', undefined], ['转人工', '1']]);

    // An agent's reply from the console goes back through WeChat.
    const before = sends().length;
    expect((await agent('POST', `/v1/agent/conversations/${conversation.id}/messages`, { text: '您好，我是客服小王，马上为您查询。' })).statusCode).toBe(200);
    await eventually(() => expect(sends().slice(before).map((send) => send.text.content)).toContain('您好，我是客服小王，马上为您查询。'));
    // The outbox marks a delivery sent after WeChat answered; on a loaded machine that can trail the request itself.
    await eventually(async () => {
      const deliveries = await t.service.context.channels!.outbox.list(t.tenantId, conversation.id);
      expect(deliveries.length).toBeGreaterThan(0);
      expect(deliveries.map((delivery) => delivery.status)).toEqual(deliveries.map(() => 'sent'));
    }, 10_000);
  });

  it('stores a message once when WeChat retries it (same MsgId, new nonce) and ignores a retried request', async () => {
    const body = textXml('openid-retry', 'hello there', '6054768590064713100');
    const query = signedQuery();
    expect((await post(query, body)).body).toBe('success');
    expect((await post(query, body)).body).toBe('success');
    expect((await post(signedQuery(), body)).body).toBe('success');
    const conversation = await conversationOf('openid-retry');
    expect((await t.service.context.channels!.inbox.get(t.tenantId, 'wechat', '6054768590064713100'))?.attempts).toBe(1);
    const messages = await t.service.context.store.listMessages(t.tenantId, conversation.id);
    expect(messages.filter((message) => message.author === 'customer')).toHaveLength(1);
    expect(conversation.locale).toBe('en');
  });

  it('refuses bad signatures, stale timestamps, replays with another body and oversized bodies', async () => {
    const now = String(Math.floor(Date.now() / 1000));
    const bad = await post(`timestamp=${now}&nonce=abc&signature=${wechatSignature('wrong-token', now, 'abc')}`, textXml('openid-x', 'hi', '1'));
    expect(bad.statusCode).toBe(401);
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    expect((await post(signedQuery(stale), textXml('openid-x', 'hi', '2'))).statusCode).toBe(401);
    const query = signedQuery();
    expect((await post(query, textXml('openid-x', 'first', '3'))).statusCode).toBe(200);
    expect((await post(query, textXml('openid-x', 'replayed with other content', '4'))).statusCode).toBe(401);
    expect((await post(signedQuery(), `<xml><Content>${'x'.repeat(70 * 1024)}</Content></xml>`)).statusCode).toBe(413);
    expect((await post(signedQuery(), 'not xml at all')).statusCode).toBe(400);
    await conversationOf('openid-x');
  });

  it('decrypts the official safe-mode example and checks msg_signature', async () => {
    const channels = t.service.context.channels!;
    const realNow = channels.now;
    channels.now = () => new Date(Number(OFFICIAL.timestamp) * 1000);
    try {
      const query = `${signedQuery(OFFICIAL.timestamp, OFFICIAL.nonce)}&encrypt_type=aes&msg_signature=${OFFICIAL.msgSignature}`;
      const tampered = await post(query.replace(OFFICIAL.msgSignature, OFFICIAL.msgSignature.replace('5d', '6d')), OFFICIAL.body);
      expect(tampered.statusCode).toBe(401);
      const response = await post(query, OFFICIAL.body);
      expect([response.statusCode, response.body]).toEqual([200, 'success']);
    } finally {
      channels.now = realNow;
    }
    const conversation = await conversationOf('oyORnuP8q7ou2gfYjqLzSIWZf0rs');
    const messages = await t.service.context.store.listMessages(t.tenantId, conversation.id);
    expect(messages.find((message) => message.author === 'customer')).toMatchObject({ text: 'abcdteT', clientId: 'wechat:6054768590064713728' });
    await eventually(() => expect(sends().some((send) => send.touser === 'oyORnuP8q7ou2gfYjqLzSIWZf0rs')).toBe(true));
  });

  it('answers a subscribe event with the greeting as an encrypted passive reply', async () => {
    const crypto = createWechatCrypto({ token: TOKEN, encodingAesKey: AES_KEY, receiverId: APP_ID });
    const event = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[openid-new-follower]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>`;
    const encrypt = crypto.encrypt(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await post(`${signedQuery(timestamp, 'sub1')}&encrypt_type=aes&msg_signature=${crypto.sign(timestamp, 'sub1', encrypt)}`, `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
    expect(response.statusCode).toBe(200);
    const envelope = /<Encrypt><!\[CDATA\[(.+?)\]\]><\/Encrypt><MsgSignature><!\[CDATA\[(\w+)\]\]>/.exec(response.body)!;
    expect(crypto.sign(timestamp, 'sub1', envelope[1])).toBe(envelope[2]);
    const reply = crypto.decrypt(envelope[1]);
    expect(reply).toContain('<ToUserName><![CDATA[openid-new-follower]]></ToUserName>');
    expect(reply).toMatch(/<MsgType><!\[CDATA\[text\]\]><\/MsgType><Content><!\[CDATA\[.+\]\]><\/Content>/s);
  });

  it('does not send more than 48 hours after the customer\'s last message: the outcome is recorded instead', async () => {
    const channels = t.service.context.channels!;
    expect((await post(signedQuery(), textXml('openid-late', '我的订单', '6054768590064713200'))).body).toBe('success');
    const conversation = await conversationOf('openid-late');
    await eventually(() => expect(sends().some((send) => send.touser === 'openid-late')).toBe(true));
    const original = channels.senders.get('wechat')!;
    channels.senders.set('wechat', createWechatSender('wechat', { api: channels.wechatApi, store: t.service.context.store, now: () => new Date(Date.now() + 49 * 3600 * 1000) }));
    try {
      const before = sends().length;
      const replied = (await agent('POST', `/v1/agent/conversations/${conversation.id}/messages`, { text: '抱歉久等了' })).json();
      const agentMessage = replied.messages.find((message: { author: string }) => message.author === 'agent');
      const deadline = Date.now() + 2000;
      let outcome: string | null | undefined;
      while (Date.now() < deadline && outcome === undefined) {
        outcome = (await channels.outbox.list(t.tenantId, conversation.id)).find((delivery) => delivery.messageId === agentMessage.id && delivery.status === 'skipped')?.outcome;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(outcome).toBe('outside_48h_window');
      expect(sends().length).toBe(before);
      const events = await t.service.context.store.listEvents(t.tenantId, conversation.id);
      expect(events.some((event) => event.type === 'channel.delivery_skipped' && event.data.outcome === 'outside_48h_window')).toBe(true);
    } finally {
      channels.senders.set('wechat', original);
    }
  });

  it('splits a 1,200-character agent reply at sentence ends into texts of at most 2,048 bytes, and records it', async () => {
    expect((await post(signedQuery(), textXml('openid-long', '转人工', '6054768590064713300'))).body).toBe('success');
    const conversation = await conversationOf('openid-long');
    const sentence = '您好，关于您反映的物流延迟问题，我们已经联系了快递公司并加急处理。';
    const long = sentence.repeat(Math.ceil(1200 / sentence.length)).slice(0, 1200 - (1200 % sentence.length));
    expect([...long].length).toBeGreaterThan(1100);
    expect((await agent('POST', `/v1/agent/conversations/${conversation.id}/messages`, { text: long })).statusCode).toBe(200);
    const pieces = () => sends().filter((send) => send.touser === 'openid-long' && send.text.content.startsWith('您好，关于')).map((send) => send.text.content as string);
    await eventually(() => expect(pieces().join('')).toBe(long), 5000);
    expect(pieces().length).toBe(2);
    for (const piece of pieces()) {
      expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(2048);
      expect(piece.endsWith('。')).toBe(true);
    }
    const events = await t.service.context.store.listEvents(t.tenantId, conversation.id);
    expect(events.find((event) => event.type === 'channel.message_split')?.data).toMatchObject({ channel: 'wechat', parts: 2, bytes: Buffer.byteLength(long), maxBytes: 2048 });
  });

  it('does not retry a permanent refusal (48001) and shows what the account lacks in the admin channel status', async () => {
    const channels = t.service.context.channels!;
    const admin = async () => (await t.service.app.inject({ url: '/v1/agent/channels', headers: { authorization: `Bearer ${t.adminToken}` } })).json().channels.find((channel: { kind: string }) => channel.kind === 'wechat');
    expect((await post(signedQuery(), textXml('openid-no-permission', '我的订单', '6054768590064713400'))).body).toBe('success');
    const conversation = await conversationOf('openid-no-permission');
    await eventually(async () => {
      const deliveries = await channels.outbox.list(t.tenantId, conversation.id);
      expect(deliveries.length).toBeGreaterThan(0);
      expect(deliveries.map((delivery) => [delivery.status, delivery.outcome, delivery.attempts])).toEqual(deliveries.map(() => ['failed', 'api_unauthorized', 1]));
    }, 5000);
    const status = await admin();
    expect(status.problem).toMatchObject({ code: '48001', outcome: 'api_unauthorized', hint: { zh: expect.stringContaining('客服消息接口权限'), en: expect.stringContaining('customer-service message permission') } });
    const events = await t.service.context.store.listEvents(t.tenantId, conversation.id);
    expect(events.some((event) => event.type === 'channel.delivery_failed' && event.data.outcome === 'api_unauthorized' && event.data.permanent === true)).toBe(true);
    // A later successful send clears the status.
    expect((await post(signedQuery(), textXml('openid-after-fix', 'hello', '6054768590064713401'))).body).toBe('success');
    await eventually(async () => expect((await admin()).problem).toBeNull(), 5000);
    // One try per message (the greeting and the answer), none repeated.
    const tries = api.requests.filter((request) => request.path === '/cgi-bin/message/custom/send' && request.body.includes('openid-no-permission'));
    expect(tries).toHaveLength((await channels.outbox.list(t.tenantId, conversation.id)).length);
  });

  it('never returns channel secrets from the admin API', async () => {
    const response = await t.service.app.inject({ url: '/v1/agent/channels', headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('app-secret-value');
    expect(response.body).not.toContain(AES_KEY);
    const wechat = response.json().channels.find((channel: { kind: string }) => channel.kind === 'wechat');
    expect(wechat).toMatchObject({ enabled: true, secretsSet: ['appSecret', 'encodingAesKey', 'token'], inboundPath: `/channels/wechat/${t.tenantId}`, settings: { appId: APP_ID } });
    expect((await t.service.app.inject({ url: '/v1/agent/channels', headers: { authorization: `Bearer ${t.agentToken}` } })).statusCode).toBe(403);
    const invalid = await t.service.app.inject({ method: 'PUT', url: '/v1/agent/channels/wechat', headers: { authorization: `Bearer ${t.adminToken}` }, payload: { secrets: { encodingAesKey: 'short' } } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toMatch(/encodingAesKey/);
  });
});
