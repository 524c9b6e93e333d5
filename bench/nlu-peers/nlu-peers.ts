/**
 * Intent classification peers on the public datasets (issue 5): Lingxi's intent classifier (the engine's, as
 * `lingxi eval intents` trains it) and NLP.js 4 (`node-nlp` NlpManager, the usual offline JavaScript choice) trained on
 * the same train split and scored on the same test split, in one run. Prints one Markdown table: accuracy, macro-F1,
 * training seconds (wall and this process's CPU) and classify p50/p99.
 *
 *   npx tsx bench/nlu-peers/nlu-peers.ts [--datasets banking77,cais] [--root /work/shared/datasets] [--json]
 *
 * fastText is not in the table: `fasttext.wasm.js` 1.0.0 (the npm build the issue names) aborts inside `train` with a
 * bare C++ exception in Node 20 — its wasm build has no threads and fastText's trainer always starts std::threads — and
 * `fasttext.wasm` ships detection only. A native fastText binary cannot be installed here (npm and Debian packages only).
 * Nothing is tuned: both systems run with their defaults; test rows are only scored.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { readLabelledCsv } from '../../src/cli/commands/eval-intents.ts';
import { trainIntentClassifier } from '../../src/engine/nlu/intent/intent-classifier.ts';
import { classificationReport, quantile } from '../../src/engine/nlu/intent/metrics.ts';
import type { TrainingExample } from '../../src/engine/nlu/types.ts';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';

const DATASETS: Record<string, { language: 'en' | 'zh'; train: string; test: string }> = {
  banking77: { language: 'en', train: 'banking77/train.csv', test: 'banking77/test.csv' },
  cais: { language: 'zh', train: 'cais/train.csv', test: 'cais/test.csv' },
};

interface PeerRow {
  dataset: string;
  system: string;
  accuracy: number;
  macroF1: number;
  trainSeconds: number;
  trainCpuSeconds: number;
  p50Ms: number;
  p99Ms: number;
}

const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

async function measure(dataset: string, system: string, test: TrainingExample[], train: () => Promise<(text: string) => Promise<string> | string>): Promise<PeerRow> {
  const wall = performance.now();
  const cpu = cpuSeconds();
  const classify = await train();
  const trainSeconds = (performance.now() - wall) / 1000;
  const trainCpuSeconds = cpuSeconds() - cpu;
  for (const example of test.slice(0, 200)) await classify(example.text); // warm-up, not scored
  const latencies: number[] = [];
  const predicted: string[] = [];
  for (const example of test) {
    const at = performance.now();
    predicted.push(await classify(example.text));
    latencies.push(performance.now() - at);
  }
  const report = classificationReport(test.map((example) => example.label), predicted);
  latencies.sort((a, b) => a - b);
  return { dataset, system, accuracy: report.accuracy, macroF1: report.macroF1, trainSeconds, trainCpuSeconds, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
}

function lingxi(train: TrainingExample[]) {
  return async () => {
    const classifier = trainIntentClassifier(train, {}, { tokenizer: createTokenizer() });
    return (text: string) => {
      const prediction = classifier.classify(text);
      return prediction.ranking[0]?.label ?? prediction.label ?? 'none';
    };
  };
}

interface NlpManagerLike {
  addDocument(locale: string, text: string, intent: string): void;
  train(): Promise<void>;
  classify(locale: string, text: string): Promise<{ classifications: Array<{ intent: string; score: number }> }>;
}

function nlpJs(train: TrainingExample[], language: string) {
  return async () => {
    const { NlpManager } = createRequire(import.meta.url)('node-nlp') as { NlpManager: new (settings: Record<string, unknown>) => NlpManagerLike };
    const manager = new NlpManager({ languages: [language], forceNER: false, autoSave: false, autoLoad: false, nlu: { log: false } });
    for (const example of train) manager.addDocument(language, example.text, example.label);
    await manager.train();
    return async (text: string) => (await manager.classify(language, text)).classifications[0]?.intent ?? 'None';
  };
}

/** CLI entry; returns the exit code. */
export async function nluPeersMain(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { datasets: { type: 'string', default: 'banking77,cais' }, root: { type: 'string', default: '/work/shared/datasets' }, json: { type: 'boolean', default: false } } });
  const rows: PeerRow[] = [];
  for (const name of values.datasets!.split(',')) {
    const dataset = DATASETS[name];
    if (!dataset) throw new Error(`unknown dataset "${name}"; choose from ${Object.keys(DATASETS).join(', ')}`);
    const train = await readLabelledCsv(join(values.root!, dataset.train), 'text', undefined);
    const test = await readLabelledCsv(join(values.root!, dataset.test), 'text', undefined);
    process.stderr.write(`${name}: ${train.length} train, ${test.length} test\n`);
    rows.push(await measure(name, 'Lingxi intent classifier', test, lingxi(train)));
    rows.push(await measure(name, 'NLP.js 4 (node-nlp NlpManager)', test, nlpJs(train, dataset.language)));
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  const pct = (value: number) => (value * 100).toFixed(2);
  process.stdout.write([
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`, '',
    '| dataset (train → test) | system | accuracy | macro-F1 | training s wall (CPU) | classify p50 / p99 ms |', '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.dataset} | ${row.system} | ${pct(row.accuracy)} | ${pct(row.macroF1)} | ${row.trainSeconds.toFixed(2)} (${row.trainCpuSeconds.toFixed(2)}) | ${row.p50Ms.toFixed(3)} / ${row.p99Ms.toFixed(3)} |`),
    '',
  ].join('\n'));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await nluPeersMain(process.argv.slice(2));
