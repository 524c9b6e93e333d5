import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelTestService, createSlowEngine, startFakeApi, type ChannelTestService } from '../channel-test-service.ts';
import { eventually } from '../../testing/eventually.ts';
import { createWechatCrypto, wechatSignature } from './wechat-crypto.ts';

// Issue 27 item 1: WeChat waits 5 s for a callback's answer. A tenant LLM that takes longer must not hold it.
const ENGINE_DELAY_MS = 2000;
const TOKEN = 'latencytoken';
const APP_ID = 'wx2c2769f8efd9abc2';
// WeCom documentation example keys (回调配置).
const WECOM = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
const OPEN_KF_ID = 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q';

let t: ChannelTestService;
let api: Awaited<ReturnType<typeof startFakeApi>>;
let synced = 0;

const now = () => String(Math.floor(Date.now() / 1000));
// Provider wire formats, kept with their sources in __fixtures__/README.md.
const TEXT_MESSAGE = readFileSync(new URL('./__fixtures__/text-message.xml', import.meta.url), 'utf8');
const SYNC_PAGE = JSON.parse(readFileSync(new URL('./__fixtures__/kf-sync-msg-text.json', import.meta.url), 'utf8'));
const textXml = (from: string, content: string, msgId: string) => TEXT_MESSAGE.trim()
  .replace('{{FromUserName}}', from).replace('{{CreateTime}}', now()).replace('{{Content}}', content).replace('{{MsgId}}', msgId);
const postWechat = (nonce: string, body: string) => {
  const timestamp = now();
  return t.service.app.inject({ method: 'POST', url: `/channels/wechat/${t.tenantId}?timestamp=${timestamp}&nonce=${nonce}&signature=${wechatSignature(TOKEN, timestamp, nonce)}`, headers: { 'content-type': 'text/xml' }, payload: body });
};
const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

beforeAll(async () => {
  api = await startFakeApi((request) => {
    if (request.path === '/cgi-bin/token' || request.path === '/cgi-bin/gettoken') return { json: { errcode: 0, access_token: 'token', expires_in: 7200 } };
    if (request.path === '/cgi-bin/kf/sync_msg') {
      synced++;
      return { json: { ...SYNC_PAGE, next_cursor: `c${synced}`, msg_list: synced > 1 ? [] : SYNC_PAGE.msg_list } };
    }
    return { json: { errcode: 0, errmsg: 'ok' } };
  });
  t = await createChannelTestService({}, { engine: () => createSlowEngine(ENGINE_DELAY_MS) });
  const admin = { authorization: `Bearer ${t.adminToken}` };
  expect((await t.service.app.inject({ method: 'PUT', url: '/v1/agent/channels/wechat', headers: admin, payload: { settings: { appId: APP_ID, apiBaseUrl: api.url }, secrets: { token: TOKEN, appSecret: 'app-secret-value' } } })).statusCode).toBe(200);
  expect((await t.service.app.inject({ method: 'PUT', url: '/v1/agent/channels/wecom', headers: admin, payload: { settings: { corpId: WECOM.corpId, apiBaseUrl: api.url }, secrets: { token: WECOM.token, encodingAesKey: WECOM.encodingAesKey, secret: 'kf-secret' } } })).statusCode).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await api?.close();
});

describe('callbacks answer before the bot (slow engine)', () => {
  it('WeChat: `success` comes back well inside the engine delay; the message is stored once and answered later', async () => {
    const body = textXml('openid-slow', '我的订单到哪了', '6054768590064719001');
    const first = await timed(() => postWechat('slow-1', body));
    expect([first.result.statusCode, first.result.body]).toEqual([200, 'success']);
    expect(first.ms).toBeLessThan(ENGINE_DELAY_MS / 2);
    // WeChat retries a callback it thinks timed out (same MsgId, new nonce): acknowledged, not run again.
    const retry = await timed(() => postWechat('slow-2', body));
    expect([retry.result.body, retry.ms < ENGINE_DELAY_MS / 2]).toEqual(['success', true]);
    await eventually(() => expect(api.requests.some((request) => request.path === '/cgi-bin/message/custom/send' && JSON.parse(request.body).text.content.includes('请提供您的订单号'))).toBe(true), 10_000);
    const entry = await t.service.context.channels!.inbox.get(t.tenantId, 'wechat', '6054768590064719001');
    // Done rows keep the id (retries are still recognised) but not the customer's words.
    expect(entry).toMatchObject({ status: 'done', attempts: 1, message: {} });
    expect(JSON.stringify(entry)).not.toContain('我的订单到哪了');
    const customer = (await t.service.context.store.findCustomerByIdentity(t.tenantId, 'wechat', 'openid-slow'))!;
    const [conversation] = await t.service.context.store.listConversations(t.tenantId, { customerId: customer.id });
    const messages = await t.service.context.store.listMessages(t.tenantId, conversation.id);
    expect(messages.filter((message) => message.author === 'customer').map((message) => message.text)).toEqual(['我的订单到哪了']);
  });

  it('WeCom: the kf_msg_or_event callback is answered before sync_msg and the bot; the pull still happens', async () => {
    const crypto = createWechatCrypto({ token: WECOM.token, encodingAesKey: WECOM.encodingAesKey, receiverId: WECOM.corpId });
    const timestamp = now();
    const event = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[${OPEN_KF_ID}]]></OpenKfId></xml>`;
    const encrypt = crypto.encrypt(event);
    const { result, ms } = await timed(() => t.service.app.inject({
      method: 'POST', url: `/channels/wecom/${t.tenantId}?msg_signature=${crypto.sign(timestamp, 'kf-slow', encrypt)}&timestamp=${timestamp}&nonce=kf-slow`,
      headers: { 'content-type': 'text/xml' }, payload: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><AgentID><![CDATA[218]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    }));
    expect([result.statusCode, result.body]).toEqual([200, 'success']);
    expect(ms).toBeLessThan(ENGINE_DELAY_MS / 2);
    await eventually(() => expect(api.requests.some((request) => request.path === '/cgi-bin/kf/send_msg' && JSON.parse(request.body).touser === 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw')).toBe(true), 10_000);
    expect(await t.service.context.channels!.inbox.get(t.tenantId, 'wecom', 'from_msgid_4622416642169452483')).toMatchObject({ status: 'done', attempts: 1 });
  });
});
