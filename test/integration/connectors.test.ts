import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadStore } from '../../src/packs/ecommerce/store/load-store.ts';
import { loadServiceConfig } from '../../src/service/config.ts';
import { MOCK_SHOP_MAPPINGS, startMockShop, toShopOrder, type MockShop } from '../../src/service/connectors/__fixtures__/mock-shop.ts';
import { createService, type Service } from '../../src/service/create-service.ts';
import { createLogger } from '../../src/service/observability/logger.ts';
import { createPgliteClient } from '../../src/service/storage/pglite-client.ts';
import type { SqlClient } from '../../src/service/storage/sql-client.ts';
import { createSqlStore } from '../../src/service/storage/sql-store.ts';

/**
 * Issue 20 item 2, end to end: a tenant imports the OpenAPI document of a shop platform (a real HTTP server on
 * 127.0.0.1, its own API shape), maps the order tools onto its operations through the admin API, and the offline bot
 * tracks and cancels (after the customer's yes) through it, in Chinese and English. Each failure a real backend has
 * (timeout, 500, an answer that is not JSON or not the expected shape, refused credentials) gets an honest answer and a
 * person, never a crash and never a claim that something was done.
 */
const TOKEN = 'shop-token-0123456789';
const TRACK_ZH = { phone: '13927585713', order: '#CN2611283086' };
const TRACK_EN = { phone: '19949425647', order: '#CN2611117729' };
const CANCEL_ZH = { phone: '18235816343', order: '#CN2611502925' };
const CANCEL_EN = { phone: '17856072182', order: '#CN2611169695' };
const FAIL = { phone: '18411825857', order: '#CN2611870577' };

let service: Service;
let sql: SqlClient;
let shop: MockShop;
let admin: { authorization: string };
let connectorId = '';
const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-connectors-'));

beforeAll(async () => {
  const store = await loadStore('store-zh');
  shop = await startMockShop({ token: TOKEN, orders: Object.values(store.orders).map((order) => toShopOrder(order, { at: '2099-01-01T08:00:00', where: '灵犀测试仓 Mock Hub', what: 'SHOP-API 包裹已到达分拣中心' })) });
  sql = await createPgliteClient();
  service = await createService(loadServiceConfig({ dataDir, demoPassword: 'demo-password-1' }, {}), { store: await createSqlStore('pglite', sql), sql, logger: createLogger('silent'), warmEngines: false });
  const login = (await service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'admin@demo.lingxi.local', password: 'demo-password-1' } })).json();
  admin = { authorization: `Bearer ${login.token}` };
}, 120_000);
afterAll(async () => {
  await service.close();
  await shop.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => { shop.mode = 'ok'; });

async function chat(customerId: string, locale: 'zh' | 'en') {
  const session = (await service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: service.demo!.widgetKey, customerId, locale } })).json();
  let count = 0;
  return {
    conversationId: session.conversationId as string,
    async say(text: string) {
      const response = await service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: `${customerId}-${++count}`, text } });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().messages as Array<{ author: string; text: string }>).filter((message) => message.author !== 'customer').map((message) => message.text).join('\n');
    },
    owner: async () => (await service.context.store.getConversation(service.demo!.tenantId, session.conversationId))?.owner,
  };
}

const localStatus = async (order: string) => (await sql.query<{ status: string }>(`SELECT value->>'status' AS status FROM pack_backend_records WHERE pack = 'ecommerce' AND collection = 'orders' AND key = $1`, [order]))[0]?.status;

describe('connectors through the service', () => {
  it('imports the OpenAPI document, drafts the mapping, saves the connector and tests an operation', async () => {
    const contracts = (await service.app.inject({ url: '/v1/admin/connectors/contracts?pack=ecommerce', headers: admin })).json();
    expect(contracts.contracts.find((contract: { name: string }) => contract.name === 'cancel_pending_order')).toMatchObject({ access: 'write', needsApproval: true });
    const imported = await service.app.inject({
      method: 'POST', url: '/v1/admin/connectors/openapi', headers: admin,
      payload: { document: shop.document, pack: 'ecommerce', pick: { track_order: 'getOrderTracking', cancel_pending_order: 'cancelOrder', get_order_details: 'getOrder' } },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const { operations, drafts } = imported.json();
    expect(operations.map((operation: { operationId: string }) => operation.operationId)).toEqual(['getOrder', 'getOrderTracking', 'cancelOrder']);
    expect(drafts.cancel_pending_order.operation).toMatchObject({ method: 'POST', path: '/v2/orders/{orderId}/cancellations', body: { reason: '{{reason}}' } });
    // The shop names the order id differently and has its own shape: the draft says what is left to map by hand.
    expect(drafts.track_order.unmatched).toContain('path parameter orderId');
    const tools = Object.fromEntries(Object.entries(drafts as Record<string, { operation: { path: string } & Record<string, unknown> }>).map(([tool, draft]) => [tool, {
      ...draft.operation, path: draft.operation.path.replace('{orderId}', '{order_id}'),
      result: tool === 'track_order' ? MOCK_SHOP_MAPPINGS.tracking : MOCK_SHOP_MAPPINGS.order,
      sample: { order_id: TRACK_ZH.order },
    }]));
    const saved = await service.app.inject({ method: 'POST', url: '/v1/admin/connectors', headers: admin, payload: { connector: { kind: 'http', pack: 'ecommerce', name: 'Mock shop', baseUrl: shop.url, auth: { kind: 'bearer' }, timeoutMs: 400, retries: 1, tools }, secret: TOKEN } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ hasSecret: true, circuit: 'closed' });
    expect(saved.body).not.toContain(TOKEN);
    connectorId = saved.json().id;
    const stored = (await sql.query<{ sealed_secret: string; spec: unknown }>('SELECT sealed_secret, spec FROM tenant_connectors WHERE id = $1', [connectorId]))[0];
    expect(stored.sealed_secret).not.toContain(TOKEN);
    expect(JSON.stringify(stored.spec)).not.toContain(TOKEN);

    const test = (await service.app.inject({ method: 'POST', url: `/v1/admin/connectors/${connectorId}/test`, headers: admin, payload: { tool: 'track_order' } })).json();
    expect(test).toMatchObject({ ok: true, status: 200, result: { order_id: TRACK_ZH.order, status: 'processed' } });
    expect(test.answer).toMatchObject({ id: TRACK_ZH.order, state: 'shipped' });
    const write = await service.app.inject({ method: 'POST', url: `/v1/admin/connectors/${connectorId}/test`, headers: admin, payload: { tool: 'cancel_pending_order', arguments: { order_id: CANCEL_ZH.order, reason: 'no longer needed' } } });
    expect(write.statusCode).toBe(400);
    expect(write.json().message).toContain('confirmWrite');
    const duplicate = await service.app.inject({ method: 'POST', url: '/v1/admin/connectors', headers: admin, payload: { connector: { kind: 'action-server', pack: 'ecommerce', name: 'dup', baseUrl: shop.url, tools: ['track_order'] } } });
    expect(duplicate.statusCode).toBe(409);
  });

  it('tracks an order through the shop (Chinese)', async () => {
    const zh = await chat('con-track-zh', 'zh');
    await zh.say('我的快递到哪了');
    const answer = await zh.say(TRACK_ZH.phone);
    expect(answer).toContain('SHOP-API 包裹已到达分拣中心');
    expect(shop.requests.some((request) => request.method === 'GET' && request.path === `/v2/orders/${TRACK_ZH.order}/tracking`)).toBe(true);
  });

  it('tracks an order through the shop (English)', async () => {
    const en = await chat('con-track-en', 'en');
    let answer = await en.say('Where is my package?');
    answer += await en.say(TRACK_EN.phone);
    if (!answer.includes('SHOP-API')) answer += await en.say(TRACK_EN.order);
    expect(answer).toContain('SHOP-API');
  });

  it('cancels only after the yes, once, with an idempotency key; the local demo backend is not touched (Chinese)', async () => {
    const zh = await chat('con-cancel-zh', 'zh');
    await zh.say('取消订单');
    await zh.say(CANCEL_ZH.phone);
    const asked = await zh.say('下错单了');
    expect(asked).toContain(CANCEL_ZH.order);
    expect(shop.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
    expect(shop.orders.get(CANCEL_ZH.order)?.state).toBe('awaiting_shipment');
    const done = await zh.say('确认');
    expect(done).toContain('已取消');
    const posts = shop.requests.filter((request) => request.method === 'POST' && request.path === `/v2/orders/${CANCEL_ZH.order}/cancellations`);
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({ reason: 'ordered by mistake' });
    expect(posts[0].idempotencyKey).toMatch(/^[0-9a-f]{40}$/);
    expect(shop.orders.get(CANCEL_ZH.order)).toMatchObject({ state: 'cancelled', cancel_reason: 'ordered by mistake' });
    expect(await localStatus(CANCEL_ZH.order)).toBe('pending');
    expect(await zh.owner()).toBe('bot');
  });

  it('cancels after the yes (English), and a refusal of the shop reaches the customer as its answer', async () => {
    const en = await chat('con-cancel-en', 'en');
    await en.say('I want to cancel my order');
    expect(await en.say(CANCEL_EN.phone)).toContain(CANCEL_EN.order);
    await en.say('I ordered it by mistake');
    const done = await en.say('yes');
    expect(done.toLowerCase()).toContain('cancelled');
    expect(shop.orders.get(CANCEL_EN.order)?.state).toBe('cancelled');
    // The order ships while the customer reads the recap: the bot reads the shop's order again and says so; nothing is sent.
    const shipped = await chat('con-shipped-en', 'en');
    await shipped.say('I want to cancel my order');
    await shipped.say(FAIL.phone);
    await shipped.say('I ordered it by mistake');
    shop.orders.get(FAIL.order)!.state = 'shipped';
    const late = await shipped.say('yes');
    expect(late).toContain('processed');
    expect(late.toLowerCase()).not.toContain('is cancelled');
    expect(shop.requests.some((request) => request.method === 'POST' && request.path.includes(FAIL.order))).toBe(false);
    shop.orders.get(FAIL.order)!.state = 'awaiting_shipment';
    // The shop refuses the cancellation itself (409): its reason is the answer, nothing is claimed, the bot keeps the conversation.
    const refusedChat = await chat('con-refused-en', 'en');
    await refusedChat.say('I want to cancel my order');
    await refusedChat.say(FAIL.phone);
    await refusedChat.say('I ordered it by mistake');
    shop.refuse = 'the warehouse has already packed this order';
    try {
      const refused = await refusedChat.say('yes');
      expect(refused).toContain('the warehouse has already packed this order');
      expect(refused.toLowerCase()).not.toContain('is cancelled');
    } finally {
      shop.refuse = null;
    }
    expect(shop.orders.get(FAIL.order)?.state).toBe('awaiting_shipment');
    expect(await refusedChat.owner()).toBe('bot');
  });

  const failures: Array<[MockShop['mode'], string]> = [['hang', 'timeout'], ['error', '500'], ['not-json', 'malformed (not JSON)'], ['wrong-shape', 'malformed (wrong shape)'], ['unauthorized', '401']];
  for (const [mode, label] of failures) {
    it(`a ${label} while tracking: an honest notice and a person, in Chinese`, async () => {
      const zh = await chat(`con-fail-${mode}`, 'zh');
      await zh.say('我的快递到哪了');
      shop.mode = mode;
      const answer = await zh.say(TRACK_ZH.phone);
      expect(answer).toContain('业务系统');
      expect(answer).toContain('人工客服');
      expect(answer).not.toContain('SHOP-API');
      expect(await zh.owner()).toBe('queued');
    });
  }

  it('the repeated failures opened the circuit: no call reaches the shop until the cooldown or a change', async () => {
    expect((await service.app.inject({ url: `/v1/admin/connectors/${connectorId}`, headers: admin })).json().circuit).toBe('open');
    const zh = await chat('con-circuit', 'zh');
    await zh.say('我的快递到哪了');
    const before = shop.requests.length;
    expect(await zh.say(TRACK_ZH.phone)).toContain('人工客服');
    expect(shop.requests.length).toBe(before);
    // Saving the connector again (a new revision) starts with a closed circuit on every node.
    const current = (await service.app.inject({ url: `/v1/admin/connectors/${connectorId}`, headers: admin })).json();
    const saved = await service.app.inject({ method: 'PUT', url: `/v1/admin/connectors/${connectorId}`, headers: admin, payload: { connector: current.connector } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ circuit: 'closed', hasSecret: true, revision: 2 });
  });

  it('a timeout on the confirmed write says the outcome is unknown (English) and is not retried', async () => {
    const en = await chat('con-fail-write', 'en');
    await en.say('I want to cancel my order');
    await en.say(FAIL.phone);
    await en.say('I ordered it by mistake');
    const before = shop.requests.length;
    shop.mode = 'hang-writes';
    const answer = await en.say('yes');
    expect(answer).toContain("can't confirm whether the change went through");
    expect(shop.requests.slice(before).filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(await en.owner()).toBe('queued');
  });

  it('removing the connector sends the tools back to the demo backend', async () => {
    // The breaker may be open after the failures above; removal must not depend on it.
    const removed = await service.app.inject({ method: 'DELETE', url: `/v1/admin/connectors/${connectorId}`, headers: admin });
    expect(removed.statusCode).toBe(204);
    const zh = await chat('con-removed', 'zh');
    await zh.say('我的快递到哪了');
    const before = shop.requests.length;
    const answer = await zh.say(TRACK_ZH.phone);
    expect(answer).not.toContain('SHOP-API');
    expect(shop.requests.length).toBe(before);
    expect(await zh.owner()).toBe('bot');
  });
});
