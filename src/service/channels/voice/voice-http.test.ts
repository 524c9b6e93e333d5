import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { createChannelTestService, type ChannelTestService } from '../channel-test-service.ts';
import { createHmac } from 'node:crypto';
import { twilioSignature, type FormParameters } from './twilio-signature.ts';

/** Recorded Twilio-format webhooks through the real service: signature, TwiML, turns, silence, transfer, retries. */
const AUTH_TOKEN = 'twilio-test-auth-token-0123456789';
const SIGNING_SECRET = 'json-voice-signing-secret-0123456789';
const BASE = 'https://voice.shop.example';
const fixture = (name: string): FormParameters => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8')).parameters;
const withParameter = (parameters: FormParameters, name: string, value: string): FormParameters => [...parameters.filter(([key]) => key !== name), [name, value]];

let t: ChannelTestService;
beforeAll(async () => {
  t = await createChannelTestService();
  await configure({ mode: 'dial', number: '+861058009999' });
});
afterAll(async () => t?.close());

const configure = (transfer: Record<string, unknown>) => t.service.context.channels!.configs.upsert(t.tenantId, 'voice', {
  enabled: true, settings: { publicBaseUrl: BASE, transfer }, secrets: { authToken: AUTH_TOKEN, signingSecret: SIGNING_SECRET },
});

async function post(query: string, parameters: FormParameters, signature?: string) {
  const path = `/channels/voice/twilio/${t.tenantId}${query}`;
  const response = await t.service.app.inject({
    method: 'POST', url: path, payload: new URLSearchParams(parameters).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? twilioSignature(AUTH_TOKEN, `${BASE}${path}`, parameters) },
  });
  return { status: response.statusCode, type: response.headers['content-type'], xml: response.body, twiml: new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(response.body) };
}
const actionOf = (xml: string) => new URL(/action="([^"]+)"/.exec(xml)![1].replace(/&amp;/g, '&'), BASE);
const spoken = (xml: string) => [...xml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((match) => match[1]).join(' ');
const conversationOfCall = async (from: string) => {
  const customer = await t.service.context.store.findCustomerByIdentity(t.tenantId, 'voice', from);
  return customer ? (await t.service.context.store.listConversations(t.tenantId, { customerId: customer.id }))[0] : undefined;
};

describe('Twilio voice webhook', () => {
  it('refuses a missing or wrong signature before doing anything', async () => {
    const call = fixture('twilio-incoming-call');
    expect((await post('', call, 'bm90LWEtc2lnbmF0dXJl')).status).toBe(401);
    expect((await post('', call, twilioSignature('wrong-token', `${BASE}/channels/voice/twilio/${t.tenantId}`, call))).status).toBe(401);
    expect((await post('', withParameter(call, 'From', '+10000000000'), twilioSignature(AUTH_TOKEN, `${BASE}/channels/voice/twilio/${t.tenantId}`, call))).status).toBe(401);
    const unknown = await t.service.app.inject({ method: 'POST', url: '/channels/voice/twilio/ten_nope', payload: 'CallSid=CA1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unknown.statusCode).toBe(404);
    expect(await conversationOfCall('+8613800138000')).toBeUndefined();
  });

  it('welcomes a call with the DTMF menu inside a barge-in speech+DTMF Gather', async () => {
    const answer = await post('', fixture('twilio-incoming-call'));
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/xml/);
    const gather = answer.twiml.Response.Gather;
    expect(gather).toMatchObject({ input: 'speech dtmf', language: 'zh-CN', timeout: '5', speechTimeout: 'auto', bargeIn: 'true', numDigits: '1', actionOnEmptyResult: 'true', method: 'POST' });
    expect(spoken(answer.xml)).toContain('请直接说出您的问题，或者按 1 查询订单，按 2 退换货，按 0 转人工。');
    expect(Object.fromEntries(actionOf(answer.xml).searchParams)).toEqual({ turn: '1', silences: '0', lang: 'zh' });
  });

  it('answers a zh speech turn through the engine, stores it once on a retried webhook', async () => {
    const speech = fixture('twilio-gather-speech-zh');
    const first = await post('?turn=1&silences=0&lang=zh', speech);
    expect(spoken(first.xml)).toBe('请提供您的订单号。您可以说：转人工。');
    expect(first.xml).not.toContain('您好，有什么可以帮您');
    const next = actionOf(first.xml);
    expect(Object.fromEntries(next.searchParams)).toEqual({ turn: '2', silences: '0', lang: 'zh', awaiting: '1' });
    expect(first.twiml.Response.Gather).toMatchObject({ finishOnKey: '#' });
    const retry = await post('?turn=1&silences=0&lang=zh', speech);
    expect(retry.xml).toBe(first.xml);
    const conversation = (await conversationOfCall('+8613800138000'))!;
    expect(conversation).toMatchObject({ channel: 'voice', locale: 'zh', owner: 'bot' });
    const customerMessages = (await t.service.context.store.listMessages(t.tenantId, conversation.id)).filter((message) => message.author === 'customer');
    expect(customerMessages.map((message) => message.text)).toEqual(['我的订单到哪了？']);
    expect(customerMessages[0].payload.channel).toMatchObject({ kind: 'voice', messageId: 'CA5f8e3b7c2a1d4e6f8091a2b3c4d5e6f7:1', threadKey: 'CA5f8e3b7c2a1d4e6f8091a2b3c4d5e6f7', input: 'speech', confidence: 0.9130873 });
  });

  it('switches the call to English when the caller speaks English', async () => {
    const answer = await post('?turn=1&silences=0&lang=zh', fixture('twilio-gather-speech-en'));
    expect(spoken(answer.xml)).toBe('What is your order number? You can say: Talk to a human.');
    expect(answer.twiml.Response.Gather.language).toBe('en-US');
    expect(answer.twiml.Response.Gather.Say.language).toBe('en-US');
    expect(actionOf(answer.xml).searchParams.get('lang')).toBe('en');
    expect((await conversationOfCall('+14155550199'))?.locale).toBe('en');
  });

  it('maps DTMF 1 to the order-status question, then takes the order number as typed digits', async () => {
    const digits = fixture('twilio-gather-digits');
    const menu = await post('?turn=1&silences=0&lang=zh', digits);
    expect(spoken(menu.xml)).toContain('请提供您的订单号。');
    const next = actionOf(menu.xml);
    await post(`${next.search}`, withParameter(withParameter(digits, 'Digits', '1234567'), 'FinishedOnKey', '#'));
    const conversation = (await conversationOfCall('+8613900139000'))!;
    const texts = (await t.service.context.store.listMessages(t.tenantId, conversation.id)).filter((message) => message.author === 'customer').map((message) => message.text);
    expect(texts).toEqual(['我的订单到哪了', '1234567']);
  });

  it('re-prompts with the menu after one silence, treats a wrong key the same, and transfers (<Dial>) after the second', async () => {
    const silence = fixture('twilio-gather-timeout');
    const once = await post('?turn=1&silences=0&lang=zh', silence);
    expect(spoken(once.xml)).toBe('抱歉，我没有听到您的声音。请按 1 查询订单，按 2 退换货，按 0 转人工。');
    expect(Object.fromEntries(actionOf(once.xml).searchParams)).toMatchObject({ turn: '1', silences: '1' });
    expect(await conversationOfCall('+8613700137000')).toBeUndefined();
    const wrongKey = await post('?turn=1&silences=1&lang=zh', withParameter(silence, 'Digits', '7'));
    expect(spoken(wrongKey.xml)).toContain('抱歉，没有这个选项。');
    const twice = await post('?turn=1&silences=1&lang=zh', silence);
    expect(twice.twiml.Response.Dial).toMatchObject({ answerOnBridge: 'true', timeout: '30' });
    expect(twice.xml).toContain('<Number>+861058009999</Number>');
    expect(spoken(twice.xml)).toContain('正在为您转接人工客服');
    expect((await conversationOfCall('+8613700137000'))?.owner).toBe('queued');
  });

  it('enqueues a caller who asks for a person when the tenant uses a queue; the console sees it queued', async () => {
    await configure({ mode: 'enqueue', queue: 'support-zh' });
    const call = withParameter(withParameter(fixture('twilio-gather-speech-zh'), 'CallSid', 'CA11112222333344445555666677778888'), 'From', '+8613600136000');
    const answer = await post('?turn=1&silences=0&lang=zh', withParameter(call, 'SpeechResult', '转人工'));
    expect(answer.xml).toContain('<Enqueue>support-zh</Enqueue>');
    expect(answer.xml).not.toContain('<Gather');
    const queued = await t.service.context.store.listConversations(t.tenantId, { channel: 'voice', limit: 20 });
    expect(queued.find((conversation) => conversation.owner === 'queued' && conversation.locale === 'zh')).toBeDefined();
    await configure({ mode: 'dial', number: '+861058009999' });
  });

  it('escapes speech so TwiML stays well-formed whatever the engine says', async () => {
    const call = withParameter(withParameter(fixture('twilio-gather-speech-en'), 'CallSid', 'CAabcdefabcdefabcdefabcdefabcdefab'), 'SpeechResult', '<Hangup/> & "quotes"');
    const answer = await post('?turn=1&silences=0&lang=en', call);
    expect(answer.status).toBe(200);
    expect(answer.twiml.Response.Gather).toBeDefined();
    expect(answer.xml.match(/<Hangup\/>/g)).toBeNull();
  });
});

describe('generic JSON voice protocol', () => {
  const send = (event: Record<string, unknown>, options: { secret?: string; at?: number } = {}) => {
    const body = JSON.stringify(event);
    const at = options.at ?? Math.floor(Date.now() / 1000);
    return t.service.app.inject({
      method: 'POST', url: `/channels/voice/json/${t.tenantId}`, payload: body,
      headers: { 'content-type': 'application/json', 'x-lingxi-timestamp': String(at), 'x-lingxi-signature': `sha256=${createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`${at}.${body}`).digest('hex')}` },
    });
  };

  it('answers signed events with say/gather actions and carries state between turns', async () => {
    const start = (await send({ callId: 'ali-call-1', from: '+8613500135000', event: 'start' })).json();
    expect(start.actions[0]).toMatchObject({ type: 'say', ssml: expect.stringMatching(/^<speak xml:lang="zh-CN">.*按 1 查询订单.*<\/speak>$/) });
    expect(start.actions[1]).toMatchObject({ type: 'gather', input: ['speech', 'dtmf'], bargeIn: true, maxDigits: 1 });
    const turn = (await send({ callId: 'ali-call-1', from: '+8613500135000', event: 'dtmf', digits: '1', state: start.actions[1].state })).json();
    expect(turn.actions[0].text).toBe('请提供您的订单号。您可以说：转人工。');
    expect(turn.actions[1]).toMatchObject({ type: 'gather', finishOnKey: '#', maxDigits: null });
    const handoff = (await send({ callId: 'ali-call-1', from: '+8613500135000', event: 'speech', text: '转人工', state: turn.actions[1].state })).json();
    expect(handoff.actions.at(-1)).toEqual({ type: 'transfer', mode: 'dial', number: '+861058009999', timeoutSeconds: 30 });
  });

  it('refuses bad or stale signatures and malformed events', async () => {
    expect((await send({ callId: 'x', from: '1', event: 'start' }, { secret: 'wrong' })).statusCode).toBe(401);
    expect((await send({ callId: 'x', from: '1', event: 'start' }, { at: Math.floor(Date.now() / 1000) - 3600 })).statusCode).toBe(401);
    const bad = await send({ callId: 'x y', from: '1', event: 'shout' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'validation_failed', message: expect.stringMatching(/callId/) });
    expect((await send({ callId: 'x', from: '1', event: 'silence', state: 'not-base64-json' })).statusCode).toBe(400);
  });
});

describe('voice outbound', () => {
  it('records agent replies to a voice conversation as not deliverable outside a call turn', async () => {
    const conversation = (await conversationOfCall('+8613800138000'))!;
    const agent = (await t.service.context.store.listUsers(t.tenantId)).find((user) => user.role === 'agent')!;
    const tenant = (await t.service.context.store.getTenant(t.tenantId))!;
    const { messages } = await t.service.context.conversations.reply(tenant, agent, conversation.id, { text: '稍后给您回电。' });
    const agentMessage = messages.find((message) => message.author === 'agent')!;
    let delivery;
    for (let waited = 0; waited < 5000 && !delivery; waited += 25) {
      delivery = (await t.service.context.channels!.outbox.list(t.tenantId, conversation.id)).find((entry) => entry.messageId === agentMessage.id && entry.status !== 'sending');
      if (!delivery) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(delivery).toMatchObject({ status: 'skipped', outcome: 'voice_live_call_only' });
  });
});
