import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A `lingxi serve` child process on a free port. */
export interface ServeProcess {
  child: ChildProcess;
  http: string;
  output: () => string;
  /** SIGKILL: no shutdown hook runs, whatever was not stored is lost. */
  kill(): Promise<void>;
}

/**
 * Starts `bin/lingxi.js serve` with `env` (PORT 0, quiet logs) and resolves once it prints its start page. Variables
 * set to undefined are removed (a PGlite node must not inherit the CI's DATABASE_URL).
 */
export function startServe(name: string, env: Record<string, string | undefined>): Promise<ServeProcess> {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env })) if (value !== undefined) merged[key] = value;
  const child = spawn(process.execPath, ['bin/lingxi.js', 'serve'], { cwd: root, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const kill = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${name} did not start:\n${output}`)), 90_000);
    child.on('exit', (code) => reject(new Error(`node ${name} exited with ${code}:\n${output}`)));
    child.stdout!.on('data', () => {
      const port = /Start page\s+http:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
      if (!port || !/widget WebSocket/.test(output)) return;
      clearTimeout(timer);
      resolve({ child, http: `http://127.0.0.1:${port}`, output: () => output, kill });
    });
  });
}

/** JSON over HTTP; a non-2xx answer throws with its body. */
export async function call<T = Record<string, unknown>>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json as T;
}

/** A widget customer's conversation over the widget HTTP API: `say` answers the bot's reply texts, joined. */
export async function widgetChat(base: string, tenantKey: string, customerId: string, locale: 'zh' | 'en') {
  const session = await call<{ token: string; conversationId: string }>(base, 'POST', '/v1/widget/conversations', undefined, { tenantKey, customerId, locale });
  let count = 0;
  return {
    conversationId: session.conversationId,
    async say(text: string, node = base): Promise<string> {
      const result = await call<{ messages: Array<{ author: string; text: string }> }>(node, 'POST', `/v1/widget/conversations/${session.conversationId}/messages`, session.token, { clientId: `${customerId}-${++count}`, text });
      return result.messages.filter((message) => message.author !== 'customer').map((message) => message.text).join('\n');
    },
  };
}

export interface CustomerRecords {
  records: Array<{ pack: string; kind: string; id: string; status: string }>;
}

/** The agent console's view of a conversation's customer: orders, bookings, tickets … from the tenant's backends. */
export async function recordsOf(base: string, token: string, conversationId: string): Promise<CustomerRecords['records']> {
  const detail = await call<{ conversation: { customerId: string } }>(base, 'GET', `/v1/agent/conversations/${conversationId}`, token);
  return (await call<CustomerRecords>(base, 'GET', `/v1/agent/customers/${detail.conversation.customerId}/records`, token)).records;
}
