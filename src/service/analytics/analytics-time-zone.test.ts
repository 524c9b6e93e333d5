import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../storage/migrate.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createAnalyticsAggregator } from './analytics-aggregator.ts';
import { createAnalyticsQueries } from './analytics-queries.ts';
import { createAnalyticsFixture } from './analytics-test-fixture.ts';

// Issue 28 item 7: every day is the tenant's day. Both sides of midnight in Shanghai (16:00 UTC): 15:30 UTC on
// 1 March is 23:30 on the 1st there, 17:00 UTC is 01:00 on the 2nd. Proactive sends were dated by the UTC day.
let sql: SqlClient;
const at = { before: '2026-03-01T15:30:00Z', after: '2026-03-01T17:00:00Z' };

beforeAll(async () => {
  sql = await createPgliteClient();
  await migrate(sql);
  const fixture = createAnalyticsFixture(sql);
  await fixture.tenant('shop', 'Asia/Shanghai');
  for (const [key, time] of Object.entries(at)) {
    const conversation = await fixture.conversation('shop', time);
    await conversation.event('proactive.sent', { ruleId: 'order-shipped' }, time);
    await sql.query(`INSERT INTO proactive_sends (id, tenant_id, customer_id, rule_id, event_key, event_type, due_at, status, outcome, conversation_id, created_at)
      VALUES ($1, 'shop', 'cus-shop', 'order-shipped', $1, 'order.shipped', $2, 'sent', 'sent', $3, $2)`, [`ps-${key}`, time, conversation.id]);
  }
  await createAnalyticsAggregator({ settleMs: 0 }, { sql, now: () => new Date('2026-03-02T12:00:00Z') }).catchUp();
});
afterAll(async () => sql.close());

describe('analytics days in the tenant time zone (issue 28 item 7)', () => {
  it('dates proactive sends by the tenant day, like conversations, on both sides of local midnight', async () => {
    const queries = createAnalyticsQueries({ sql });
    for (const [day, send] of [['2026-03-01', 'ps-before'], ['2026-03-02', 'ps-after']] as const) {
      const dashboard = await queries.dashboard('shop', { from: day, to: day }, {});
      expect({ day, conversations: dashboard.totals.conversations, proactive: dashboard.proactive }).toEqual({ day, conversations: 1, proactive: [{ status: 'sent', outcome: 'sent', count: 1 }] });
      const drill = await queries.drill('shop', { from: day, to: day }, { metric: 'proactive', value: 'sent', page: 1, pageSize: 10 });
      expect(drill.rows.map((row) => (row as { sendId: string }).sendId)).toEqual([send]);
    }
  });
});
