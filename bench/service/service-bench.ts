/**
 * Service load benchmark in one command: starts `lingxi serve` child processes on each target (PGlite; PostgreSQL;
 * PostgreSQL + Redis with two nodes), runs ws-load.ts against them (N concurrent WebSocket conversations, closed loop)
 * and prints one Markdown table: bot replies/s, p50/p99 ack and reply latency, server RSS. The `ws-echo` target is a
 * bare `ws` server answering with the same frames and no work (ws-echo-server.ts): the transport ceiling of this client
 * on this machine; every other row is also given as a percentage of it.
 *
 *   npx tsx bench/service/service-bench.ts [--connections 100] [--messages 20] [--targets ws-echo,pglite,postgres,postgres-redis-2] [--timeout-ms 30000] [--think-ms 0]
 *   node bin/lingxi.js bench service [same options]
 *
 * PostgreSQL and Redis come from DATABASE_URL / REDIS_URL (default: the machine's 127.0.0.1 servers); each run works in a
 * fresh schema and Redis key prefix and removes them afterwards. Client and servers share the machine's cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { numberOption } from './number-option.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const targets = ['ws-echo', 'pglite', 'postgres', 'postgres-redis-2'] as const;
type Target = (typeof targets)[number];

export interface ServeNode {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `node bin/lingxi.js serve` on a free port and resolves once it prints its URLs. */
export function startServe(env: Record<string, string>): Promise<ServeNode> {
  const child = spawn(process.execPath, ['bin/lingxi.js', 'serve'], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', LINGXI_RATE_LIMIT_CUSTOMER: '1000000', LINGXI_RATE_LIMIT_IP: '100000000', ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    child.stdout!.on('data', () => {
      const port = /Start page\s+http:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
      // Resolve once the engines are warm (the server listens before that), so that load figures do not include training.
      if (!port || !/widget WebSocket/.test(output) || !/Bot ready/.test(output)) return;
      clearTimeout(timer);
      resolve({ child, url: `ws://127.0.0.1:${port}`, output: () => output });
    });
  });
}

/** Starts the bare `ws` echo server (the transport ceiling, ws-echo-server.ts) on a free port. */
function startEcho(): Promise<ServeNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/service/ws-echo-server.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`echo server did not start:\n${output}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}:\n${output}`)));
    child.stdout!.on('data', () => {
      const port = /ws-echo listening on (\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({ child, url: `ws://127.0.0.1:${port}`, output: () => output });
    });
  });
}

export async function stop(node: ServeNode): Promise<void> {
  if (node.child.exitCode !== null) return;
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (node.child.exitCode === null) node.child.kill('SIGKILL');
}

/** Runs ws-load.ts and returns its JSON summary. */
function runLoad(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/service/ws-load.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      const start = output.indexOf('{');
      if (code !== 0 || start < 0) return reject(new Error(`ws-load failed (${code}): ${output}`));
      resolve(JSON.parse(output.slice(start)) as Record<string, unknown>);
    });
  });
}

async function runTarget(target: Target, options: { connections: number; messages: number; timeoutMs: number; thinkMs: number; databaseUrl: string; redisUrl: string }): Promise<Record<string, unknown>> {
  const run = randomUUID().slice(0, 8);
  const schema = `lingxi_bench_${run}`;
  const prefix = `lingxi-bench-${run}:`;
  const dataDir = target === 'pglite' ? await mkdtemp(join(tmpdir(), 'lingxi-bench-')) : null;
  const env: Record<string, string> = dataDir
    ? { LINGXI_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' }
    : { DATABASE_URL: options.databaseUrl, LINGXI_DATABASE_SCHEMA: schema, REDIS_URL: target === 'postgres-redis-2' ? options.redisUrl : '', LINGXI_REDIS_PREFIX: prefix, LINGXI_SECRET: `bench-secret-${run}-0123456789` };
  const nodes: ServeNode[] = [];
  if (target === 'ws-echo') {
    try {
      nodes.push(await startEcho());
      const result = await runLoad(['--url', nodes[0].url, '--tenant-key', 'none', '--connections', String(options.connections), '--messages', String(options.messages), '--timeout-ms', String(options.timeoutMs), '--think-ms', String(options.thinkMs), '--pid', String(nodes[0].child.pid)]);
      return { target, nodes: 1, ...result };
    } finally {
      await stop(nodes[0]);
    }
  }
  try {
    nodes.push(await startServe(env));
    const widgetKey = /Widget key\s+(\S+)/.exec(nodes[0].output())?.[1];
    if (!widgetKey) throw new Error(`no widget key printed:\n${nodes[0].output()}`);
    if (target === 'postgres-redis-2') nodes.push(await startServe(env));
    const result = await runLoad([
      '--url', nodes.map((node) => node.url).join(','), '--tenant-key', widgetKey, '--connections', String(options.connections),
      '--messages', String(options.messages), '--timeout-ms', String(options.timeoutMs), '--think-ms', String(options.thinkMs), '--pid', nodes.map((node) => node.child.pid).join(','),
    ]);
    return { target, nodes: nodes.length, ...result };
  } finally {
    for (const node of nodes) await stop(node);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (!dataDir) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
    if (target === 'postgres-redis-2') {
      const { Redis } = await import('ioredis');
      const redis = new Redis(options.redisUrl);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  }
}

/** CLI entry: `lingxi bench service [--connections N] [--messages M] [--targets a,b]`. */
export async function serviceBenchMain(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { connections: { type: 'string', default: '100' }, messages: { type: 'string', default: '20' }, 'think-ms': { type: 'string', default: '0' }, targets: { type: 'string', default: targets.join(',') }, 'timeout-ms': { type: 'string', default: '30000' }, json: { type: 'boolean', default: false } },
  });
  const chosen = values.targets!.split(',') as Target[];
  for (const target of chosen) if (!targets.includes(target)) throw new Error(`unknown target "${target}"; choose from ${targets.join(', ')}`);
  const options = {
    connections: numberOption(values, 'connections', 1), messages: numberOption(values, 'messages', 1), timeoutMs: numberOption(values, 'timeout-ms', 1), thinkMs: numberOption(values, 'think-ms'),
    databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test', redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
  const results: Array<Record<string, unknown>> = [];
  for (const target of chosen) {
    process.stderr.write(`running ${target} …\n`);
    results.push(await runTarget(target, options));
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return 0;
  }
  const ceiling = results.find((result) => result.target === 'ws-echo')?.messagesPerSecond as number | undefined;
  const rows = results.map((result) => {
    const ack = result.ack as { p50: string; p99: string };
    const reply = result.reply as { p50: string; p99: string };
    const steady = result.steadyReply as { count: number; p50: string; p99: string };
    const steadyCell = steady.count > 0 && steady.count < (result.botReplies as number) ? `${steady.p50} / ${steady.p99}` : '–';
    const cpu = result.cpuMsPerReply as { server: number; postgres: number; client: number } | null;
    const cpuCell = cpu ? `${cpu.server} / ${cpu.postgres} / ${cpu.client}` : '–';
    const ratio = ceiling ? `${((100 * (result.messagesPerSecond as number)) / ceiling).toFixed(1)} %` : '–';
    return `| ${result.target} | ${result.nodes} | ${result.connections} × ${result.messagesPerConnection} | ${result.botReplies} | ${result.messagesPerSecond} | ${ratio} | ${ack.p50} / ${ack.p99} | ${reply.p50} / ${reply.p99} | ${steadyCell} | ${result.serverRss} | ${cpuCell} | ${result.handedOff} / ${result.timeouts} / ${result.errors} |`;
  });
  process.stdout.write([
    `Machine: ${cpus().length} cores, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}. Client and servers on the same machine.`, '',
    '| target | nodes | conversations × messages | bot replies | replies/s | of ws-echo | ack p50 / p99 | reply p50 / p99 | after the first 10 s | server RSS | CPU ms per reply: server / postgres / client | handed off / timeouts / errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|', ...rows, '',
  ].join('\n'));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await serviceBenchMain(process.argv.slice(2));
}
