import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createTokenizer } from '../../engine/text/tokenize.ts';
import { trainIntentClassifier } from '../../engine/nlu/intent/intent-classifier.ts';
import { classificationReport, quantile } from '../../engine/nlu/intent/metrics.ts';
import type { TrainingExample } from '../../engine/nlu/types.ts';
import { isLingxiError } from '../../engine/errors.ts';
import { parseCsv, selectColumns } from '../csv.ts';

const USAGE = 'usage: lingxi eval intents --train <file.csv> --test <file.csv> [--oos-label oos] [--text-column text] [--label-column label] [--json]';

/** Reads labelled utterances; the label column defaults to `label`, then `category` or `intent` if that is what the header has. */
export async function readLabelledCsv(file: string, textColumn: string, labelColumn: string | undefined): Promise<TrainingExample[]> {
  const table = parseCsv(await readFile(file, 'utf8'), file);
  const label = labelColumn ?? ['label', 'category', 'intent'].find((name) => table.header.includes(name)) ?? 'label';
  return selectColumns(table, [textColumn, label], file).map(({ values }) => ({ text: values[0], label: values[1].trim() }));
}

const percent = (value: number) => (value * 100).toFixed(2);

/**
 * `lingxi eval intents`: trains the engine's intent classifier on --train only, predicts --test and prints accuracy,
 * macro-F1, per-label F1, top confusions, training time and latency. With --oos-label, test rows with that label are
 * out of scope (the label must not occur in training): a prediction is out of scope when the classifier's own
 * rejection says `unknown`. Without it, accuracy is top-1 of the ranking (no rejection).
 * Returns the exit code: 0 ok, 1 usage, 2 malformed file.
 */
export async function evalIntents(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        train: { type: 'string' },
        test: { type: 'string' },
        'oos-label': { type: 'string' },
        'text-column': { type: 'string', default: 'text' },
        'label-column': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (!values.train || !values.test) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const oosLabel = values['oos-label'];
  let train: TrainingExample[];
  let test: TrainingExample[];
  try {
    train = await readLabelledCsv(values.train, values['text-column'], values['label-column']);
    test = await readLabelledCsv(values.test, values['text-column'], values['label-column']);
  } catch (error) {
    if (isLingxiError(error)) {
      process.stderr.write(`lingxi eval intents: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (oosLabel && train.some((example) => example.label === oosLabel)) {
    process.stderr.write(`lingxi eval intents: --oos-label "${oosLabel}" occurs in ${values.train}; out-of-scope data must not be trained on\n`);
    return 1;
  }

  const tokenizer = createTokenizer();
  tokenizer.features('预热 warm up'); // load jieba's dictionary outside the timed section
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const classifier = trainIntentClassifier(train, {}, { tokenizer });
  const trainSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU seconds of this process: on a shared machine wall time mostly measures the other jobs.
  const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;

  const latencies: number[] = [];
  const predicted: string[] = [];
  for (const { text } of test) {
    const begin = performance.now();
    const prediction = classifier.classify(text);
    latencies.push(performance.now() - begin);
    predicted.push(oosLabel ? (prediction.status === 'unknown' ? oosLabel : prediction.label!) : prediction.ranking[0].label);
  }
  const gold = test.map((example) => example.label);
  const report = classificationReport(gold, predicted);
  const p50Ms = quantile(latencies, 0.5);
  const p99Ms = quantile(latencies, 0.99);

  const out: string[] = [];
  out.push(`train: ${values.train} (${train.length} utterances, ${classifier.labels().length} labels) · test: ${values.test} (${test.length})`);
  out.push(`accuracy ${percent(report.accuracy)} · macro-F1 ${percent(report.macroF1)}`);
  let summary: Record<string, number | null> = { accuracy: report.accuracy, macroF1: report.macroF1, inScopeAccuracy: null, oosRecall: null };
  if (oosLabel) {
    const inScope = gold.map((g, i) => [g, predicted[i]]).filter(([g]) => g !== oosLabel);
    const inScopeAccuracy = inScope.filter(([g, p]) => g === p).length / (inScope.length || 1);
    const oosGold = gold.filter((g) => g === oosLabel).length;
    const oosPredicted = predicted.filter((p) => p === oosLabel).length;
    const oosHits = gold.filter((g, i) => g === oosLabel && predicted[i] === oosLabel).length;
    const oosRecall = oosHits / (oosGold || 1);
    const oosPrecision = oosHits / (oosPredicted || 1);
    out.push(`in-scope accuracy ${percent(inScopeAccuracy)} · out-of-scope recall ${percent(oosRecall)} · precision ${percent(oosPrecision)} (${oosGold} out-of-scope test rows)`);
    summary = { ...summary, inScopeAccuracy, oosRecall, oosPrecision };
  }
  out.push(`training ${trainSeconds.toFixed(2)} s (CPU ${trainCpuSeconds.toFixed(2)} s) · latency p50 ${p50Ms.toFixed(3)} ms · p99 ${p99Ms.toFixed(3)} ms`);
  out.push('', 'per-label F1 (worst 15):');
  for (const row of report.perLabel.slice().sort((a, b) => a.f1 - b.f1).slice(0, 15)) {
    out.push(`  ${row.label.padEnd(48)} F1 ${percent(row.f1).padStart(6)}  P ${percent(row.precision).padStart(6)}  R ${percent(row.recall).padStart(6)}  n=${row.support}`);
  }
  out.push('', 'top confusions (gold → predicted):');
  for (const { gold: g, predicted: p, count } of report.confusions.slice(0, 10)) out.push(`  ${count}× ${g} → ${p}`);
  if (values.json) out.push(JSON.stringify({ ...summary, trainSeconds, trainCpuSeconds, p50Ms, p99Ms }));
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
