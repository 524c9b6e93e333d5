import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';

/**
 * The service with the real offline engine on an in-memory PGlite: a turn's writes are stored with their audit in the
 * turn's own commit, and a write that cannot be stored (the record changed in the database behind this node's back) is
 * never acknowledged as done: the node reloads what is stored and the turn runs again on it.
 */
const ORDER = '#CN2611502925';
let service: Service;
let sql: SqlClient;
const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-backend-turn-'));
beforeAll(async () => {
  sql = await createPgliteClient();
  const store = await createSqlStore('pglite', sql);
  service = await createService(loadServiceConfig({ dataDir, demoPassword: 'demo-password-1' }, {}), { store, sql, logger: createLogger('silent'), warmEngines: false });
}, 120_000);
afterAll(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function chat(customerId: string, locale: 'zh' | 'en') {
  const session = (await service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: service.demo!.widgetKey, customerId, locale } })).json();
  let count = 0;
  return {
    conversationId: session.conversationId as string,
    async say(text: string) {
      const response = await service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: `${customerId}-${++count}`, text } });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().messages as Array<{ author: string; text: string }>).filter((message) => message.author !== 'customer');
    },
  };
}

const orderStatus = async () => (await sql.query<{ status: string }>(`SELECT value->>'status' AS status FROM pack_backend_records WHERE pack = 'ecommerce' AND collection = 'orders' AND key = $1`, [ORDER]))[0]?.status;

describe('pack backend writes in service turns', () => {
  it('stores the confirmed write with its audit before answering (Chinese)', async () => {
    const zh = await chat('turn-zh', 'zh');
    await zh.say('取消订单');
    await zh.say('18235816343');
    await zh.say('下错单了');
    expect(await orderStatus()).toBe('pending');
    const done = await zh.say('确认');
    expect(done.map((message) => message.text).join('\n')).toContain('已取消');
    expect(await orderStatus()).toBe('cancelled');
    const audit = await sql.query<{ tool: string; actor: string; conversation_id: string; customer_id: string }>('SELECT tool, actor, conversation_id, customer_id FROM pack_backend_audit');
    expect(audit).toEqual([{ tool: 'cancel_pending_order', actor: 'bot', conversation_id: zh.conversationId, customer_id: expect.any(String) }]);
  });

  it('does not claim a write that could not be stored: the turn runs again on the stored backend and says why (English)', async () => {
    const other = '#CN2611169695';
    const en = await chat('turn-en', 'en');
    await en.say('I want to cancel my order');
    expect((await en.say('17856072182')).map((message) => message.text).join('\n')).toContain(other);
    await en.say('I ordered it by mistake');
    // Behind this node's back (a writer that did not move the version on), the order is processed meanwhile.
    await sql.query(`UPDATE pack_backend_records SET value = jsonb_set(value, '{status}', '"processed"') WHERE pack = 'ecommerce' AND collection = 'orders' AND key = $1`, [other]);
    // The cancellation started from "pending" cannot be stored: the turn and its write roll back together, and the turn
    // runs again on the reloaded backend, where the tool refuses. The customer hears the truth, not "cancelled".
    const answer = (await en.say('yes')).map((message) => message.text).join('\n');
    expect(answer).toContain('processed');
    expect(answer).toContain("can't cancel");
    expect((await sql.query<{ status: string }>(`SELECT value->>'status' AS status FROM pack_backend_records WHERE collection = 'orders' AND key = $1`, [other]))[0].status).toBe('processed');
    expect((await sql.query('SELECT 1 FROM pack_backend_audit WHERE conversation_id = $1', [en.conversationId]))).toEqual([]);
    const conversation = await service.context.store.getConversation(service.demo!.tenantId, en.conversationId);
    expect(conversation?.owner).toBe('bot');
    // The node dropped its copy (which had the order cancelled in memory): what it shows now is what is stored.
    const login = (await service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'admin@demo.lingxi.local', password: 'demo-password-1' } })).json();
    const records = (await service.app.inject({ url: `/v1/agent/customers/${conversation!.customerId}/records`, headers: { authorization: `Bearer ${login.token}` } })).json();
    expect(records.records.find((record: { id: string }) => record.id === other)?.status).toBe('processed');
  });

  it('a turn whose conversation commit loses a race runs again and still writes once (Chinese)', async () => {
    const order = '#CN2611870577';
    const zh = await chat('turn-race', 'zh');
    await zh.say('取消订单');
    expect((await zh.say('18411825857')).map((message) => message.text).join('\n')).toContain(order);
    await zh.say('不需要了');
    // Another node commits to this conversation while the confirming turn runs: the turn's commit fails its optimistic
    // check and is retried. Its backend write must not be stored by the failed attempt.
    const store = service.context.store;
    const commit = store.commit;
    let raced = false;
    store.commit = async (input) => {
      if (!raced && input.alsoOnCommit) {
        raced = true;
        await commit({ tenantId: input.tenantId, conversationId: input.conversationId, messages: [{ id: `msg_race_${Date.now()}`, author: 'system', text: '（另一节点的系统消息）', payload: {} }] });
      }
      return commit(input);
    };
    try {
      const done = (await zh.say('确认')).map((message) => message.text).join('\n');
      expect(raced).toBe(true);
      // The success answer (with the refund), not a refusal of a second cancellation by a retry that found it done.
      expect(done).toContain(`${order} 已取消`);
      expect(done).toContain('原路退回');
    } finally {
      store.commit = commit;
    }
    const audit = await sql.query<{ tool: string }>('SELECT tool FROM pack_backend_audit WHERE conversation_id = $1', [zh.conversationId]);
    expect(audit).toEqual([{ tool: 'cancel_pending_order' }]);
    expect((await sql.query<{ status: string }>(`SELECT value->>'status' AS status FROM pack_backend_records WHERE collection = 'orders' AND key = $1`, [order]))[0].status).toBe('cancelled');
  });
});
