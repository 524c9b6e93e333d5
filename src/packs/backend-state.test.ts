import { describe, expect, it } from 'vitest';
import { createCounterIds, fixedClock } from '../engine/ports.ts';
import { createScriptedProvider, type ScriptStep } from '../engine/llm/scripted-provider.ts';
import cancelOrder from '../engine/llm/__fixtures__/cancel-order.json' with { type: 'json' };
import { backendShape, diffSnapshot, fromRecords, snapshot, toRecords } from './backend-records.ts';
import { createMemoryBackendState } from './backend-state.ts';
import { createLlmEngine } from './create-llm-engine.ts';
import { createPackEngine } from './create-pack-engine.ts';
import type { EcommerceDb } from './ecommerce/store/types.ts';
import { loadStore } from './ecommerce/store/load-store.ts';

describe('backend records', () => {
  it('split a backend into records and rebuild it in the same order', async () => {
    const data = { currency: 'CNY', orders: { b: { n: 1 }, a: { n: 2 } }, tickets: [{ id: 'T1' }], empty: [] as unknown[] };
    const rebuilt = fromRecords(backendShape(data), toRecords(data));
    expect(rebuilt).toEqual(data);
    expect(Object.keys(rebuilt.orders as object)).toEqual(['b', 'a']);
  });

  it('diff a snapshot: changed, created and removed records with before and after', () => {
    const data: Record<string, unknown> = { orders: { '#1': { status: 'pending' }, '#2': { status: 'delivered' } }, tickets: [] };
    const before = snapshot(data);
    (data.orders as Record<string, { status: string }>)['#1'].status = 'cancelled';
    delete (data.orders as Record<string, unknown>)['#2'];
    (data.tickets as unknown[]).push({ ticket_id: 'CP_000001' });
    expect(diffSnapshot(before, data)).toEqual([
      { collection: 'orders', key: '#1', before: { status: 'pending' }, after: { status: 'cancelled' }, removed: false },
      { collection: 'tickets', key: '0', before: null, after: { ticket_id: 'CP_000001' }, removed: false },
      { collection: 'orders', key: '#2', before: { status: 'delivered' }, after: null, removed: true },
    ]);
    expect(diffSnapshot(snapshot(data), data)).toEqual([]);
  });
});

describe('write tools report to the backend state', () => {
  it('offline engine (Chinese): the confirmed cancellation is one write with the order before and after', async () => {
    const backend = createMemoryBackendState();
    const engine = await createPackEngine({ packs: ['ecommerce'], locale: 'zh', db: 'store-zh', clock: fixedClock('2026-11-20T10:00:00+08:00'), backend });
    let { state } = engine.start({ locale: 'zh' });
    for (const text of ['取消订单', '18235816343', '下错单了']) state = (await engine.handle(state, { text })).state;
    expect(backend.writes).toEqual([]);
    await engine.handle(state, { text: '确认' });
    expect(backend.writes).toHaveLength(1);
    expect(backend.writes[0]).toMatchObject({
      pack: 'ecommerce', tool: 'cancel_pending_order', arguments: { order_id: '#CN2611502925', reason: 'ordered by mistake' },
      changes: expect.arrayContaining([expect.objectContaining({ collection: 'orders', key: '#CN2611502925', before: expect.objectContaining({ status: 'pending' }), after: expect.objectContaining({ status: 'cancelled' }) })]),
    });
    expect((engine.data.ecommerce as EcommerceDb).orders['#CN2611502925'].status).toBe('cancelled');
  });

  it('LLM engine (English): the dry run on a copy is not reported, the confirmed write is', async () => {
    const clock = fixedClock('2024-06-01T10:00:00Z');
    const backend = createMemoryBackendState();
    const offline = await createPackEngine({ packs: ['ecommerce'], locale: 'en', data: await loadStore('tau-retail'), clock, ids: createCounterIds(), backend });
    const provider = createScriptedProvider(cancelOrder.turns.flatMap((turn) => turn.responses as ScriptStep[]), { model: 'deepseek-chat' });
    const engine = await createLlmEngine({ packs: ['ecommerce'], locale: 'en', provider, offline, clock });
    let { state } = engine.start({ locale: 'en' });
    for (const turn of cancelOrder.turns.slice(0, 2)) state = (await engine.handle(state, { text: turn.customer })).state;
    expect(backend.writes).toEqual([]);
    await engine.handle(state, { text: cancelOrder.turns[2].customer });
    expect(backend.writes.map((write) => [write.tool, write.arguments.order_id, write.actor])).toEqual([['cancel_pending_order', '#W8770097', { kind: 'customer', customerId: 'ivan_santos_6635' }]]);
  });
});
