import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { freePort, startServer, type ServerProcess } from './server-process.ts';
import { createResilientCustomer, type ResilientCustomer } from './resilient-customer.ts';

/**
 * Crash test (issue 12): `lingxi serve` as a child process under a steady load of WebSocket customers is killed with
 * SIGKILL, restarted on the same data, and the customers reconnect (afterSeq) and resend unacknowledged messages with
 * the same client ids. Afterwards, from the server's own API:
 *   - every client id the customer created is stored exactly once, with the seq its ack(s) reported;
 *   - every stored message (customer echo, bot reply) reached the customer exactly once, over all connections;
 *   - conversations went on after the restart (acks and bot replies with later seqs).
 */
const CUSTOMERS = 10;
const MESSAGES = 12;
const databaseUrl = process.env.DATABASE_URL;
const servers: ServerProcess[] = [];
const folders: string[] = [];
const schemas: string[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => {});
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  if (schemas.length && databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
});

const until = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

async function crashAndRecover(label: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-crash-'));
  folders.push(dataDir);
  const port = await freePort();
  const started = Date.now();
  const first = await startServer({ port, dataDir, env });
  servers.push(first);
  const widgetKey = /Widget key\s+(\S+)/.exec(first.output)?.[1];
  const apiKey = /API key\s+(lx_\S+)/.exec(first.output)?.[1];
  expect(widgetKey && apiKey, first.output).toBeTruthy();
  const customers: ResilientCustomer[] = Array.from({ length: CUSTOMERS }, (_, index) => createResilientCustomer({
    url: () => `ws://127.0.0.1:${port}/v1/widget/ws`, tenantKey: widgetKey!, customerId: `crash-${label}-${index}`, messages: MESSAGES, intervalMs: 120,
  }));
  for (const customer of customers) customer.start();
  const acked = () => customers.reduce((sum, customer) => sum + customer.stats.acks.size, 0);

  // Kill mid-load: after about a third of the messages were acknowledged, while the rest are in flight.
  await until(() => acked() >= (CUSTOMERS * MESSAGES) / 3, 30_000, 'load before the crash');
  await first.crash();
  for (const customer of customers) customer.markCrash();
  const ackedAtCrash = acked();
  const second = await startServer({ port, dataDir, env });
  servers.push(second);
  const progress = () => customers.map((customer) => `${customer.stats.customerId}: ${customer.stats.acks.size} acked, ${customer.stats.connections} connections, last seq ${customer.maxSeen()}`).join('\n');
  await until(() => customers.every((customer) => customer.done()), 120_000, 'every message acknowledged after the restart').catch((error) => {
    throw new Error(`${error.message}\n${progress()}\nserver output:\n${second.output.slice(-2000)}`);
  });

  // Read the truth back from the restarted server and let the last bot replies arrive.
  const api = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.status, path).toBe(200);
    return response.json() as Promise<{ conversation: { lastSeq: number }; messages: Array<{ seq: number; clientId: string | null; author: string; text: string }> }>;
  };
  const stored = new Map<ResilientCustomer, Awaited<ReturnType<typeof api>>>();
  for (const customer of customers) {
    let conversation = await api(`/v1/conversations/${customer.stats.conversationId}`);
    const deadline = Date.now() + 5000;
    while (customer.maxSeen() < conversation.conversation.lastSeq && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      conversation = await api(`/v1/conversations/${customer.stats.conversationId}`);
    }
    stored.set(customer, conversation);
  }
  for (const customer of customers) await customer.stop();

  const counts = { customers: CUSTOMERS, messagesSent: 0, transmissions: 0, ackedAtCrash, acked: 0, duplicateAcks: 0, storedCustomerMessages: 0, botReplies: 0, botRepliesAfterRestart: 0, delivered: 0, duplicateDeliveries: 0, missedDeliveries: 0, reconnects: 0, seconds: 0 };
  for (const customer of customers) {
    const { stats } = customer;
    const { conversation, messages } = stored.get(customer)!;
    counts.messagesSent += stats.sent;
    counts.transmissions += stats.transmissions;
    counts.acked += stats.acks.size;
    counts.duplicateAcks += stats.duplicateAcks;
    counts.reconnects += stats.connections - 1;
    const fromCustomer = messages.filter((message) => message.author === 'customer');
    counts.storedCustomerMessages += fromCustomer.length;
    const bot = messages.filter((message) => message.author === 'bot');
    counts.botReplies += bot.length;
    // Every message the customer created is stored exactly once, at the seq every ack for it named.
    expect(stats.acks.size).toBe(MESSAGES);
    for (const [clientId, seqs] of stats.acks) {
      const copies = fromCustomer.filter((message) => message.clientId === clientId);
      expect(copies, `${clientId} stored once`).toHaveLength(1);
      expect(new Set(seqs), `${clientId} acks agree`).toEqual(new Set([copies[0].seq]));
    }
    expect(fromCustomer).toHaveLength(MESSAGES);
    // Every stored message (bot replies included) reached the customer exactly once.
    expect(messages).toHaveLength(conversation.lastSeq);
    for (const message of messages) {
      const times = stats.deliveries.get(message.seq) ?? 0;
      counts.delivered += Math.min(times, 1);
      if (times > 1) counts.duplicateDeliveries += times - 1;
      if (times === 0) counts.missedDeliveries++;
    }
    // The conversation went on after the restart: the last customer message came after the crash and got an answer.
    const lastCustomer = fromCustomer.at(-1)!;
    expect(stats.ackedBeforeCrash).toBeLessThan(MESSAGES);
    counts.botRepliesAfterRestart += bot.filter((message) => message.seq > fromCustomer[stats.ackedBeforeCrash]?.seq).length;
    expect(messages.some((message) => message.seq > lastCustomer.seq && message.author !== 'customer') || conversation.lastSeq === lastCustomer.seq).toBe(true);
  }
  counts.seconds = Math.round((Date.now() - started) / 100) / 10;
  console.log(`crash test (${label}): ${JSON.stringify(counts)}`);
  expect(counts.duplicateDeliveries).toBe(0);
  expect(counts.missedDeliveries).toBe(0);
  expect(counts.storedCustomerMessages).toBe(CUSTOMERS * MESSAGES);
  expect(counts.botRepliesAfterRestart).toBeGreaterThan(0);
  await second.stop();
}

describe('kill -9 under load', () => {
  it('loses nothing and duplicates nothing on PGlite', async () => {
    await crashAndRecover('pglite', {});
  }, 300_000);

  it.skipIf(!databaseUrl)('loses nothing and duplicates nothing on PostgreSQL', async () => {
    const schema = `lingxi_crash_${randomUUID().slice(0, 8)}`;
    schemas.push(schema);
    await crashAndRecover('postgres', { DATABASE_URL: databaseUrl!, LINGXI_DATABASE_SCHEMA: schema, LINGXI_SECRET: 'crash-test-secret-0123456789' });
  }, 300_000);
});
