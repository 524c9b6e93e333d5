/**
 * Analytics benchmark (issue 10): seeds ~1,000,000 messages (100,000 conversations × 10 messages, ≈ 2.6 M events) on
 * PostgreSQL with set-based SQL, times the aggregator catching up from an empty watermark, then times each dashboard
 * query (p50/p95 over --runs), an incremental catch-up after new traffic, and the no-op catch-up every dashboard
 * request pays. Works in its own schema and drops it afterwards (--keep keeps it). Not part of `npm test`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/analytics/analytics-bench.ts [--conversations 100000] [--messages 10] [--runs 20] [--batch-size 20000] [--keep]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createAnalyticsAggregator } from '../../src/service/analytics/analytics-aggregator.ts';
import { resolveRange, type DrillInput } from '../../src/service/analytics/analytics-filters.ts';
import { createAnalyticsQueries } from '../../src/service/analytics/analytics-queries.ts';
import { migrate } from '../../src/service/storage/migrate.ts';
import { createPostgresClient } from '../../src/service/storage/postgres-client.ts';
import { seedAnalyticsTraffic } from './analytics-seed.ts';

const { values: args } = parseArgs({
  options: {
    conversations: { type: 'string', default: '100000' }, messages: { type: 'string', default: '10' }, days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '20' }, 'batch-size': { type: 'string', default: '20000' }, keep: { type: 'boolean', default: false },
  },
});
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const schema = `lingxi_analytics_bench_${process.pid}`;
const runs = Number(args.runs);

const seconds = (started: number) => (performance.now() - started) / 1000;
const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];

async function time(label: string, work: () => Promise<unknown>): Promise<{ label: string; p50: number; p95: number; max: number }> {
  await work(); // warm-up (plans, caches)
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: samples[samples.length - 1] };
}

async function main(): Promise<void> {
  const sql = await createPostgresClient({ connectionString: databaseUrl, schema });
  try {
    await migrate(sql);
    const days = Number(args.days);
    const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
    const since = new Date(today.getTime() - (days - 1) * 86_400_000);
    console.error(`seeding ${args.conversations} conversations × ${args.messages} messages in schema ${schema} …`);
    let started = performance.now();
    const seeded = await seedAnalyticsTraffic(sql, { conversations: Number(args.conversations), messagesPerConversation: Number(args.messages), days, since });
    const seedSeconds = seconds(started);
    console.error(`seeded ${JSON.stringify(seeded)} in ${seedSeconds.toFixed(1)} s; catching up …`);

    const aggregator = createAnalyticsAggregator({ batchSize: Number(args['batch-size']), settleMs: 0 }, { sql });
    started = performance.now();
    const full = await aggregator.catchUp({ budgetMs: 3_600_000 });
    const catchUpSeconds = seconds(started);
    await sql.query('ANALYZE conversation_facts');
    console.error(`caught up ${JSON.stringify(full)} in ${catchUpSeconds.toFixed(1)} s; timing queries …`);

    const queries = createAnalyticsQueries({ sql });
    const tenant = 'ten-bench';
    const month = resolveRange({}, new Date());
    const week = resolveRange({ from: new Date(today.getTime() - 6 * 86_400_000).toISOString().slice(0, 10) }, new Date());
    const drill = (input: Partial<DrillInput>): DrillInput => ({ metric: 'conversations', page: 1, pageSize: 50, ...input }) as DrillInput;
    const results = [
      await time('no-op catch-up (paid by every dashboard request)', () => aggregator.catchUp()),
      await time('dashboard, 30 days, all packs/channels (3 scans of the facts + proactive, in parallel)', () => queries.dashboard(tenant, month, {})),
      await time('dashboard, 30 days, pack=logistics', () => queries.dashboard(tenant, month, { pack: 'logistics' })),
      await time('dashboard, 7 days, channel=wechat', () => queries.dashboard(tenant, week, { channel: 'wechat' })),
      await time('drill-down: resolution=confirmed, page 1 (50 rows + total)', () => queries.drill(tenant, month, drill({ metric: 'resolution', value: 'confirmed' }))),
      await time('drill-down: intent=refund_status & handed_off, page 1', () => queries.drill(tenant, month, drill({ metric: 'intent', value: 'refund_status', resolution: 'handed_off' }))),
      await time('drill-down: tool_failed=get_order, page 1', () => queries.drill(tenant, month, drill({ metric: 'tool_failed', value: 'get_order' }))),
      await time('drill-down: one day, page 20', () => queries.drill(tenant, month, drill({ day: week.from, page: 20 }))),
      await time('CSV page: 5,000 rows of csat', () => queries.drill(tenant, month, drill({ metric: 'csat', pageSize: 5000 }))),
    ];

    // Incremental: 1,000 more conversations of traffic arrive; time the catch-up the timer (or the next dashboard) pays.
    const before = await aggregator.watermark();
    const extra = await sql.query<{ count: string }>(`
      WITH source AS (SELECT conversation_id, type, data, created_at FROM events WHERE conversation_id IN (SELECT id FROM conversations ORDER BY created_at DESC LIMIT 1000) ORDER BY id)
      INSERT INTO events (tenant_id, conversation_id, type, data, created_at) SELECT 'ten-bench', conversation_id, type, data, created_at FROM source RETURNING 1`);
    started = performance.now();
    const incremental = await aggregator.catchUp({ budgetMs: 3_600_000 });
    const incrementalMs = performance.now() - started;
    const [facts] = await sql.query<{ rows: string; bytes: string }>(`SELECT count(*) AS rows, pg_total_relation_size('conversation_facts') AS bytes FROM conversation_facts`);

    const cpu = cpus();
    console.log(`\nAnalytics bench — ${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, PostgreSQL (${(await sql.query<{ server_version: string }>('SHOW server_version'))[0].server_version}), load average ${(await import('node:os')).loadavg().map((value) => value.toFixed(1)).join(' ')}\n`);
    console.log(`| step | result |\n|---|---|`);
    console.log(`| seed (set-based SQL) | ${seeded.conversations.toLocaleString('en')} conversations, ${seeded.messages.toLocaleString('en')} messages, ${seeded.events.toLocaleString('en')} events in ${seedSeconds.toFixed(1)} s |`);
    console.log(`| aggregator catch-up from empty | ${full.batches} batches of ≤ ${args['batch-size']} events, ${catchUpSeconds.toFixed(1)} s (${Math.round(seeded.events / catchUpSeconds).toLocaleString('en')} events/s) |`);
    console.log(`| incremental catch-up | ${extra.length.toLocaleString('en')} new events (events ${before}→${incremental.watermark}) in ${incrementalMs.toFixed(0)} ms |`);
    console.log(`| conversation_facts | ${Number(facts.rows).toLocaleString('en')} rows, ${(Number(facts.bytes) / 1048576).toFixed(1)} MiB with indexes |\n`);
    console.log(`| query (${runs} runs after a warm-up) | p50 ms | p95 ms | max ms |\n|---|---|---|---|`);
    for (const result of results) console.log(`| ${result.label} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.max.toFixed(1)} |`);
  } finally {
    await sql.close();
    if (!args.keep) {
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }
}

await main();
