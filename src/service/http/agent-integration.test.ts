import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestService, TEST_PASSWORD, type TestService } from '../testing/create-test-service.ts';
import { signWebhook } from '../webhooks/webhook-dispatcher.ts';

let t: TestService;
beforeAll(async () => {
  t = await createTestService();
});
afterAll(async () => t.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string, payload?: Record<string, unknown>) =>
  t.service.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

describe('agent API', () => {
  it('logs in with the demo password and rejects a wrong one', async () => {
    const ok = await t.service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'agent@demo.lingxi.local', password: TEST_PASSWORD } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ role: 'agent', email: 'agent@demo.lingxi.local' });
    expect(ok.json().user.passwordHash).toBeUndefined();
    expect((await call('GET', '/v1/agent/me', ok.json().token)).json().tenantId).toBe(t.a.tenantId);
    const bad = await t.service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'agent@demo.lingxi.local', password: 'wrong' } });
    expect(bad.statusCode).toBe(401);
    expect((await call('GET', '/v1/agent/me', 'nonsense')).statusCode).toBe(401);
  });

  it('filters the queue, notes, closes with a reason and shows customer history', async () => {
    const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'angry-1' } })).json();
    await t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: '1', text: '气死了，转人工' } });
    const token = t.a.tokens.agent;
    const negative = (await call('GET', '/v1/agent/conversations?sentiment=negative&status=queued', token)).json().conversations;
    expect(negative.map((c: { id: string }) => c.id)).toEqual([session.conversationId]);
    expect(negative[0].priority).toBe(3); // anger at polarity -0.8: the highest priority (see conversation/priority.ts)
    expect((await call('GET', '/v1/agent/conversations?queue=mine', token)).json().conversations).toEqual([]);
    expect((await call('POST', `/v1/agent/conversations/${session.conversationId}/take-over`, token)).statusCode).toBe(200);
    expect((await call('GET', '/v1/agent/conversations?queue=mine', token)).json().conversations.map((c: { id: string }) => c.id)).toEqual([session.conversationId]);
    const note = await call('POST', `/v1/agent/conversations/${session.conversationId}/notes`, token, { text: 'VIP，优先处理' });
    expect(note.statusCode).toBe(200);
    const bad = await call('POST', `/v1/agent/conversations/${session.conversationId}/close`, token, { resolution: 'whatever' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/body\.resolution/);
    const closed = (await call('POST', `/v1/agent/conversations/${session.conversationId}/close`, token, { resolution: 'resolved' })).json();
    expect(closed.conversation).toMatchObject({ owner: 'closed', resolution: 'resolved' });
    const detail = (await call('GET', `/v1/agent/conversations/${session.conversationId}`, token)).json();
    expect(detail.notes.map((n: { text: string }) => n.text)).toEqual(['VIP，优先处理']);
    expect(detail.messages.at(-1)).toMatchObject({ author: 'system', text: '会话已结束' });
    const history = (await call('GET', `/v1/agent/customers/${detail.conversation.customerId}`, token)).json();
    expect(history.customer.externalId).toBe('angry-1');
    expect(history.conversations).toHaveLength(1);
    // Writing again reopens the conversation to the bot.
    const reopened = await t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: '2', text: 'order?' } });
    expect(reopened.json().messages.map((m: { author: string }) => m.author)).toEqual(['customer', 'bot']);
    // …and the bot answers the question instead of saying the customer is still queued for an agent (issue 28 item 8).
    const conversationAfter = (await call('GET', `/v1/agent/conversations/${session.conversationId}`, token)).json().conversation;
    expect(conversationAfter.owner).toBe('bot');
    expect(reopened.json().messages[1].payload.awaiting).toBe('order_id');
  });

  it('restricts administration to admins', async () => {
    expect((await call('GET', '/v1/agent/settings', t.a.tokens.agent)).statusCode).toBe(403);
    const settings = (await call('GET', '/v1/agent/settings', t.a.tokens.admin)).json();
    expect(settings).toMatchObject({ packs: ['ecommerce'], locale: 'zh', personaName: '小灵', widgetKey: t.a.widgetKey });
    const { widgetKey: _key, widgetSecret: _secret, ...editable } = settings;
    const updated = await call('PUT', '/v1/agent/settings', t.a.tokens.admin, { ...editable, personaName: 'Lily', greeting: '欢迎光临！' });
    expect(updated.json().personaName).toBe('Lily');
    const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey } })).json();
    expect(session.messages[0]).toMatchObject({ text: '欢迎光临！', payload: { persona: 'Lily' } });
    const created = await call('POST', '/v1/agent/users', t.a.tokens.admin, { email: 'new@demo.lingxi.local', name: '新人', role: 'agent', password: 'long-enough-pw' });
    expect(created.statusCode).toBe(200);
    expect((await call('POST', '/v1/agent/users', t.a.tokens.admin, { email: 'x@y.z', name: 'x', role: 'agent', password: 'short' })).json().message).toMatch(/at least 10/);
    const key = (await call('POST', '/v1/agent/api-keys', t.a.tokens.admin, { name: 'erp' })).json().key;
    expect((await call('GET', '/v1/knowledge', key)).statusCode).toBe(200);
    await call('PUT', '/v1/agent/settings', t.a.tokens.admin, editable);
  });

  it('lists the installed packs with descriptions and refuses a pack that is not installed, naming the installed ones', async () => {
    const listed = (await call('GET', '/v1/agent/packs', t.a.tokens.admin)).json().packs;
    expect(listed.map((pack: { name: string }) => pack.name)).toEqual(expect.arrayContaining(['ecommerce', 'finance', 'healthcare', 'logistics', 'education', 'travel']));
    expect(listed.find((pack: { name: string }) => pack.name === 'healthcare').description).toMatchObject({ zh: expect.stringContaining('分诊'), en: expect.stringContaining('triage') });
    const { widgetKey: _key, widgetSecret: _secret, ...editable } = (await call('GET', '/v1/agent/settings', t.a.tokens.admin)).json();
    const refused = await call('PUT', '/v1/agent/settings', t.a.tokens.admin, { ...editable, packs: ['medical'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/unknown pack "medical"; installed packs: ecommerce/);
    expect((await call('PUT', '/v1/agent/settings', t.a.tokens.admin, { ...editable, packs: ['ecommerce', 'ecommerce'] })).statusCode).toBe(400);
    expect((await call('GET', '/v1/agent/settings', t.a.tokens.admin)).json().packs).toEqual(['ecommerce']);
    const switched = await call('PUT', '/v1/agent/settings', t.a.tokens.admin, { ...editable, packs: ['ecommerce', 'logistics'] });
    expect(switched.json().packs).toEqual(['ecommerce', 'logistics']);
    await call('PUT', '/v1/agent/settings', t.a.tokens.admin, editable);
  });
});

describe('integration API and webhooks', () => {
  it('creates customers, records events with a proactive notice, and manages knowledge', async () => {
    const key = t.a.apiKey;
    const customer = await call('POST', '/v1/customers', key, { externalId: 'erp-7', name: '李雷', phone: '13800000000', attributes: { tier: 'gold' }, identities: [{ kind: 'phone', value: '13800000000' }] });
    expect(customer.json()).toMatchObject({ externalId: 'erp-7', attributes: { tier: 'gold' } });
    const event = (await call('POST', '/v1/events', key, { type: 'order.shipped', customerId: 'erp-7', data: { orderId: '#W1234567' }, notify: { text: '您的订单已发货' } })).json();
    expect(event.event.type).toBe('order.shipped');
    expect(event.message).toMatchObject({ author: 'bot', text: '您的订单已发货', payload: { proactive: true } });
    const list = (await call('GET', '/v1/conversations?customerId=erp-7', key)).json().conversations;
    expect(list).toHaveLength(1);
    expect((await call('GET', `/v1/conversations/${list[0].id}`, key)).json().messages.map((m: { text: string }) => m.text)).toContain('您的订单已发货');
    expect((await call('POST', '/v1/events', key, { type: 'Shipped!', customerId: 'erp-7' })).json().message).toMatch(/noun\.verb/);
    expect((await call('POST', '/v1/messages', key, { customerId: 'nobody', text: 'hi' })).statusCode).toBe(404);
    const article = (await call('POST', '/v1/knowledge', key, { title: '保修', body: '一年保修', locale: 'zh', tags: ['warranty'] })).json();
    expect((await call('PUT', `/v1/knowledge/${article.id}`, key, { body: '两年保修' })).json().body).toBe('两年保修');
    expect((await call('DELETE', `/v1/knowledge/${article.id}`, key)).statusCode).toBe(200);
    expect((await call('GET', `/v1/knowledge/${article.id}`, key)).statusCode).toBe(404);
    expect((await call('GET', '/v1/knowledge', 'lx_wrong')).statusCode).toBe(401);
  });

  it('delivers signed webhooks and retries failures', async () => {
    const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
    let failuresLeft = 1;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (failuresLeft-- > 0) return void response.writeHead(500).end();
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const hook = (await call('POST', '/v1/webhooks', t.a.apiKey, { url, events: ['conversation.queued'] })).json();
    const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey } })).json();
    await t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: 'w', text: 'human please' } });
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    server.close();
    await call('DELETE', `/v1/webhooks/${hook.id}`, t.a.apiKey);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'conversation.queued', conversationId: session.conversationId, data: { reason: 'customer_request' } });
    expect(delivery.headers['x-lingxi-signature']).toBe(signWebhook(hook.secret, String(delivery.headers['x-lingxi-timestamp']), delivery.body));
    expect(delivery.headers['x-lingxi-attempt']).toBe('2');
  });
});

describe('operations', () => {
  it('serves health, readiness, metrics, OpenAPI, docs and the start page', async () => {
    expect((await t.service.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.service.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', store: 'pglite' });
    const metrics = (await t.service.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/lingxi_messages_total\{author="customer",channel="widget-http"\} \d+/);
    expect(metrics).toMatch(/lingxi_turn_seconds_bucket/);
    expect(metrics).toMatch(/lingxi_conversations\{owner="bot"\}/);
    expect(metrics).toMatch(/lingxi_engine_outcomes_total\{outcome="handoff"\}/);
    const openapi = (await t.service.app.inject({ url: '/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(openapi.paths['/v1/widget/conversations/{id}/messages'].post.requestBody.content['application/json'].schema.properties.text.maxLength).toBe(4000);
    expect(Object.keys(openapi.paths).length).toBeGreaterThan(25);
    expect((await t.service.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
    expect((await t.service.app.inject({ url: '/' })).body).toContain('/docs');
  });

  it('masks customer PII in logs', async () => {
    t.service.context.logger.info({ text: '手机13812345678 邮箱 a.b@example.com' }, 'customer wrote 110101199003071234');
    const line = t.logs.join('');
    expect(line).not.toMatch(/13812345678|a\.b@example\.com|110101199003071234/);
    expect(line).toContain('138****5678');
  });
});
