import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionServer, verifySignature, type ExampleOrder } from '../../examples/action-server/server.ts';
import { loadStore } from '../../src/packs/ecommerce/store/load-store.ts';
import { loadServiceConfig } from '../../src/service/config.ts';
import { signRequest } from '../../src/service/connectors/http-operation.ts';
import { createService, type Service } from '../../src/service/create-service.ts';
import { createLogger } from '../../src/service/observability/logger.ts';
import { createPgliteClient } from '../../src/service/storage/pglite-client.ts';
import { createSqlStore } from '../../src/service/storage/sql-store.ts';

/**
 * The action-server protocol (issue 20 item 2) with the runnable example of examples/action-server: Lingxi POSTs each
 * call signed to one URL and validates the answer; the bot tracks and cancels (after the yes) through the business's code.
 */
const SECRET = 'action-secret-0123456789';
const TRACK = { phone: '13927585713', order: '#CN2611283086' };
const CANCEL = { phone: '18235816343', order: '#CN2611502925' };
let service: Service;
let server: Server;
let orders: ExampleOrder[];
let admin: { authorization: string };
const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-action-server-'));

beforeAll(async () => {
  const store = await loadStore('store-zh');
  orders = Object.values(store.orders).map((order) => structuredClone(order) as unknown as ExampleOrder);
  const tracked = orders.find((order) => order.order_id === TRACK.order)!;
  tracked.fulfillments[0].events = [...(tracked.fulfillments[0].events ?? []), { time: '2099-01-01T08:00:00', description: 'ACTION-SERVER 已到达驿站', location: '灵犀驿站' }];
  server = createActionServer({ secret: SECRET, orders });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sql = await createPgliteClient();
  service = await createService(loadServiceConfig({ dataDir, demoPassword: 'demo-password-1' }, {}), { store: await createSqlStore('pglite', sql), sql, logger: createLogger('silent'), warmEngines: false });
  const login = (await service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'admin@demo.lingxi.local', password: 'demo-password-1' } })).json();
  admin = { authorization: `Bearer ${login.token}` };
}, 120_000);
afterAll(async () => {
  await service.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

async function connect(secret: string): Promise<string> {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lingxi`;
  const response = await service.app.inject({
    method: 'POST', url: '/v1/admin/connectors', headers: admin,
    payload: { connector: { kind: 'action-server', pack: 'ecommerce', name: 'Shop code', baseUrl: url, auth: { kind: 'hmac' }, timeoutMs: 1_000, tools: ['track_order', 'get_order_details', 'cancel_pending_order'] }, secret },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().id;
}

async function chat(customerId: string, locale: 'zh' | 'en') {
  const session = (await service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: service.demo!.widgetKey, customerId, locale } })).json();
  let count = 0;
  return {
    async say(text: string) {
      const response = await service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: `${customerId}-${++count}`, text } });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().messages as Array<{ author: string; text: string }>).filter((message) => message.author !== 'customer').map((message) => message.text).join('\n');
    },
  };
}

describe('action server', () => {
  it('verifies signatures and refuses stale or forged ones', () => {
    const body = '{"tool":"track_order"}';
    const now = Date.now();
    const timestamp = String(Math.floor(now / 1000));
    expect(verifySignature(SECRET, timestamp, signRequest(SECRET, timestamp, body), body, now)).toBe(true);
    expect(verifySignature(SECRET, timestamp, signRequest('other', timestamp, body), body, now)).toBe(false);
    expect(verifySignature(SECRET, timestamp, signRequest(SECRET, timestamp, body), `${body} `, now)).toBe(false);
    expect(verifySignature(SECRET, timestamp, signRequest(SECRET, timestamp, body), body, now + 600_000)).toBe(false);
  });

  it('a wrong secret: the server refuses, the customer hears the truth and gets a person', async () => {
    const id = await connect('not-the-secret');
    const test = (await service.app.inject({ method: 'POST', url: `/v1/admin/connectors/${id}/test`, headers: admin, payload: { tool: 'track_order', arguments: { order_id: TRACK.order } } })).json();
    expect(test).toMatchObject({ ok: false, status: 401, reason: 'auth' });
    const zh = await chat('action-bad-secret', 'zh');
    await zh.say('我的快递到哪了');
    expect(await zh.say(TRACK.phone)).toContain('人工客服');
    expect((await service.app.inject({ method: 'DELETE', url: `/v1/admin/connectors/${id}`, headers: admin })).statusCode).toBe(204);
  });

  it('tracks (Chinese) and cancels after the yes (English) through the business code', async () => {
    await connect(SECRET);
    const zh = await chat('action-track', 'zh');
    await zh.say('我的快递到哪了');
    expect(await zh.say(TRACK.phone)).toContain('ACTION-SERVER 已到达驿站');
    const en = await chat('action-cancel', 'en');
    await en.say('I want to cancel my order');
    expect(await en.say(CANCEL.phone)).toContain(CANCEL.order);
    await en.say('I ordered it by mistake');
    expect(orders.find((order) => order.order_id === CANCEL.order)?.status).toBe('pending');
    expect((await en.say('yes')).toLowerCase()).toContain('cancelled');
    expect(orders.find((order) => order.order_id === CANCEL.order)).toMatchObject({ status: 'cancelled', cancel_reason: 'ordered by mistake' });
  });
});
