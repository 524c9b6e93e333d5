import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.ts';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { defaultTenantSettings, seedDemo, type DemoSeed } from '../demo-seed.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { Role } from '../storage/store.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { createAnalytics } from './analytics.ts';
import { createAnalyticsFixture } from './analytics-test-fixture.ts';

const NOW = new Date('2026-03-03T12:00:00Z');
const RANGE = 'from=2026-03-01&to=2026-03-03';
let service: Service;
let demo: DemoSeed;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  const sql = await createPgliteClient();
  const store = await createSqlStore('pglite', sql);
  demo = (await seedDemo(store, { password: 'test-password-123' })) as DemoSeed;
  const other = await store.createTenant({ id: 'ten-other', name: 'Other', widgetKey: 'wk-other', settings: defaultTenantSettings() });
  const otherAdmin = await store.createUser({ id: 'usr-other-admin', tenantId: other.id, email: 'admin@other.test', name: 'Other admin', role: 'admin', passwordHash: await hashPassword('test-password-123') });
  const logger = createLogger('info', new Writable({ write(_chunk, _encoding, done) { done(); } }));
  service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false } as never, { LINGXI_ANALYTICS_RESOLVE_AFTER_HOURS: '48' }), { store, sql, logger, engineFactory: async () => createScriptedEngine() });
  // The documented setting reaches the aggregator (issue 28: create-service passed {}).
  expect(service.context.analytics?.aggregator.config.assumeResolvedAfterHours).toBe(48);
  // A fixed clock and no settling delay, so that hand-written event times give fixed answers.
  service.context.analytics?.aggregator.stop();
  service.context.analytics = createAnalytics({ settleMs: 0 }, { sql, now: () => NOW });
  const sign = (tenantId: string, userId: string, role: Role) => service.context.signer.sign({ kind: 'agent', tenantId, userId, role }, 3600);
  for (const user of await store.listUsers(demo.tenantId)) tokens[user.role] = sign(demo.tenantId, user.id, user.role);
  tokens.otherAdmin = sign(other.id, otherAdmin.id, 'admin');

  const fixture = createAnalyticsFixture(sql);
  await fixture.tenant(demo.tenantId);
  await fixture.tenant(other.id);
  const a1 = await fixture.conversation(demo.tenantId, '2026-03-01T09:00:00Z');
  await a1.turn('2026-03-01T09:01:00Z', { intent: 'order_status', polarity: 0.1, label: 'neutral' }, [['tool.called', { name: 'get_order', ok: true }], ['knowledge.used', { docId: 'faq-1' }]]);
  await a1.turn('2026-03-01T09:02:00Z', { intent: 'thanks', polarity: 0.7, label: 'positive' }, [['conversation.resolved', { by: 'customer' }]]);
  await a1.event('conversation.rated', { score: 5 }, '2026-03-01T09:03:00Z');
  const a2 = await fixture.conversation(demo.tenantId, '2026-03-01T10:00:00Z', { channel: 'wechat' });
  await a2.turn('2026-03-01T10:01:00Z', { intent: '=cmd|calc', polarity: -0.8, label: 'negative' }, [['tool.called', { name: 'get_order', ok: false }], ['ticket.created', { kind: 'complaint' }]]);
  await a2.event('conversation.queued', { reason: 'negative_sentiment' }, '2026-03-01T10:01:00Z');
  await a2.event('message.created', { author: 'agent' }, '2026-03-01T10:05:00Z');
  await a2.event('conversation.closed', { resolution: 'resolved' }, '2026-03-01T10:30:00Z');
  await a2.event('conversation.rated', { score: 2 }, '2026-03-01T10:31:00Z');
  const a3 = await fixture.conversation(demo.tenantId, '2026-03-02T08:00:00Z', { pack: 'logistics' });
  await a3.turn('2026-03-02T08:01:00Z', { intent: 'order_status' }, [['llm.completed', { promptTokens: 100, completionTokens: 20, cost: 0.001, currency: 'CNY' }], ['knowledge.used', { docId: 'faq-1' }]]);
  const a4 = await fixture.conversation(demo.tenantId, '2026-03-03T11:00:00Z');
  await a4.turn('2026-03-03T11:30:00Z', { intent: 'order_status' });
  await fixture.conversation(demo.tenantId, '2026-03-03T11:40:00Z');
  const b1 = await fixture.conversation(other.id, '2026-03-01T09:00:00Z');
  await b1.turn('2026-03-01T09:01:00Z', { intent: 'secret_intent_of_b' });
  await sql.query(`INSERT INTO proactive_sends (id, tenant_id, customer_id, rule_id, event_key, event_type, due_at, status, outcome, conversation_id, created_at)
    VALUES ('ps-1', $1, $2, 'order-shipped', 'k1', 'order.shipped', $3, 'sent', 'sent', $4, $3), ('ps-2', $1, $2, 'order-shipped', 'k2', 'order.shipped', $3, 'skipped', 'opted_out', NULL, $3)`,
  [demo.tenantId, `cus-${demo.tenantId}`, '2026-03-02T09:00:00Z', a3.id]);
  Object.assign(ids, { a1: a1.id, a2: a2.id, a3: a3.id, b1: b1.id });
});
afterAll(async () => service?.close());

const get = (url: string, token?: string) => service.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('analytics HTTP', () => {
  it('lets admins and supervisors in; agents are refused, anonymous callers must sign in', async () => {
    expect((await get(`/v1/admin/analytics/dashboard?${RANGE}`, tokens.admin)).statusCode).toBe(200);
    expect((await get(`/v1/admin/analytics/dashboard?${RANGE}`, tokens.supervisor)).statusCode).toBe(200);
    for (const url of [`/v1/admin/analytics/dashboard?${RANGE}`, `/v1/admin/analytics/conversations?${RANGE}`, `/v1/admin/analytics/conversations.csv?${RANGE}`, `/v1/admin/conversations/${ids.a1}/export`]) {
      expect((await get(url, tokens.agent)).statusCode, url).toBe(403);
      expect((await get(url)).statusCode, url).toBe(401);
    }
  });

  it('shows the numbers of the seeded traffic, each resolution kind on its own', async () => {
    const dashboard = (await get(`/v1/admin/analytics/dashboard?${RANGE}`, tokens.admin)).json();
    expect(dashboard.totals).toMatchObject({ conversations: 5, engaged: 4, confirmed: 1, assumed: 1, unresolved: 0, handedOff: 1, open: 1, noContact: 1, complaints: 1, csatCount: 2, csatAverage: 3.5 });
    expect(dashboard.rates).toEqual({ confirmed: 0.25, assumed: 0.25, unresolved: 0, handedOff: 0.25, complaint: 0.25, containment: 0.75 });
    expect(dashboard.times.humanFirstResponse).toEqual({ count: 1, p50: 240, p90: 240 });
    expect(dashboard.handoffReasons).toEqual([{ reason: 'negative_sentiment', count: 1 }]);
    expect(dashboard.intents[0]).toMatchObject({ intent: 'order_status', conversations: 3, confirmed: 1, assumed: 1, open: 1 });
    expect(dashboard.tools).toEqual([{ name: 'get_order', okConversations: 1, failedConversations: 1 }]);
    expect(dashboard.llm).toMatchObject({ calls: 1, promptTokens: 100, completionTokens: 20, currency: 'CNY' });
    expect(dashboard.proactive).toHaveLength(2);
    expect(dashboard.dimensions).toEqual({ packs: ['ecommerce', 'logistics'], channels: ['wechat', 'widget'] });
    const filtered = (await get(`/v1/admin/analytics/dashboard?${RANGE}&pack=logistics`, tokens.admin)).json();
    expect(filtered.totals).toMatchObject({ conversations: 1, assumed: 1 });
    expect(JSON.stringify(dashboard)).not.toContain('secret_intent_of_b');
  });

  it('lists exactly as many conversations behind each number as the number says', async () => {
    const dashboard = (await get(`/v1/admin/analytics/dashboard?${RANGE}`, tokens.admin)).json();
    const checks: Array<[string, number]> = [
      ['metric=conversations', dashboard.totals.conversations], ['metric=engaged', dashboard.totals.engaged], ['metric=complaint', dashboard.totals.complaints],
      ['metric=csat', dashboard.totals.csatCount], ['metric=llm', dashboard.llm.conversations],
      ['metric=human_response', dashboard.times.humanFirstResponse.count], ['metric=bot_response', dashboard.times.botFirstResponse.count],
      ['metric=bot_resolution', dashboard.times.botResolution.count], ['metric=human_resolution', dashboard.times.humanResolution.count],
    ];
    const kinds = { confirmed: 'confirmed', assumed: 'assumed', unresolved: 'unresolved', handedOff: 'handed_off', open: 'open', noContact: 'no_contact' } as const;
    for (const [key, kind] of Object.entries(kinds)) {
      checks.push([`metric=resolution&value=${kind}`, dashboard.totals[key]]);
      for (const day of dashboard.perDay) checks.push([`metric=conversations&day=${day.day}&resolution=${kind}`, day[key]]);
      for (const intent of dashboard.intents) checks.push([`metric=intent&value=${encodeURIComponent(intent.intent)}&resolution=${kind}`, intent[key]]);
    }
    for (const day of dashboard.perDay) checks.push([`metric=conversations&day=${day.day}`, day.conversations], [`metric=sentiment&value=negative&day=${day.day}`, day.negative]);
    for (const outcome of dashboard.agentOutcomes) checks.push([`metric=agent_outcome&value=${outcome.outcome}`, outcome.count]);
    for (const reason of dashboard.handoffReasons) checks.push([`metric=handoff_reason&value=${reason.reason}`, reason.count]);
    for (const score of dashboard.csat) checks.push([`metric=csat&value=${score.score}`, score.count]);
    for (const label of dashboard.sentiment) checks.push([`metric=sentiment&value=${label.label}`, label.count]);
    for (const intent of dashboard.intents) checks.push([`metric=intent&value=${encodeURIComponent(intent.intent)}`, intent.conversations]);
    for (const tool of dashboard.tools) checks.push([`metric=tool_ok&value=${tool.name}`, tool.okConversations], [`metric=tool_failed&value=${tool.name}`, tool.failedConversations]);
    for (const article of dashboard.articles) checks.push([`metric=article&value=${article.id}`, article.conversations]);
    for (const pack of dashboard.byPack) checks.push([`metric=conversations&pack=${pack.pack}`, pack.conversations]);
    for (const channel of dashboard.byChannel) checks.push([`metric=engaged&channel=${channel.channel}`, channel.engaged]);
    for (const send of dashboard.proactive) checks.push([`metric=proactive&value=${send.status}/${send.outcome}`, send.count]);
    expect(checks.length).toBeGreaterThan(40);
    for (const [query, expected] of checks) {
      const page = (await get(`/v1/admin/analytics/conversations?${RANGE}&${query}&pageSize=500`, tokens.admin)).json();
      expect([query, page.total, page.rows.length], query).toEqual([query, expected, expected]);
    }
  });

  it('paginates, validates and exports the same set as formula-safe CSV', async () => {
    const first = (await get(`/v1/admin/analytics/conversations?${RANGE}&pageSize=2`, tokens.admin)).json();
    const third = (await get(`/v1/admin/analytics/conversations?${RANGE}&pageSize=2&page=3`, tokens.admin)).json();
    expect([first.total, first.rows.length, third.rows.length]).toEqual([5, 2, 1]);
    expect((await get(`/v1/admin/analytics/conversations?from=2026-03-05&to=2026-03-01`, tokens.admin)).statusCode).toBe(400);
    expect((await get(`/v1/admin/analytics/conversations?${RANGE}&metric=intent`, tokens.admin)).statusCode).toBe(400);
    const csv = await get(`/v1/admin/analytics/conversations.csv?${RANGE}&metric=engaged`, tokens.admin);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
    expect(lines[0]).toContain('conversation_id,day,started_at,pack,channel,locale,resolution,evidence,assignee_id,agent_outcome');
    // The handed-off conversation: its agent outcome and a link to its transcript (issue 28: auditable rows).
    expect(lines.find((line) => line.startsWith(`${ids.a2},`))).toMatch(new RegExp(`,handed_off,agent_resolved,,resolved,negative_sentiment,.*,/v1/admin/conversations/${ids.a2}/export$`));
    expect(csv.body).toContain("'=cmd|calc");
    expect(csv.body).not.toMatch(/(^|,)=cmd/m);
    const proactive = await get(`/v1/admin/analytics/conversations.csv?${RANGE}&metric=proactive&value=skipped`, tokens.admin);
    expect(proactive.body.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('exports one conversation with transcript, events and facts', async () => {
    const response = await get(`/v1/admin/conversations/${ids.a2}/export`, tokens.supervisor);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.conversation.id).toBe(ids.a2);
    expect(body.events.map((event: { type: string }) => event.type)).toContain('conversation.queued');
    expect(body.facts).toMatchObject({ resolution_kind: 'handed_off', csat: 2, complaint: true });
    expect(Array.isArray(body.transcript)).toBe(true);
  });

  it('keeps tenants apart: another admin sees only their own numbers and cannot export', async () => {
    const dashboard = (await get(`/v1/admin/analytics/dashboard?${RANGE}`, tokens.otherAdmin)).json();
    expect(dashboard.totals).toMatchObject({ conversations: 1, engaged: 1 });
    expect(dashboard.proactive).toEqual([]);
    const drill = (await get(`/v1/admin/analytics/conversations?${RANGE}&metric=intent&value=order_status`, tokens.otherAdmin)).json();
    expect(drill.total).toBe(0);
    const all = (await get(`/v1/admin/analytics/conversations?${RANGE}`, tokens.otherAdmin)).json();
    expect(all.rows.map((row: { conversationId: string }) => row.conversationId)).toEqual([ids.b1]);
    expect((await get(`/v1/admin/conversations/${ids.a1}/export`, tokens.otherAdmin)).statusCode).toBe(404);
  });
});
