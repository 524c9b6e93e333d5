import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetIdentityHmac } from '../auth/widget-identity.ts';
import { createTestService, type TestService } from '../testing/create-test-service.ts';

let t: TestService;
const inject = (options: InjectOptions) => t.service.app.inject(options);
const as = (role: 'agent' | 'supervisor' | 'admin' = 'agent') => ({ authorization: `Bearer ${t.a.tokens[role]}` });
const ids: Record<string, string> = {};

/** A widget start; a customer id is resumed with the shop's identity HMAC or the browser's resume token (issue 23, D7). */
async function widget(customerId?: string, proof: { hmac?: string; resumeToken?: string } = {}) {
  const session = (await inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, ...(customerId ? { customerId } : {}), ...proof } })).json();
  const conversation = await t.service.context.store.getConversation(t.a.tenantId, session.conversationId);
  return { conversationId: session.conversationId as string, customerId: conversation!.customerId, resumeToken: session.resumeToken as string };
}

beforeAll(async () => {
  t = await createTestService({}, { withSql: true });
  const api = { authorization: `Bearer ${t.a.apiKey}` };
  const created = await inject({
    method: 'POST', url: '/v1/customers', headers: api,
    payload: { externalId: 'shop-1001', name: '张伟', phone: '13812345678', email: 'zhang.wei@example.com', attributes: { tags: ['vip', 'wholesale'], verified: true, city: '杭州' }, identities: [{ kind: 'wechat', value: 'wx_openid_zw' }] },
  });
  expect(created.statusCode, created.body).toBe(200);
  const settings = (await inject({ url: '/v1/agent/settings', headers: as('admin') })).json();
  const known = await widget('shop-1001', { hmac: widgetIdentityHmac(settings.widgetSecret, 'shop-1001') });
  ids.known = known.customerId;
  ids.knownConversation = known.conversationId;
  await inject({ method: 'POST', url: `/v1/agent/conversations/${known.conversationId}/notes`, headers: as(), payload: { text: '老客户，喜欢电话沟通' } });
  ids.ticket = (await inject({ method: 'POST', url: '/v1/agent/tickets', headers: as(), payload: { conversationId: known.conversationId, type: 'callback', subject: '回电确认地址' } })).json().id;
  await inject({ method: 'POST', url: '/v1/customers', headers: api, payload: { externalId: 'shop-1002', name: 'Emily Clark', email: 'emily@example.com' } });
  const anonymous = await widget();
  ids.anonymous = anonymous.customerId;
  ids.anonymousConversation = anonymous.conversationId;
  ids.anonymousExternal = (await t.service.context.store.getCustomer(t.a.tenantId, anonymous.customerId))!.externalId;
  ids.anonymousResume = anonymous.resumeToken;
});
afterAll(async () => t.close());

describe('contacts', () => {
  it('searches by name, phone, e-mail, external id and channel identity', async () => {
    const search = async (q: string) => (await inject({ url: `/v1/agent/contacts?q=${encodeURIComponent(q)}`, headers: as() })).json().contacts.map((contact: { id: string }) => contact.id);
    for (const q of ['张伟', '1381234', 'ZHANG.WEI@', 'shop-1001', 'wx_openid']) expect(await search(q), q).toEqual([ids.known]);
    expect(await search('emily')).toHaveLength(1);
    expect(await search('nobody-here')).toEqual([]);
    const page = (await inject({ url: '/v1/agent/contacts?limit=1&offset=1', headers: as() })).json();
    expect(page.contacts).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('shows one contact with identities, verified flag, tags, notes, conversations and tickets, and a name instead of an id', async () => {
    const record = (await inject({ url: `/v1/agent/contacts/${ids.known}`, headers: as() })).json();
    expect(record.contact).toMatchObject({
      displayName: '张伟', verified: true, anonymous: false, tags: ['vip', 'wholesale'], attributes: { city: '杭州' }, conversationCount: 1, ticketCount: 1,
    });
    expect(record.contact.identities).toContainEqual({ kind: 'wechat', value: 'wx_openid_zw' });
    expect(record.notes.map((note: { text: string }) => note.text)).toEqual(['老客户，喜欢电话沟通']);
    expect(record.conversations.map((conversation: { id: string }) => conversation.id)).toEqual([ids.knownConversation]);
    expect(record.tickets.map((ticket: { id: string }) => ticket.id)).toEqual([ids.ticket]);
    const anonymous = (await inject({ url: `/v1/agent/contacts/${ids.anonymous}`, headers: as() })).json().contact;
    expect(anonymous).toMatchObject({ verified: false, anonymous: true, displayName: null, tags: [] });
    expect((await inject({ url: '/v1/agent/contacts/cus_missing', headers: as() })).statusCode).toBe(404);
  });

  it('gives the console names instead of customer ids', async () => {
    const list = (await inject({ url: '/v1/agent/conversations', headers: as() })).json();
    expect(list.customerNames[ids.known]).toBe('张伟');
    expect(list.customerNames[ids.anonymous]).toBeNull();
    expect((await inject({ url: `/v1/agent/conversations/${ids.knownConversation}`, headers: as() })).json().customerName).toBe('张伟');
  });

  it('merges a duplicate (supervisors and admins): its conversations move, its old id still finds the kept contact, a widget with it alone does not', async () => {
    const refused = await inject({ method: 'POST', url: `/v1/agent/contacts/${ids.known}/merge`, headers: as('agent'), payload: { duplicateId: ids.anonymous } });
    expect(refused.statusCode).toBe(403);
    expect((await inject({ method: 'POST', url: `/v1/agent/contacts/${ids.known}/merge`, headers: as('supervisor'), payload: { duplicateId: ids.known } })).statusCode).toBe(400);
    const merged = await inject({ method: 'POST', url: `/v1/agent/contacts/${ids.known}/merge`, headers: as('supervisor'), payload: { duplicateId: ids.anonymous } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ moved: { conversations: 1, tickets: 0 }, contact: { conversationCount: 2, displayName: '张伟' } });
    expect((await inject({ url: `/v1/agent/contacts/${ids.anonymous}`, headers: as() })).statusCode).toBe(404);
    expect(merged.json().contact.identities).toContainEqual({ kind: 'merged', value: ids.anonymousExternal });
    // The old id still finds the kept contact for agents and the API, but a widget naming it is not let into the kept
    // contact's history: its resume token was issued for the merged-away visitor (issue 23, D7). Known gap: the visitor
    // starts a new conversation after a merge.
    expect((await t.service.context.store.getCustomerByExternalId(t.a.tenantId, ids.anonymousExternal))?.id).toBe(ids.known);
    const again = await widget(ids.anonymousExternal, { resumeToken: ids.anonymousResume });
    expect(again.customerId).not.toBe(ids.known);
    const audit = (await inject({ url: '/v1/agent/audit', headers: as('admin') })).json();
    expect(JSON.stringify(audit)).toContain('contact.merged');
  });
});
