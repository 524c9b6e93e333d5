import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { runRetentionPurge } from './retention-purge.ts';

/** Privacy (issue 12): export, masked export, erasure keeping anonymous aggregates, retention purge, audit log. */
let t: TestService;
beforeAll(async () => {
  t = await createTestService();
});
afterAll(async () => t.close());

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, authorization: string, payload?: unknown) =>
  t.service.app.inject({ method, url, headers: { authorization: `Bearer ${authorization}` }, payload: payload as never });

async function customerWithHistory(externalId: string) {
  const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: externalId } })).json();
  const post = (clientId: string, text: string) => t.service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId, text } });
  await post('p1', '我的手机是13812345678，订单到哪了');
  await post('p2', 'my email is li.lei@example.com');
  await inject('POST', '/v1/customers', t.a.apiKey, { externalId, name: '李雷', phone: '13812345678', email: 'li.lei@example.com' });
  const conversation = await t.service.context.store.getConversation(t.a.tenantId, session.conversationId);
  return { conversationId: session.conversationId as string, customerId: conversation!.customerId };
}

describe('privacy', () => {
  it('exports everything held about a customer, masked on request, and audits it', async () => {
    const { conversationId, customerId } = await customerWithHistory('export-me');
    const full = await inject('GET', '/v1/customers/export-me/export', t.a.apiKey);
    expect(full.statusCode).toBe(200);
    const body = full.json();
    expect(body.customer).toMatchObject({ externalId: 'export-me', name: '李雷', phone: '13812345678' });
    expect(body.conversations[0].conversation.id).toBe(conversationId);
    expect(body.conversations[0].messages.map((m: { text: string }) => m.text)).toContain('my email is li.lei@example.com');
    expect(body.conversations[0].events.length).toBeGreaterThan(0);
    const masked = await inject('GET', `/v1/agent/customers/${customerId}/export?mask=true`, t.a.tokens.admin);
    expect(masked.statusCode).toBe(200);
    expect(masked.json().masked).toBe(true);
    expect(masked.body).not.toMatch(/13812345678|li\.lei@example\.com/);
    expect(masked.json().conversations[0].messages.length).toBe(body.conversations[0].messages.length);
    const audit = (await inject('GET', '/v1/agent/audit?action=customer.exported', t.a.tokens.admin)).json().entries;
    expect(audit.map((entry: { targetId: string; data: { masked: boolean } }) => [entry.targetId, entry.data.masked])).toEqual([[customerId, true], [customerId, false]]);
    expect(JSON.stringify(audit)).not.toMatch(/13812345678|李雷/);
  });

  it('erases profile, identities, conversations and messages; events stay as anonymous counts', async () => {
    const { conversationId, customerId } = await customerWithHistory('erase-me');
    const { store } = t.service.context;
    const eventsBefore = await store.listEvents(t.a.tenantId, conversationId, 1000);
    const erased = await inject('DELETE', '/v1/customers/erase-me', t.a.apiKey);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ erased: true, customers: 1, conversations: 1, messages: 5, anonymisedEvents: eventsBefore.length });
    expect(await store.getCustomer(t.a.tenantId, customerId)).toBeNull();
    expect(await store.findCustomerByIdentity(t.a.tenantId, 'widget', 'erase-me')).toBeNull();
    expect(await store.getConversation(t.a.tenantId, conversationId)).toBeNull();
    expect(await store.listMessages(t.a.tenantId, conversationId)).toEqual([]);
    const anonymous = (await store.listEvents(t.a.tenantId, null, 10_000)).filter((event) => event.customerId === 'erased');
    expect(anonymous.length).toBeGreaterThanOrEqual(eventsBefore.length);
    expect(JSON.stringify(anonymous)).not.toMatch(/13812345678|li\.lei|erase-me|李雷/);
    expect(anonymous.filter((event) => event.type === 'message.created').length).toBe(eventsBefore.filter((event) => event.type === 'message.created').length);
    expect((await inject('GET', '/v1/customers/erase-me', t.a.apiKey)).statusCode).toBe(404);
    expect((await inject('DELETE', '/v1/customers/erase-me', t.a.apiKey)).statusCode).toBe(404);
    const audit = (await inject('GET', '/v1/agent/audit?action=customer.erased', t.a.tokens.admin)).json().entries;
    expect(audit[0]).toMatchObject({ actorKind: 'api_key', targetId: customerId, data: { conversations: 1 } });
  });

  it('purges conversations older than the tenant retention setting', async () => {
    const { conversationId } = await customerWithHistory('old-customer');
    const settings = (await inject('GET', '/v1/agent/settings', t.a.tokens.admin)).json();
    const { widgetKey: _key, widgetSecret: _secret, ...current } = settings;
    expect((await inject('PUT', '/v1/agent/settings', t.a.tokens.admin, { ...current, retentionDays: 30 })).statusCode).toBe(200);
    expect((await runRetentionPurge(t.service.context, new Date(Date.now() + 29 * 86_400_000)))[t.a.tenantId].conversations).toBe(0);
    const result = await runRetentionPurge(t.service.context, new Date(Date.now() + 31 * 86_400_000));
    expect(result[t.a.tenantId].conversations).toBeGreaterThanOrEqual(1);
    expect(result[t.b.tenantId]).toBeUndefined();
    expect(await t.service.context.store.getConversation(t.a.tenantId, conversationId)).toBeNull();
    expect(await t.service.context.store.getCustomerByExternalId(t.a.tenantId, 'old-customer')).not.toBeNull();
    const audit = (await inject('GET', '/v1/agent/audit?action=retention.purged', t.a.tokens.admin)).json().entries;
    expect(audit[0]).toMatchObject({ actorKind: 'system', actorId: 'retention' });
  });

  it('audits take-over, transfer, close, settings changes, user and key creation — admins only', async () => {
    const session = (await t.service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: 'audited' } })).json();
    const id = session.conversationId;
    expect((await inject('POST', `/v1/agent/conversations/${id}/take-over`, t.a.tokens.agent)).statusCode).toBe(200);
    expect((await inject('POST', `/v1/agent/conversations/${id}/transfer`, t.a.tokens.agent, { assigneeId: t.a.userIds.supervisor })).statusCode).toBe(200);
    expect((await inject('POST', `/v1/agent/conversations/${id}/close`, t.a.tokens.supervisor, { resolution: 'resolved' })).statusCode).toBe(200);
    expect((await inject('POST', '/v1/agent/users', t.a.tokens.admin, { email: 'audit.new@demo.test', name: 'N', role: 'agent', password: 'Station-42-audit' })).statusCode).toBe(200);
    expect((await inject('POST', '/v1/agent/api-keys', t.a.tokens.admin, { name: 'audited key' })).statusCode).toBe(200);
    let entries: Array<{ action: string; actorId: string; targetId: string | null; data: Record<string, unknown> }> = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      entries = (await inject('GET', '/v1/agent/audit', t.a.tokens.admin)).json().entries;
      if (entries.some((entry) => entry.action === 'api_key.created')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const forConversation = entries.filter((entry) => entry.targetId === id).map((entry) => [entry.action, entry.actorId]);
    expect(forConversation).toEqual([['conversation.closed', t.a.userIds.supervisor], ['conversation.transferred', t.a.userIds.agent], ['conversation.taken_over', t.a.userIds.agent]]);
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['settings.updated', 'user.created', 'api_key.created']));
    expect(JSON.stringify(entries)).not.toMatch(/Station-42-audit|lx_/);
    expect((await inject('GET', '/v1/agent/audit', t.a.tokens.supervisor)).statusCode).toBe(403);
    expect((await inject('GET', '/v1/agent/audit', t.b.tokens.admin)).json().entries).toEqual([]);
  });
});
