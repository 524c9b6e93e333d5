import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestService, TEST_PASSWORD, type TestService } from '../testing/create-test-service.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';
import { routeTable } from './build-app.ts';
import { connectorSpecSchema } from '../connectors/connector-config.ts';

/**
 * Authorisation matrix (issue 12): every route × every role, with the expected answer written out. Ids in URLs and
 * bodies belong to tenant A (a fresh conversation per row, so one row's take-over does not change the next).
 *   ok  = access granted: 2xx, or a 4xx about the request itself (400/404/409/422), never 401/403
 *   401 = not signed in with a credential this route accepts;  403 = signed in, role not allowed;
 *   404 = another tenant's id, indistinguishable from a missing one.
 * Tenant isolation in depth (nothing changed, lists leak nothing) stays in tenant-isolation.test.ts.
 */
const roles = ['anonymous', 'customerA', 'agentA', 'supervisorA', 'adminA', 'adminB', 'apiKeyB'] as const;
type Role = (typeof roles)[number];
type Expected = 'ok' | '401' | '403' | '404';
type Ids = { conversation: string; customer: string; article: string; webhook: string; ticket: string; widgetToken: string; userA: string; externalId: string; connector: string; attachment: string };
interface Row { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; route: string; url: (ids: Ids) => string; body?: (ids: Ids) => unknown; expect: string }

/** A connector to nowhere (port 9): its test answers "unreachable" at once. */
const MATRIX_CONNECTOR = { kind: 'action-server', pack: 'ecommerce', name: 'matrix', baseUrl: 'http://127.0.0.1:9/', retries: 0, enabled: false, tools: ['track_order'] };

//                                                                                                     anon custA agtA supA admA admB keyB
const rows: Row[] = [
  { method: 'POST', route: '/v1/agent/login', url: () => '/v1/agent/login', body: () => ({ email: 'agent@demo.lingxi.local', password: TEST_PASSWORD }), expect: 'ok ok ok ok ok ok ok' },
  { method: 'GET', route: '/v1/agent/me', url: () => '/v1/agent/me', expect: '401 401 ok ok ok ok 401' },
  { method: 'GET', route: '/v1/agent/users', url: () => '/v1/agent/users', expect: '401 401 ok ok ok ok 401' },
  { method: 'GET', route: '/v1/agent/conversations', url: () => '/v1/agent/conversations', expect: '401 401 ok ok ok ok 401' },
  { method: 'GET', route: '/v1/agent/conversations/:id', url: (i) => `/v1/agent/conversations/${i.conversation}`, expect: '401 401 ok ok ok 404 401' },
  { method: 'POST', route: '/v1/agent/conversations/:id/take-over', url: (i) => `/v1/agent/conversations/${i.conversation}/take-over`, expect: '401 401 ok ok ok 404 401' },
  { method: 'POST', route: '/v1/agent/conversations/:id/messages', url: (i) => `/v1/agent/conversations/${i.conversation}/messages`, body: () => ({ text: 'hello' }), expect: '401 401 ok ok ok 404 401' },
  { method: 'POST', route: '/v1/agent/conversations/:id/notes', url: (i) => `/v1/agent/conversations/${i.conversation}/notes`, body: () => ({ text: 'note' }), expect: '401 401 ok ok ok 404 401' },
  { method: 'POST', route: '/v1/agent/conversations/:id/transfer', url: (i) => `/v1/agent/conversations/${i.conversation}/transfer`, body: (i) => ({ assigneeId: i.userA }), expect: '401 401 ok ok ok 404 401' },
  { method: 'POST', route: '/v1/agent/conversations/:id/hand-back', url: (i) => `/v1/agent/conversations/${i.conversation}/hand-back`, expect: '401 401 ok ok ok 404 401' },
  { method: 'POST', route: '/v1/agent/conversations/:id/close', url: (i) => `/v1/agent/conversations/${i.conversation}/close`, body: () => ({ resolution: 'resolved' }), expect: '401 401 ok ok ok 404 401' },
  { method: 'GET', route: '/v1/agent/customers/:id', url: (i) => `/v1/agent/customers/${i.customer}`, expect: '401 401 ok ok ok 404 401' },
  { method: 'GET', route: '/v1/agent/settings', url: () => '/v1/agent/settings', expect: '401 401 403 403 ok ok 401' },
  { method: 'GET', route: '/v1/agent/packs', url: () => '/v1/agent/packs', expect: '401 401 403 403 ok ok 401' },
  { method: 'PUT', route: '/v1/agent/settings', url: () => '/v1/agent/settings', body: () => settings, expect: '401 401 403 403 ok ok 401' },
  { method: 'POST', route: '/v1/agent/users', url: () => '/v1/agent/users', body: () => ({ email: `new-${Math.random()}@demo.test`, name: 'New', role: 'agent', password: 'Long-enough-passw0rd' }), expect: '401 401 403 403 ok ok 401' },
  { method: 'POST', route: '/v1/agent/api-keys', url: () => '/v1/agent/api-keys', body: () => ({ name: 'k' }), expect: '401 401 403 403 ok ok 401' },
  { method: 'GET', route: '/v1/agent/tickets', url: () => '/v1/agent/tickets', expect: '401 401 ok ok ok ok 401' },
  { method: 'POST', route: '/v1/agent/tickets', url: () => '/v1/agent/tickets', body: (i) => ({ conversationId: i.conversation, kind: 'repair', subject: 's' }), expect: '401 401 ok ok ok 404 401' },
  { method: 'PATCH', route: '/v1/agent/tickets/:id', url: (i) => `/v1/agent/tickets/${i.ticket}`, body: () => ({ status: 'in_progress' }), expect: '401 401 ok ok ok 404 401' },
  // Agents assign tickets to themselves only; supervisors and admins to anyone (issue 21).
  { method: 'PATCH', route: '/v1/agent/tickets/:id', url: (i) => `/v1/agent/tickets/${i.ticket}`, body: (i) => ({ assigneeId: i.userA }), expect: '401 401 ok ok ok 404 401' },
  { method: 'PATCH', route: '/v1/agent/tickets/:id', url: (i) => `/v1/agent/tickets/${i.ticket}`, body: () => ({ assigneeId: supervisorA }), expect: '401 401 403 ok ok 404 401' },
  { method: 'GET', route: '/v1/agent/tickets/:id', url: (i) => `/v1/agent/tickets/${i.ticket}`, expect: '401 401 ok ok ok 404 401' },
  { method: 'POST', route: '/v1/agent/tickets/:id/comments', url: (i) => `/v1/agent/tickets/${i.ticket}/comments`, body: () => ({ body: 'called back' }), expect: '401 401 ok ok ok 404 401' },
  { method: 'POST', route: '/v1/agent/tickets/:id/conversations', url: (i) => `/v1/agent/tickets/${i.ticket}/conversations`, body: (i) => ({ conversationId: i.conversation }), expect: '401 401 ok ok ok 404 401' },
  { method: 'GET', route: '/v1/agent/contacts', url: () => '/v1/agent/contacts?q=matrix', expect: '401 401 ok ok ok ok 401' },
  { method: 'GET', route: '/v1/agent/contacts/:id', url: (i) => `/v1/agent/contacts/${i.customer}`, expect: '401 401 ok ok ok 404 401' },
  // Merging deletes a contact: supervisors and admins only. A fresh duplicate per call (the previous one is gone).
  { method: 'POST', route: '/v1/agent/contacts/:id/merge', url: (i) => `/v1/agent/contacts/${i.customer}/merge`, body: () => ({ duplicateId: 'cus_missing' }), expect: '401 401 403 ok ok 404 401' },
  { method: 'GET', route: '/v1/agent/agents', url: () => '/v1/agent/agents', expect: '401 401 ok ok ok ok 401' },
  { method: 'PUT', route: '/v1/agent/agents/:id/profile', url: (i) => `/v1/agent/agents/${i.userA}/profile`, body: () => ({ teams: ['support'], maxConcurrent: 3 }), expect: '401 401 403 ok ok 404 401' },
  { method: 'POST', route: '/v1/tickets', url: () => '/v1/tickets', body: () => ({ subject: 'from the shop system', type: 'callback' }), expect: '401 401 403 403 ok ok ok' },
  { method: 'POST', route: '/v1/customers', url: () => '/v1/customers', body: () => ({ externalId: 'matrix-customer' }), expect: '401 401 403 403 ok ok ok' },
  { method: 'GET', route: '/v1/customers/:id', url: (i) => `/v1/customers/${i.externalId}`, expect: '401 401 403 403 ok 404 404' },
  { method: 'POST', route: '/v1/events', url: () => '/v1/events', body: () => ({ type: 'order.shipped', customerId: 'matrix-customer', data: {} }), expect: '401 401 403 403 ok ok ok' },
  { method: 'POST', route: '/v1/messages', url: () => '/v1/messages', body: (i) => ({ customerId: i.externalId, text: 'your parcel left' }), expect: '401 401 403 403 ok 404 404' },
  { method: 'GET', route: '/v1/conversations', url: () => '/v1/conversations', expect: '401 401 403 403 ok ok ok' },
  { method: 'GET', route: '/v1/conversations/:id', url: (i) => `/v1/conversations/${i.conversation}`, expect: '401 401 403 403 ok 404 404' },
  { method: 'GET', route: '/v1/knowledge', url: () => '/v1/knowledge', expect: '401 401 403 403 ok ok ok' },
  { method: 'POST', route: '/v1/knowledge', url: () => '/v1/knowledge', body: () => ({ title: 't', body: 'b', locale: 'en' }), expect: '401 401 403 403 ok ok ok' },
  { method: 'GET', route: '/v1/knowledge/:id', url: (i) => `/v1/knowledge/${i.article}`, expect: '401 401 403 403 ok 404 404' },
  { method: 'PUT', route: '/v1/knowledge/:id', url: (i) => `/v1/knowledge/${i.article}`, body: () => ({ title: 'edited' }), expect: '401 401 403 403 ok 404 404' },
  { method: 'DELETE', route: '/v1/knowledge/:id', url: (i) => `/v1/knowledge/${i.article}`, expect: '401 401 403 403 ok 404 404' },
  { method: 'GET', route: '/v1/webhooks', url: () => '/v1/webhooks', expect: '401 401 403 403 ok ok ok' },
  { method: 'POST', route: '/v1/webhooks', url: () => '/v1/webhooks', body: () => ({ url: 'http://127.0.0.1:9/hook' }), expect: '401 401 403 403 ok ok ok' },
  { method: 'DELETE', route: '/v1/webhooks/:id', url: (i) => `/v1/webhooks/${i.webhook}`, expect: '401 401 403 403 ok 404 404' },
  { method: 'POST', route: '/v1/widget/conversations', url: () => '/v1/widget/conversations', body: () => ({ tenantKey: widgetKeyA }), expect: 'ok ok ok ok ok ok ok' },
  { method: 'POST', route: '/v1/widget/conversations/:id/messages', url: (i) => `/v1/widget/conversations/${i.conversation}/messages`, body: () => ({ clientId: `c${Math.random()}`, text: 'hi' }), expect: '401 ok 401 401 401 401 401' },
  { method: 'GET', route: '/v1/widget/conversations/:id/messages', url: (i) => `/v1/widget/conversations/${i.conversation}/messages`, expect: '401 ok 401 401 401 401 401' },
  { method: 'POST', route: '/v1/widget/conversations/:id/typing', url: (i) => `/v1/widget/conversations/${i.conversation}/typing`, body: () => ({ on: true }), expect: '401 ok 401 401 401 401 401' },
  { method: 'POST', route: '/v1/widget/conversations/:id/rating', url: (i) => `/v1/widget/conversations/${i.conversation}/rating`, body: () => ({ score: 4 }), expect: '401 ok 401 401 401 401 401' },
  { method: 'GET', route: '/v1/customers/:id/export', url: (i) => `/v1/customers/${i.externalId}/export`, expect: '401 401 403 403 ok 404 404' },
  { method: 'DELETE', route: '/v1/customers/:id', url: (i) => `/v1/customers/${i.externalId}`, expect: '401 401 403 403 ok 404 404' },
  { method: 'GET', route: '/v1/agent/customers/:id/export', url: (i) => `/v1/agent/customers/${i.customer}/export`, expect: '401 401 403 403 ok 404 401' },
  { method: 'DELETE', route: '/v1/agent/customers/:id', url: (i) => `/v1/agent/customers/${i.customer}`, expect: '401 401 403 403 ok 404 401' },
  { method: 'GET', route: '/v1/agent/audit', url: () => '/v1/agent/audit', expect: '401 401 403 403 ok ok 401' },
  { method: 'GET', route: '/v1/agent/customers/:id/records', url: (i) => `/v1/agent/customers/${i.customer}/records`, expect: '401 401 ok ok ok 404 401' },
  { method: 'GET', route: '/v1/admin/knowledge/:id/hits', url: (i) => `/v1/admin/knowledge/${i.article}/hits`, expect: '401 401 403 ok ok 404 401' },
  // Analytics (issue 10): admins and supervisors.
  { method: 'GET', route: '/v1/admin/analytics/dashboard', url: () => '/v1/admin/analytics/dashboard', expect: '401 401 403 ok ok ok 401' },
  { method: 'GET', route: '/v1/admin/analytics/conversations', url: () => '/v1/admin/analytics/conversations', expect: '401 401 403 ok ok ok 401' },
  { method: 'GET', route: '/v1/admin/analytics/conversations.csv', url: () => '/v1/admin/analytics/conversations.csv', expect: '401 401 403 ok ok ok 401' },
  { method: 'GET', route: '/v1/admin/conversations/:id/export', url: (i) => `/v1/admin/conversations/${i.conversation}/export`, expect: '401 401 403 ok ok 404 401' },
  // Channels (issue 13) and LLM settings (issue 7): admins only.
  { method: 'GET', route: '/v1/agent/channels', url: () => '/v1/agent/channels', expect: '401 401 403 403 ok ok 401' },
  { method: 'PUT', route: '/v1/agent/channels/:kind', url: () => '/v1/agent/channels/webhook', body: () => ({ enabled: false }), expect: '401 401 403 403 ok ok 401' },
  { method: 'GET', route: '/v1/agent/attachments/:id', url: (i) => `/v1/agent/attachments/${i.attachment}`, expect: '401 401 ok ok ok 404 401' },
  { method: 'GET', route: '/v1/admin/llm', url: () => '/v1/admin/llm', expect: '401 401 403 403 ok ok 401' },
  { method: 'PUT', route: '/v1/admin/llm', url: () => '/v1/admin/llm', body: () => ({ enabled: false }), expect: '401 401 403 403 ok ok 401' },
  { method: 'POST', route: '/v1/admin/llm/test', url: () => '/v1/admin/llm/test', body: () => ({ baseUrl: 'http://127.0.0.1:9/v1', model: 'none', timeoutMs: 1000 }), expect: '401 401 403 403 ok ok 401' },
  // Connectors to the business's own systems (issue 20): admins only; another tenant's connector is not found.
  { method: 'GET', route: '/v1/admin/connectors', url: () => '/v1/admin/connectors', expect: '401 401 403 403 ok ok 401' },
  { method: 'GET', route: '/v1/admin/connectors/contracts', url: () => '/v1/admin/connectors/contracts?pack=ecommerce', expect: '401 401 403 403 ok ok 401' },
  { method: 'POST', route: '/v1/admin/connectors/openapi', url: () => '/v1/admin/connectors/openapi', body: () => ({ document: '{"openapi":"3.0.0","paths":{}}' }), expect: '401 401 403 403 ok ok 401' },
  { method: 'POST', route: '/v1/admin/connectors', url: () => '/v1/admin/connectors', body: () => ({ connector: MATRIX_CONNECTOR }), expect: '401 401 403 403 ok ok 401' },
  { method: 'GET', route: '/v1/admin/connectors/:id', url: (i) => `/v1/admin/connectors/${i.connector}`, expect: '401 401 403 403 ok 404 401' },
  { method: 'PUT', route: '/v1/admin/connectors/:id', url: (i) => `/v1/admin/connectors/${i.connector}`, body: () => ({ connector: MATRIX_CONNECTOR }), expect: '401 401 403 403 ok 404 401' },
  { method: 'POST', route: '/v1/admin/connectors/:id/test', url: (i) => `/v1/admin/connectors/${i.connector}/test`, body: () => ({ tool: 'track_order', arguments: { order_id: '#W1' } }), expect: '401 401 403 403 ok 404 401' },
  { method: 'DELETE', route: '/v1/admin/connectors/:id', url: (i) => `/v1/admin/connectors/${i.connector}`, expect: '401 401 403 403 ok 404 401' },
  // Learning loop (issue 10): admins and supervisors.
  { method: 'GET', route: '/v1/admin/learning/gaps', url: () => '/v1/admin/learning/gaps', expect: '401 401 403 ok ok ok 401' },
  { method: 'POST', route: '/v1/admin/learning/gaps/answer', url: () => '/v1/admin/learning/gaps/answer', body: () => ({ messageIds: ['msg_none'], title: 't', body: 'b' }), expect: '401 401 403 ok ok 404 401' },
  { method: 'POST', route: '/v1/admin/learning/gaps/promote', url: () => '/v1/admin/learning/gaps/promote', body: () => ({ messageIds: ['msg_none'] }), expect: '401 401 403 ok ok 404 401' },
  { method: 'POST', route: '/v1/admin/learning/gaps/phrases', url: () => '/v1/admin/learning/gaps/phrases', body: () => ({ messageIds: ['msg_none'], intent: 'order_status' }), expect: '401 401 403 ok ok 404 401' },
  { method: 'POST', route: '/v1/admin/learning/drafts/:id/approve', url: (i) => `/v1/admin/learning/drafts/${i.article}/approve`, body: () => ({}), expect: '401 401 403 ok ok 404 401' },
  { method: 'GET', route: '/v1/admin/intents', url: () => '/v1/admin/intents', expect: '401 401 403 ok ok ok 401' },
  { method: 'POST', route: '/v1/admin/intents/:intent/phrases', url: () => '/v1/admin/intents/order_status/phrases', body: () => ({ phrases: [{ text: 'where is my parcel', locale: 'en' }] }), expect: '401 401 403 ok ok ok 401' },
  { method: 'DELETE', route: '/v1/admin/intents/phrases/:id', url: () => '/v1/admin/intents/phrases/phr_none', expect: '401 401 403 ok ok 404 401' },
  { method: 'GET', route: '/v1/admin/learning/digest', url: () => '/v1/admin/learning/digest', expect: '401 401 403 ok ok ok 401' },
  { method: 'GET', route: '/v1/admin/learning/status', url: () => '/v1/admin/learning/status', expect: '401 401 403 ok ok ok 401' },
  { method: 'GET', route: '/v1/admin/learning/suite', url: () => '/v1/admin/learning/suite', expect: '401 401 403 ok ok ok 401' },
  // Proactive care (issue 9): admins and supervisors; rule ids are per tenant (B's PUT creates B's own rule). Read receipts: the customer.
  { method: 'GET', route: '/v1/admin/proactive/rules', url: () => '/v1/admin/proactive/rules', expect: '401 401 403 ok ok ok 401' },
  { method: 'PUT', route: '/v1/admin/proactive/rules/:id', url: () => '/v1/admin/proactive/rules/matrix-rule', body: () => ({ event: 'order.delayed', template: { zh: '抱歉，订单 {orderId} 延误了', en: 'Sorry, order {orderId} is late' } }), expect: '401 401 403 ok ok ok 401' },
  { method: 'DELETE', route: '/v1/admin/proactive/rules/:id', url: () => '/v1/admin/proactive/rules/matrix-rule', expect: '401 401 403 ok ok ok 401' },
  { method: 'POST', route: '/v1/admin/proactive/rules/:id/preview', url: () => '/v1/admin/proactive/rules/order-delayed-apology/preview', body: () => ({ days: 7 }), expect: '401 401 403 ok ok ok 401' },
  { method: 'GET', route: '/v1/admin/proactive/log', url: () => '/v1/admin/proactive/log?status=sent', expect: '401 401 403 ok ok ok 401' },
  { method: 'POST', route: '/v1/widget/conversations/:id/read', url: (i) => `/v1/widget/conversations/${i.conversation}/read`, body: () => ({ seq: 1 }), expect: '401 ok 401 401 401 401 401' },
];

let t: TestService;
let widgetKeyA: string;
let supervisorA: string;
let settings: Record<string, unknown>;
let shared: Omit<Ids, 'conversation' | 'customer' | 'widgetToken' | 'externalId' | 'connector'>;
beforeAll(async () => {
  t = await createTestService({ rateLimitLogin: 1000, rateLimitWidgetStarts: 10_000 }, { withSql: true });
  widgetKeyA = t.a.widgetKey;
  supervisorA = t.a.userIds.supervisor;
  const inject = t.service.app.inject.bind(t.service.app);
  const api = { authorization: `Bearer ${t.a.apiKey}` };
  const { widgetKey: _key, widgetSecret: _secret, ...current } = (await inject({ url: '/v1/agent/settings', headers: { authorization: `Bearer ${t.a.tokens.admin}` } })).json();
  settings = current;
  const first = await fresh();
  shared = {
    userA: t.a.userIds.agent,
    article: (await inject({ method: 'POST', url: '/v1/knowledge', headers: api, payload: { title: 'A', body: 'a', locale: 'en' } })).json().id,
    webhook: (await inject({ method: 'POST', url: '/v1/webhooks', headers: api, payload: { url: 'http://127.0.0.1:9/hook' } })).json().id,
    ticket: (await inject({ method: 'POST', url: '/v1/agent/tickets', headers: { authorization: `Bearer ${t.a.tokens.agent}` }, payload: { conversationId: first.conversation, kind: 'complaint', subject: 'late' } })).json().id,
    attachment: await t.service.context.channels!.attachments.save(t.a.tenantId, 'email', { key: 'matrix', name: 'a.txt', contentType: 'text/plain', content: Buffer.from('A only') }),
  };
});
afterAll(async () => t.close());

/** A new conversation of a new tenant-A customer. */
async function fresh(): Promise<Pick<Ids, 'conversation' | 'customer' | 'widgetToken' | 'externalId'>> {
  const externalId = `matrix-${Math.random().toString(36).slice(2)}`;
  const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: externalId } })).json();
  const conversation = await t.service.context.store.getConversation(t.a.tenantId, session.conversationId);
  return { conversation: session.conversationId, customer: conversation!.customerId, widgetToken: session.token, externalId };
}

const credential = (role: Role, ids: Ids): string | undefined => ({
  anonymous: undefined, customerA: `Bearer ${ids.widgetToken}`, agentA: `Bearer ${t.a.tokens.agent}`, supervisorA: `Bearer ${t.a.tokens.supervisor}`,
  adminA: `Bearer ${t.a.tokens.admin}`, adminB: `Bearer ${t.b.tokens.admin}`, apiKeyB: `Bearer ${t.b.apiKey}`,
})[role];

const outcome = (status: number): Expected | string => status === 401 || status === 403 ? String(status) : status === 404 ? '404' : status < 500 ? 'ok' : `HTTP ${status}`;

describe('authorisation matrix', () => {
  it.each(rows.map((row) => [`${row.method} ${row.route}`, row] as const))('%s', async (_name, row) => {
    // A connector of tenant A per row (the DELETE row removes its own).
    const connector = (await t.service.context.connectors!.store.create(t.a.tenantId, connectorSpecSchema.parse(MATRIX_CONNECTOR), 'secret')).id;
    const ids: Ids = { ...shared, ...(await fresh()), connector };
    const expected = row.expect.split(' ');
    const actual: string[] = [];
    for (const role of roles) {
      const authorization = credential(role, ids);
      const response = await t.service.app.inject({ method: row.method, url: row.url(ids), headers: authorization ? { authorization } : {}, payload: row.body?.(ids) as never });
      // A 404 where access is granted means "missing"; a 404 for another tenant is the expected refusal.
      const got = outcome(response.statusCode);
      actual.push(expected[roles.indexOf(role)] === 'ok' && got === '404' ? 'ok' : got);
    }
    expect(actual.join(' ')).toBe(row.expect);
  });

  it('treats an admin token in ?token= as no credential on every REST route that needs one (issue 23, L4)', async () => {
    const connector = (await t.service.context.connectors!.store.create(t.a.tenantId, connectorSpecSchema.parse(MATRIX_CONNECTOR), 'secret')).id;
    const ids: Ids = { ...shared, ...(await fresh()), connector };
    const granted: string[] = [];
    const guarded = rows.filter((row) => row.expect.split(' ')[0] === '401' && row.expect.split(' ')[4] === 'ok');
    for (const row of guarded) {
      const url = row.url(ids);
      const response = await t.service.app.inject({ method: row.method, url: `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(t.a.tokens.admin)}`, payload: row.body?.(ids) as never });
      if (response.statusCode !== 401 && response.statusCode !== 400) granted.push(`${row.method} ${row.route} → ${response.statusCode}`);
    }
    expect(guarded.length).toBeGreaterThan(40);
    expect(granted).toEqual([]);
  });

  it('covers every /v1 route', () => {
    const covered = new Set(rows.map((row) => `${row.method} ${row.route}`));
    const missing = routeTable.get(t.service.app)!.filter((r) => r.url.startsWith('/v1/') && !r.url.endsWith('/ws') && !covered.has(`${r.method} ${r.url}`));
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('agent WebSocket: staff of the tenant only; another tenant cannot touch A conversations', async () => {
    const base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    // A connector of tenant A per row (the DELETE row removes its own).
    const connector = (await t.service.context.connectors!.store.create(t.a.tenantId, connectorSpecSchema.parse(MATRIX_CONNECTOR), 'secret')).id;
    const ids: Ids = { ...shared, ...(await fresh()), connector };
    const codes: Record<string, string> = {};
    for (const role of roles) {
      const token = credential(role, ids)?.slice(7) ?? '';
      const client = await connectTestClient(`${base}/v1/agent/ws?token=${encodeURIComponent(token)}`);
      const first = await Promise.race([client.waitFor((f) => f.type === 'welcome' || f.type === 'error'), Promise.resolve(client.closed()).then(() => ({ type: 'closed' }))]);
      if (first.type === 'welcome') {
        client.send({ type: 'typing', conversationId: ids.conversation, on: true });
        const answer = await Promise.race([client.waitFor((f) => f.type === 'error'), new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
        codes[role] = answer ? `welcome+${answer.code}` : 'welcome';
      } else codes[role] = String((await client.closed()).code);
      client.socket.terminate();
    }
    expect(codes).toEqual({ anonymous: '4401', customerA: '4401', agentA: 'welcome', supervisorA: 'welcome', adminA: 'welcome', adminB: 'welcome+not_found', apiKeyB: '4401' });
  });

  it('widget WebSocket: another tenant key or another customer cannot open A conversation', async () => {
    const base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => t.service.app.server.address() && `http://127.0.0.1:${(t.service.app.server.address() as { port: number }).port}`))!.replace(/^http/, 'ws');
    // A connector of tenant A per row (the DELETE row removes its own).
    const connector = (await t.service.context.connectors!.store.create(t.a.tenantId, connectorSpecSchema.parse(MATRIX_CONNECTOR), 'secret')).id;
    const ids: Ids = { ...shared, ...(await fresh()), connector };
    for (const hello of [{ tenantKey: t.b.widgetKey, customerId: ids.externalId, conversationId: ids.conversation }, { tenantKey: t.a.widgetKey, customerId: 'someone-else', conversationId: ids.conversation }]) {
      const client = await connectTestClient(`${base}/v1/widget/ws`);
      client.send({ type: 'hello', ...hello });
      const first = await Promise.race([client.waitFor((f) => f.type === 'welcome' || f.type === 'error'), Promise.resolve(client.closed()).then(() => ({ type: 'closed' }))]);
      if (first.type === 'welcome') expect((first as { conversationId?: string }).conversationId).not.toBe(ids.conversation);
      client.socket.terminate();
    }
  });
});
