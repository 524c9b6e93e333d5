import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { ConversationState } from '../../engine/dialogue/types.ts';
import { LingxiError } from '../../engine/errors.ts';
import { newId } from '../ids.ts';
import type { Store, TenantSettings } from './store.ts';

const settings: TenantSettings = {
  packs: ['ecommerce'], locale: 'zh', tone: 'warm', personaName: '小灵', greeting: null, businessHours: null,
  widgetSecret: 'secret', enforceWidgetIdentity: false,
};
const engineState = (id: string): ConversationState => ({
  id, locale: 'zh', tone: 'neutral', customerId: null, flow: null, suspended: [], memory: {}, failures: 0, turns: 0,
  handedOff: false, lastIntent: null, pendingChoices: [],
});

/**
 * The behaviour every Store must have (house style §4). `create` is called once per suite; tests use fresh
 * tenants so they do not see each other's rows.
 */
export function runStoreContract(options: { name: string; create: () => Promise<Store>; destroy?: (store: Store) => Promise<void> }): void {
  describe(`Store contract: ${options.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await options.create();
    });
    afterAll(async () => {
      if (options.destroy) await options.destroy(store);
      else await store.close();
    });

    async function tenantWithConversation() {
      const tenant = await store.createTenant({ id: newId('ten'), name: 'Shop', widgetKey: newId('wk'), settings });
      const customer = await store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, externalId: 'ext-1', identities: [{ kind: 'email', value: 'a@example.com' }] });
      const id = newId('conv');
      const created = await store.createConversation({
        id, tenantId: tenant.id, customerId: customer.id, pack: 'ecommerce', locale: 'zh', engineState: engineState(id),
        messages: [{ id: newId('msg'), author: 'bot', text: '您好', payload: { quickReplies: [] } }], events: [{ type: 'conversation.started' }],
      });
      return { tenant, customer, conversation: created.conversation, greeting: created.messages };
    }

    it('runs migrations idempotently and answers ping', async () => {
      await store.ping();
      expect(await store.ensureSystemValue('k1', 'first')).toBe('first');
      expect(await store.ensureSystemValue('k1', 'second')).toBe('first');
    });

    it('stores tenants, settings, users and api keys', async () => {
      const tenant = await store.createTenant({ id: newId('ten'), name: 'A', widgetKey: newId('wk'), settings });
      expect((await store.getTenantByWidgetKey(tenant.widgetKey))?.id).toBe(tenant.id);
      expect((await store.listTenants()).map((t) => t.id)).toContain(tenant.id);
      const updated = await store.updateTenantSettings(tenant.id, { ...settings, personaName: 'Lily', packs: ['ecommerce', 'telecom'] });
      expect(updated.settings.personaName).toBe('Lily');
      expect((await store.getTenant(tenant.id))?.settings.packs).toEqual(['ecommerce', 'telecom']);
      const email = `${newId('u')}@Example.com`;
      const user = await store.createUser({ id: newId('usr'), tenantId: tenant.id, email, name: '王', role: 'agent', passwordHash: 'h' });
      expect((await store.getUserByEmail(email.toUpperCase()))?.id).toBe(user.id);
      expect(await store.getUser('other-tenant', user.id)).toBeNull();
      await expect(store.createUser({ id: newId('usr'), tenantId: tenant.id, email, name: 'x', role: 'agent', passwordHash: 'h' })).rejects.toThrow();
      const hash = newId('hash');
      await store.createApiKey({ id: newId('key'), tenantId: tenant.id, name: 'shop', prefix: 'lx_', keyHash: hash });
      expect((await store.getApiKeyByHash(hash))?.tenantId).toBe(tenant.id);
    });

    it('upserts customers by external id and finds them by identity', async () => {
      const { tenant, customer } = await tenantWithConversation();
      const again = await store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, externalId: 'ext-1', name: '李雷', attributes: { vip: true }, identities: [{ kind: 'phone', value: '13800000000' }] });
      expect(again.id).toBe(customer.id);
      expect(again.name).toBe('李雷');
      expect(again.identities).toEqual([{ kind: 'email', value: 'a@example.com' }, { kind: 'phone', value: '13800000000' }]);
      expect((await store.findCustomerByIdentity(tenant.id, 'phone', '13800000000'))?.id).toBe(customer.id);
      expect(await store.findCustomerByIdentity('other', 'phone', '13800000000')).toBeNull();
    });

    it('creates a conversation with its greeting as seq 1', async () => {
      const { tenant, conversation, greeting } = await tenantWithConversation();
      expect(conversation.owner).toBe('bot');
      expect(conversation.lastSeq).toBe(1);
      expect(greeting.map((m) => m.seq)).toEqual([1]);
      expect(conversation.engineState.id).toBe(conversation.id);
      expect((await store.listEvents(tenant.id, conversation.id)).map((e) => e.type)).toEqual(['conversation.started']);
    });

    it('commits messages, patch and events atomically with consecutive seqs', async () => {
      const { tenant, conversation } = await tenantWithConversation();
      const result = await store.commit({
        tenantId: tenant.id, conversationId: conversation.id, expectedLastSeq: 1, clientId: 'c-1',
        messages: [
          { id: newId('msg'), clientId: 'c-1', author: 'customer', text: '转人工', payload: { understanding: { intent: 'handoff' } } },
          { id: newId('msg'), author: 'bot', text: '正在转接', payload: { handoff: { reason: 'customer_request' } } },
        ],
        patch: { owner: 'queued', sentiment: 'negative', engineState: { ...conversation.engineState, turns: 1 } },
        events: [{ type: 'message.received' }, { type: 'handoff.requested', data: { reason: 'customer_request' } }],
      });
      expect(result.status).toBe('committed');
      if (result.status !== 'committed') return;
      expect(result.messages.map((m) => m.seq)).toEqual([2, 3]);
      expect(result.conversation).toMatchObject({ owner: 'queued', lastSeq: 3, sentiment: 'negative' });
      expect(result.conversation.engineState.turns).toBe(1);
      const messages = await store.listMessages(tenant.id, conversation.id, { afterSeq: 1 });
      expect(messages.map((m) => [m.seq, m.author, m.text])).toEqual([[2, 'customer', '转人工'], [3, 'bot', '正在转接']]);
      expect(messages[0].payload).toEqual({ understanding: { intent: 'handoff' } });
      expect((await store.listConversations(tenant.id, { owner: 'queued' })).map((c) => c.id)).toEqual([conversation.id]);
    });

    it('returns the stored message for a duplicate client id and writes nothing', async () => {
      const { tenant, conversation } = await tenantWithConversation();
      const input = { tenantId: tenant.id, conversationId: conversation.id, clientId: 'dup', messages: [{ id: newId('msg'), clientId: 'dup', author: 'customer' as const, text: 'hi' }] };
      const first = await store.commit(input);
      const second = await store.commit({ ...input, messages: [{ ...input.messages[0], id: newId('msg') }] });
      expect(second.status).toBe('duplicate');
      if (first.status !== 'committed' || second.status !== 'duplicate') return;
      expect(second.message.id).toBe(first.messages[0].id);
      expect((await store.listMessages(tenant.id, conversation.id)).length).toBe(2);
      expect((await store.getMessageByClientId(tenant.id, conversation.id, 'dup'))?.seq).toBe(2);
    });

    it('rejects a stale expectedLastSeq and a wrong owner without writing', async () => {
      const { tenant, conversation } = await tenantWithConversation();
      const stale = store.commit({ tenantId: tenant.id, conversationId: conversation.id, expectedLastSeq: 0, messages: [{ id: newId('msg'), author: 'bot', text: 'x' }] });
      await expect(stale).rejects.toMatchObject({ code: 'conflict' });
      const owner = store.commit({ tenantId: tenant.id, conversationId: conversation.id, requireOwner: ['human'], messages: [{ id: newId('msg'), author: 'agent', text: 'x' }] });
      await expect(owner).rejects.toBeInstanceOf(LingxiError);
      expect((await store.getConversation(tenant.id, conversation.id))?.lastSeq).toBe(1);
    });

    it('writes nothing when the commit fails inside the database after its messages were inserted', async () => {
      const { tenant, conversation } = await tenantWithConversation();
      const broken = store.commit({
        tenantId: tenant.id, conversationId: conversation.id, clientId: 'atomic',
        messages: [{ id: newId('msg'), clientId: 'atomic', author: 'customer', text: 'x' }], patch: { owner: 'queued' },
        events: [{ type: 'message.received' }, { type: null as unknown as string }],
      });
      await expect(broken).rejects.toThrow();
      expect(await store.getMessageByClientId(tenant.id, conversation.id, 'atomic')).toBeNull();
      expect(await store.getConversation(tenant.id, conversation.id)).toMatchObject({ lastSeq: 1, owner: 'bot' });
      expect((await store.listEvents(tenant.id, conversation.id)).map((e) => e.type)).toEqual(['conversation.started']);
    });

    it('stores one message for the same client id sent concurrently; the others come back as duplicates', async () => {
      const { tenant, conversation } = await tenantWithConversation();
      const results = await Promise.all(Array.from({ length: 6 }, () => store.commit({
        tenantId: tenant.id, conversationId: conversation.id, clientId: 'same',
        messages: [{ id: newId('msg'), clientId: 'same', author: 'customer', text: 'once' }], events: [{ type: 'message.received' }],
      })));
      expect(results.filter((r) => r.status === 'committed')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'duplicate').map((r) => (r.status === 'duplicate' ? r.message.seq : 0))).toEqual([2, 2, 2, 2, 2]);
      expect((await store.listMessages(tenant.id, conversation.id)).map((m) => m.seq)).toEqual([1, 2]);
      expect((await store.listEvents(tenant.id, conversation.id)).filter((e) => e.type === 'message.received')).toHaveLength(1);
    });

    it('applies explicit nulls in the patch and returns events in insertion order', async () => {
      const { tenant, conversation } = await tenantWithConversation();
      const agent = await store.createUser({ id: newId('usr'), tenantId: tenant.id, email: `${newId('a')}@example.com`, name: '李', role: 'agent', passwordHash: 'h' });
      const taken = await store.commit({ tenantId: tenant.id, conversationId: conversation.id, messages: [], patch: { owner: 'human', assigneeId: agent.id, resolution: 'x', sentiment: 'negative' } });
      expect(taken.status === 'committed' && taken.conversation).toMatchObject({ owner: 'human', assigneeId: agent.id, resolution: 'x', sentiment: 'negative', lastSeq: 1 });
      const back = await store.commit({
        tenantId: tenant.id, conversationId: conversation.id, messages: [{ id: newId('msg'), author: 'system', text: 'back' }],
        patch: { owner: 'closed', assigneeId: null, resolution: null }, events: ['a', 'b', 'c', 'd'].map((type, index) => ({ type, customerId: index === 0 ? 'cust' : undefined, data: { index } })),
      });
      if (back.status !== 'committed') throw new Error('not committed');
      expect(back.conversation).toMatchObject({ owner: 'closed', assigneeId: null, resolution: null, sentiment: 'negative', lastSeq: 2 });
      expect(back.conversation.closedAt).not.toBeNull();
      expect(back.events.map((e) => [e.type, e.data.index, e.customerId])).toEqual([['a', 0, 'cust'], ['b', 1, null], ['c', 2, null], ['d', 3, null]]);
      expect(back.events.map((e) => Number(e.id))).toEqual([...back.events.map((e) => Number(e.id))].sort((x, y) => x - y));
      expect(back.messages.map((m) => [m.seq, m.author, m.conversationId])).toEqual([[2, 'system', conversation.id]]);
    });

    it('serialises concurrent commits into distinct seqs', async () => {
      const { tenant, conversation } = await tenantWithConversation();
      await Promise.all(Array.from({ length: 8 }, (_, index) => store.commit({
        tenantId: tenant.id, conversationId: conversation.id, clientId: `p-${index}`,
        messages: [{ id: newId('msg'), clientId: `p-${index}`, author: 'customer', text: `m${index}` }],
      })));
      const seqs = (await store.listMessages(tenant.id, conversation.id)).map((m) => m.seq);
      expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('hides every record from another tenant', async () => {
      const a = await tenantWithConversation();
      const b = await tenantWithConversation();
      expect(await store.getConversation(b.tenant.id, a.conversation.id)).toBeNull();
      expect(await store.getCustomer(b.tenant.id, a.customer.id)).toBeNull();
      expect(await store.listMessages(b.tenant.id, a.conversation.id)).toEqual([]);
      await expect(store.commit({ tenantId: b.tenant.id, conversationId: a.conversation.id, messages: [] })).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.addNote({ id: newId('note'), tenantId: b.tenant.id, conversationId: a.conversation.id, authorId: 'u', text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
      const article = await store.createArticle({ id: newId('kb'), tenantId: a.tenant.id, title: '退货政策', body: '七天无理由', locale: 'zh', tags: ['returns'] });
      expect(await store.getArticle(b.tenant.id, article.id)).toBeNull();
      expect(await store.updateArticle(b.tenant.id, article.id, { title: 'x' })).toBeNull();
      expect(await store.deleteArticle(b.tenant.id, article.id)).toBe(false);
    });

    it('keeps notes, tickets, knowledge and webhooks', async () => {
      const { tenant, conversation, customer } = await tenantWithConversation();
      await store.addNote({ id: newId('note'), tenantId: tenant.id, conversationId: conversation.id, authorId: 'u1', text: '客户很着急' });
      expect((await store.listNotes(tenant.id, conversation.id)).map((n) => n.text)).toEqual(['客户很着急']);
      const ticket = await store.createTicket({ id: newId('tkt'), tenantId: tenant.id, conversationId: conversation.id, customerId: customer.id, kind: 'repair', status: 'open', subject: 'Keyboard repair', details: { date: '2026-12-01' } });
      const moved = await store.updateTicket(tenant.id, ticket.id, { status: 'resolved', details: { technician: 'Li' } });
      expect(moved).toMatchObject({ status: 'resolved', details: { date: '2026-12-01', technician: 'Li' } });
      expect((await store.listTickets(tenant.id, { status: 'resolved' })).length).toBe(1);
      const article = await store.createArticle({ id: newId('kb'), tenantId: tenant.id, title: 'Returns', body: '30 days', locale: 'en', tags: [] });
      expect((await store.updateArticle(tenant.id, article.id, { body: '45 days' }))?.body).toBe('45 days');
      expect(await store.deleteArticle(tenant.id, article.id)).toBe(true);
      expect(await store.listArticles(tenant.id)).toEqual([]);
      const hook = await store.createWebhook({ id: newId('wh'), tenantId: tenant.id, url: 'http://127.0.0.1:1/x', secret: 's', events: ['message.created'], active: true });
      expect((await store.listWebhooks(tenant.id)).map((w) => w.events)).toEqual([['message.created']]);
      expect(await store.deleteWebhook(tenant.id, hook.id)).toBe(true);
      const event = await store.appendEvent(tenant.id, { type: 'order.shipped', customerId: customer.id, data: { orderId: '#W1' } });
      expect((await store.listEvents(tenant.id, null)).map((e) => e.id)).toContain(event.id);
      const counts = await store.countByOwner();
      expect(counts.bot).toBeGreaterThan(0);
    });
  });
}
