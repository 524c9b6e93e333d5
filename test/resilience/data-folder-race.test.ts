import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer, type ServerProcess } from './server-process.ts';

/**
 * Issue 23, D2: two `lingxi serve --data D` on one PGlite folder both became ready and each acknowledged messages;
 * after a restart only one server's messages existed. Now two servers racing for one folder: exactly one starts, the
 * other exits naming the holder's pid; the winner acknowledges messages and is killed with SIGKILL; two servers race
 * again for the folder with its stale lock: one takes it over, the other is refused, and every acknowledged message is there.
 */
const servers: ServerProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-race-'));
afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

async function race(): Promise<{ winner: ServerProcess; port: number; refusal: string }> {
  const ports = [await freePort(), await freePort()];
  const started = await Promise.allSettled(ports.map((port) => startServer({ port, dataDir, timeoutMs: 240_000 })));
  for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
  const winners = started.flatMap((result, index) => (result.status === 'fulfilled' ? [{ server: result.value, port: ports[index] }] : []));
  const refusals = started.flatMap((result) => (result.status === 'rejected' ? [String((result.reason as Error).message)] : []));
  expect(winners.length, refusals.join('\n')).toBe(1);
  expect(refusals).toHaveLength(1);
  return { winner: winners[0].server, port: winners[0].port, refusal: refusals[0] };
}

describe('two servers racing for one PGlite folder', () => {
  it('lets exactly one write, refuses the other by name, and keeps every acknowledged message across kill -9', async () => {
    const first = await race();
    expect(first.refusal).toMatch(new RegExp(`in use by another Lingxi process \\(pid ${first.winner.child.pid}`));
    const widgetKey = /Widget key\s+(\S+)/.exec(first.winner.output)?.[1];
    const apiKey = /API key\s+(lx_\S+)/.exec(first.winner.output)?.[1];
    expect(widgetKey && apiKey, first.winner.output).toBeTruthy();
    // D6: the generated token secret is a 0600 file in the data folder, not a database row.
    expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600);

    const post = async (port: number, path: string, body: unknown, token?: string) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
      });
      expect(response.status, path).toBe(200);
      return response.json() as Promise<Record<string, string>>;
    };
    const session = await post(first.port, '/v1/widget/conversations', { tenantKey: widgetKey, customerId: 'race' });
    for (let index = 0; index < 30; index++) {
      await post(first.port, `/v1/widget/conversations/${session.conversationId}/messages`, { clientId: `race-${index}`, text: `第 ${index} 条 message ${index}` }, session.token);
    }
    await first.winner.crash();

    const second = await race();
    expect(second.refusal).toMatch(new RegExp(`pid ${second.winner.child.pid}`));
    const response = await fetch(`http://127.0.0.1:${second.port}/v1/conversations/${session.conversationId}`, { headers: { authorization: `Bearer ${apiKey}` } });
    const { messages } = await response.json() as { messages: Array<{ author: string; clientId: string | null }> };
    const acknowledged = messages.filter((message) => message.author === 'customer').map((message) => message.clientId);
    expect(acknowledged).toEqual(Array.from({ length: 30 }, (_, index) => `race-${index}`));
  }, 600_000);
});
