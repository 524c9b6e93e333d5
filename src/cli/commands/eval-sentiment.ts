import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { isLingxiError } from '../../engine/errors.ts';
import { createTokenizer } from '../../engine/text/tokenize.ts';
import { createSentimentAnalyzer } from '../../engine/nlu/sentiment/create-sentiment-analyzer.ts';
import { macroF1 } from '../../engine/nlu/sentiment/macro-f1.ts';
import { parseLabelledCsv, type LabelledText } from '../../engine/nlu/sentiment/parse-labelled-csv.ts';
import { shippedSentimentModel } from '../../engine/nlu/sentiment/shipped-sentiment-model.ts';
import { trainPolarityModel } from '../../engine/nlu/sentiment/train-polarity-model.ts';

const USAGE = `usage: lingxi eval sentiment --test <file.csv> [--train <file.csv>] [--json] [--text-column <name>] [--label-column <name>]
  CSV with a header; columns text,label (1 positive, 0 negative) or the dataset's label,review.
  Without --train the shipped model is evaluated as it is; with --train a polarity model is trained on that file first.`;

const WARM_UP_CALLS = 3_000;

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function load(file: string, options: { textColumn?: string; labelColumn?: string }): LabelledText[] {
  try {
    return parseLabelledCsv(readFileSync(file, 'utf8'), options);
  } catch (error) {
    if (isLingxiError(error)) throw Object.assign(error, { message: `${file}: ${error.message}` });
    throw error;
  }
}

/**
 * `lingxi eval sentiment`: accuracy and macro-F1 of the polarity decision (positive when polarity > 0) on a
 * labelled CSV, and per-message latency of `analyze()`. Returns the exit code: 0, or 2 for bad arguments or a
 * malformed file (the message names the line).
 */
export async function evalSentiment(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        test: { type: 'string' },
        train: { type: 'string' },
        json: { type: 'boolean', default: false },
        'text-column': { type: 'string' },
        'label-column': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.test) {
    console.error(`--test <file> is required\n${USAGE}`);
    return 2;
  }
  const columns = { textColumn: values['text-column'], labelColumn: values['label-column'] };
  let test: LabelledText[];
  let train: LabelledText[] | undefined;
  try {
    test = load(values.test, columns);
    if (values.train) train = load(values.train, columns);
  } catch (error) {
    if (isLingxiError(error) && error.code === 'malformed_file') {
      console.error(`malformed file: ${error.message}`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`file not found: ${(error as NodeJS.ErrnoException).path}`);
      return 2;
    }
    throw error;
  }
  if (test.length === 0) {
    console.error(`${values.test}: no labelled rows`);
    return 2;
  }

  const tokenizer = createTokenizer();
  const started = performance.now();
  const model = train ? { ...shippedSentimentModel, polarity: trainPolarityModel(train, tokenizer) } : shippedSentimentModel;
  const trainSeconds = (performance.now() - started) / 1000;
  const analyzer = createSentimentAnalyzer(train ? { model } : {}, { tokenizer });
  // Warm up jieba, OpenCC and the JIT as a running service would be: the first few thousand calls are slower.
  for (let i = 0; i < WARM_UP_CALLS; i++) analyzer.analyze(test[i % test.length].text);

  const predictions: number[] = [];
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  for (const example of test) {
    const cpu = process.cpuUsage();
    const begin = performance.now();
    const sentiment = analyzer.analyze(example.text);
    latencies.push(performance.now() - begin);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    predictions.push(sentiment.polarity > 0 ? 1 : 0);
  }
  const labels = test.map((example) => example.label);
  const accuracy = predictions.filter((prediction, i) => prediction === labels[i]).length / labels.length;
  const f1 = macroF1(predictions, labels, 2);
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  const cpuP99 = percentile(cpuTimes.sort((a, b) => a - b), 0.99);

  console.log(`model: ${train ? `polarity trained on ${values.train} (${train.length} rows, ${trainSeconds.toFixed(1)} s)` : 'shipped'}`);
  console.log(`test: ${values.test} (${test.length} rows)`);
  console.log(`accuracy ${(accuracy * 100).toFixed(2)} %  macro-F1 ${(f1 * 100).toFixed(2)} %`);
  console.log(`latency per message: p50 ${p50.toFixed(3)} ms  p99 ${p99.toFixed(3)} ms  (CPU-time p99 ${cpuP99.toFixed(3)} ms, load ${loadavg()[0].toFixed(1)})`);
  if (values.json) {
    console.log(JSON.stringify({ accuracy: Number(accuracy.toFixed(4)), macroF1: Number(f1.toFixed(4)), p99Ms: Number(p99.toFixed(3)) }));
  }
  return 0;
}
