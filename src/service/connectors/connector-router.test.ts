import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PackDefinition } from '../../engine/pack.ts';
import { defineTool, runTool, ToolError, type ToolContext } from '../../engine/tools/define-tool.ts';
import { fixedClock, createCounterIds } from '../../engine/ports.ts';
import { connectorSpecSchema } from './connector-config.ts';
import { connectorFailure } from './connector-failure.ts';
import { createConnectorRouter } from './connector-router.ts';
import type { Connector, ConnectorCall } from './create-connector.ts';

type Shop = { orders: Record<string, { status: string }> };
const lookup = defineTool({ name: 'lookup', description: 'read an order', input: z.object({ id: z.string() }), write: false, result: z.object({ id: z.string(), status: z.string() }), execute: ({ id }, context: ToolContext<Shop>) => ({ id, status: context.data.orders[id].status }) });
const cancel = defineTool({ name: 'cancel', description: 'cancel an order', input: z.object({ id: z.string() }), write: true, execute: ({ id }, context: ToolContext<Shop>) => { context.data.orders[id].status = 'cancelled'; return { id }; } });
const local = defineTool({ name: 'local', description: 'no connector', input: z.object({}), write: false, execute: () => 'local' });
const pack = { name: 'shop', tools: { lookup, cancel, local } } as unknown as PackDefinition<Shop>;

function fakeConnector(answers: (call: ConnectorCall) => unknown): Connector & { calls: ConnectorCall[] } {
  const calls: ConnectorCall[] = [];
  const config = { ...connectorSpecSchema.parse({ kind: 'action-server', pack: 'shop', name: 'fake', baseUrl: 'http://127.0.0.1:1/', tools: ['lookup', 'cancel'] }), id: 'con_x', tenantId: 't1', secret: '', revision: 1, updatedAt: '' };
  return {
    config, calls, serves: () => true, breaker: { allow: () => true, succeeded() {}, failed() {}, state: 'closed' },
    async call(call) { calls.push(call); const result = answers(call); if (result instanceof Error) throw result; return { result, answer: result, status: 200, attempts: 1, latencyMs: 0 }; },
  };
}

describe('connector router', () => {
  const data: Shop = { orders: { A: { status: 'pending' } } };
  const context = (customerId: string | null = 'u1'): ToolContext<Shop> => ({ data, clock: fixedClock('2026-01-01T00:00:00Z'), ids: createCounterIds(), locale: 'zh', actor: { kind: 'customer', customerId } });

  it('awaits a connector tool where the skill calls it, once per turn for the same read; other tools stay local', async () => {
    const connector = fakeConnector((call) => ({ id: call.arguments.id, status: call.tool === 'lookup' ? 'shipped' : 'cancelled' }));
    const router = createConnectorRouter({ connectors: async (tenant) => (tenant === 't1' ? [connector] : []) });
    const routed = router.route(pack, data);
    let runs = 0;
    const turn = async () => {
      runs++;
      const first = await runTool(routed.tools.lookup, { id: 'A' }, context());
      const again = await runTool(routed.tools.lookup, { id: 'A' }, context());
      const done = await runTool(routed.tools.cancel, { id: 'A' }, context());
      return [first.result, again.result, done.result, (await runTool(routed.tools.local, {}, context())).result];
    };
    expect(await router.run('t1', { conversationId: 'c1', clientId: 'm1' }, turn)).toEqual([{ id: 'A', status: 'shipped' }, { id: 'A', status: 'shipped' }, { id: 'A', status: 'cancelled' }, 'local']);
    expect(runs).toBe(1);
    expect(connector.calls.map((call) => call.tool)).toEqual(['lookup', 'cancel']);
    expect(connector.calls[0].idempotencyKey).toBeUndefined();
    expect(connector.calls[1]).toMatchObject({ customer: { id: 'u1' }, conversation: { id: 'c1' }, idempotencyKey: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(data.orders.A.status).toBe('pending');
    // The same confirmed write in a retried turn (same message) carries the same key; another message another key.
    await router.run('t1', { conversationId: 'c1', clientId: 'm1' }, turn);
    await router.run('t1', { conversationId: 'c1', clientId: 'm2' }, turn);
    expect(connector.calls[3].idempotencyKey).toBe(connector.calls[1].idempotencyKey);
    expect(connector.calls[5].idempotencyKey).not.toBe(connector.calls[1].idempotencyKey);
    // Another tenant (no connector) and calls outside a turn run on the local backend.
    expect(await router.run('t2', { conversationId: null, clientId: null }, async () => (await runTool(routed.tools.lookup, { id: 'A' }, context())).result)).toEqual({ id: 'A', status: 'pending' });
    expect((await runTool(routed.tools.lookup, { id: 'A' }, context())).result).toEqual({ id: 'A', status: 'pending' });
  });

  it('a refusal is the tool\'s error for the skill; a backend failure ends the turn with the failure', async () => {
    const router = createConnectorRouter({ connectors: async () => [fakeConnector((call) => (call.tool === 'lookup' ? new ToolError('order not found') : connectorFailure('timeout', 'slow')))] });
    const routed = router.route(pack, data);
    const outcome = await router.run('t1', { conversationId: 'c', clientId: 'm' }, async () => runTool(routed.tools.lookup, { id: 'A' }, context()));
    expect(outcome).toMatchObject({ ok: false, error: 'order not found' });
    await expect(router.run('t1', { conversationId: 'c', clientId: 'm' }, async () => runTool(routed.tools.cancel, { id: 'A' }, context()))).rejects.toMatchObject({ code: 'unavailable', details: { reason: 'timeout', tool: 'cancel', write: true } });
  });
});
