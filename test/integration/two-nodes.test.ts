import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { connectTestClient, type TestFrame } from '../../src/service/testing/ws-test-client.ts';

/**
 * Scale-out (issue 11): two `lingxi serve` child processes on one PostgreSQL schema and one Redis prefix. A customer on
 * node A and an agent on node B talk live; node A is SIGKILLed and the customer resumes on node B from its last seq.
 */
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const root = fileURLToPath(new URL('../..', import.meta.url));
const password = 'two-nodes-password-1';

interface Node {
  child: ChildProcess;
  http: string;
  ws: string;
  output: () => string;
}

describe.skipIf(!databaseUrl || !redisUrl)('two service nodes on PostgreSQL + Redis', () => {
  const run = randomUUID().slice(0, 8);
  const schema = `lingxi_two_nodes_${run}`;
  const prefix = `lingxi-two-nodes-${run}:`;
  const children: ChildProcess[] = [];
  let nodeA: Node;
  let nodeB: Node;
  let widgetKey: string;

  function startNode(name: string): Promise<Node> {
    const child = spawn(process.execPath, ['bin/lingxi.js', 'serve'], {
      cwd: root,
      env: {
        ...process.env, DATABASE_URL: databaseUrl, LINGXI_DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, LINGXI_REDIS_PREFIX: prefix,
        PORT: '0', HOST: '127.0.0.1', LINGXI_DEMO_PASSWORD: password, LOG_LEVEL: 'warn', LINGXI_SECRET: `two-nodes-secret-${run}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node ${name} did not start:\n${output}`)), 45_000);
      child.on('exit', (code) => reject(new Error(`node ${name} exited with ${code}:\n${output}`)));
      child.stdout!.on('data', () => {
        const port = /Start page\s+http:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
        if (!port || !/widget WebSocket/.test(output) || !/Bot ready/.test(output)) return; // engines warm, as /readyz
        clearTimeout(timer);
        resolve({ child, http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}`, output: () => output });
      });
    });
  }

  async function call<T = TestFrame>(node: Node, method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(`${node.http}${path}`, {
      method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json as T;
  }

  beforeAll(async () => {
    // Started together: migrations run under an advisory lock and the demo seed is claimed once, so exactly one seeds.
    [nodeA, nodeB] = await Promise.all([startNode('A'), startNode('B')]);
    const seeded = [nodeA, nodeB].filter((node) => /First start/.test(node.output()));
    expect(seeded).toHaveLength(1);
    widgetKey = /Widget key\s+(\S+)/.exec(seeded[0].output())![1];
  }, 90_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    const redis = new Redis(redisUrl!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('serialises turns on one conversation across nodes: distinct seqs, no lost message', async () => {
    const onA = await connectTestClient(`${nodeA.ws}/v1/widget/ws`);
    onA.send({ type: 'hello', tenantKey: widgetKey, customerId: `race-${run}` });
    const { conversationId, resumeToken } = await onA.waitFor((frame) => frame.type === 'welcome');
    const onB = await connectTestClient(`${nodeB.ws}/v1/widget/ws`);
    onB.send({ type: 'hello', tenantKey: widgetKey, customerId: `race-${run}`, conversationId, resumeToken });
    await onB.waitFor((frame) => frame.type === 'welcome');
    const texts = ['运费怎么算', 'how long does shipping take', '你们的退货政策是什么？', 'What is your return policy?'];
    const clientIds: string[] = [];
    for (let index = 0; index < 8; index++) {
      for (const [side, socket] of [['a', onA], ['b', onB]] as const) {
        const clientId = `${side}-${index}`;
        clientIds.push(clientId);
        socket.send({ type: 'message', clientId, text: texts[index % texts.length] });
      }
    }
    // A turn that lost the optimistic race five times answers `conflict`; the widget protocol says: resend the same
    // clientId. Do that, as the widget does, and count how often it was needed.
    let resends = 0;
    const acks = await Promise.all(clientIds.map(async (clientId, index) => {
      const socket = clientId.startsWith('a') ? onA : onB;
      for (let from = 0; ;) {
        const frame = await socket.waitFor((candidate) => (candidate.type === 'ack' || candidate.type === 'error') && candidate.clientId === clientId, from, 20_000);
        if (frame.type === 'ack' || frame.code !== 'conflict' || resends > 40) return frame;
        resends++;
        from = socket.frames.indexOf(frame) + 1;
        socket.send({ type: 'message', clientId, text: texts[Math.floor(index / 2) % texts.length] });
      }
    }));
    expect(acks.filter((frame) => frame.type === 'error')).toEqual([]);
    const ackSeqs = acks.map((frame) => frame.seq as number);
    expect(new Set(ackSeqs).size).toBe(16);

    const login = await call<{ token: string }>(nodeB, 'POST', '/v1/agent/login', undefined, { email: 'agent@demo.lingxi.local', password });
    const detail = await call<{ messages: Array<{ seq: number; clientId: string | null; author: string }> }>(nodeB, 'GET', `/v1/agent/conversations/${conversationId}`, login.token);
    const seqs = detail.messages.map((message) => message.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
    expect(detail.messages.filter((message) => message.author === 'customer').map((message) => message.clientId).sort()).toEqual([...clientIds].sort());
    // Both sockets saw the whole conversation, each message once, in order — whichever node committed it.
    for (const socket of [onA, onB]) {
      await socket.waitFor((frame) => frame.type === 'message' && frame.message.seq === seqs.length, 0, 10_000);
      expect(socket.frames.filter((frame) => frame.type === 'message').map((frame) => frame.message.seq)).toEqual(seqs);
    }
    onA.close();
    onB.close();
  });

  it('customer on node A and agent on node B talk live; after node A is killed the customer resumes on B and misses nothing', async () => {
    const customer = await connectTestClient(`${nodeA.ws}/v1/widget/ws`);
    customer.send({ type: 'hello', tenantKey: widgetKey, customerId: `customer-${run}`, locale: 'en' });
    const { conversationId, resumeToken } = await customer.waitFor((frame) => frame.type === 'welcome');
    customer.send({ type: 'message', clientId: 'c1', text: 'Where is my order?' });
    await customer.waitFor((frame) => frame.type === 'ack' && frame.clientId === 'c1');

    const { token } = await call<{ token: string }>(nodeB, 'POST', '/v1/agent/login', undefined, { email: 'agent@demo.lingxi.local', password });
    const agent = await connectTestClient(`${nodeB.ws}/v1/agent/ws?token=${token}`);
    await agent.waitFor((frame) => frame.type === 'welcome');

    // The agent on B takes over and replies; the customer on A sees both live.
    await call(nodeB, 'POST', `/v1/agent/conversations/${conversationId}/take-over`, token);
    await customer.waitFor((frame) => frame.type === 'conversation' && frame.owner === 'human');
    await call(nodeB, 'POST', `/v1/agent/conversations/${conversationId}/messages`, token, { text: 'Hi, this is Li from support. Let me check.', clientId: 'agent-1' });
    await customer.waitFor((frame) => frame.type === 'message' && frame.message.author === 'agent' && frame.message.text.startsWith('Hi, this is Li'));

    // The customer replies on A; the agent on B sees it live.
    customer.send({ type: 'message', clientId: 'c2', text: 'Thanks, order #W2378156.' });
    const ack = await customer.waitFor((frame) => frame.type === 'ack' && frame.clientId === 'c2');
    const live = await agent.waitFor((frame) => frame.type === 'message' && frame.conversationId === conversationId && frame.message.clientId === 'c2');
    expect(live.message.seq).toBe(ack.seq);
    // The ack can arrive before the echo of the customer's own message: wait for it, so that `lastSeen` is exact.
    await customer.waitFor((frame) => frame.type === 'message' && frame.message.seq === ack.seq);

    // Node A dies without a chance to say goodbye; the agent keeps writing on B meanwhile.
    const lastSeen = Math.max(...customer.frames.filter((frame) => frame.type === 'message').map((frame) => frame.message.seq as number));
    nodeA.child.kill('SIGKILL');
    await customer.closed();
    for (const [index, text] of ['Found it: shipped yesterday.', 'Tracking number follows by e-mail.'].entries()) {
      await call(nodeB, 'POST', `/v1/agent/conversations/${conversationId}/messages`, token, { text, clientId: `agent-missed-${index}` });
    }

    // The widget reconnects to the other node from its last seq and gets every missed message exactly once.
    const resumed = await connectTestClient(`${nodeB.ws}/v1/widget/ws`);
    resumed.send({ type: 'hello', tenantKey: widgetKey, customerId: `customer-${run}`, conversationId, afterSeq: lastSeen, resumeToken });
    const welcome = await resumed.waitFor((frame) => frame.type === 'welcome');
    expect(welcome.lastSeq).toBe(lastSeen + 2);
    await resumed.waitFor((frame) => frame.type === 'message' && frame.message.seq === welcome.lastSeq);
    const missed = resumed.frames.filter((frame) => frame.type === 'message').map((frame) => frame.message);
    expect(missed.map((message) => message.seq)).toEqual([lastSeen + 1, lastSeen + 2]);
    expect(missed.map((message) => message.text)).toEqual(['Found it: shipped yesterday.', 'Tracking number follows by e-mail.']);

    // And the conversation goes on through node B, live for both sides.
    resumed.send({ type: 'message', clientId: 'c3', text: 'Great, thank you!' });
    await agent.waitFor((frame) => frame.type === 'message' && frame.message.clientId === 'c3');
    await call(nodeB, 'POST', `/v1/agent/conversations/${conversationId}/messages`, token, { text: 'You are welcome.', clientId: 'agent-2' });
    await resumed.waitFor((frame) => frame.type === 'message' && frame.message.text === 'You are welcome.');
    const seqs = [...customer.frames, ...resumed.frames].filter((frame) => frame.type === 'message').map((frame) => frame.message.seq as number);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
    resumed.close();
    agent.close();
  });
});
