import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalytics, type Analytics } from '../analytics/analytics.ts';
import { createAnalyticsFixture } from '../analytics/analytics-test-fixture.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { Store } from '../storage/store.ts';
import { createLearningService } from './learning-service.ts';

// Issue 28 item 4: the weekly digest and the dashboard report bot containment with one definition and one code path:
// engaged conversations never handed to a person / engaged, where handed off includes an agent's direct takeover and engaged excludes
// conversations in which the customer never wrote. Tenant in Asia/Shanghai; the clock is Tuesday 2026-03-10 10:00 there.
const NOW = new Date('2026-03-10T02:00:00Z');
let sql: SqlClient;
let store: Store;
let analytics: Analytics;

beforeAll(async () => {
  sql = await createPgliteClient();
  store = await createSqlStore('pglite', sql);
  const fixture = createAnalyticsFixture(sql);
  await fixture.tenant('shop', 'Asia/Shanghai');
  const thisWeek = ['2026-03-05T03:00:00Z', '2026-03-06T03:00:00Z', '2026-03-07T03:00:00Z', '2026-03-08T03:00:00Z', '2026-03-09T03:00:00Z'];
  for (const [index, start] of thisWeek.entries()) {
    const conversation = await fixture.conversation('shop', start);
    await conversation.turn(start.replace('03:00', '03:01'), { intent: 'order_status' }, [['knowledge.used', { docId: 'kb-1' }]]);
    if (index === 0) await conversation.event('conversation.queued', { reason: 'customer_request' }, start.replace('03:00', '03:02'));
    // An agent takes over without the conversation ever being queued: a handoff all the same.
    if (index === 1) await conversation.event('conversation.assigned', { assigneeId: 'usr-1' }, start.replace('03:00', '03:02'));
  }
  // Two conversations in which the customer never wrote (a proactive message, an opened widget): not engaged.
  await fixture.conversation('shop', '2026-03-08T05:00:00Z');
  await fixture.conversation('shop', '2026-03-09T05:00:00Z');
  // 23:30 on 2 March in Shanghai (15:30 UTC): last week, whatever the UTC date.
  const lastWeek = await fixture.conversation('shop', '2026-03-02T15:30:00Z');
  await lastWeek.turn('2026-03-02T15:31:00Z', { intent: 'order_status' }, [['knowledge.used', { docId: 'kb-1' }]]);
  analytics = createAnalytics({ settleMs: 0 }, { sql, now: () => NOW });
});
afterAll(async () => sql.close());

describe('weekly digest containment (issue 28 item 4)', () => {
  it('equals the dashboard over the same tenant-zone days, counting direct takeovers and only engaged conversations', async () => {
    const logger = createLogger('silent', new Writable({ write(_chunk, _encoding, done) { done(); } }));
    const learning = createLearningService({ store, engines: {} as never, logger, now: () => NOW, analytics: () => analytics });
    const tenant = (await store.getTenant('shop'))!;
    const digest = await learning.digest(tenant);
    expect(digest.thisWeek).toMatchObject({ from: '2026-03-04', to: '2026-03-10', conversations: 7, engaged: 5, handedOff: 2, containment: 0.6 });
    expect(digest.lastWeek).toMatchObject({ from: '2026-02-25', to: '2026-03-03', engaged: 1, handedOff: 0, containment: 1 });
    expect(digest.containmentChange).toBe(-40);
    const dashboard = await analytics.queries.dashboard('shop', { from: '2026-03-04', to: '2026-03-10' }, {});
    expect(dashboard.rates.containment).toBe(digest.thisWeek.containment);
  });
});
