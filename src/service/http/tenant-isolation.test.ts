import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { routeTable } from './build-app.ts';
import { connectorSpecSchema } from '../connectors/connector-config.ts';

/**
 * Every route, tried with tenant B's credentials against tenant A's ids (and A's widget token against B's
 * conversation). Each must answer 401/403/404 and change nothing. A new route without a row here fails the
 * coverage check at the end.
 */
let t: TestService;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestService({}, { withSql: true });
  const inject = t.service.app.inject.bind(t.service.app);
  const session = (await inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'victim' } })).json();
  ids.conversation = session.conversationId;
  ids.widgetToken = session.token;
  const sessionB = (await inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.b.widgetKey, customerId: 'other' } })).json();
  ids.conversationB = sessionB.conversationId;
  const conversation = await t.service.context.store.getConversation(t.a.tenantId, ids.conversation);
  ids.customer = conversation!.customerId;
  ids.customerB = (await t.service.context.store.getConversation(t.b.tenantId, ids.conversationB))!.customerId;
  ids.userA = t.a.userIds.agent;
  const api = { authorization: `Bearer ${t.a.apiKey}` };
  ids.article = (await inject({ method: 'POST', url: '/v1/knowledge', headers: api, payload: { title: 'A secret', body: 'only for A', locale: 'en' } })).json().id;
  // A customer only tenant A has (other cases may make B create its own "victim").
  await inject({ method: 'POST', url: '/v1/customers', headers: api, payload: { externalId: 'only-in-a', phone: '13800000000' } });
  ids.webhook = (await inject({ method: 'POST', url: '/v1/webhooks', headers: api, payload: { url: 'http://127.0.0.1:9/hook' } })).json().id;
  // Learning loop (issue 10): a phrase and a draft article of A, and A's customer message ids.
  ids.message = (await t.service.context.store.listMessages(t.a.tenantId, ids.conversation))[0].id;
  ids.draft = (await inject({ method: 'POST', url: '/v1/knowledge', headers: api, payload: { title: 'A draft', body: 'draft of A', locale: 'en', status: 'draft' } })).json().id;
  ids.phrase = (await t.service.context.store.addIntentPhrases(t.a.tenantId, [{ id: 'phr_a', intent: 'order_status', text: 'where is my parcel', locale: 'en', createdBy: null }]))[0].id;
  // Channels (issue 27): a file that came with a message of A.
  ids.attachment = await t.service.context.channels!.attachments.save(t.a.tenantId, 'email', { key: 'isolation', name: 'a.txt', contentType: 'text/plain', content: Buffer.from('A only') });
  // Proactive care (issue 9): a rule only tenant A has.
  ids.rule = (await inject({ method: 'PUT', url: '/v1/admin/proactive/rules/a-only-rule', headers: { authorization: `Bearer ${t.a.tokens.admin}` }, payload: { event: 'order.delayed', template: { zh: 'A 的规则', en: 'Rule of A' } } })).json().rule.id;
  // Connectors (issue 20): one only tenant A has.
  ids.connector = (await t.service.context.connectors!.store.create(t.a.tenantId, connectorSpecSchema.parse({ kind: 'action-server', pack: 'ecommerce', name: 'A only', baseUrl: 'http://127.0.0.1:9/', tools: ['track_order'] }), 'a-secret')).id;
  ids.ticket = (await inject({ method: 'POST', url: '/v1/agent/tickets', headers: { authorization: `Bearer ${t.a.tokens.agent}` }, payload: { conversationId: ids.conversation, kind: 'complaint', subject: 'late' } })).json().id;
  // Tickets (issue 21): a ticket of B, which B must not link to A's conversation.
  ids.ticketB = (await inject({ method: 'POST', url: '/v1/agent/tickets', headers: { authorization: `Bearer ${t.b.tokens.agent}` }, payload: { subject: 'own ticket of B' } })).json().id;
});
afterAll(async () => t.close());

type Case = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; route: string; url: () => string; auth: 'agentB' | 'adminB' | 'apiKeyB' | 'widgetA'; body?: () => Record<string, unknown> };
const cases: Case[] = [
  { method: 'GET', route: '/v1/agent/conversations/:id', url: () => `/v1/agent/conversations/${ids.conversation}`, auth: 'agentB' },
  { method: 'GET', route: '/v1/agent/attachments/:id', url: () => `/v1/agent/attachments/${ids.attachment}`, auth: 'agentB' },
  { method: 'POST', route: '/v1/agent/conversations/:id/take-over', url: () => `/v1/agent/conversations/${ids.conversation}/take-over`, auth: 'agentB' },
  { method: 'POST', route: '/v1/agent/conversations/:id/messages', url: () => `/v1/agent/conversations/${ids.conversation}/messages`, auth: 'agentB', body: () => ({ text: 'hijack' }) },
  { method: 'POST', route: '/v1/agent/conversations/:id/notes', url: () => `/v1/agent/conversations/${ids.conversation}/notes`, auth: 'agentB', body: () => ({ text: 'x' }) },
  { method: 'POST', route: '/v1/agent/conversations/:id/transfer', url: () => `/v1/agent/conversations/${ids.conversation}/transfer`, auth: 'agentB', body: () => ({ assigneeId: ids.userA }) },
  { method: 'POST', route: '/v1/agent/conversations/:id/transfer', url: () => `/v1/agent/conversations/${ids.conversationB}/transfer`, auth: 'agentB', body: () => ({ assigneeId: ids.userA }) },
  { method: 'POST', route: '/v1/agent/conversations/:id/hand-back', url: () => `/v1/agent/conversations/${ids.conversation}/hand-back`, auth: 'agentB' },
  { method: 'POST', route: '/v1/agent/conversations/:id/close', url: () => `/v1/agent/conversations/${ids.conversation}/close`, auth: 'agentB', body: () => ({ resolution: 'spam' }) },
  { method: 'GET', route: '/v1/agent/customers/:id', url: () => `/v1/agent/customers/${ids.customer}`, auth: 'agentB' },
  { method: 'POST', route: '/v1/agent/tickets', url: () => '/v1/agent/tickets', auth: 'agentB', body: () => ({ conversationId: ids.conversation, kind: 'repair', subject: 'x' }) },
  { method: 'PATCH', route: '/v1/agent/tickets/:id', url: () => `/v1/agent/tickets/${ids.ticket}`, auth: 'agentB', body: () => ({ status: 'closed' }) },
  { method: 'PATCH', route: '/v1/agent/tickets/:id', url: () => `/v1/agent/tickets/${ids.ticketB}`, auth: 'adminB', body: () => ({ assigneeId: ids.userA }) },
  { method: 'GET', route: '/v1/agent/tickets/:id', url: () => `/v1/agent/tickets/${ids.ticket}`, auth: 'agentB' },
  { method: 'POST', route: '/v1/agent/tickets/:id/comments', url: () => `/v1/agent/tickets/${ids.ticket}/comments`, auth: 'agentB', body: () => ({ body: 'x' }) },
  { method: 'POST', route: '/v1/agent/tickets/:id/conversations', url: () => `/v1/agent/tickets/${ids.ticket}/conversations`, auth: 'agentB', body: () => ({ conversationId: ids.conversationB }) },
  { method: 'POST', route: '/v1/agent/tickets/:id/conversations', url: () => `/v1/agent/tickets/${ids.ticketB}/conversations`, auth: 'agentB', body: () => ({ conversationId: ids.conversation }) },
  { method: 'POST', route: '/v1/agent/tickets', url: () => '/v1/agent/tickets', auth: 'agentB', body: () => ({ customerId: ids.customer, subject: 'x' }) },
  { method: 'PUT', route: '/v1/agent/agents/:id/profile', url: () => `/v1/agent/agents/${ids.userA}/profile`, auth: 'adminB', body: () => ({ teams: ['hijacked'] }) },
  { method: 'GET', route: '/v1/agent/contacts/:id', url: () => `/v1/agent/contacts/${ids.customer}`, auth: 'agentB' },
  { method: 'POST', route: '/v1/agent/contacts/:id/merge', url: () => `/v1/agent/contacts/${ids.customer}/merge`, auth: 'adminB', body: () => ({ duplicateId: ids.customerB }) },
  { method: 'POST', route: '/v1/agent/contacts/:id/merge', url: () => `/v1/agent/contacts/${ids.customerB}/merge`, auth: 'adminB', body: () => ({ duplicateId: ids.customer }) },
  { method: 'POST', route: '/v1/tickets', url: () => '/v1/tickets', auth: 'apiKeyB', body: () => ({ conversationId: ids.conversation, subject: 'x' }) },
  { method: 'GET', route: '/v1/customers/:id', url: () => '/v1/customers/victim', auth: 'apiKeyB' },
  { method: 'POST', route: '/v1/events', url: () => '/v1/events', auth: 'apiKeyB', body: () => ({ type: 'order.shipped', customerId: 'victim', notify: { text: 'phish' } }) },
  { method: 'POST', route: '/v1/messages', url: () => '/v1/messages', auth: 'apiKeyB', body: () => ({ customerId: 'victim', text: 'phish' }) },
  { method: 'GET', route: '/v1/conversations/:id', url: () => `/v1/conversations/${ids.conversation}`, auth: 'apiKeyB' },
  { method: 'GET', route: '/v1/knowledge/:id', url: () => `/v1/knowledge/${ids.article}`, auth: 'apiKeyB' },
  { method: 'PUT', route: '/v1/knowledge/:id', url: () => `/v1/knowledge/${ids.article}`, auth: 'apiKeyB', body: () => ({ title: 'defaced' }) },
  { method: 'DELETE', route: '/v1/knowledge/:id', url: () => `/v1/knowledge/${ids.article}`, auth: 'apiKeyB' },
  { method: 'DELETE', route: '/v1/webhooks/:id', url: () => `/v1/webhooks/${ids.webhook}`, auth: 'apiKeyB' },
  { method: 'POST', route: '/v1/widget/conversations', url: () => '/v1/widget/conversations', auth: 'widgetA', body: () => ({ tenantKey: t.b.widgetKey, customerId: 'victim', conversationId: ids.conversation }) },
  { method: 'POST', route: '/v1/widget/conversations/:id/messages', url: () => `/v1/widget/conversations/${ids.conversationB}/messages`, auth: 'widgetA', body: () => ({ clientId: 'x', text: 'hi' }) },
  { method: 'GET', route: '/v1/widget/conversations/:id/messages', url: () => `/v1/widget/conversations/${ids.conversationB}/messages`, auth: 'widgetA' },
  { method: 'POST', route: '/v1/widget/conversations/:id/rating', url: () => `/v1/widget/conversations/${ids.conversationB}/rating`, auth: 'widgetA', body: () => ({ score: 1 }) },
  { method: 'DELETE', route: '/v1/knowledge/:id', url: () => `/v1/knowledge/${ids.article}`, auth: 'adminB' },
  { method: 'GET', route: '/v1/customers/:id/export', url: () => '/v1/customers/only-in-a/export', auth: 'apiKeyB' },
  { method: 'DELETE', route: '/v1/customers/:id', url: () => '/v1/customers/only-in-a', auth: 'apiKeyB' },
  { method: 'GET', route: '/v1/agent/customers/:id/export', url: () => `/v1/agent/customers/${ids.customer}/export`, auth: 'adminB' },
  { method: 'DELETE', route: '/v1/agent/customers/:id', url: () => `/v1/agent/customers/${ids.customer}`, auth: 'adminB' },
  { method: 'POST', route: '/v1/widget/conversations/:id/typing', url: () => `/v1/widget/conversations/${ids.conversationB}/typing`, auth: 'widgetA', body: () => ({ on: true }) },
  { method: 'GET', route: '/v1/admin/conversations/:id/export', url: () => `/v1/admin/conversations/${ids.conversation}/export`, auth: 'adminB' },
  { method: 'GET', route: '/v1/agent/customers/:id/records', url: () => `/v1/agent/customers/${ids.customer}/records`, auth: 'agentB' },
  { method: 'GET', route: '/v1/admin/knowledge/:id/hits', url: () => `/v1/admin/knowledge/${ids.article}/hits`, auth: 'adminB' },
  { method: 'POST', route: '/v1/admin/learning/gaps/answer', url: () => '/v1/admin/learning/gaps/answer', auth: 'adminB', body: () => ({ messageIds: [ids.message], title: 'x', body: 'y' }) },
  { method: 'POST', route: '/v1/admin/learning/gaps/promote', url: () => '/v1/admin/learning/gaps/promote', auth: 'adminB', body: () => ({ messageIds: [ids.message] }) },
  { method: 'POST', route: '/v1/admin/learning/gaps/phrases', url: () => '/v1/admin/learning/gaps/phrases', auth: 'adminB', body: () => ({ messageIds: [ids.message], intent: 'order_status' }) },
  { method: 'POST', route: '/v1/admin/learning/drafts/:id/approve', url: () => `/v1/admin/learning/drafts/${ids.draft}/approve`, auth: 'adminB', body: () => ({}) },
  { method: 'DELETE', route: '/v1/admin/intents/phrases/:id', url: () => `/v1/admin/intents/phrases/${ids.phrase}`, auth: 'adminB' },
  { method: 'DELETE', route: '/v1/admin/proactive/rules/:id', url: () => `/v1/admin/proactive/rules/${ids.rule}`, auth: 'adminB' },
  { method: 'POST', route: '/v1/admin/proactive/rules/:id/preview', url: () => `/v1/admin/proactive/rules/${ids.rule}/preview`, auth: 'adminB', body: () => ({ days: 7 }) },
  { method: 'GET', route: '/v1/admin/connectors/:id', url: () => `/v1/admin/connectors/${ids.connector}`, auth: 'adminB' },
  { method: 'PUT', route: '/v1/admin/connectors/:id', url: () => `/v1/admin/connectors/${ids.connector}`, auth: 'adminB', body: () => ({ connector: { kind: 'action-server', pack: 'ecommerce', name: 'hijack', baseUrl: 'http://127.0.0.1:9/', tools: ['track_order'] } }) },
  { method: 'POST', route: '/v1/admin/connectors/:id/test', url: () => `/v1/admin/connectors/${ids.connector}/test`, auth: 'adminB', body: () => ({ tool: 'track_order', arguments: { order_id: '#W1' } }) },
  { method: 'DELETE', route: '/v1/admin/connectors/:id', url: () => `/v1/admin/connectors/${ids.connector}`, auth: 'adminB' },
  { method: 'POST', route: '/v1/widget/conversations/:id/read', url: () => `/v1/widget/conversations/${ids.conversationB}/read`, auth: 'widgetA', body: () => ({ seq: 1 }) },
];

/** Routes whose answer is always scoped to the caller's own tenant (lists, own settings): checked for leaks below. */
const listRoutes = [
  ['GET', '/v1/agent/conversations', 'agentB'], ['GET', '/v1/agent/users', 'agentB'], ['GET', '/v1/agent/tickets', 'agentB'], ['GET', '/v1/agent/me', 'agentB'], ['GET', '/v1/agent/contacts', 'agentB'], ['GET', '/v1/agent/agents', 'agentB'],
  ['GET', '/v1/agent/settings', 'adminB'], ['GET', '/v1/agent/packs', 'adminB'], ['PUT', '/v1/agent/settings', 'adminB'], ['POST', '/v1/agent/users', 'adminB'], ['POST', '/v1/agent/api-keys', 'adminB'],
  ['GET', '/v1/conversations', 'apiKeyB'], ['GET', '/v1/knowledge', 'apiKeyB'], ['POST', '/v1/knowledge', 'apiKeyB'], ['GET', '/v1/webhooks', 'apiKeyB'],
  ['POST', '/v1/webhooks', 'apiKeyB'], ['POST', '/v1/customers', 'apiKeyB'], ['POST', '/v1/agent/login', 'none'], ['GET', '/v1/agent/audit', 'adminB'],
  ['GET', '/v1/admin/analytics/dashboard', 'adminB'], ['GET', '/v1/admin/analytics/conversations', 'adminB'], ['GET', '/v1/admin/analytics/conversations.csv', 'adminB'],
  ['GET', '/v1/agent/channels', 'adminB'], ['PUT', '/v1/agent/channels/:kind', 'adminB'],
  ['GET', '/v1/admin/llm', 'adminB'], ['PUT', '/v1/admin/llm', 'adminB'], ['POST', '/v1/admin/llm/test', 'adminB'],
  ['GET', '/v1/admin/learning/gaps', 'adminB'], ['GET', '/v1/admin/intents', 'adminB'], ['POST', '/v1/admin/intents/:intent/phrases', 'adminB'],
  ['GET', '/v1/admin/learning/digest', 'adminB'], ['GET', '/v1/admin/learning/status', 'adminB'], ['GET', '/v1/admin/learning/suite', 'adminB'],
  ['GET', '/v1/admin/connectors', 'adminB'], ['GET', '/v1/admin/connectors/contracts', 'adminB'], ['POST', '/v1/admin/connectors/openapi', 'adminB'], ['POST', '/v1/admin/connectors', 'adminB'],
  ['GET', '/v1/admin/proactive/rules', 'adminB'], ['PUT', '/v1/admin/proactive/rules/:id', 'adminB'], ['GET', '/v1/admin/proactive/log', 'adminB'],
] as const;
const publicRoutes = ['/healthz', '/readyz', '/metrics', '/', '/openapi.json', '/v1/widget/ws', '/v1/agent/ws'];

const header = (auth: Case['auth'] | 'none') => auth === 'agentB' ? `Bearer ${t.b.tokens.agent}` : auth === 'adminB' ? `Bearer ${t.b.tokens.admin}`
  : auth === 'apiKeyB' ? `Bearer ${t.b.apiKey}` : auth === 'widgetA' ? `Bearer ${ids.widgetToken}` : '';

describe('tenant isolation', () => {
  it.each(cases.map((c) => [`${c.method} ${c.route} as ${c.auth}`, c] as const))('%s is refused', async (_name, c) => {
    const response = await t.service.app.inject({ method: c.method, url: c.url(), headers: { authorization: header(c.auth) }, payload: c.body?.() });
    expect([401, 403, 404], response.body).toContain(response.statusCode);
  });

  it('left tenant A untouched', async () => {
    const api = { authorization: `Bearer ${t.a.apiKey}` };
    const conversation = (await t.service.app.inject({ url: `/v1/conversations/${ids.conversation}`, headers: api })).json();
    expect(conversation.conversation).toMatchObject({ owner: 'bot', assigneeId: null, lastSeq: 1 });
    expect((await t.service.app.inject({ url: `/v1/knowledge/${ids.article}`, headers: api })).json().title).toBe('A secret');
    expect((await t.service.app.inject({ url: '/v1/webhooks', headers: api })).json().webhooks).toHaveLength(1);
    expect((await t.service.context.store.listTickets(t.a.tenantId))[0].status).toBe('open');
    const ticket = await t.service.context.tickets!.detail(t.a.tenantId, ids.ticket);
    expect(ticket.comments).toEqual([]);
    expect(ticket.conversations.map((link) => link.conversationId)).toEqual([ids.conversation]);
    expect(await t.service.context.tickets!.store.conversations(t.b.tenantId, ids.ticketB)).toEqual([]);
    expect((await t.service.context.tickets!.get(t.b.tenantId, ids.ticketB))?.assigneeId).toBeNull();
    expect((await t.service.app.inject({ url: '/v1/customers/only-in-a', headers: api })).statusCode).toBe(200);
    expect(await t.service.context.store.getCustomer(t.a.tenantId, ids.customer)).not.toBeNull();
    expect(await t.service.context.store.getCustomer(t.b.tenantId, ids.customerB)).not.toBeNull();
    expect((await t.service.context.routing!.agents(t.a.tenantId)).find((agent) => agent.userId === ids.userA)?.profile.teams).toEqual([]);
    expect((await t.service.context.store.listConversations(t.a.tenantId, { customerId: ids.customer })).map((conversation) => conversation.id)).toEqual([ids.conversation]);
    expect((await t.service.context.store.getArticle(t.a.tenantId, ids.draft))?.status).toBe('draft');
    expect(await t.service.context.store.listIntentPhrases(t.a.tenantId)).toHaveLength(1);
    expect((await t.service.context.proactive!.rules.get(t.a.tenantId, 'a-only-rule'))?.source).toBe('custom');
    expect(await t.service.context.connectors!.store.get(t.a.tenantId, ids.connector)).toMatchObject({ name: 'A only', secret: 'a-secret' });
  });

  it('lists only the caller tenant data', async () => {
    const asB = (url: string, auth: 'agentB' | 'apiKeyB') => t.service.app.inject({ url, headers: { authorization: header(auth) } }).then((r) => r.body);
    for (const body of [await asB('/v1/agent/agents', 'agentB'), await asB('/v1/agent/contacts', 'agentB'), await asB('/v1/agent/contacts?q=victim', 'agentB'), await asB('/v1/agent/conversations', 'agentB'), await asB('/v1/conversations', 'apiKeyB'), await asB('/v1/knowledge', 'apiKeyB'), await asB('/v1/agent/tickets', 'agentB'), await asB('/v1/agent/users', 'agentB')]) {
      expect(body).not.toContain(ids.conversation);
      expect(body).not.toContain('A secret');
      expect(body).not.toContain(ids.ticket);
      expect(body).not.toContain(ids.customer);
      expect(body).not.toContain(ids.userA);
    }
  });

  it('covers every route of the application', () => {
    const covered = new Set([...cases.map((c) => `${c.method} ${c.route}`), ...listRoutes.map(([method, route]) => `${method} ${route}`)]);
    const routes = routeTable.get(t.service.app)!;
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter((r) => r.url.startsWith('/v1/') && !publicRoutes.includes(r.url) && !covered.has(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });
});
