import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createTokenizer } from '../../engine/text/tokenize.ts';
import { createQuestionMatcher } from '../../engine/knowledge/question-matcher.ts';
import { binaryReport } from '../../engine/nlu/intent/metrics.ts';
import { isLingxiError, LingxiError } from '../../engine/errors.ts';
import { parseCsv, selectColumns } from '../csv.ts';

const USAGE = 'usage: lingxi eval match --train <pairs.csv> --test <pairs.csv> [--json]   (CSV header text_a,text_b,label; 1 = same question)';

/** Reads labelled sentence pairs; labels must be 0 or 1. */
export async function readPairsCsv(file: string): Promise<Array<{ a: string; b: string; same: boolean }>> {
  const table = parseCsv(await readFile(file, 'utf8'), file);
  return selectColumns(table, ['text_a', 'text_b', 'label'], file).map(({ line, values }) => {
    const label = values[2].trim();
    if (label !== '0' && label !== '1') throw new LingxiError('malformed_file', `${file}:${line}: label must be 0 or 1, found "${label}"`, { details: { file, line } });
    return { a: values[0], b: values[1], same: label === '1' };
  });
}

const percent = (value: number) => (value * 100).toFixed(2);

/**
 * `lingxi eval match`: fits the engine's question matcher (weights and threshold) on --train only and reports
 * accuracy, precision, recall and F1 on --test, next to the majority baseline. Returns the exit code.
 */
export async function evalMatch(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { train: { type: 'string' }, test: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (!values.train || !values.test) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  let train, test;
  try {
    train = await readPairsCsv(values.train);
    test = await readPairsCsv(values.test);
  } catch (error) {
    if (isLingxiError(error)) {
      process.stderr.write(`lingxi eval match: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const tokenizer = createTokenizer();
  const matcher = createQuestionMatcher(undefined, { tokenizer });
  const started = performance.now();
  const params = matcher.fit(train);
  const trainSeconds = (performance.now() - started) / 1000;
  const predicted = test.map(({ a, b }) => matcher.matches(a, b));
  const report = binaryReport(test.map((pair) => pair.same), predicted);
  const positives = test.filter((pair) => pair.same).length;
  const majority = Math.max(positives, test.length - positives) / (test.length || 1);
  const lines = [
    `train: ${values.train} (${train.length} pairs) · test: ${values.test} (${test.length} pairs)`,
    `accuracy ${percent(report.accuracy)} · precision ${percent(report.precision)} · recall ${percent(report.recall)} · F1 ${percent(report.f1)} · majority baseline ${percent(majority)}`,
    `fit ${trainSeconds.toFixed(2)} s · threshold ${params.threshold} · weights ${params.features.map((name, i) => `${name}=${params.weights[i]}`).join(' ')} bias=${params.bias}`,
  ];
  if (values.json) lines.push(JSON.stringify({ accuracy: report.accuracy, f1: report.f1, precision: report.precision, recall: report.recall, majority, trainSeconds, params }));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
