import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../storage/migrate.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createAnalyticsAggregator } from './analytics-aggregator.ts';
import { createAnalyticsQueries } from './analytics-queries.ts';
import { createAnalyticsFixture } from './analytics-test-fixture.ts';

// Agent performance (issue 28, "what a support manager expects"): per agent the conversations handled, resolved by
// the agent's close outcome, first response, and CSAT from the ratings that name the agent who held the conversation.
let sql: SqlClient;
const RANGE = { from: '2026-03-01', to: '2026-03-01' };

beforeAll(async () => {
  sql = await createPgliteClient();
  await migrate(sql);
  const fixture = createAnalyticsFixture(sql);
  await fixture.tenant('shop');
  await sql.query(`INSERT INTO users (id, tenant_id, email, name, role, password_hash) VALUES ('usr-li', 'shop', 'li@shop.test', '李娜', 'agent', 'x'), ('usr-wang', 'shop', 'wang@shop.test', '王强', 'agent', 'x')`);
  const handled = async (agent: string, hour: string, replyAfterMinutes: number, close: string | null, rating?: number) => {
    const c = await fixture.conversation('shop', `2026-03-01T${hour}:00:00Z`);
    await c.turn(`2026-03-01T${hour}:01:00Z`, { intent: 'human' }, [['handoff.requested', { reason: 'customer_request' }]]);
    await c.event('conversation.queued', { reason: 'customer_request' }, `2026-03-01T${hour}:01:00Z`);
    await c.event('conversation.assigned', { assigneeId: agent }, `2026-03-01T${hour}:02:00Z`);
    await c.event('message.created', { author: 'agent' }, `2026-03-01T${hour}:${String(1 + replyAfterMinutes).padStart(2, '0')}:00Z`);
    if (close) await c.event('conversation.closed', { resolution: close }, `2026-03-01T${hour}:30:00Z`);
    if (rating) await c.event('conversation.rated', { score: rating, assigneeId: agent }, `2026-03-01T${hour}:31:00Z`);
  };
  await handled('usr-li', '08', 2, 'resolved', 5);
  await handled('usr-li', '09', 4, 'resolved', 3);
  await handled('usr-li', '10', 6, 'spam');
  await handled('usr-wang', '11', 10, 'unresolved', 1);
  await handled('usr-wang', '12', 10, null);
  await createAnalyticsAggregator({ settleMs: 0 }, { sql, now: () => new Date('2026-03-02T12:00:00Z') }).catchUp();
});
afterAll(async () => sql.close());

describe('agent performance', () => {
  it('reports handled, resolved (by close outcome), first response and CSAT per agent, each with its drill-down', async () => {
    const queries = createAnalyticsQueries({ sql });
    const dashboard = await queries.dashboard('shop', RANGE, {});
    expect(dashboard.agents).toEqual([
      { assigneeId: 'usr-li', name: '李娜', handled: 3, resolved: 2, resolutionRate: 0.6667, firstResponseP50: 240, csatCount: 2, csatAverage: 4 },
      { assigneeId: 'usr-wang', name: '王强', handled: 2, resolved: 0, resolutionRate: 0, firstResponseP50: 600, csatCount: 1, csatAverage: 1 },
    ]);
    for (const agent of dashboard.agents) {
      expect((await queries.drill('shop', RANGE, { metric: 'agent', value: agent.assigneeId, page: 1, pageSize: 50 })).total).toBe(agent.handled);
      expect((await queries.drill('shop', RANGE, { metric: 'agent_csat', value: agent.assigneeId, page: 1, pageSize: 50 })).total).toBe(agent.csatCount);
    }
  });
});
