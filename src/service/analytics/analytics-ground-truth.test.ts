import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../engine/ports.ts';
import { createPackEngine } from '../../packs/create-pack-engine.ts';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { seedDemo, type DemoSeed } from '../demo-seed.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { Role } from '../storage/store.ts';
import { createAnalytics } from './analytics.ts';
import { dayIn, shiftDay } from './analytics-filters.ts';

// Issue 28, "done means": conversations with outcomes decided in advance, run through the public API on the real
// e-commerce engine in Chinese and English, agents' actions through the agent API, and the clock moved past the 24 h
// sweep window; every number the product reports (dashboard, drill-down, CSV, weekly digest) must equal the truth.
type Step = { say: string } | { agent: 'take-over' | 'reply' } | { close: string } | { rate: number };
interface Case { name: string; locale: 'zh' | 'en'; steps: Step[]; kind: string; evidence: string }
const cases: Case[] = [
  { name: 'thanked', locale: 'zh', steps: [{ say: '你好' }, { say: '谢谢' }], kind: 'confirmed', evidence: 'customer_confirmed' },
  { name: 'answered', locale: 'zh', steps: [{ say: '发货后几天能到？' }], kind: 'assumed', evidence: 'knowledge_answered' },
  { name: 'abandoned', locale: 'zh', steps: [{ say: '我要退货' }], kind: 'unresolved', evidence: 'flow_pending' },
  { name: 'not understood', locale: 'zh', steps: [{ say: 'qwxz zzkk plm' }], kind: 'unresolved', evidence: 'fallback' },
  { name: 'agent resolved', locale: 'zh', steps: [{ say: '转人工' }, { agent: 'take-over' }, { agent: 'reply' }, { close: 'resolved' }, { rate: 5 }], kind: 'handed_off', evidence: 'agent_resolved' },
  { name: 'left queued', locale: 'zh', steps: [{ say: '转人工' }], kind: 'handed_off', evidence: 'agent_pending' },
  { name: 'closed unresolved', locale: 'zh', steps: [{ say: '发货后几天能到？' }, { close: 'unresolved' }], kind: 'unresolved', evidence: 'agent_unresolved' },
  { name: 'off-topic', locale: 'zh', steps: [{ say: '今天天气怎么样' }], kind: 'unresolved', evidence: 'weak_answer' },
  { name: 'never wrote', locale: 'zh', steps: [], kind: 'no_contact', evidence: 'no_customer_message' },
  { name: 'thanked en', locale: 'en', steps: [{ say: 'hello' }, { say: 'thank you' }], kind: 'confirmed', evidence: 'customer_confirmed' },
  { name: 'answered en', locale: 'en', steps: [{ say: 'how long does delivery take?' }], kind: 'assumed', evidence: 'knowledge_answered' },
  { name: 'spam en', locale: 'en', steps: [{ say: 'talk to a human' }, { agent: 'take-over' }, { close: 'spam' }], kind: 'handed_off', evidence: 'agent_spam' },
  { name: 'not understood en', locale: 'en', steps: [{ say: 'blorf snack wib' }], kind: 'unresolved', evidence: 'fallback' },
];

let service: Service;
let demo: DemoSeed;
let sql: SqlClient;
let range: { from: string; to: string };
const tokens: Record<string, string> = {};
const ids = new Map<string, string>();
const cache = createMemoryCache();

beforeAll(async () => {
  sql = await createPgliteClient();
  const store = await createSqlStore('pglite', sql);
  demo = (await seedDemo(store, { password: 'test-password-123' })) as DemoSeed;
  const logger = createLogger('info', new Writable({ write(_chunk, _encoding, done) { done(); } }));
  service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false } as never, {}), {
    store, sql, logger, engineFactory: (options) => createPackEngine({ ...options, modelCache: cache }),
  });
  service.context.analytics?.aggregator.stop();
  for (const user of await store.listUsers(demo.tenantId)) tokens[user.role] = service.context.signer.sign({ kind: 'agent', tenantId: demo.tenantId, userId: user.id, role: user.role as Role }, 3600);
  const inject = (method: 'POST' | 'GET', url: string, token: string, payload?: unknown) =>
    service.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as never }) });
  for (const [index, item] of cases.entries()) {
    const session = (await service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: demo.widgetKey, customerId: `truth-${index}`, locale: item.locale } })).json();
    ids.set(item.name, session.conversationId);
    for (const [stepIndex, step] of item.steps.entries()) {
      const path = `/v1/agent/conversations/${session.conversationId}`;
      const response = 'say' in step ? await inject('POST', `/v1/widget/conversations/${session.conversationId}/messages`, session.token, { clientId: `c-${index}-${stepIndex}`, text: step.say })
        : 'agent' in step ? await inject('POST', `${path}/${step.agent === 'reply' ? 'messages' : step.agent}`, tokens.agent, step.agent === 'reply' ? { text: '已为您处理好了' } : undefined)
          : 'close' in step ? await inject('POST', `${path}/close`, tokens.agent, { resolution: step.close })
            : await inject('POST', `/v1/widget/conversations/${session.conversationId}/rating`, session.token, { score: step.rate });
      expect(response.statusCode, `${item.name} step ${stepIndex}`).toBe(200);
    }
  }
  // The clock moves 25 hours on: past the 24 h window, every silent bot conversation is decided.
  const later = new Date(Date.now() + 25 * 3_600_000);
  service.context.analytics = createAnalytics({ settleMs: 0 }, { sql, now: () => later });
  // Around local midnight the conversations may straddle two days: the range covers both sides.
  const today = dayIn(new Date(), 'Asia/Shanghai');
  range = { from: shiftDay(today, -1), to: today };
}, 240_000);
afterAll(async () => service?.close());

const get = (url: string) => service.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.admin}` } });
const count = (kind: string) => cases.filter((item) => item.kind === kind).length;

describe('analytics against a decided ground truth (issue 28)', () => {
  it('the dashboard reports exactly the decided outcomes', async () => {
    const dashboard = (await get(`/v1/admin/analytics/dashboard?from=${range.from}&to=${range.to}`)).json();
    expect(dashboard.totals).toMatchObject({
      conversations: cases.length, engaged: cases.length - count('no_contact'), confirmed: count('confirmed'), assumed: count('assumed'),
      unresolved: count('unresolved'), handedOff: count('handed_off'), open: 0, noContact: count('no_contact'), csatCount: 1, csatAverage: 5,
    });
    const engaged = cases.length - count('no_contact');
    const handedOff = count('handed_off');
    expect(dashboard.rates.containment).toBe(Math.round(((engaged - handedOff) / engaged) * 10_000) / 10_000);
    expect(dashboard.agentOutcomes).toEqual([{ outcome: 'pending', count: 1 }, { outcome: 'resolved', count: 1 }, { outcome: 'spam', count: 1 }]);
    expect(dashboard.times.humanResolution.count).toBe(1);
    expect(dashboard.times.botFirstResponse.count).toBe(engaged);
    expect(dashboard.times.botFirstResponse.p50).toBeGreaterThan(0);
    expect(dashboard.agents).toEqual([expect.objectContaining({ handled: 2, resolved: 1, csatCount: 1, csatAverage: 5 })]);
  });

  it('the drill-down and the CSV list every conversation with its decided resolution and evidence', async () => {
    const page = (await get(`/v1/admin/analytics/conversations?from=${range.from}&to=${range.to}&pageSize=100`)).json();
    expect(page.total).toBe(cases.length);
    const byId = new Map(page.rows.map((row: { conversationId: string }) => [row.conversationId, row]));
    for (const item of cases) {
      const row = byId.get(ids.get(item.name)!) as { resolution: string; evidence: string };
      expect({ name: item.name, resolution: row.resolution, evidence: row.evidence }).toEqual({ name: item.name, resolution: item.kind, evidence: item.evidence });
    }
    for (const kind of ['confirmed', 'assumed', 'unresolved', 'handed_off', 'no_contact']) {
      const csv = await get(`/v1/admin/analytics/conversations.csv?from=${range.from}&to=${range.to}&metric=resolution&value=${kind}`);
      const lines = csv.body.trimEnd().split('\r\n').slice(1);
      expect({ kind, rows: lines.length }).toEqual({ kind, rows: count(kind) });
      for (const line of lines) expect(line).toContain(`,${kind},`);
    }
  });

  it('an answer that misses the question is a knowledge gap', async () => {
    const gaps = (await get('/v1/admin/learning/gaps')).json();
    const questions = (Array.isArray(gaps) ? gaps : gaps.topics).flatMap((topic: { examples: Array<{ text: string }> }) => topic.examples.map((example) => example.text));
    expect(questions).toContain('今天天气怎么样');
    expect(questions).not.toContain('发货后几天能到？');
  });

  it('the weekly digest reports the dashboard containment for its days', async () => {
    const digest = (await get('/v1/admin/learning/digest')).json();
    const dashboard = (await get(`/v1/admin/analytics/dashboard?from=${digest.thisWeek.from}&to=${digest.thisWeek.to}`)).json();
    expect(digest.thisWeek).toMatchObject({ conversations: cases.length, engaged: dashboard.totals.engaged, handedOff: count('handed_off'), containment: dashboard.rates.containment });
  });
});
