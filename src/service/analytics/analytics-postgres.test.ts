import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../storage/migrate.ts';
import { createPostgresClient } from '../storage/postgres-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createAnalyticsAggregator } from './analytics-aggregator.ts';
import { createAnalyticsFixture } from './analytics-test-fixture.ts';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('analytics aggregator on PostgreSQL, two nodes', () => {
  const schema = `lingxi_analytics_${process.pid}_${Date.now().toString(36)}`;
  const clients: SqlClient[] = [];
  afterAll(async () => {
    for (const client of clients) await client.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('folds every event exactly once when two nodes aggregate at the same time', async () => {
    const [first, second] = await Promise.all([createPostgresClient({ connectionString: url!, schema }), createPostgresClient({ connectionString: url!, schema })]);
    clients.push(first, second);
    await migrate(first);
    const fixture = createAnalyticsFixture(first);
    await fixture.tenant('shop', 'Asia/Shanghai');
    for (let index = 0; index < 30; index += 1) {
      const conversation = await fixture.conversation('shop', `2026-03-01T${String(8 + (index % 10)).padStart(2, '0')}:00:00Z`);
      await conversation.turn(`2026-03-01T${String(8 + (index % 10)).padStart(2, '0')}:01:00Z`, { intent: index % 2 ? 'order_status' : 'thanks' }, index % 3 ? [] : [['conversation.resolved', { by: 'customer' }]]);
    }
    const now = () => new Date('2026-03-03T00:00:00Z');
    const nodes = [createAnalyticsAggregator({ batchSize: 7, settleMs: 0 }, { sql: first, now }), createAnalyticsAggregator({ batchSize: 7, settleMs: 0 }, { sql: second, now })];
    for (let round = 0; round < 100; round += 1) {
      const results = await Promise.all(nodes.map((node) => node.catchUp({ budgetMs: 5 })));
      if (results.every((result) => result.caughtUp)) break;
    }
    const together = await fixture.facts();
    expect(together).toHaveLength(30);
    expect(together.reduce((sum, row) => sum + Number(row.customer_messages), 0)).toBe(30);
    await nodes[0].rebuild();
    await nodes[0].catchUp({ budgetMs: 60_000 });
    expect(await fixture.facts()).toEqual(together);
  });
});
