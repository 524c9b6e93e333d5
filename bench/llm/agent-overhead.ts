/**
 * Measures what LLM mode costs Lingxi itself, without a model: the scripted cancel-order conversation
 * (recorded OpenAI-format responses, src/engine/llm/__fixtures__/cancel-order.json) runs against the real
 * e-commerce pack and τ-retail store, and we time the engine per turn (tool calls, dry runs of writes,
 * grounding checks, prompt building). Model latency is excluded by construction.
 *
 * Run: npx tsx bench/llm/agent-overhead.ts [runs=50]
 */
import { performance } from 'node:perf_hooks';
import { createCounterIds, fixedClock } from '../../src/engine/ports.ts';
import { createScriptedProvider, type ScriptStep } from '../../src/engine/llm/scripted-provider.ts';
import { createPackEngine } from '../../src/packs/create-pack-engine.ts';
import { createLlmEngine } from '../../src/packs/create-llm-engine.ts';
import { loadStore } from '../../src/packs/ecommerce/store/load-store.ts';
import cancelOrder from '../../src/engine/llm/__fixtures__/cancel-order.json' with { type: 'json' };

const runs = Number(process.argv[2] ?? 50);
const clock = fixedClock('2024-06-01T10:00:00Z');
const timings: number[] = [];
let requestChars = 0;
let requests = 0;
for (let run = 0; run < runs; run++) {
  const fresh = await createPackEngine({ packs: ['ecommerce'], locale: 'en', data: await loadStore('tau-retail'), clock, ids: createCounterIds() });
  const provider = createScriptedProvider(cancelOrder.turns.flatMap((turn) => turn.responses as ScriptStep[]), { model: 'deepseek-chat' });
  const engine = await createLlmEngine({ packs: ['ecommerce'], locale: 'en', provider, offline: fresh, clock });
  let { state } = engine.start({ locale: 'en' });
  for (const turn of cancelOrder.turns) {
    const started = performance.now();
    state = (await engine.handle(state, { text: turn.customer })).state;
    timings.push(performance.now() - started);
  }
  requests += provider.requests.length;
  requestChars += provider.requests.reduce((sum, request) => sum + JSON.stringify(request).length, 0);
}
timings.sort((a, b) => a - b);
const quantile = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))].toFixed(1);
console.log(JSON.stringify({
  runs, turns: timings.length,
  engineMsPerTurn: { p50: quantile(0.5), p95: quantile(0.95), max: quantile(1) },
  modelRequestsPerConversation: requests / runs,
  averageRequestKiB: (requestChars / requests / 1024).toFixed(1),
}, null, 2));
