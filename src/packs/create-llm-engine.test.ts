import { beforeAll, describe, expect, it } from 'vitest';
import { LingxiError } from '../engine/errors.ts';
import { createCounterIds, fixedClock } from '../engine/ports.ts';
import { createScriptedProvider, type ScriptStep } from '../engine/llm/scripted-provider.ts';
import { createPackEngine, type PackEngine } from './create-pack-engine.ts';
import { createLlmEngine } from './create-llm-engine.ts';
import type { EcommerceDb } from './ecommerce/store/types.ts';
import { loadStore } from './ecommerce/store/load-store.ts';
import cancelOrder from '../engine/llm/__fixtures__/cancel-order.json' with { type: 'json' };

const clock = fixedClock('2024-06-01T10:00:00Z');
const steps = (turns = cancelOrder.turns) => turns.flatMap((turn) => turn.responses as ScriptStep[]);

async function offlineEngine(): Promise<PackEngine> {
  return createPackEngine({ packs: ['ecommerce'], locale: 'en', data: await loadStore('tau-retail'), clock, ids: createCounterIds() });
}

describe('createLlmEngine (e-commerce pack, τ-retail store)', () => {
  let offline: PackEngine;
  beforeAll(async () => {
    offline = await offlineEngine();
  });

  it('cancels a pending order with the real tools only after the customer says yes', async () => {
    const provider = createScriptedProvider(steps(), { model: 'deepseek-chat' });
    const engine = await createLlmEngine({ packs: ['ecommerce'], locale: 'en', provider, offline, clock });
    const orders = (engine.data.ecommerce as EcommerceDb).orders;
    let { state } = engine.start({ locale: 'en' });
    const texts = cancelOrder.turns.map((turn) => turn.customer);
    const first = await engine.handle(state, { text: texts[0] });
    expect(first.toolCalls.map((call) => call.name)).toEqual(['find_user_id_by_email', 'get_order_details']);
    expect(first.state.customerId).toBe('ivan_santos_6635');
    const second = await engine.handle(first.state, { text: texts[1] });
    expect(second.replies[0]).toMatchObject({ awaiting: 'confirmation' });
    expect(second.replies[0].text).toContain('Cancel the order — order id: #W8770097; reason: no longer needed');
    expect(orders['#W8770097'].status).toBe('pending');
    state = second.state;
    const third = await engine.handle(state, { text: texts[2] });
    expect(orders['#W8770097'].status).toBe('cancelled');
    expect(third.replies[0].text).toContain('has been cancelled');
    // The system prompt carries the pack's policy (wiki.md) and the engine's profile, nothing else.
    const system = provider.requests[0].messages[0];
    expect(system.role === 'system' && system.content).toContain('# Retail agent policy');
    expect(provider.requests[0].tools.map((tool) => tool.function.name)).toEqual(expect.arrayContaining(['cancel_pending_order', 'find_user_id_by_email', 'search_knowledge']));
  });

  it('answers with the offline engine when the provider fails, and the conversation goes on', async () => {
    const provider = createScriptedProvider([{ error: new LingxiError('unavailable', 'HTTP 503') }, ...steps([cancelOrder.turns[0]])]);
    const engine = await createLlmEngine({ packs: ['ecommerce'], locale: 'en', provider, offline: await offlineEngine(), clock });
    const { state } = engine.start({ locale: 'en' });
    const failed = await engine.handle(state, { text: 'What is your return policy?' });
    expect(failed.replies[0].text.length).toBeGreaterThan(0);
    expect(failed.events.some((event) => event.type === 'llm.failed')).toBe(true);
    expect(failed.replies[0].sources.length).toBeGreaterThan(0);
    const next = await engine.handle(failed.state, { text: cancelOrder.turns[0].customer });
    expect(next.toolCalls.map((call) => call.name)).toEqual(['find_user_id_by_email', 'get_order_details']);
    // The model sees the fallback exchange as conversation history.
    expect(provider.requests[1].messages.some((message) => message.role === 'assistant' && message.content === failed.replies[0].text)).toBe(true);
  });

  it("gives the model the Chinese store's own policy in a Chinese store, and τ-retail's in the English one", async () => {
    const provider = createScriptedProvider(() => ({ completion: { choices: [{ message: { content: '请问有什么可以帮您？' } }] } }));
    const engine = await createLlmEngine({ packs: ['ecommerce'], locale: 'zh', provider, offline: await createPackEngine({ packs: ['ecommerce'], locale: 'zh', clock }), clock });
    await engine.handle(engine.start({ locale: 'zh' }).state, { text: '我想问一下我的订单能不能改地址' });
    const system = provider.requests[0].messages[0].content ?? '';
    expect(system).toContain('灵犀优选 售后服务政策');
    expect(system).not.toContain('# Retail agent policy');
  });

  it('lets the offline engine answer confident small talk without spending tokens (Chinese)', async () => {
    const provider = createScriptedProvider([]);
    const engine = await createLlmEngine({ packs: ['ecommerce'], locale: 'zh', provider, offline: await createPackEngine({ packs: ['ecommerce'], locale: 'zh', clock }), clock });
    const { state } = engine.start({ locale: 'zh' });
    const result = await engine.handle(state, { text: '你好' });
    expect(provider.requests).toHaveLength(0);
    expect(result.replies[0].text.length).toBeGreaterThan(0);
  });
});
