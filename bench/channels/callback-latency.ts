/**
 * Callback latency of the WeChat Official Account and WeCom (微信客服) channels with a slow engine (issue 27 item 1).
 * WeChat waits 5 s for a callback's answer; a tenant LLM may take longer. The service runs on 127.0.0.1 with the
 * scripted engine delayed by `delayMs` per turn, a fake WeChat/WeCom API on 127.0.0.1, and `callbacks` signed text
 * callbacks per channel (distinct customers, `concurrency` in flight) posted over real HTTP. It reports the callback
 * latency (p50/p99/max, and p99 as a ratio to the engine delay: it should be far below 1) and, to show the work still
 * happens, the time from callback to the bot's reply reaching the fake API.
 *
 * Run: npx tsx bench/channels/callback-latency.ts [delayMs=3000] [callbacks=40] [concurrency=8]
 * With DATABASE_URL set the service runs on PostgreSQL (a fresh schema, dropped afterwards), else on embedded PGlite,
 * whose queries all run on the one event loop (so under load the callback waits behind the jobs' queries).
 */
import { performance } from 'node:perf_hooks';
import { createChannelTestService, createSlowEngine, startFakeApi } from '../../src/service/channels/channel-test-service.ts';
import { createWechatCrypto, wechatSignature } from '../../src/service/channels/wechat/wechat-crypto.ts';

const delayMs = Number(process.argv[2] ?? 3000);
const callbacks = Number(process.argv[3] ?? 40);
const concurrency = Number(process.argv[4] ?? 8);
const TOKEN = 'benchtoken';
const WECOM = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
const OPEN_KF_ID = 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw';

const postedAt = new Map<string, number>();
const repliedAfter: Record<'wechat' | 'wecom', number[]> = { wechat: [], wecom: [] };
const wecomPending: Array<{ msgid: string; user: string }> = [];
const api = await startFakeApi((request) => {
  if (request.path === '/cgi-bin/token' || request.path === '/cgi-bin/gettoken') return { json: { errcode: 0, access_token: 'token', expires_in: 7200 } };
  if (request.path === '/cgi-bin/kf/sync_msg') {
    const page = wecomPending.splice(0);
    return { json: { errcode: 0, errmsg: 'ok', next_cursor: `c${Date.now()}`, has_more: 0, msg_list: page.map((item) => ({ msgid: item.msgid, open_kfid: OPEN_KF_ID, external_userid: item.user, send_time: Math.floor(Date.now() / 1000), origin: 3, msgtype: 'text', text: { content: '我的订单到哪了' } })) } };
  }
  const body = JSON.parse(request.body) as { touser: string };
  const kind = request.path === '/cgi-bin/kf/send_msg' ? 'wecom' : 'wechat';
  const started = postedAt.get(`${kind}:${body.touser}`);
  if (started !== undefined) {
    repliedAfter[kind].push(performance.now() - started);
    postedAt.delete(`${kind}:${body.touser}`);
  }
  return { json: { errcode: 0, errmsg: 'ok' } };
});
const postgresUrl = process.env.DATABASE_URL;
const t = await createChannelTestService({}, { engine: () => createSlowEngine(delayMs), ...(postgresUrl ? { postgresUrl } : {}) });
const admin = { authorization: `Bearer ${t.adminToken}` };
await t.service.app.inject({ method: 'PUT', url: '/v1/agent/channels/wechat', headers: admin, payload: { settings: { appId: 'wx2c2769f8efd9abc2', apiBaseUrl: api.url }, secrets: { token: TOKEN, appSecret: 'app-secret' } } });
await t.service.app.inject({ method: 'PUT', url: '/v1/agent/channels/wecom', headers: admin, payload: { settings: { corpId: WECOM.corpId, apiBaseUrl: api.url }, secrets: { token: WECOM.token, encodingAesKey: WECOM.encodingAesKey, secret: 'kf-secret' } } });
const base = await t.service.app.listen({ host: '127.0.0.1', port: 0 });
const crypto = createWechatCrypto({ token: WECOM.token, encodingAesKey: WECOM.encodingAesKey, receiverId: WECOM.corpId });

async function wechatCallback(index: number): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `bench${index}`;
  const openid = `openid-bench-${index}`;
  postedAt.set(`wechat:${openid}`, performance.now());
  const xml = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[我的订单到哪了]]></Content><MsgId>${7000000000000000000n + BigInt(index)}</MsgId></xml>`;
  return fetch(`${base}/channels/wechat/${t.tenantId}?timestamp=${timestamp}&nonce=${nonce}&signature=${wechatSignature(TOKEN, timestamp, nonce)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
}

async function wecomCallback(index: number): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const user = `wm-bench-${index}`;
  wecomPending.push({ msgid: `bench_msg_${index}`, user });
  postedAt.set(`wecom:${user}`, performance.now());
  const event = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[${OPEN_KF_ID}]]></OpenKfId></xml>`;
  const encrypt = crypto.encrypt(event);
  const nonce = `kfbench${index}`;
  return fetch(`${base}/channels/wecom/${t.tenantId}?msg_signature=${crypto.sign(timestamp, nonce, encrypt)}&timestamp=${timestamp}&nonce=${nonce}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` });
}

async function measure(post: (index: number) => Promise<Response>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < callbacks) {
      const index = next++;
      const started = performance.now();
      const response = await post(index);
      const text = await response.text();
      latencies.push(performance.now() - started);
      if (response.status !== 200 || text !== 'success') throw new Error(`callback ${index} answered ${response.status} ${text}`);
    }
  }));
  return latencies;
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)].toFixed(1)) : null;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
};
const waitForReplies = async (kind: 'wechat' | 'wecom') => {
  const deadline = Date.now() + delayMs * callbacks + 30_000;
  while (repliedAfter[kind].length < callbacks && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
};

const result: Record<string, unknown> = { database: postgresUrl ? 'postgres' : 'pglite', delayMs, callbacks, concurrency };
for (const [kind, post] of [['wechat', wechatCallback], ['wecom', wecomCallback]] as const) {
  const latencies = summary(await measure(post));
  await waitForReplies(kind);
  result[kind] = { callbackMs: latencies, p99OverEngineDelay: Number(((latencies.p99 ?? 0) / delayMs).toFixed(3)), replyMs: summary(repliedAfter[kind]) };
}
console.log(JSON.stringify(result, null, 2));
await t.close();
await api.close();
