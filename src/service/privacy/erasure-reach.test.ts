import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetIdentityHmac } from '../auth/widget-identity.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';

/**
 * Issue 23, D1: erasure must reach everything derived from the customer's words. A customer asks questions the bot
 * cannot answer; an admin closes the gaps with an FAQ answer, training phrases and a promoted agent reply; then the
 * customer is erased and every row of every table is searched for a marker unique to that customer. A bystander's
 * question, fixed the same way, must survive.
 */
const marker = `MRK${Date.now().toString(36)}Q`;
const phone = '13787654321';
const victim = `victim-${marker}`;

let t: TestService;
let sql: SqlClient;
beforeAll(async () => {
  // The scripted engine answers "anything else" with a fallback (a knowledge gap); it gets one pack intent so that
  // gaps can be closed with training phrases.
  const engineFactory = async () => Object.assign(createScriptedEngine(), { pack: { intents: { payment_methods: { zh: ['支持哪些付款方式'], en: ['which payment methods'] } } } });
  t = await createTestService({ rateLimitPerCustomer: 1000 }, { withSql: true, engineFactory });
  sql = t.sql!;
});
afterAll(async () => t?.close());

const admin = () => ({ authorization: `Bearer ${t.a.tokens.admin}` });
const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = admin()) => {
  const response = await t.service.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as never }) });
  expect(response.statusCode, `${method} ${url} → ${response.body.slice(0, 300)}`).toBeLessThan(300);
  return response.json();
};

/** Sends the questions as `customerId` in one widget conversation; returns the conversation id and the questions' message ids. */
async function ask(customerId: string, questions: string[]) {
  // The shop's widget names its signed-in customer with the identity HMAC (an id alone starts an anonymous visitor).
  const { settings } = (await t.service.context.store.getTenant(t.a.tenantId))!;
  const hmac = widgetIdentityHmac(settings.widgetSecret, customerId);
  const session = await call('POST', '/v1/widget/conversations', { tenantKey: t.a.widgetKey, customerId, hmac }, {});
  for (const [index, text] of questions.entries()) {
    await call('POST', `/v1/widget/conversations/${session.conversationId}/messages`, { clientId: `q-${index}`, text }, { authorization: `Bearer ${session.token}` });
  }
  const { messages } = await call('GET', `/v1/agent/conversations/${session.conversationId}`);
  const ids = questions.map((text) => messages.find((message: { author: string; text: string }) => message.author === 'customer' && message.text === text).id as string);
  return { conversationId: session.conversationId as string, ids };
}

/** Every row of every table (PGlite's own catalogues aside) as JSON text: `table → rows holding needle`. */
async function tablesHolding(needle: string): Promise<Record<string, number>> {
  const tables = await sql.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`);
  expect(tables.length).toBeGreaterThan(25);
  const found: Record<string, number> = {};
  let searched = 0;
  for (const table of tables) {
    const rows = await sql.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table.schema}"."${table.name}" t`);
    searched += rows.length;
    const hits = rows.filter((row) => row.row.includes(needle)).length;
    if (hits) found[table.name] = hits;
  }
  console.log(`erasure marker search: ${tables.length} tables, ${searched} rows, ${Object.values(found).reduce((sum, hits) => sum + hits, 0)} rows holding the needle`);
  return found;
}

describe('erasure reaches every derived artefact', () => {
  it('leaves no trace of the customer in any table, and keeps what others said', async () => {
    await call('POST', '/v1/customers', { externalId: victim, name: `贝壳 ${marker}`, phone, attributes: { note: marker } }, { authorization: `Bearer ${t.a.apiKey}` });
    const asked = [`${marker} 你们接受贝壳当货币吗 ${phone}`, `${marker} 可以用贝壳付款吗`, `${marker} do you take shells as money`];
    const mine = await ask(victim, asked);
    const bystanderQuestion = '你们收不收外币现金';
    const bystander = await ask('bystander', [bystanderQuestion]);

    // Agent work in the victim's conversation: a reply (promoted to a draft article), a note, a ticket.
    await call('POST', `/v1/agent/conversations/${mine.conversationId}/take-over`, {});
    await call('POST', `/v1/agent/conversations/${mine.conversationId}/messages`, { text: `不收贝壳，${phone} 的客户您好 ${marker}` });
    await call('POST', `/v1/agent/conversations/${mine.conversationId}/notes`, { text: `note ${marker}` });
    await call('POST', '/v1/agent/tickets', { conversationId: mine.conversationId, kind: 'complaint', subject: `ticket ${marker}`, details: { phone } });

    // The admin closes the gaps three ways (issue 23's reproduction), the bystander's with the same article and intent.
    await call('POST', '/v1/admin/learning/gaps/answer', { messageIds: [mine.ids[0], bystander.ids[0]], title: '你们接受哪些货币？', body: '我们只接受人民币付款。' });
    await call('POST', '/v1/admin/learning/gaps/phrases', { messageIds: [mine.ids[1]], intent: 'payment_methods' });
    await call('POST', '/v1/admin/learning/gaps/promote', { messageIds: [mine.ids[2]] });
    const before = await tablesHolding(marker);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['intent_phrases', 'knowledge_articles', 'tenant_tests', 'messages', 'customers']));

    const erased = await call('DELETE', `/v1/customers/${victim}`, undefined, { authorization: `Bearer ${t.a.apiKey}` });
    expect(erased).toMatchObject({ erased: true, customers: 1, conversations: 1 });
    expect(await tablesHolding(marker)).toEqual({});
    expect(await tablesHolding(phone)).toEqual({});

    // The bystander's question is still an article question and a regression test; the article still answers.
    const [article] = await sql.query<{ questions: string[]; title: string }>("SELECT questions, title FROM knowledge_articles WHERE title = '你们接受哪些货币？'");
    expect(article.questions).toEqual([bystanderQuestion]);
    expect(Object.keys(await tablesHolding(bystanderQuestion))).toEqual(expect.arrayContaining(['knowledge_articles', 'tenant_tests', 'messages']));
    const audit = await call('GET', '/v1/agent/audit?action=customer.erased');
    expect(audit.entries[0].data.derived).toMatchObject({ phrases: 1, articleQuestions: 1, draftArticles: 1, tests: 2 });
  });
});
