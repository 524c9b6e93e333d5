import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelTestService, startFakeApi, type ChannelTestService } from '../channel-test-service.ts';
import { eventually } from '../../testing/eventually.ts';
import { createWechatCrypto } from './wechat-crypto.ts';

// WeCom documentation example (回调配置 URL verification).
const DOC = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7', timestamp: '1409659589', nonce: '263014780', msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3', echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==' };

let t: ChannelTestService;
let api: Awaited<ReturnType<typeof startFakeApi>>;
// sync_msg pages as the 微信客服 API returns them (读取消息): one customer text message, then an agent echo (origin 5).
const pages = [
  { errcode: 0, errmsg: 'ok', next_cursor: 'cursor-1', has_more: 1, msg_list: [{ msgid: 'from_customer_1', open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw', external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw', send_time: 1615478585, origin: 3, msgtype: 'text', text: { content: '你好，我的订单到哪了' } }] },
  { errcode: 0, errmsg: 'ok', next_cursor: 'cursor-2', has_more: 0, msg_list: [{ msgid: 'from_servicer_1', open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw', external_userid: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw', send_time: 1615478590, origin: 5, msgtype: 'text', text: { content: 'echo' } }] },
];

beforeAll(async () => {
  let page = 0;
  api = await startFakeApi((request) => {
    if (request.path === '/cgi-bin/gettoken') return { json: { errcode: 0, errmsg: 'ok', access_token: 'wecom-token', expires_in: 7200 } };
    // An account this app may not call (微信客服 → API not granted): 48001, as in __fixtures__/errcode-48001.json.
    if (request.path === '/cgi-bin/kf/sync_msg' && request.body.includes('wk-not-granted')) return { json: JSON.parse(readFileSync(new URL('./__fixtures__/errcode-48001.json', import.meta.url), 'utf8')) };
    if (request.path === '/cgi-bin/kf/sync_msg') return { json: pages[Math.min(page++, pages.length - 1)] };
    return { json: { errcode: 0, errmsg: 'ok', msgid: 'sent' } };
  });
  t = await createChannelTestService();
  const response = await t.service.app.inject({
    method: 'PUT', url: '/v1/agent/channels/wecom', headers: { authorization: `Bearer ${t.adminToken}` },
    payload: { settings: { corpId: DOC.corpId, apiBaseUrl: api.url }, secrets: { token: DOC.token, encodingAesKey: DOC.encodingAesKey, secret: 'kf-app-secret' } },
  });
  expect(response.statusCode, response.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await api?.close();
});

describe('WeCom customer service (微信客服) channel', () => {
  it('verifies the callback URL with the documentation example', async () => {
    const channels = t.service.context.channels!;
    const realNow = channels.now;
    channels.now = () => new Date(Number(DOC.timestamp) * 1000);
    try {
      const url = `/channels/wecom/${t.tenantId}?msg_signature=${DOC.msgSignature}&timestamp=${DOC.timestamp}&nonce=${DOC.nonce}&echostr=${encodeURIComponent(DOC.echostr)}`;
      const ok = await t.service.app.inject({ url });
      expect([ok.statusCode, ok.body]).toEqual([200, '1616140317555161061']);
      expect((await t.service.app.inject({ url: url.replace('msg_signature=5c', 'msg_signature=6c') })).statusCode).toBe(401);
    } finally {
      channels.now = realNow;
    }
  });

  it('kf_msg_or_event → sync_msg pull → stored on a wecom conversation → reply via kf/send_msg', async () => {
    const crypto = createWechatCrypto({ token: DOC.token, encodingAesKey: DOC.encodingAesKey, receiverId: DOC.corpId });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const event = `<xml><ToUserName><![CDATA[${DOC.corpId}]]></ToUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw]]></OpenKfId></xml>`;
    const encrypt = crypto.encrypt(event);
    const body = `<xml><ToUserName><![CDATA[${DOC.corpId}]]></ToUserName><AgentID><![CDATA[218]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const url = `/channels/wecom/${t.tenantId}?msg_signature=${crypto.sign(timestamp, 'kf1', encrypt)}&timestamp=${timestamp}&nonce=kf1`;
    const bad = await t.service.app.inject({ method: 'POST', url: url.replace('nonce=kf1', 'nonce=kf2'), headers: { 'content-type': 'text/xml' }, payload: body });
    expect(bad.statusCode).toBe(401);
    const response = await t.service.app.inject({ method: 'POST', url, headers: { 'content-type': 'text/xml' }, payload: body });
    expect([response.statusCode, response.body]).toEqual([200, 'success']);

    await eventually(async () => expect(await t.service.context.channels!.configs.readState(t.tenantId, 'wecom', 'cursor:wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw')).toBe('cursor-2'), 5000);
    const syncs = api.requests.filter((request) => request.path === '/cgi-bin/kf/sync_msg').map((request) => JSON.parse(request.body));
    expect(syncs.map((sync) => sync.cursor)).toEqual([undefined, 'cursor-1']);
    expect(syncs[0]).toMatchObject({ token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR', open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw', limit: 1000 });
    expect(await t.service.context.channels!.configs.readState(t.tenantId, 'wecom', 'cursor:wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw')).toBe('cursor-2');

    await eventually(async () => expect(await t.service.context.channels!.inbox.get(t.tenantId, 'wecom', 'from_customer_1')).toMatchObject({ status: 'done' }), 5000);
    const customer = (await t.service.context.store.findCustomerByIdentity(t.tenantId, 'wecom', 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw'))!;
    const [conversation] = await t.service.context.store.listConversations(t.tenantId, { customerId: customer.id });
    expect(conversation.channel).toBe('wecom');
    const customerMessages = (await t.service.context.store.listMessages(t.tenantId, conversation.id)).filter((message) => message.author === 'customer');
    expect(customerMessages.map((message) => message.text)).toEqual(['你好，我的订单到哪了']);
    await eventually(() => expect(api.requests.filter((request) => request.path === '/cgi-bin/kf/send_msg').length).toBeGreaterThanOrEqual(2));
    const sent = api.requests.filter((request) => request.path === '/cgi-bin/kf/send_msg').map((request) => JSON.parse(request.body));
    expect(sent.at(-1)).toMatchObject({ touser: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw', open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw', msgtype: 'text', text: { content: expect.stringContaining('请提供您的订单号。') } });
    expect(sent.every((send) => /^msg_[0-9A-Za-z_-]{1,28}$/.test(send.msgid))).toBe(true);
    expect(api.requests.find((request) => request.path === '/cgi-bin/gettoken')!.query.get('corpsecret')).toBe('kf-app-secret');
  });

  it('shows a permanent sync_msg refusal (48001) as the channel\'s problem instead of retrying it', async () => {
    const crypto = createWechatCrypto({ token: DOC.token, encodingAesKey: DOC.encodingAesKey, receiverId: DOC.corpId });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const event = `<xml><ToUserName><![CDATA[${DOC.corpId}]]></ToUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[wk-not-granted]]></OpenKfId></xml>`;
    const encrypt = crypto.encrypt(event);
    const response = await t.service.app.inject({
      method: 'POST', url: `/channels/wecom/${t.tenantId}?msg_signature=${crypto.sign(timestamp, 'kf48001', encrypt)}&timestamp=${timestamp}&nonce=kf48001`,
      headers: { 'content-type': 'text/xml' }, payload: `<xml><ToUserName><![CDATA[${DOC.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    });
    expect(response.body).toBe('success');
    const wecom = async () => (await t.service.app.inject({ url: '/v1/agent/channels', headers: { authorization: `Bearer ${t.adminToken}` } })).json().channels.find((channel: { kind: string }) => channel.kind === 'wecom');
    await eventually(async () => expect((await wecom()).problem).toMatchObject({ code: '48001', outcome: 'api_unauthorized', hint: { zh: expect.stringContaining('微信客服') } }), 5000);
    expect(api.requests.filter((request) => request.path === '/cgi-bin/kf/sync_msg' && request.body.includes('wk-not-granted'))).toHaveLength(1);
  });

  it('keeps secrets sealed in the database', async () => {
    const [row] = await t.sql.query<{ sealed_secrets: string; settings: unknown }>("SELECT * FROM channel_configs WHERE tenant_id = $1 AND kind = 'wecom'", [t.tenantId]);
    expect(row.sealed_secrets).toMatch(/^v1\./);
    expect(row.sealed_secrets).not.toContain('kf-app-secret');
    expect(JSON.stringify(row.settings)).not.toContain('kf-app-secret');
    expect((await t.service.context.channels!.configs.get(t.tenantId, 'wecom'))?.secrets.secret).toBe('kf-app-secret');
  });
});
