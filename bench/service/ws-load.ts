/**
 * WebSocket load test for `lingxi serve`: N concurrent widget conversations, each sending M messages in a closed loop
 * (the next message after the bot's reply to the previous one). Prints throughput and p50/p99 latency of the ack
 * (message stored) and of the first bot reply.
 *
 *   npx tsx bench/service/ws-load.ts --url ws://127.0.0.1:3900 --tenant-key wk_… --connections 100 --messages 20 [--pid <server pid>] [--think-ms 5000]
 *
 * Several nodes: `--url ws://a:3900,ws://b:3900` spreads the conversations over them round-robin (no sticky sessions),
 * and `--pid 123,456` sums their RSS. `npx tsx bench/service/service-bench.ts` starts the servers and runs this for you.
 *
 * Start the server with LINGXI_RATE_LIMIT_CUSTOMER raised (e.g. 100000), or the per-customer limit (60/min) throttles the run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { numberOption } from './number-option.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:3900' }, 'tenant-key': { type: 'string' }, connections: { type: 'string', default: '100' },
    messages: { type: 'string', default: '20' }, pid: { type: 'string' }, 'timeout-ms': { type: 'string', default: '10000' },
    'think-ms': { type: 'string', default: '0' }, 'warmup-s': { type: 'string', default: '10' },
  },
});
if (!values['tenant-key']) throw new Error('--tenant-key is required (printed by lingxi serve on first start)');
const connections = numberOption(values, 'connections', 1);
const perConnection = numberOption(values, 'messages', 1);
const timeoutMs = numberOption(values, 'timeout-ms', 1);
// Think time: a customer waits this long (± 50 %, seeded per conversation) after each reply before writing again, and
// conversations start spread over one think time, so N conversations offer about N / think-time messages per second
// — a human-paced load, where latency (not the closed-loop maximum) is what is measured. 0 = closed loop.
const thinkMs = numberOption(values, 'think-ms');
// Replies to messages sent in the first --warmup-s seconds of the message phase are also reported apart: right after N
// hellos a fresh server is still compiling its hot paths (JIT) and folding the hellos' events; `steadyReply` is the rest.
const warmupMs = numberOption(values, 'warmup-s') * 1000;
const steadyLatencies: number[] = [];
const texts = ['你们的退货政策是什么？', 'What is your return policy?', '运费怎么算', 'how long does shipping take', '谢谢', 'thanks!', '你们几点上班', 'do you ship abroad'];
const run = Date.now().toString(36);

const ackLatencies: number[] = [];
const replyLatencies: number[] = [];
const helloLatencies: number[] = [];
let firstSend = Infinity;
let lastReply = 0;
let handedOff = 0;
let timeouts = 0;
let errors = 0;
/** Errors by kind (error frame codes and client-side failures), so that a bad run says why. */
const errorKinds: Record<string, number> = {};
const countError = (kind: string) => void (errorKinds[kind] = (errorKinds[kind] ?? 0) + 1);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssOf(pids: string | undefined): string {
  if (!pids) return 'n/a';
  let kilobytes = 0;
  for (const pid of pids.split(',')) {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!match) return 'n/a';
    kilobytes += Number(match[1]);
  }
  return `${(kilobytes / 1024).toFixed(0)} MB`;
}
const urls = values.url!.split(',');

/**
 * CPU ticks (user + system, 1/100 s) per process, from /proc/<pid>/stat (Linux): the servers given
 * by --pid, and every local `postgres` process (0 when PostgreSQL runs elsewhere or is not used).
 */
function cpuTicks(pids: string[]): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended
    }
  }
  return ticks;
}
/** CPU seconds used between two readings: processes started since count whole, processes that ended are missed. */
function cpuBetween(before: Map<string, number>, after: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, value] of after) ticks += value - (before.get(pid) ?? 0);
  return ticks / 100;
}
const postgresPids = () => readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
});
const serverPids = values.pid ? values.pid.split(',') : [];
type CpuReading = { server: Map<string, number>; postgres: Map<string, number>; client: number };
let cpuAtFirstSend: CpuReading | null = null;
const cpuNow = (): CpuReading => ({ server: cpuTicks(serverPids), postgres: cpuTicks(postgresPids()), client: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 });

// With a think time, messages start only once every conversation has said hello (or failed to), so that the
// latencies measure conversations, not the opening rush of N hellos.
const arrived = new Set<number>();
let releaseAll: () => void = () => {};
const everyoneWelcomed = new Promise<void>((resolve) => (releaseAll = resolve));
const arrive = (index: number) => {
  arrived.add(index);
  if (arrived.size === connections) releaseAll();
};

async function conversation(index: number): Promise<void> {
  const socket = new WebSocket(`${urls[index % urls.length]}/v1/widget/ws`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('connect timed out'));
    }, timeoutMs);
    socket.once('open', () => { clearTimeout(timer); resolve(); });
    socket.once('error', (error) => { clearTimeout(timer); reject(error); });
  });
  try {
    await converse(socket, index);
  } finally {
    // Also on failure: an open socket would keep this process (and the server's socket count) alive.
    socket.close();
  }
}

async function converse(socket: WebSocket, index: number): Promise<void> {
  let waiter: ((frame: Record<string, unknown>) => void) | null = null;
  socket.on('message', (data) => waiter?.(JSON.parse(String(data))));
  const next = (test: (frame: Record<string, unknown>) => boolean) => new Promise<Record<string, unknown> | null>((resolve) => {
    const timer = setTimeout(() => { waiter = null; resolve(null); }, timeoutMs);
    waiter = (frame) => {
      if (frame.type === 'error') {
        errors++;
        countError(String(frame.code));
      }
      if (test(frame)) {
        clearTimeout(timer);
        waiter = null;
        resolve(frame);
      }
    };
  });
  let seed = (index + 1) * 2654435761;
  const jitter = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return 0.5 + seed / 2147483648;
  };
  const welcome = next((frame) => frame.type === 'welcome');
  const helloAt = performance.now();
  socket.send(JSON.stringify({ type: 'hello', tenantKey: values['tenant-key'], customerId: `bench-${run}-${index}` }));
  if (!(await welcome)) throw new Error('no welcome');
  helloLatencies.push(performance.now() - helloAt);
  if (thinkMs > 0) {
    arrive(index);
    await everyoneWelcomed;
  }
  if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (jitter() - 0.5)));
  for (let message = 0; message < perConnection; message++) {
    if (thinkMs > 0 && message > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * jitter()));
    const sentAt = performance.now();
    if (firstSend === Infinity) cpuAtFirstSend = cpuNow();
    firstSend = Math.min(firstSend, sentAt);
    let ackSeq = -1;
    let queued = false;
    const done = next((frame) => {
      if (frame.type === 'ack') {
        ackSeq = frame.seq as number;
        ackLatencies.push(performance.now() - sentAt);
      }
      if (frame.type === 'conversation' && frame.owner !== 'bot') queued = true;
      const body = frame.message as { author?: string; seq?: number } | undefined;
      return (frame.type === 'message' && ackSeq > 0 && (body?.seq ?? 0) > ackSeq && body?.author !== 'customer') || (queued && ackSeq > 0);
    });
    socket.send(JSON.stringify({ type: 'message', clientId: `${index}-${message}`, text: texts[(index + message) % texts.length] }));
    const frame = await done;
    if (!frame) { timeouts++; break; }
    if (queued) { handedOff++; break; }
    replyLatencies.push(performance.now() - sentAt);
    if (sentAt - firstSend >= warmupMs) steadyLatencies.push(performance.now() - sentAt);
    lastReply = Math.max(lastReply, performance.now());
  }
}

function cpuPerReply(): Record<string, number> | null {
  if (!cpuAtFirstSend || replyLatencies.length === 0) return null;
  const start = cpuAtFirstSend;
  const end = cpuNow();
  const per = (seconds: number) => Number(((seconds * 1000) / replyLatencies.length).toFixed(2));
  return { server: per(cpuBetween(start.server, end.server)), postgres: per(cpuBetween(start.postgres, end.postgres)), client: per(end.client - start.client) };
}

const started = performance.now();
await Promise.all(Array.from({ length: connections }, (_, index) => conversation(index).catch((error: Error) => {
  errors++;
  countError(error.message);
  // A conversation that never got its welcome still counts as arrived, or the others would wait for it forever.
  if (thinkMs > 0) arrive(index);
})));
const seconds = (performance.now() - started) / 1000;
ackLatencies.sort((a, b) => a - b);
helloLatencies.sort((a, b) => a - b);
const messageSeconds = (lastReply - firstSend) / 1000;
replyLatencies.sort((a, b) => a - b);
const format = (value: number) => `${value.toFixed(1)} ms`;
console.log(JSON.stringify({
  connections, messagesPerConnection: perConnection, seconds: Number(seconds.toFixed(2)),
  acked: ackLatencies.length, botReplies: replyLatencies.length,
  // Over the message phase only (first message sent → last reply), so conversation set-up does not dilute it.
  messagesPerSecond: Number((replyLatencies.length / messageSeconds).toFixed(1)),
  hello: { p50: format(percentile(helloLatencies, 50)), p99: format(percentile(helloLatencies, 99)) },
  ack: { p50: format(percentile(ackLatencies, 50)), p99: format(percentile(ackLatencies, 99)) },
  reply: { p50: format(percentile(replyLatencies, 50)), p99: format(percentile(replyLatencies, 99)) },
  steadyReply: { after: `${warmupMs / 1000} s`, count: steadyLatencies.length, p50: format(percentile(steadyLatencies.sort((a, b) => a - b), 50)), p99: format(percentile(steadyLatencies, 99)) },
  handedOff, timeouts, errors, errorKinds, serverRss: rssOf(values.pid),
  // CPU per bot reply over the message phase: where the machine's time goes (server(s), local PostgreSQL, this client).
  cpuMsPerReply: cpuPerReply(),
}, null, 2));
