/**
 * Intent classifier speed and sameness (issue 5): trains on a CSV (`text,category`), reports training wall and CPU
 * seconds, then classifies the evaluation CSV in `--rounds` timed passes after one untimed warm-up pass (p50/p99
 * wall and CPU per utterance), and prints SHA-256 digests of the serialised model and of every prediction (label,
 * confidence, status, ranking) — equal digests before and after a speed change mean identical behaviour.
 *
 *   npx tsx bench/engine/intent-speed.ts --train <train.csv> --test <eval.csv> [--rounds 3]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { trainIntentClassifier } from '../../src/engine/nlu/intent/intent-classifier.ts';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { parseCsv, selectColumns } from '../../src/cli/csv.ts';
import { percentile } from './statistics.ts';

const { values } = parseArgs({ options: { train: { type: 'string' }, test: { type: 'string' }, rounds: { type: 'string', default: '3' }, text: { type: 'string', default: 'text' }, label: { type: 'string', default: 'category' } } });
if (!values.train || !values.test) throw new Error('Pass --train <csv> --test <csv>.');
const read = (file: string) => selectColumns(parseCsv(readFileSync(file, 'utf8'), file), [values.text!, values.label!], file).map(({ values: row }) => ({ text: row[0], label: row[1].trim() }));
const train = read(values.train);
const test = read(values.test);
const tokenizer = createTokenizer();
tokenizer.features('预热 warm up');
const started = performance.now();
const cpuStarted = process.cpuUsage();
const classifier = trainIntentClassifier(train, {}, { tokenizer });
const trainCpu = process.cpuUsage(cpuStarted);
const trainSeconds = (performance.now() - started) / 1000;
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const predictions = test.map(({ text }) => JSON.stringify(classifier.classify(text)));
const correct = test.filter(({ label }, i) => JSON.parse(predictions[i]).ranking[0].label === label).length;
const wall: number[] = [];
const cpu: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const { text } of test) {
    const cpuBefore = process.cpuUsage();
    const begin = performance.now();
    classifier.classify(text);
    wall.push(performance.now() - begin);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
}
wall.sort((x, y) => x - y);
cpu.sort((x, y) => x - y);
process.stdout.write(`${JSON.stringify({
  train: train.length, test: test.length, trainSeconds, trainCpuSeconds: (trainCpu.user + trainCpu.system) / 1e6, accuracy: correct / test.length,
  p50Ms: percentile(wall, 50), p99Ms: percentile(wall, 99), cpuP50Ms: percentile(cpu, 50), cpuP99Ms: percentile(cpu, 99),
  model: digest(classifier.serialize()), predictions: digest(predictions.join('\n')),
})}\n`);
