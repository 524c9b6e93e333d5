/**
 * Soak test (issue 12): `lingxi serve` on PostgreSQL (its own schema) in a child process, driven for a long time at a
 * modest steady rate by widget customers (WebSocket, one message in flight, new conversation every K messages) and
 * agents (agent WebSocket receiving every live event; now and then a take-over, a reply and a hand-back over HTTP).
 * Every minute it prints messages sent/acked, ack latency p50/p99, the server's RSS, heap after a full GC, event-loop
 * delay and open handles, and errors. At the end it checks every message against the database (via the agent API) and
 * fails (exit 1) when a message was lost or duplicated, or when the heap grew more than --max-heap-growth % (RSS:
 * --max-rss-growth %) from the end of warm-up to the end.
 *
 *   npx tsx bench/service/soak.ts                     # the documented run: 30 minutes, 20 customers, 20 msg/s, 2 agents
 *   npx tsx bench/service/soak.ts --minutes 5 [--rate 20] [--customers 20] [--agents 2] [--warmup-minutes 1] [--json]
 *
 * PostgreSQL comes from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); the schema is dropped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { createSoakStats, percentile, type ServerSample } from './soak-stats.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' }, rate: { type: 'string', default: '20' }, customers: { type: 'string', default: '20' },
    agents: { type: 'string', default: '2' }, 'messages-per-conversation': { type: 'string', default: '30' }, 'warmup-minutes': { type: 'string', default: '1' },
    'max-heap-growth': { type: 'string', default: '20' }, 'max-rss-growth': { type: 'string', default: '30' }, 'agent-action-seconds': { type: 'string', default: '15' },
    'database-url': { type: 'string' }, json: { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const customerCount = Number(values.customers);
const agentCount = Number(values.agents);
const perConversation = Number(values['messages-per-conversation']);
const warmupMinutes = Number(values['warmup-minutes']);
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = randomUUID().slice(0, 8);
const schema = `lingxi_soak_${run}`;
const password = `soak-password-${run}`;
const texts = ['你们的退货政策是什么？', 'What is your return policy?', '运费怎么算', 'how long does shipping take', '可以开发票吗？', 'Can I get an invoice?', '你们几点上班', 'do you ship abroad'];
const stats = createSoakStats();
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The server with the probe preloaded and an IPC channel to ask it for samples. */
async function startServer(): Promise<{ child: ChildProcess; base: string; widgetKey: string; sample(): Promise<ServerSample> }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', './bench/service/soak-probe.mjs', 'bin/lingxi.js', 'serve'], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, LINGXI_DATABASE_SCHEMA: schema, REDIS_URL: '',
      LINGXI_DEMO_PASSWORD: password, LINGXI_SECRET: `soak-secret-${run}-0123456789`, LINGXI_RATE_LIMIT_CUSTOMER: '100000', LINGXI_RATE_LIMIT_IP: '10000000',
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => {
    output += chunk;
    stats.serverLogLines += String(chunk).split('\n').filter(Boolean).length;
  });
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${output}`)), 180_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    child.stdout!.on('data', () => {
      const found = /Start page\s+http:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
      if (found && /widget key|wk_/.test(output) && /Bot ready/.test(output)) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  const widgetKey = /(wk_[A-Za-z0-9_-]+)/.exec(output)?.[1];
  if (!widgetKey) throw new Error(`no widget key in the start page:\n${output}`);
  const sample = () => new Promise<ServerSample>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('probe did not answer')), 30_000);
    child.once('message', (message) => { clearTimeout(timer); resolve(message as ServerSample); });
    child.send({ type: 'sample' });
  });
  return { child, base: `http://127.0.0.1:${port}`, widgetKey, sample };
}

interface CustomerRecord { conversationId: string | null; sent: Map<string, number>; acked: Map<string, number>; delivered: Map<number, number> }

/** One widget customer after another in a slot: each sends `perConversation` messages, one in flight, every `intervalMs`. */
async function customerSlot(base: string, widgetKey: string, slot: number, intervalMs: number, until: number, records: CustomerRecord[]): Promise<void> {
  for (let generation = 0; Date.now() < until; generation++) {
    const record: CustomerRecord = { conversationId: null, sent: new Map(), acked: new Map(), delivered: new Map() };
    records.push(record);
    await converse(base, widgetKey, `soak-${run}-${slot}-${generation}`, record, intervalMs, until).catch((error: Error) => stats.error(`customer: ${error.message}`));
  }
}

async function converse(base: string, widgetKey: string, customerId: string, record: CustomerRecord, intervalMs: number, until: number): Promise<void> {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/widget/ws`);
  let onAck: ((clientId: string, seq: number) => void) | null = null;
  let onWelcome: (() => void) | null = null;
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type === 'welcome') {
      record.conversationId = frame.conversationId;
      onWelcome?.();
    } else if (frame.type === 'ack') onAck?.(frame.clientId, frame.seq);
    else if (frame.type === 'message') record.delivered.set(frame.message.seq, (record.delivered.get(frame.message.seq) ?? 0) + 1);
    else if (frame.type === 'error') stats.error(`error frame ${frame.code}`);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', (error) => stats.error(`socket: ${error.message}`));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no welcome in 15 s')), 15_000);
      onWelcome = () => { clearTimeout(timer); resolve(); };
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', tenantKey: widgetKey, customerId })));
    });
    for (let index = 0; index < perConversation && Date.now() < until; index++) {
      const clientId = `${customerId}-${index}`;
      const text = texts[(index + customerId.length) % texts.length];
      const sentAt = performance.now();
      record.sent.set(clientId, Date.now());
      stats.sent++;
      // Resend with the same clientId until acknowledged (the protocol's rule); a retry of a stored message is acked again.
      const seq = await new Promise<number | null>((resolve) => {
        let attempts = 0;
        let timer: NodeJS.Timeout;
        const send = () => {
          if (++attempts > 3 || socket.readyState !== socket.OPEN) return resolve(null);
          if (attempts > 1) stats.retries++;
          socket.send(JSON.stringify({ type: 'message', clientId, text }));
          timer = setTimeout(send, 10_000);
        };
        onAck = (acked, ackedSeq) => {
          if (acked !== clientId) return;
          clearTimeout(timer);
          resolve(ackedSeq);
        };
        send();
      });
      if (seq === null) break;
      record.acked.set(clientId, seq);
      stats.ack(performance.now() - sentAt);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - sentAt))));
    }
    // Let the last bot reply arrive before leaving, so that delivery can be checked.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    socket.close();
    await closed;
  }
}

/** An agent: the live stream on the agent WebSocket, and every few seconds take-over → reply → hand-back on one conversation. */
async function agentLoop(base: string, token: string, index: number, records: CustomerRecord[], until: number): Promise<void> {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/agent/ws?token=${token}`);
  socket.on('message', () => stats.agentFrames++);
  socket.on('error', (error) => stats.error(`agent socket: ${error.message}`));
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    if (!response.ok) throw new Error(`${path.replace(/cv_[^/]+/, ':id')} → ${response.status}`);
  };
  const actionMs = Number(values['agent-action-seconds']) * 1000;
  await new Promise((resolve) => setTimeout(resolve, actionMs * (index + 1) / Math.max(1, agentCount)));
  while (Date.now() < until - actionMs) {
    const live = records.filter((record) => record.conversationId && record.acked.size < perConversation - 2);
    const target = live[(stats.agentActions * 7 + index) % Math.max(1, live.length)]?.conversationId;
    if (target) {
      try {
        await call(`/v1/agent/conversations/${target}/take-over`);
        await call(`/v1/agent/conversations/${target}/messages`, { text: `人工客服 ${index} 为您服务 / agent ${index} here` });
        await call(`/v1/agent/conversations/${target}/hand-back`);
        stats.agentActions++;
      } catch (error) {
        stats.error(`agent: ${(error as Error).message}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, actionMs));
  }
  socket.close();
}

/** Every acked message stored exactly once with its seq; every stored message up to the last one seen delivered once. */
async function verify(base: string, token: string, records: CustomerRecord[]) {
  const result = { conversations: 0, sentNotAcked: 0, ackedNotStored: 0, storedTwice: 0, missedDeliveries: 0, duplicateDeliveries: 0 };
  for (const record of records) {
    if (!record.conversationId) continue;
    result.conversations++;
    result.sentNotAcked += record.sent.size - record.acked.size;
    const response = await fetch(`${base}/v1/agent/conversations/${record.conversationId}`, { headers: { authorization: `Bearer ${token}` } });
    const { messages } = (await response.json()) as { messages: Array<{ seq: number; clientId: string | null; author: string }> };
    for (const [clientId, seq] of record.acked) {
      const stored = messages.filter((message) => message.clientId === clientId);
      if (stored.length === 0 || stored[0].seq !== seq) result.ackedNotStored++;
      if (stored.length > 1) result.storedTwice++;
    }
    const lastSeen = Math.max(0, ...record.delivered.keys());
    for (const message of messages) {
      if (message.seq > lastSeen) continue;
      const count = record.delivered.get(message.seq) ?? 0;
      if (count === 0) result.missedDeliveries++;
      if (count > 1) result.duplicateDeliveries++;
    }
  }
  return result;
}

const started = Date.now();
const server = await startServer();
log(`soak ${run}: server pid ${server.child.pid} on ${server.base}, schema ${schema}; ${minutes} min, ${customerCount} customers, ${rate} msg/s, ${agentCount} agents`);
let exitCode = 1;
try {
  const login = await fetch(`${server.base}/v1/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.lingxi.local', password }) });
  const { token } = (await login.json()) as { token: string };
  const samples: ServerSample[] = [await server.sample()];
  const until = Date.now() + minutes * 60_000;
  const records: CustomerRecord[] = [];
  const intervalMs = (customerCount / rate) * 1000;
  const work = [
    ...Array.from({ length: customerCount }, async (_, slot) => {
      await new Promise((resolve) => setTimeout(resolve, (slot * intervalMs) / customerCount));
      await customerSlot(server.base, server.widgetKey, slot, intervalMs, until, records);
    }),
    ...Array.from({ length: agentCount }, (_, index) => agentLoop(server.base, token, index, records, until).catch((error: Error) => stats.error(`agent: ${error.message}`))),
  ];
  const minuteRows: Array<Record<string, unknown>> = [];
  const reporter = setInterval(() => {
    void server.sample().then((sample) => {
      samples.push(sample);
      const row = stats.minute(minuteRows.length + 1, sample);
      minuteRows.push(row);
      log(JSON.stringify(row));
    }).catch((error: Error) => stats.error(`probe: ${error.message}`));
  }, 60_000);
  await Promise.all(work);
  clearInterval(reporter);
  const final = await server.sample();
  const check = await verify(server.base, token, records);
  // Growth: end of warm-up (the sample taken `warmupMinutes` in) → the final sample, both after a full GC.
  const baseline = samples[Math.min(samples.length - 1, Math.max(1, Math.round(warmupMinutes)))];
  const heapGrowth = (final.heapUsed / baseline.heapUsed - 1) * 100;
  const rssGrowth = (final.rss / baseline.rss - 1) * 100;
  const lost = check.sentNotAcked + check.ackedNotStored + check.storedTwice + check.missedDeliveries + check.duplicateDeliveries;
  const failures = [
    ...(lost ? [`${lost} messages lost or duplicated`] : []),
    ...(heapGrowth > Number(values['max-heap-growth']) ? [`heap grew ${heapGrowth.toFixed(1)} % after warm-up`] : []),
    ...(rssGrowth > Number(values['max-rss-growth']) ? [`RSS grew ${rssGrowth.toFixed(1)} % after warm-up`] : []),
  ];
  const summary = {
    run, minutes, rate, customers: customerCount, agents: agentCount, wallMinutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
    sent: stats.sent, acked: stats.acked, retries: stats.retries, agentActions: stats.agentActions, agentFrames: stats.agentFrames,
    ackP50Ms: Number(percentile(stats.allLatencies, 50).toFixed(1)), ackP99Ms: Number(percentile(stats.allLatencies, 99).toFixed(1)),
    verify: check, errors: stats.errors, errorKinds: stats.errorKinds, serverLogLines: stats.serverLogLines,
    memory: {
      afterWarmup: { rssMB: Math.round(baseline.rss / 2 ** 20), heapMB: Number((baseline.heapUsed / 2 ** 20).toFixed(1)) },
      final: { rssMB: Math.round(final.rss / 2 ** 20), heapMB: Number((final.heapUsed / 2 ** 20).toFixed(1)) },
      heapGrowthPercent: Number(heapGrowth.toFixed(1)), rssGrowthPercent: Number(rssGrowth.toFixed(1)),
    },
    finalHandles: final.handles, minutesReported: minuteRows, failures, passed: failures.length === 0,
  };
  process.stdout.write(`${values.json ? JSON.stringify(summary) : JSON.stringify(summary, null, 2)}\n`);
  exitCode = failures.length ? 1 : 0;
} finally {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
process.exit(exitCode);
