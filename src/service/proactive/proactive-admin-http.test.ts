import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { seedDemo, type DemoSeed } from '../demo-seed.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { widgetIdentityHmac } from '../auth/widget-identity.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';
import { conversationSender } from './conversation-sender.ts';
import { createProactiveCare } from './proactive-care.ts';

/** Retries an async check until it passes (proactive sends run as jobs). */
async function eventually(check: () => unknown, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return void (await check());
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
}

describe('proactive admin routes, tenant rules, read and replied outcomes', () => {
  let service: Service;
  let demo: DemoSeed;
  let sql: SqlClient;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    sql = await createPgliteClient();
    const store = await createSqlStore('pglite', sql);
    demo = (await seedDemo(store, { password: 'test-password-123' })) as DemoSeed;
    const logger = createLogger('info', new Writable({ write(_chunk, _encoding, done) { done(); } }));
    service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false } as never, {}), { store, logger, sql, engineFactory: async () => createScriptedEngine() });
    // No quiet hours (the real clock may be at night in Shanghai) and a cap of one message per customer per day.
    service.context.proactive?.stop();
    service.context.proactive = createProactiveCare({ sql, store, jobs: service.context.jobs, send: conversationSender(service.context.conversations), settings: { quietHours: null, capPerCustomer: 1 } });
    for (const user of await store.listUsers(demo.tenantId)) tokens[user.role] = service.context.signer.sign({ kind: 'agent', tenantId: demo.tenantId, userId: user.id, role: user.role }, 3600);
  });
  afterAll(async () => service.close());

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, role: string, payload?: object) =>
    service.app.inject({ method, url, headers: { authorization: `Bearer ${tokens[role]}` }, ...(payload ? { payload } : {}) });
  const api = (method: 'POST', url: string, payload: object) => service.app.inject({ method, url, headers: { authorization: `Bearer ${demo.apiKey}` }, payload });
  const vipRule = { event: 'order.delayed', when: { tier: 'vip' }, template: { zh: '尊敬的会员，订单 {orderId} 延误了，我们已为您优先处理。', en: 'Dear member, order {orderId} is late; we have put it first in line.' } };

  it('lists the defaults, validates and audits create/update/disable/delete (admins and supervisors only)', async () => {
    const listed = (await call('GET', '/v1/admin/proactive/rules', 'admin')).json().rules;
    expect(listed.map((entry: { rule: { id: string } }) => entry.rule.id)).toEqual(['order-delayed-apology', 'appointment-reminder', 'cart-abandoned-nudge', 'delivered-satisfaction']);
    expect(listed.every((entry: { source: string; enabled: boolean }) => entry.source === 'default' && entry.enabled)).toBe(true);
    expect((await call('GET', '/v1/admin/proactive/rules', 'agent')).statusCode).toBe(403);

    // A new rule needs event and template; bad event names and ids are refused.
    const incomplete = await call('PUT', '/v1/admin/proactive/rules/vip-delay', 'admin', { when: { tier: 'vip' } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().message).toContain('template');
    expect((await call('PUT', '/v1/admin/proactive/rules/vip-delay', 'admin', { ...vipRule, event: 'Order Delayed' })).statusCode).toBe(400);
    expect((await call('PUT', '/v1/admin/proactive/rules/VIP_delay', 'admin', vipRule)).statusCode).toBe(400);

    const created = await call('PUT', '/v1/admin/proactive/rules/vip-delay', 'supervisor', vipRule);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ source: 'custom', enabled: true, rule: { id: 'vip-delay', when: { tier: 'vip' }, delay: { afterMs: 0 }, channel: 'widget' } });
    const disabled = await call('PUT', '/v1/admin/proactive/rules/order-delayed-apology', 'admin', { enabled: false });
    expect(disabled.json()).toMatchObject({ source: 'override', enabled: false, rule: { event: 'order.delayed' } });
    // Partial edits keep the other fields.
    const edited = (await call('PUT', '/v1/admin/proactive/rules/delivered-satisfaction', 'admin', { delay: { afterMs: 3_600_000 } })).json();
    expect(edited).toMatchObject({ source: 'override', enabled: true, rule: { delay: { afterMs: 3_600_000 }, template: { zh: expect.stringContaining('{orderId}') } } });
    // Deleting an override restores the default; deleting a rule the tenant does not have is a 404.
    expect((await call('DELETE', '/v1/admin/proactive/rules/delivered-satisfaction', 'admin')).json().rule).toMatchObject({ source: 'default', rule: { delay: { afterMs: 72 * 3_600_000 } } });
    expect((await call('DELETE', '/v1/admin/proactive/rules/delivered-satisfaction', 'admin')).statusCode).toBe(404);

    const audit = await service.context.store.listAudit(demo.tenantId, { limit: 20 });
    const actions = audit.filter((entry) => entry.targetType === 'proactive_rule').map((entry) => `${entry.action} ${entry.targetId}`);
    expect(actions).toEqual(expect.arrayContaining(['proactive_rule.created vip-delay', 'proactive_rule.updated order-delayed-apology', 'proactive_rule.updated delivered-satisfaction', 'proactive_rule.deleted delivered-satisfaction']));
    expect(actions).toHaveLength(4);
  });

  it('handleEvent uses the tenant rules; the English message is read (HTTP receipt) and then replied to', async () => {
    await api('POST', '/v1/customers', { externalId: 'vip-en', name: 'Ann', attributes: { locale: 'en' } });
    await api('POST', '/v1/customers', { externalId: 'plain-zh', name: '李雷' });
    // The shop's widget names its signed-in customer with the identity HMAC (an id alone starts an anonymous visitor).
    const { settings } = (await service.context.store.getTenant(demo.tenantId))!;
    const hmac = widgetIdentityHmac(settings.widgetSecret, 'vip-en');
    const session = (await service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: demo.widgetKey, customerId: 'vip-en', hmac, locale: 'en' } })).json();
    expect((await api('POST', '/v1/events', { type: 'order.delayed', customerId: 'vip-en', data: { orderId: '#V1', tier: 'vip' } })).statusCode).toBe(200);
    // Default apology switched off, VIP rule's condition not met: nothing for this customer.
    expect((await api('POST', '/v1/events', { type: 'order.delayed', customerId: 'plain-zh', data: { orderId: '#P1', tier: 'normal' } })).statusCode).toBe(200);

    await eventually(async () => expect((await call('GET', '/v1/admin/proactive/log?status=sent', 'supervisor')).json().items).toHaveLength(1));
    const [row] = (await call('GET', '/v1/admin/proactive/log', 'admin')).json().items;
    expect(row).toMatchObject({ ruleId: 'vip-delay', customerExternalId: 'vip-en', conversationId: session.conversationId, readAt: null, repliedAt: null });
    const messages = await service.context.store.listMessages(demo.tenantId, session.conversationId);
    const proactive = messages.find((message) => message.id === row.messageId)!;
    expect(proactive.text).toBe('Dear member, order #V1 is late; we have put it first in line.');

    // A receipt for an earlier message does not cover it; one for its seq does.
    const read = (seq: number) => service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/read`, headers: { authorization: `Bearer ${session.token}` }, payload: { seq } });
    expect((await read(proactive.seq - 1)).statusCode).toBe(200);
    expect((await call('GET', '/v1/admin/proactive/log?status=read', 'admin')).json().total).toBe(0);
    expect((await read(proactive.seq)).statusCode).toBe(200);
    const afterRead = (await call('GET', '/v1/admin/proactive/log?status=read', 'admin')).json();
    expect(afterRead.items[0].readAt).not.toBeNull();
    expect(afterRead.items[0].repliedAt).toBeNull();
    const events = await service.context.store.listEvents(demo.tenantId, session.conversationId);
    expect(events.filter((event) => event.type === 'message.read').map((event) => event.data.seq)).toEqual([proactive.seq - 1, proactive.seq]);

    await service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: 'c-reply-1', text: 'thanks, when will it arrive?' } });
    const replied = (await call('GET', '/v1/admin/proactive/log?status=replied&customerId=vip-en', 'admin')).json();
    expect(replied.total).toBe(1);
    expect(Date.parse(replied.items[0].repliedAt)).toBeGreaterThanOrEqual(Date.parse(replied.items[0].readAt));
    expect((await call('GET', '/v1/admin/proactive/log?customerId=plain-zh', 'admin')).json().total).toBe(0);
  });

  it('the Chinese default is read through the WebSocket read frame and replied to', async () => {
    expect((await call('DELETE', '/v1/admin/proactive/rules/order-delayed-apology', 'admin')).statusCode).toBe(200);
    const base = (await service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const client = await connectTestClient(`${base}/v1/widget/ws`);
    client.send({ type: 'hello', tenantKey: demo.widgetKey, customerId: 'zh-ws' });
    const welcome = await client.waitFor((frame) => frame.type === 'welcome');
    await api('POST', '/v1/events', { type: 'order.delayed', customerId: 'zh-ws', data: { orderId: '#CN9', newDate: '11月30日' } });
    const pushed = await client.waitFor((frame) => frame.type === 'message' && frame.message.payload.ruleId === 'order-delayed-apology');
    expect(pushed.message.text).toContain('非常抱歉，您的订单 #CN9 延误了');
    expect(pushed.message.text).toContain('11月30日');
    await eventually(async () => expect((await call('GET', '/v1/admin/proactive/log?customerId=zh-ws&status=sent', 'admin')).json().total).toBe(1));
    client.send({ type: 'read', seq: pushed.message.seq });
    await eventually(async () => expect((await call('GET', '/v1/admin/proactive/log?customerId=zh-ws&status=read', 'admin')).json().total).toBe(1));
    client.send({ type: 'message', clientId: 'zh-reply-1', text: '好的，谢谢' });
    await client.waitFor((frame) => frame.type === 'ack' && frame.clientId === 'zh-reply-1');
    const log = (await call('GET', '/v1/admin/proactive/log?customerId=zh-ws&status=replied', 'admin')).json();
    expect(log.items[0]).toMatchObject({ ruleId: 'order-delayed-apology', conversationId: welcome.conversationId });
    client.socket.terminate();
  });

  it('previews who would be contacted: matching events in the window, minus opted-out and capped customers', async () => {
    const rule = { event: 'parcel.lost', when: { carrier: 'sf' }, template: { zh: '您的包裹 {parcelId} 丢失了，我们正在处理。', en: 'Your parcel {parcelId} was lost; we are on it.' } };
    expect((await call('PUT', '/v1/admin/proactive/rules/parcel-lost', 'admin', rule)).statusCode).toBe(200);
    const customers: Record<string, string> = {};
    for (const [externalId, attributes] of [['lost-1', {}], ['lost-2', {}], ['lost-opted-out', { proactiveOptOut: true }], ['lost-capped', {}], ['lost-other-carrier', {}], ['lost-long-ago', {}]] as const) {
      customers[externalId] = (await api('POST', '/v1/customers', { externalId, attributes })).json().id;
    }
    const event = (externalId: string, data: object, daysAgo = 0) => sql.query(
      "INSERT INTO events (tenant_id, customer_id, type, data, created_at) VALUES ($1, $2, 'parcel.lost', $3, now() - make_interval(days => $4))",
      [demo.tenantId, customers[externalId], JSON.stringify(data), daysAgo],
    );
    await event('lost-1', { carrier: 'sf', parcelId: 'P1' }, 1);
    await event('lost-2', { carrier: 'sf', parcelId: 'P2' }, 2);
    await event('lost-2', { carrier: 'sf', parcelId: 'P3' }, 0);
    await event('lost-opted-out', { carrier: 'sf', parcelId: 'P4' });
    await event('lost-capped', { carrier: 'sf', parcelId: 'P5' });
    await event('lost-other-carrier', { carrier: 'ems', parcelId: 'P6' });
    await event('lost-long-ago', { carrier: 'sf', parcelId: 'P7' }, 20);
    await sql.query("INSERT INTO proactive_sends (id, tenant_id, customer_id, rule_id, event_key, event_type, due_at, status, outcome) VALUES ('pro_capped', $1, $2, 'parcel-lost', 'k', 'parcel.lost', now(), 'sent', 'sent')", [demo.tenantId, customers['lost-capped']]);

    const preview = (await call('POST', '/v1/admin/proactive/rules/parcel-lost/preview', 'supervisor', { days: 7 })).json();
    expect(preview).toMatchObject({ ruleId: 'parcel-lost', event: 'parcel.lost', days: 7, matched: 4, optedOut: 1, capped: 1, wouldContact: 2 });
    expect(preview.examples.map((example: { externalId: string; events: number }) => `${example.externalId}:${example.events}`)).toEqual(['lost-2:2', 'lost-1:1']);
    // A longer window reaches the old event; an unsaved draft without conditions also matches the other carrier.
    expect((await call('POST', '/v1/admin/proactive/rules/parcel-lost/preview', 'admin', { days: 30 })).json().wouldContact).toBe(3);
    expect((await call('POST', '/v1/admin/proactive/rules/parcel-lost/preview', 'admin', { days: 7, rule: { when: {} } })).json().wouldContact).toBe(3);
    expect((await call('POST', '/v1/admin/proactive/rules/no-such-rule/preview', 'admin', { days: 7 })).statusCode).toBe(404);
    expect((await call('POST', '/v1/admin/proactive/rules/parcel-lost/preview', 'agent', { days: 7 })).statusCode).toBe(403);
  });
  it('previews only messages that are due now: delay passed, not sent, not cancelled; reminders before their time; none in quiet hours', async () => {
    const customers: Record<string, string> = {};
    for (const externalId of ['cart-fresh', 'cart-stale', 'cart-bought', 'cart-sent', 'cart-twice', 'visit-tomorrow', 'visit-next-week', 'visit-over', 'visit-bad-date']) {
      customers[externalId] = (await api('POST', '/v1/customers', { externalId })).json().id;
    }
    const event = (externalId: string, type: string, data: object, minutesAgo: number) => sql.query(
      'INSERT INTO events (tenant_id, customer_id, type, data, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(mins => $5))',
      [demo.tenantId, customers[externalId], type, JSON.stringify(data), minutesAgo],
    );
    // cart-abandoned-nudge: 2 h after cart.updated, cancelled by order.placed or a newer cart.updated.
    await event('cart-fresh', 'cart.updated', { cartId: 'C1' }, 30);
    await event('cart-stale', 'cart.updated', { cartId: 'C2' }, 180);
    await event('cart-bought', 'cart.updated', { cartId: 'C3' }, 180);
    await event('cart-bought', 'order.placed', { orderId: 'O3' }, 60);
    await event('cart-sent', 'cart.updated', { cartId: 'C4' }, 300);
    await sql.query("INSERT INTO proactive_sends (id, tenant_id, customer_id, rule_id, event_key, event_type, event_data, due_at, status, outcome) VALUES ('pro_cart_sent', $1, $2, 'cart-abandoned-nudge', 'k4', 'cart.updated', $3, now(), 'skipped', 'opted_out')",
      [demo.tenantId, customers['cart-sent'], JSON.stringify({ cartId: 'C4' })]);
    await event('cart-twice', 'cart.updated', { cartId: 'C5' }, 300);
    await event('cart-twice', 'cart.updated', { cartId: 'C5', items: 2 }, 10);
    // Switching the default off and on keeps its delay and cancelOn (a partial body must not reset them to defaults).
    expect((await call('PUT', '/v1/admin/proactive/rules/cart-abandoned-nudge', 'admin', { enabled: false })).json().rule).toMatchObject({ delay: { afterMs: 7_200_000 }, cancelOn: ['order.placed', 'cart.updated'] });
    expect((await call('PUT', '/v1/admin/proactive/rules/cart-abandoned-nudge', 'admin', { enabled: true })).json()).toMatchObject({ enabled: true, rule: { delay: { afterMs: 7_200_000 } } });
    const cart = (await call('POST', '/v1/admin/proactive/rules/cart-abandoned-nudge/preview', 'admin', { days: 7 })).json();
    expect(cart).toMatchObject({ matched: 5, notDue: 2, cancelled: 1, alreadyHandled: 1, optedOut: 0, capped: 0, deferred: 0, quietUntil: null, wouldContact: 1 });
    expect(cart.examples.map((example: { externalId: string }) => example.externalId)).toEqual(['cart-stale']);
    // A draft without the delay would contact the fresh cart too (the newer cart of cart-twice cancels nothing after it).
    const eager = (await call('POST', '/v1/admin/proactive/rules/cart-abandoned-nudge/preview', 'admin', { days: 7, rule: { delay: { afterMs: 0 } } })).json();
    expect(eager.examples.map((example: { externalId: string }) => example.externalId).sort()).toEqual(['cart-fresh', 'cart-stale', 'cart-twice']);

    // appointment-reminder: 24 h before data.at, and only while the appointment is still ahead.
    const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    await event('visit-tomorrow', 'appointment.booked', { service: '洁牙', at: inHours(20) }, 600);
    await event('visit-next-week', 'appointment.booked', { service: 'checkup', at: inHours(24 * 6) }, 600);
    await event('visit-over', 'appointment.booked', { service: '复诊', at: inHours(-2) }, 600);
    await event('visit-bad-date', 'appointment.booked', { service: 'x', at: 'next Tuesday-ish' }, 600);
    const reminder = (await call('POST', '/v1/admin/proactive/rules/appointment-reminder/preview', 'admin', { days: 7 })).json();
    expect(reminder).toMatchObject({ matched: 4, notDue: 1, alreadyHandled: 2, wouldContact: 1 });
    expect(reminder.examples.map((example: { externalId: string }) => example.externalId)).toEqual(['visit-tomorrow']);

    // During quiet hours nobody is contacted now; the eligible customers are deferred to the window's end.
    const night = createProactiveCare({ sql, store: service.context.store, jobs: service.context.jobs, send: conversationSender(service.context.conversations), settings: { quietHours: { start: '00:00', end: '23:59' } } });
    const rule = (await night.rules.get(demo.tenantId, 'cart-abandoned-nudge'))!.rule;
    const quiet = await night.preview(demo.tenantId, rule, 7);
    expect(quiet).toMatchObject({ wouldContact: 0, deferred: 1 });
    expect(Date.parse(quiet.quietUntil!)).toBeGreaterThan(Date.now());
  });
});
