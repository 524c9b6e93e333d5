/**
 * Engine benchmark (issues 2 and 11): per-turn latency p50/p99 and turns/s of the e-commerce pack over a fixed mix of
 * scripted conversations (bench/engine/scripts.ts), engine build and intent training time (cold, no model cache), and
 * NLP.js trained on the same intents in the same run as the peer (training time, held-out accuracy, classify p99).
 *
 *   npx tsx bench/engine/engine-bench.ts [--rounds 30] [--warmup 3] [--json]
 *   node bin/lingxi.js bench engine [--rounds 30]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMemoryCache, createCounterIds, fixedClock, noCache } from '../../src/engine/ports.ts';
import { trainIntentClassifier } from '../../src/engine/nlu/intent/index.ts';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { createPackEngine, type PackEngine } from '../../src/packs/create-pack-engine.ts';
import { loadEcommercePack } from '../../src/packs/ecommerce/pack.ts';
import { loadStore } from '../../src/packs/ecommerce/store/load-store.ts';
import { trainingExamples } from '../../src/packs/training-examples.ts';
import type { EcommerceDb } from '../../src/packs/ecommerce/store/types.ts';
import { packPhrases, runLingxiIntents, runNlpJsIntents, splitPhrases, type IntentRunResult } from './intent-peer.ts';
import { benchScripts } from './scripts.ts';
import { formatMs, percentile } from './statistics.ts';

const NOW = '2026-11-20T10:00:00+08:00';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface EngineBenchResult {
  date: string;
  machine: string;
  turns: number;
  conversations: number;
  turnP50Ms: number;
  turnP99Ms: number;
  turnMaxMs: number;
  turnCpuP50Ms: number;
  turnCpuP99Ms: number;
  loadAverage: number;
  turnsPerSecond: number;
  coldBuildMs: number;
  coldTrainMs: number;
  trainingExamples: number;
  slowest: Array<{ script: string; text: string; ms: number; cpuMs: number }>;
  intents: IntentRunResult[];
  heldOut: { train: number; test: number };
}

/** Runs the whole benchmark in this process; `rounds` full passes over the script mix after `warmup` untimed ones. */
export async function runEngineBench(options: { rounds?: number; warmup?: number } = {}): Promise<EngineBenchResult> {
  const rounds = options.rounds ?? 30;
  const warmup = options.warmup ?? 3;

  // Cold: pack load + store + training with no cache, as a first start without a model cache pays it.
  const coldStarted = performance.now();
  await createPackEngine({ packs: ['ecommerce'], db: 'tau-retail', modelCache: noCache, clock: fixedClock(NOW) });
  const coldBuildMs = performance.now() - coldStarted;
  const pack = await loadEcommercePack();
  const examples = trainingExamples(pack);
  const trainStarted = performance.now();
  trainIntentClassifier(examples, {}, { tokenizer: createTokenizer() });
  const coldTrainMs = performance.now() - trainStarted;

  // Warm: long-lived engines (as in the service) built from a memory model cache. Cancellations and returns change
  // orders, so before each round the engines' store objects get fresh copies of the sample data (same object, new contents).
  const cache = createMemoryCache();
  const pristine: Record<string, EcommerceDb> = { 'tau-retail': await loadStore('tau-retail'), 'store-zh': await loadStore('store-zh') };
  const engines = new Map<string, PackEngine>();
  for (const db of Object.keys(pristine)) {
    engines.set(db, await createPackEngine({ packs: ['ecommerce'], db, data: structuredClone(pristine[db]), modelCache: cache, clock: fixedClock(NOW), ids: createCounterIds() }));
  }
  // Wall time and this process's CPU time per turn: on a shared machine the wall-time tail is mostly waiting for a core.
  const latencies: Array<{ script: string; text: string; ms: number; cpuMs: number }> = [];
  let conversations = 0;
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [db, engine] of engines) Object.assign(engine.data, structuredClone(pristine[db]));
    // Collect the previous round's copies now, so that the benchmark's own garbage does not land inside a timed turn.
    collectGarbage();
    for (const [index, script] of benchScripts.entries()) {
      const engine = engines.get(script.db)!;
      let { state } = engine.start({ id: `bench-${round}-${index}`, locale: script.locale });
      for (const text of script.turns) {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const turn = await engine.handle(state, { text });
        const ms = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        state = turn.state;
        if (round >= warmup) latencies.push({ script: script.name, text, ms, cpuMs: (cpu.user + cpu.system) / 1000 });
      }
      if (round >= warmup) conversations++;
    }
  }
  const sorted = latencies.map((entry) => entry.ms).sort((x, y) => x - y);
  const cpuSorted = latencies.map((entry) => entry.cpuMs).sort((x, y) => x - y);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);

  const { train, test } = splitPhrases(packPhrases(pack));
  const intents = [runLingxiIntents(train, test)];
  const peer = await runNlpJsIntents(train, test);
  if (peer) intents.push(peer);

  return {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`,
    turns: sorted.length, conversations,
    turnP50Ms: percentile(sorted, 50), turnP99Ms: percentile(sorted, 99), turnMaxMs: sorted.at(-1) ?? Number.NaN,
    turnCpuP50Ms: percentile(cpuSorted, 50), turnCpuP99Ms: percentile(cpuSorted, 99), loadAverage: loadavg()[0],
    turnsPerSecond: sorted.length / (total / 1000),
    coldBuildMs, coldTrainMs, trainingExamples: examples.length,
    slowest: [...latencies].sort((x, y) => y.ms - x.ms).slice(0, 5),
    intents, heldOut: { train: train.length, test: test.length },
  };
}

/** The result as the Markdown that docs/benchmarks.md records. */
export function formatEngineBench(result: EngineBenchResult): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  return [
    `Machine: ${result.machine}. Date: ${result.date}. Load average at the end: ${result.loadAverage.toFixed(1)}.`, '',
    `| engine turn (e-commerce pack, ${result.conversations} scripted conversations, ${result.turns} turns) | value |`, '|---|---|',
    `| p50 per turn | ${formatMs(result.turnP50Ms)} ms |`, `| p99 per turn | ${formatMs(result.turnP99Ms)} ms |`, `| max per turn | ${formatMs(result.turnMaxMs)} ms |`,
    `| CPU time per turn p50 / p99 | ${formatMs(result.turnCpuP50Ms)} / ${formatMs(result.turnCpuP99Ms)} ms |`,
    `| turns/s (one core, sequential) | ${result.turnsPerSecond.toFixed(0)} |`,
    `| engine build, cold (pack + store + training, no model cache) | ${formatMs(result.coldBuildMs)} ms |`,
    `| intent training alone (${result.trainingExamples} examples) | ${formatMs(result.coldTrainMs)} ms |`, '',
    `| intents: train on 80 %, test on held-out 20 % (${result.heldOut.train} / ${result.heldOut.test} phrases) | training | accuracy | zh | en | classify p50 | classify p99 |`,
    '|---|---|---|---|---|---|---|',
    ...result.intents.map((run) => `| ${run.name} | ${formatMs(run.trainMs)} ms | ${percent(run.accuracy)} | ${percent(run.accuracyByLocale.zh)} | ${percent(run.accuracyByLocale.en)} | ${formatMs(run.classifyP50Ms)} ms | ${formatMs(run.classifyP99Ms)} ms |`),
    '', 'Slowest turns:', ...result.slowest.map((entry) => `- ${formatMs(entry.ms)} ms — ${entry.script}: "${entry.text}"`),
  ].join('\n');
}

/** CLI entry: `lingxi bench engine [--rounds N] [--warmup N] [--json]`. */
export async function engineBenchMain(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { rounds: { type: 'string', default: '30' }, warmup: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
  const result = await runEngineBench({ rounds: Number(values.rounds), warmup: Number(values.warmup) });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatEngineBench(result)}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await engineBenchMain(process.argv.slice(2));
}
