import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../storage/migrate.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createAnalyticsAggregator } from './analytics-aggregator.ts';
import { createAnalyticsQueries } from './analytics-queries.ts';
import { createAnalyticsFixture } from './analytics-test-fixture.ts';

// Issue 28 items 1 and 3: a conversation counts as resolved only with evidence, and agents' close outcomes are read.
// Every conversation starts on 2026-03-01; the clock is 2026-03-02 12:00 UTC, past the 24 h window for all but `open`.
const NOW = new Date('2026-03-02T12:00:00Z');
const at = (hhmm: string, day = '2026-03-01') => `${day}T${hhmm}:00Z`;
const RANGE = { from: '2026-03-01', to: '2026-03-02' };

let sql: SqlClient;
const ids: Record<string, string> = {};
const aggregator = (now = NOW) => createAnalyticsAggregator({ settleMs: 0 }, { sql, now: () => now });
const kindOf = async (id: string) => (await sql.query<{ resolution_kind: string }>('SELECT resolution_kind FROM conversation_facts WHERE conversation_id = $1', [id]))[0]?.resolution_kind;

/** The decided outcome of each conversation: resolution kind and the evidence the drill-down must show. */
const truth: Record<string, { kind: string; evidence: string }> = {
  knowledge: { kind: 'assumed', evidence: 'knowledge_answered' },
  taskThenOk: { kind: 'assumed', evidence: 'task_completed' },
  thanks: { kind: 'confirmed', evidence: 'customer_confirmed' },
  abandonedFlow: { kind: 'unresolved', evidence: 'flow_pending' },
  fallback: { kind: 'unresolved', evidence: 'fallback' },
  answeredThenFallback: { kind: 'unresolved', evidence: 'fallback' },
  cancelled: { kind: 'unresolved', evidence: 'flow_cancelled' },
  loggedComplaint: { kind: 'unresolved', evidence: 'open_complaint' },
  thankedComplaint: { kind: 'unresolved', evidence: 'open_complaint' },
  greetingOnly: { kind: 'unresolved', evidence: 'no_answer' },
  weakAnswer: { kind: 'unresolved', evidence: 'weak_answer' },
  agentClosedUnresolved: { kind: 'unresolved', evidence: 'agent_unresolved' },
  agentClosedResolved: { kind: 'assumed', evidence: 'agent_resolved' },
  handoffResolved: { kind: 'handed_off', evidence: 'agent_resolved' },
  handoffSpam: { kind: 'handed_off', evidence: 'agent_spam' },
  handoffWaiting: { kind: 'handed_off', evidence: 'agent_pending' },
  open: { kind: 'open', evidence: 'fallback' },
};

beforeAll(async () => {
  sql = await createPgliteClient();
  await migrate(sql);
  const fixture = createAnalyticsFixture(sql);
  await fixture.tenant('shop');
  const make = async (name: string, build: (conversation: Awaited<ReturnType<typeof fixture.conversation>>) => Promise<void>, startedAt = at('09:00')) => {
    const conversation = await fixture.conversation('shop', startedAt);
    await build(conversation);
    ids[name] = conversation.id;
  };
  await make('knowledge', (c) => c.turn(at('09:01'), { intent: 'shipping_time' }, [['knowledge.used', { docId: 'kb-shipping', confidence: 0.8 }]]));
  await make('taskThenOk', async (c) => {
    await c.turn(at('09:01'), { intent: 'change_address' }, [['flow.started', { flow: 'change_address' }]]);
    await c.turn(at('09:02'), { intent: 'affirm' }, [['tool.called', { name: 'update_address', ok: true }], ['flow.completed', { flow: 'change_address' }]]);
    await c.turn(at('09:03'), { intent: 'affirm' });
  });
  await make('thanks', async (c) => {
    await c.turn(at('09:01'), { intent: 'order_status' }, [['tool.called', { name: 'get_order', ok: true }]]);
    await c.turn(at('09:02'), { intent: 'thanks' }, [['conversation.resolved', { by: 'customer', intent: 'thanks' }]]);
  });
  await make('abandonedFlow', async (c) => {
    await c.turn(at('09:01'), { intent: 'order_status' }, [['knowledge.used', { docId: 'kb-orders' }]]);
    await c.turn(at('09:02'), { intent: 'return_item' }, [['flow.started', { flow: 'return_item' }]]);
  });
  await make('fallback', (c) => c.turn(at('09:01'), { intent: 'unknown' }, [['fallback.triggered', { failures: 1 }]]));
  await make('answeredThenFallback', async (c) => {
    await c.turn(at('09:01'), { intent: 'shipping_time' }, [['knowledge.used', { docId: 'kb-shipping' }]]);
    await c.turn(at('09:02'), { intent: 'unknown' }, [['fallback.triggered', { failures: 1 }]]);
  });
  await make('cancelled', async (c) => {
    await c.turn(at('09:01'), { intent: 'cancel_order' }, [['flow.started', { flow: 'cancel_order' }]]);
    await c.turn(at('09:02'), { intent: 'deny' }, [['flow.cancelled', { flow: 'cancel_order' }]]);
  });
  await make('loggedComplaint', async (c) => {
    await c.turn(at('09:01'), { intent: 'complaint', polarity: -0.8, label: 'negative' }, [['flow.started', { flow: 'complaint' }]]);
    await c.turn(at('09:02'), { intent: 'affirm' }, [['tool.called', { name: 'create_complaint', ok: true }], ['flow.completed', { flow: 'complaint' }]]);
  });
  await make('thankedComplaint', async (c) => {
    await c.turn(at('09:01'), { intent: 'complaint' }, [['ticket.created', { kind: 'complaint' }]]);
    await c.turn(at('09:02'), { intent: 'thanks' }, [['conversation.resolved', { by: 'customer', intent: 'thanks' }]]);
  });
  await make('greetingOnly', (c) => c.turn(at('09:01'), { intent: 'greet' }));
  // An article that covers little of the question ("今天天气怎么样" → shipping times) is not evidence of an answer.
  await make('weakAnswer', (c) => c.turn(at('09:01'), { intent: 'faq' }, [['knowledge.used', { docId: 'kb-shipping', confidence: 0.56, coverage: 0.375 }]]));
  await make('agentClosedUnresolved', async (c) => {
    await c.turn(at('09:01'), { intent: 'shipping_time' }, [['knowledge.used', { docId: 'kb-shipping' }]]);
    await c.event('conversation.closed', { resolution: 'unresolved' }, at('09:30'));
  });
  await make('agentClosedResolved', async (c) => {
    await c.turn(at('09:01'), { intent: 'unknown' }, [['fallback.triggered', { failures: 1 }]]);
    await c.event('conversation.closed', { resolution: 'resolved' }, at('09:30'));
  });
  const handoff = (name: string, close: string | null) => make(name, async (c) => {
    await c.turn(at('10:00'), { intent: 'human' }, [['handoff.requested', { reason: 'customer_request' }]]);
    await c.event('conversation.queued', { reason: 'customer_request' }, at('10:00'));
    await c.event('conversation.assigned', { assigneeId: 'usr-7' }, at('10:02'));
    await c.event('message.created', { author: 'agent' }, at('10:03'));
    if (close) await c.event('conversation.closed', { resolution: close }, at('10:10'));
  });
  await handoff('handoffResolved', 'resolved');
  await handoff('handoffSpam', 'spam');
  await handoff('handoffWaiting', null);
  await make('open', (c) => c.turn(at('10:00', '2026-03-02'), { intent: 'unknown' }, [['fallback.triggered', { failures: 1 }]]), at('09:59', '2026-03-02'));
  await aggregator().catchUp();
});
afterAll(async () => sql.close());

describe('resolution with evidence (issue 28, items 1 and 3)', () => {
  it('counts a silent conversation as resolved only with evidence; failures, open complaints and agent verdicts are not resolved', async () => {
    const kinds = Object.fromEntries(await Promise.all(Object.keys(truth).map(async (name) => [name, await kindOf(ids[name])])));
    expect(kinds).toEqual(Object.fromEntries(Object.entries(truth).map(([name, { kind }]) => [name, kind])));
  });

  it('shows each conversation\'s evidence in the drill-down, and the dashboard counts equal the decided outcomes', async () => {
    const queries = createAnalyticsQueries({ sql });
    const page = await queries.drill('shop', RANGE, { metric: 'conversations', page: 1, pageSize: 100 });
    const rows = new Map(page.rows.map((row) => [(row as { conversationId: string }).conversationId, row as { evidence: string; resolution: string }]));
    for (const [name, expected] of Object.entries(truth)) expect({ name, resolution: rows.get(ids[name])?.resolution, evidence: rows.get(ids[name])?.evidence }).toEqual({ name, resolution: expected.kind, evidence: expected.evidence });

    const dashboard = await queries.dashboard('shop', RANGE, {});
    const count = (kind: string) => Object.values(truth).filter((item) => item.kind === kind).length;
    expect(dashboard.totals).toMatchObject({ confirmed: count('confirmed'), assumed: count('assumed'), unresolved: count('unresolved'), handedOff: count('handed_off'), open: count('open') });
    const unresolved = await queries.drill('shop', RANGE, { metric: 'resolution', value: 'unresolved', page: 1, pageSize: 100 });
    expect(unresolved.total).toBe(count('unresolved'));
  });

  it('reads agents\' close outcomes: agent resolution time counts only conversations closed as resolved', async () => {
    const queries = createAnalyticsQueries({ sql });
    const dashboard = await queries.dashboard('shop', RANGE, {});
    expect(dashboard.agentOutcomes).toEqual([{ outcome: 'pending', count: 1 }, { outcome: 'resolved', count: 1 }, { outcome: 'spam', count: 1 }]);
    expect(dashboard.times.humanResolution).toEqual({ count: 1, p50: 600, p90: 600 });
    const spam = await queries.drill('shop', RANGE, { metric: 'agent_outcome', value: 'spam', page: 1, pageSize: 10 });
    expect(spam.rows.map((row) => (row as { conversationId: string }).conversationId)).toEqual([ids.handoffSpam]);
  });

  it('the sweep applies the same definition: an open conversation with a fallback becomes unresolved, not assumed', async () => {
    await aggregator(new Date('2026-03-03T10:00:01Z')).catchUp();
    expect(await kindOf(ids.open)).toBe('unresolved');
  });
});
