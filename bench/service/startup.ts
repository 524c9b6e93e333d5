/**
 * Start-up time of `lingxi serve` (issue 24), as a newcomer meets it: a first start on an empty data folder (PGlite is
 * created, the demo tenant seeded, the intent model trained and cached in the data folder), then warm restarts on the
 * same folder (the model loads from the cache). For each start it prints the seconds from spawning the process until
 *   - /healthz answers (the start page, console, admin and logins work),
 *   - /readyz answers 200 (engines built and warmed),
 *   - the first widget message gets the bot's reply (sent right after /healthz, so it waits on the engine if needed).
 *
 *   npx tsx bench/service/startup.ts [--restarts 3] [--json]
 *
 * Each run uses a fresh temporary data folder and an ephemeral port; the machine's other load counts too.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { numberOption } from './number-option.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface StartupTiming {
  kind: 'first start' | 'warm restart';
  healthySeconds: number;
  readySeconds: number;
  firstReplySeconds: number;
  /** CPU seconds (user + system) the server process had used once ready: the work, whatever else loads the machine. */
  cpuSeconds: number | null;
}

/** utime + stime of a process from /proc (Linux; null elsewhere), in seconds at the usual 100 ticks per second. */
async function cpuSecondsOf(pid: number | undefined): Promise<number | null> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0;
  }
}

/** Polls every 50 ms until `url` answers 200; returns the seconds since `started`. */
async function until200(url: string, started: number, timeoutMs = 120_000): Promise<number> {
  while (performance.now() - started < timeoutMs) {
    if ((await status(url)) === 200) return (performance.now() - started) / 1000;
    await sleep(50);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** One widget conversation and one message; resolves with the seconds since `started` once the bot's reply is back. */
async function firstReply(base: string, widgetKey: string, started: number): Promise<number> {
  const open = await fetch(`${base}/v1/widget/conversations`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenantKey: widgetKey, customerId: `startup-${Date.now()}` }),
  });
  if (!open.ok) throw new Error(`widget start failed: ${open.status} ${await open.text()}`);
  const session = await open.json() as { conversationId: string; token: string };
  const sent = await fetch(`${base}/v1/widget/conversations/${session.conversationId}/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` }, body: JSON.stringify({ clientId: 'startup-1', text: '我的订单到哪了' }),
  });
  const body = await sent.json() as { messages?: Array<{ author: string }> };
  if (!sent.ok || !body.messages?.some((message) => message.author === 'bot')) throw new Error(`no bot reply: ${sent.status} ${JSON.stringify(body)}`);
  return (performance.now() - started) / 1000;
}

/** Starts `node bin/lingxi.js serve` on `dataDir`, measures, stops it with SIGINT (Ctrl-C). */
async function measureStart(dataDir: string, kind: StartupTiming['kind'], widgetKey: string | null): Promise<StartupTiming & { widgetKey: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/lingxi.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn', LINGXI_CACHE_DIR: '' },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    let port: string | undefined;
    while (!(port = /Start page\s+http:\/\/[^:]+:(\d+)\//.exec(output)?.[1])) {
      if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
      if (performance.now() - started > 120_000) throw new Error(`no URLs printed:\n${output}`);
      await sleep(20);
    }
    const base = `http://127.0.0.1:${port}`;
    const key = widgetKey ?? /Widget key\s+(\S+)/.exec(output)?.[1];
    if (!key) throw new Error(`no widget key printed:\n${output}`);
    const healthySeconds = await until200(`${base}/healthz`, started);
    const [readySeconds, firstReplySeconds] = await Promise.all([until200(`${base}/readyz`, started), firstReply(base, key, started)]);
    return { kind, healthySeconds, readySeconds, firstReplySeconds, cpuSeconds: await cpuSecondsOf(child.pid), widgetKey: key };
  } finally {
    child.kill('SIGINT');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** A first start on an empty data folder, then `restarts` warm restarts on it. */
export async function measureStartup(restarts: number): Promise<StartupTiming[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lingxi-startup-'));
  try {
    const first = await measureStart(dataDir, 'first start', null);
    const timings = [first];
    for (let index = 0; index < restarts; index++) timings.push(await measureStart(dataDir, 'warm restart', first.widgetKey));
    return timings.map(({ widgetKey: _key, ...timing }) => timing);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { restarts: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
  const timings = await measureStartup(numberOption(values, 'restarts'));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ cpus: cpus().length, node: process.version, timings }, null, 2)}\n`);
  } else {
    const rows = timings.map((t) => `| ${t.kind} | ${t.healthySeconds.toFixed(1)} s | ${t.readySeconds.toFixed(1)} s | ${t.firstReplySeconds.toFixed(1)} s | ${t.cpuSeconds?.toFixed(1) ?? '–'} s |`);
    process.stdout.write(`${cpus().length} cores, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n\n| start | /healthz | /readyz (bot warmed) | first bot reply | server CPU until ready |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
  }
}
