/**
 * Idle-connection footprint (issue 11: "10,000 idle connections in ≤ 300 MB RSS"): starts one `lingxi serve` (PGlite in a
 * temporary directory, or PostgreSQL with --target postgres), reads its RSS once it is warm, then opens N widget
 * WebSockets that each say `hello` (a customer, a conversation with its greeting, a bus subscription — an open widget
 * tab) and stay silent. Prints the server's RSS before and after, the increment per connection, and how long the
 * hellos took.
 *
 *   npx tsx bench/service/idle-connections.ts [--connections 10000] [--batch 200] [--target pglite|postgres] [--json]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { numberOption } from './number-option.ts';
import { startServe, stop } from './service-bench.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10000' }, batch: { type: 'string', default: '200' },
    target: { type: 'string', default: 'pglite' }, json: { type: 'boolean', default: false }, settle: { type: 'string', default: '10000' },
  },
});
const connections = numberOption(values, 'connections', 1);
const batch = numberOption(values, 'batch', 1);
const settleMs = numberOption(values, 'settle');
if (!['pglite', 'postgres'].includes(values.target!)) throw new Error('--target is pglite or postgres');

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens one widget socket and resolves when the server has welcomed it; the socket stays open. */
function openIdle(url: string, tenantKey: string, customerId: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}/v1/widget/ws`);
    const timer = setTimeout(() => { socket.terminate(); reject(new Error('no welcome within 60 s')); }, 60_000);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', tenantKey, customerId })));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; code?: string };
      if (frame.type === 'welcome') { clearTimeout(timer); resolve(socket); }
      if (frame.type === 'error') { clearTimeout(timer); socket.terminate(); reject(new Error(`error frame ${frame.code}`)); }
    });
    socket.once('error', (error) => { clearTimeout(timer); reject(error); });
  });
}

const run = randomUUID().slice(0, 8);
const schema = `lingxi_idle_${run}`;
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dataDir = values.target === 'pglite' ? await mkdtemp(join(tmpdir(), 'lingxi-idle-')) : null;
const env = {
  LINGXI_RATE_LIMIT_WIDGET_STARTS: '100000000', REDIS_URL: '',
  ...(dataDir ? { LINGXI_DATA_DIR: dataDir, DATABASE_URL: '' } : { DATABASE_URL: databaseUrl, LINGXI_DATABASE_SCHEMA: schema, LINGXI_SECRET: `bench-secret-${run}-0123456789` }),
};
const node = await startServe(env);
const sockets: WebSocket[] = [];
try {
  const tenantKey = /Widget key\s+(\S+)/.exec(node.output())?.[1];
  if (!tenantKey) throw new Error(`no widget key printed:\n${node.output()}`);
  const pid = node.child.pid!;
  // Warm: one conversation end to end, then let start-up garbage settle.
  sockets.push(await openIdle(node.url, tenantKey, `idle-${run}-warm`));
  await sleep(settleMs);
  const before = rssMb(pid);
  const started = performance.now();
  let failed = 0;
  for (let offset = 1; offset < connections; offset += batch) {
    const size = Math.min(batch, connections - offset);
    const opened = await Promise.allSettled(Array.from({ length: size }, (_, index) => openIdle(node.url, tenantKey, `idle-${run}-${offset + index}`)));
    for (const result of opened) {
      if (result.status === 'fulfilled') sockets.push(result.value);
      else failed++;
    }
  }
  const openSeconds = (performance.now() - started) / 1000;
  await sleep(settleMs);
  const after = rssMb(pid);
  const result = {
    target: values.target, connections: sockets.length, failed, openSeconds: Number(openSeconds.toFixed(1)),
    hellosPerSecond: Number(((sockets.length - 1) / openSeconds).toFixed(0)),
    rssBeforeMb: Math.round(before), rssAfterMb: Math.round(after), kbPerConnection: Number((((after - before) * 1024) / Math.max(1, sockets.length - 1)).toFixed(1)),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write([
      `Machine: ${cpus().length} cores, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}. Client and server on the same machine.`, '',
      '| store | idle connections (hello done) | failed | hellos/s | server RSS before | RSS after | per connection |', '|---|---|---|---|---|---|---|',
      `| ${result.target} | ${result.connections} | ${failed} | ${result.hellosPerSecond} | ${result.rssBeforeMb} MB | ${result.rssAfterMb} MB | ${result.kbPerConnection} KB |`, '',
    ].join('\n'));
  }
} finally {
  for (const socket of sockets) socket.terminate();
  await stop(node);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  else {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
