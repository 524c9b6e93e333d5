import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../storage/migrate.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createAnalyticsAggregator } from './analytics-aggregator.ts';
import { createAnalyticsQueries } from './analytics-queries.ts';
import { createAnalyticsFixture } from './analytics-test-fixture.ts';

// Issue 28 item 5: a conversation's sentiment is not its last message's. An angry complaint that ends with "确认"
// is reported with its worst (negative) and final (neutral) sentiment and the trajectory between them.
let sql: SqlClient;
const ids: Record<string, string> = {};
const RANGE = { from: '2026-03-01', to: '2026-03-01' };

beforeAll(async () => {
  sql = await createPgliteClient();
  await migrate(sql);
  const fixture = createAnalyticsFixture(sql);
  await fixture.tenant('shop');
  const angry = await fixture.conversation('shop', '2026-03-01T09:00:00Z');
  await angry.turn('2026-03-01T09:01:00Z', { intent: 'complaint', polarity: -0.9, label: 'negative' });
  await angry.turn('2026-03-01T09:02:00Z', { intent: 'complaint', polarity: -0.5, label: 'negative' });
  await angry.turn('2026-03-01T09:03:00Z', { intent: 'affirm', polarity: -0.1, label: 'neutral' });
  const calm = await fixture.conversation('shop', '2026-03-01T10:00:00Z');
  await calm.turn('2026-03-01T10:01:00Z', { intent: 'order_status', polarity: 0, label: 'neutral' });
  await calm.turn('2026-03-01T10:02:00Z', { intent: 'thanks', polarity: 0.6, label: 'positive' });
  Object.assign(ids, { angry: angry.id, calm: calm.id });
  // One event per batch: the trajectory must come out the same as folded at once.
  const aggregator = createAnalyticsAggregator({ settleMs: 0, batchSize: 1 }, { sql, now: () => new Date('2026-03-01T12:00:00Z') });
  await aggregator.catchUp({ budgetMs: 60_000 });
});
afterAll(async () => sql.close());

describe('conversation sentiment (issue 28 item 5)', () => {
  it('reports worst and final sentiment and the trajectory, per conversation and on the dashboard', async () => {
    const queries = createAnalyticsQueries({ sql });
    const page = await queries.drill('shop', RANGE, { metric: 'conversations', page: 1, pageSize: 10 });
    const row = (id: string) => page.rows.find((item) => (item as { conversationId: string }).conversationId === id) as unknown as Record<string, unknown>;
    expect(row(ids.angry)).toMatchObject({ sentiment: 'neutral', sentimentWorst: 'negative', sentimentTrajectory: [-0.9, -0.5, -0.1] });
    expect(row(ids.calm)).toMatchObject({ sentiment: 'positive', sentimentWorst: 'neutral', sentimentTrajectory: [0, 0.6] });

    const dashboard = await queries.dashboard('shop', RANGE, {});
    expect(dashboard.sentimentWorst).toEqual([{ label: 'negative', count: 1 }, { label: 'neutral', count: 1 }]);
    expect(dashboard.sentiment).toEqual([{ label: 'neutral', count: 1 }, { label: 'positive', count: 1 }]);
    const worst = await queries.drill('shop', RANGE, { metric: 'sentiment_worst', value: 'negative', page: 1, pageSize: 10 });
    expect(worst.rows.map((item) => (item as { conversationId: string }).conversationId)).toEqual([ids.angry]);
  });
});
