import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../storage/migrate.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createAnalyticsAggregator } from './analytics-aggregator.ts';
import { createAnalyticsFixture } from './analytics-test-fixture.ts';

// Fixed clock: 2026-03-02 12:00 UTC. Conversations start on 2026-03-01 (UTC) unless a test says otherwise.
const NOW = new Date('2026-03-02T12:00:00Z');
const at = (hhmm: string, day = '2026-03-01') => `${day}T${hhmm}:00Z`;

let sql: SqlClient;
let fixture: ReturnType<typeof createAnalyticsFixture>;
const ids: Record<string, string> = {};
const aggregator = (options: { batchSize?: number; now?: Date } = {}) =>
  createAnalyticsAggregator({ batchSize: options.batchSize ?? 1000, settleMs: 0 }, { sql, now: () => options.now ?? NOW });
const factsOf = async (id: string) => (await sql.query<Record<string, unknown>>('SELECT *, day::text AS day, llm_cost::float8 AS llm_cost FROM conversation_facts WHERE conversation_id = $1', [id]))[0];

beforeAll(async () => {
  sql = await createPgliteClient();
  await migrate(sql);
  fixture = createAnalyticsFixture(sql);
  await fixture.tenant('shop', 'Asia/Shanghai');
  await fixture.tenant('other');

  // Confirmed: the customer asks, a tool answers, the customer says thanks (the engine emits conversation.resolved).
  const confirmed = await fixture.conversation('shop', at('10:00'));
  await confirmed.turn(at('10:01'), { intent: 'order_status', polarity: -0.2, label: 'neutral' }, [['tool.called', { name: 'get_order', ok: true }], ['knowledge.used', { docId: 'faq-shipping', confidence: 0.8 }]]);
  await confirmed.turn(at('10:03'), { intent: 'thanks', polarity: 0.6, label: 'positive' }, [['conversation.resolved', { by: 'customer', intent: 'thanks' }]]);
  ids.confirmed = confirmed.id;

  // Assumed: one question, an answer, and silence for more than 24 h (now is 26 h later).
  const assumed = await fixture.conversation('shop', at('10:00'));
  await assumed.turn(at('10:05'), { intent: 'return_policy' }, [['knowledge.used', { ids: ['kb-returns', 'kb-refunds'], confidence: 0.7 }]]);
  ids.assumed = assumed.id;

  // Open: the customer wrote 2 h ago (2026-03-02 10:00) and got an answer (evidence for `assumed` once 24 h pass).
  const open = await fixture.conversation('shop', at('09:00', '2026-03-02'));
  await open.turn(at('10:00', '2026-03-02'), { intent: 'order_status' }, [['tool.called', { name: 'get_order', ok: true }]]);
  ids.open = open.id;

  // Handed off: angry customer, a failed tool, queued for a person, agent answers 3 minutes later and closes; rated twice (last counts).
  const handedOff = await fixture.conversation('shop', at('11:00'), { channel: 'wechat' });
  await handedOff.turn(at('11:01'), { intent: 'complaint', polarity: -0.9, label: 'negative' }, [
    ['tool.called', { name: 'get_order', ok: false, error: 'timeout' }], ['tool.called', { name: 'create_complaint', ok: true }], ['handoff.requested', { reason: 'negative_sentiment' }],
  ], 1);
  await handedOff.event('conversation.queued', { reason: 'negative_sentiment' }, at('11:01'));
  await handedOff.event('conversation.assigned', { assigneeId: 'usr-1' }, at('11:03'));
  await handedOff.event('message.created', { author: 'agent' }, at('11:04'));
  await handedOff.event('conversation.closed', { resolution: 'resolved' }, at('11:20'));
  await handedOff.event('conversation.rated', { score: 2 }, at('11:21'));
  await handedOff.event('conversation.rated', { score: 4, comment: '=HYPERLINK("x")' }, at('11:22'));
  ids.handedOff = handedOff.id;

  // No contact: a proactive message nobody answered.
  const silent = await fixture.conversation('shop', at('12:00'));
  await silent.event('proactive.sent', { ruleId: 'order-shipped' }, at('12:00'));
  ids.silent = silent.id;

  // Reopened: thanks, then the customer comes back the next morning with a new question and logs a complaint
  // (an open complaint is unresolved at once, issue 28).
  const reopened = await fixture.conversation('shop', at('08:00'), { pack: 'logistics' });
  await reopened.turn(at('08:01'), { intent: 'track_parcel' }, [['llm.completed', { promptTokens: 120, completionTokens: 30, cost: 0.0021, currency: 'CNY' }]]);
  await reopened.turn(at('08:02'), { intent: 'goodbye' }, [['conversation.resolved', { by: 'customer' }]]);
  await reopened.event('conversation.closed', { resolution: 'resolved' }, at('08:30'));
  await reopened.event('conversation.reopened', {}, at('11:00', '2026-03-02'));
  await reopened.turn(at('11:00', '2026-03-02'), { intent: 'track_parcel' }, [['llm.completed', { promptTokens: 80, completionTokens: 20, cost: 0.0012, currency: 'CNY' }], ['ticket.created', { kind: 'complaint' }]]);
  ids.reopened = reopened.id;

  // Malformed numbers must not poison the batch.
  const odd = await fixture.conversation('other', at('23:30'));
  await odd.event('sentiment.detected', { polarity: 'very bad', label: 'negative' }, at('23:31'));
  await odd.event('llm.completed', { promptTokens: 'many' }, at('23:31'));
  await odd.event('conversation.rated', { score: 9 }, at('23:32'));
  ids.odd = odd.id;

  await aggregator({ batchSize: 7 }).catchUp({ budgetMs: 60_000 });
});
afterAll(async () => sql.close());

describe('analytics aggregator', () => {
  it('classifies each resolution kind by the documented definition, never blending them', async () => {
    const kinds = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([name, id]) => [name, (await factsOf(id)).resolution_kind])));
    expect(kinds).toEqual({ confirmed: 'confirmed', assumed: 'assumed', open: 'open', handedOff: 'handed_off', silent: 'no_contact', reopened: 'unresolved', odd: 'no_contact' });
  });

  it('turns an open conversation into assumed once N hours pass, and back to open when the customer returns', async () => {
    const later = aggregator({ now: new Date('2026-03-03T11:00:01Z') });
    await later.catchUp();
    expect((await factsOf(ids.open)).resolution_kind).toBe('assumed');
    const conversation = { event: (type: string, data: Record<string, unknown>, time: string) => sql.query('INSERT INTO events (tenant_id, conversation_id, type, data, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)', ['shop', ids.open, type, JSON.stringify(data), time]) };
    await conversation.event('message.created', { author: 'customer' }, '2026-03-03T11:00:00Z');
    await later.catchUp();
    expect((await factsOf(ids.open)).resolution_kind).toBe('open');
    expect((await factsOf(ids.open)).customer_messages).toBe(2);
  });

  it('records times, handoff reason, CSAT (last rating), complaint, sentiment, tools, articles and LLM usage', async () => {
    const handedOff = await factsOf(ids.handedOff);
    expect(handedOff).toMatchObject({
      channel: 'wechat', handoff_reason: 'negative_sentiment', csat: 4, complaint: true, sentiment_min: expect.closeTo(-0.9, 5), sentiment_label: 'negative',
      tool_ok: 1, tool_failed: 1, tools_ok: ['create_complaint'], tools_failed: ['get_order'], close_resolution: 'resolved', agent_messages: 1,
    });
    expect((handedOff.first_agent_reply_at as Date).getTime() - (handedOff.handed_off_at as Date).getTime()).toBe(3 * 60_000);
    const confirmed = await factsOf(ids.confirmed);
    expect(confirmed).toMatchObject({ intents: ['order_status', 'thanks'], customer_messages: 2, bot_messages: 3, tools_ok: ['get_order'], articles: ['faq-shipping'], article_uses: 1, complaint: false, sentiment_label: 'positive' });
    // The greeting at 10:00 is not a response; the first bot reply comes with the 10:01 turn.
    expect((confirmed.first_bot_reply_at as Date).toISOString()).toBe(at('10:01').replace(':00Z', ':00.000Z'));
    expect(await factsOf(ids.assumed)).toMatchObject({ articles: ['kb-refunds', 'kb-returns'], article_uses: 2 });
    expect(await factsOf(ids.reopened)).toMatchObject({ pack: 'logistics', reopened: 1, llm_calls: 2, llm_prompt_tokens: 200, llm_completion_tokens: 50, llm_cost: expect.closeTo(0.0033, 8), llm_currency: 'CNY', complaint: true });
    expect(await factsOf(ids.silent)).toMatchObject({ proactive_sent: 1, customer_messages: 0, first_bot_reply_at: null });
    expect(await factsOf(ids.odd)).toMatchObject({ sentiment_min: null, sentiment_label: null, llm_calls: 1, llm_prompt_tokens: 0, csat: null });
  });

  it('puts a conversation on the calendar day of the tenant time zone', async () => {
    // 23:30 UTC on 1 March: 2 March in Shanghai, still 1 March for a tenant without a zone (UTC).
    const late = await fixture.conversation('shop', at('23:30'));
    await aggregator().catchUp();
    expect((await factsOf(late.id)).day).toBe('2026-03-02');
    expect((await factsOf(ids.odd)).day).toBe('2026-03-01');
  });

  it('gives the same facts folded one event at a time as in one batch, and a re-run changes nothing', async () => {
    const small = aggregator({ batchSize: 1 });
    await small.rebuild();
    const stepwise = await small.catchUp({ budgetMs: 120_000 });
    expect(stepwise.caughtUp).toBe(true);
    expect(stepwise.batches).toBeGreaterThan(50);
    const byEvent = await fixture.facts();
    const big = aggregator({ batchSize: 100_000 });
    await big.rebuild();
    expect((await big.catchUp()).batches).toBe(1);
    const oneShot = await fixture.facts();
    expect(byEvent).toEqual(oneShot);
    const again = await big.catchUp();
    expect(again).toMatchObject({ batches: 0, caughtUp: true, watermark: stepwise.watermark });
    expect(await fixture.facts()).toEqual(oneShot);
  });

  it('folds one small batch per timer tick, and a dashboard read during a tick still catches up fully', async () => {
    const ticking = createAnalyticsAggregator({ batchSize: 1000, tickBatchSize: 2, settleMs: 0 }, { sql, now: () => NOW });
    await ticking.rebuild();
    const first = await ticking.tick();
    expect(first).toMatchObject({ batches: 1, caughtUp: false });
    const tick = ticking.tick();
    const dashboard = ticking.catchUp();
    expect((await tick).batches).toBe(1);
    const full = await dashboard;
    expect(full.caughtUp).toBe(true);
    expect(full.watermark).toBe(Number((await sql.query<{ max: string }>('SELECT max(id) AS max FROM events'))[0].max));
  });

  it('waits at a young gap in event ids (a transaction may still be committing) and passes an old one', async () => {
    const conversation = await fixture.conversation('other', '2026-03-02T11:59:00Z');
    const young = createAnalyticsAggregator({ settleMs: 60_000 }, { sql, now: () => NOW });
    await young.catchUp();
    const before = await young.watermark();
    // A rolled-back insert leaves a hole in the identity sequence.
    await sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO events (tenant_id, conversation_id, type, data, created_at) VALUES ('other', $1, 'message.created', '{"author":"customer"}', $2)`, [conversation.id, '2026-03-02T11:59:30Z']);
      throw new Error('roll back');
    }).catch(() => {});
    await conversation.event('message.created', { author: 'customer' }, '2026-03-02T11:59:40Z');
    const waiting = await young.catchUp();
    expect(waiting).toMatchObject({ caughtUp: true, batches: 0, watermark: before });
    const settled = createAnalyticsAggregator({ settleMs: 60_000 }, { sql, now: () => new Date('2026-03-02T12:05:00Z') });
    expect((await settled.catchUp()).batches).toBe(1);
    expect((await factsOf(conversation.id)).customer_messages).toBe(1);
  });

  it('deletes the facts with the conversation (erasure, retention)', async () => {
    const doomed = await fixture.conversation('other', at('05:00'));
    await aggregator().catchUp();
    expect(await factsOf(doomed.id)).toBeDefined();
    await sql.query('DELETE FROM conversations WHERE id = $1', [doomed.id]);
    expect(await factsOf(doomed.id)).toBeUndefined();
  });
});
