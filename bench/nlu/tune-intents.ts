// Tuning harness on TRAINING data only: a seeded, stratified 80/20 split of --train (or --dev, a tuning split such
// as CAIS dev), never a test file. Prints accuracy, macro-F1, unknown rate and training seconds for a config.
//   npx tsx bench/nlu/tune-intents.ts --train train.csv [--dev dev.csv] [--config '{"epochs":6}']
import { parseArgs } from 'node:util';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { trainIntentClassifier } from '../../src/engine/nlu/intent/intent-classifier.ts';
import { classificationReport } from '../../src/engine/nlu/intent/metrics.ts';
import { createRandom } from '../../src/engine/nlu/intent/softmax-trainer.ts';
import { readLabelledCsv } from '../../src/cli/commands/eval-intents.ts';
import type { TrainingExample } from '../../src/engine/nlu/types.ts';

const { values } = parseArgs({ options: { train: { type: 'string' }, dev: { type: 'string' }, config: { type: 'string', default: '{}' }, seed: { type: 'string', default: '7' } } });
const all = await readLabelledCsv(values.train!, 'text', undefined);
let train: TrainingExample[] = all;
let dev: TrainingExample[];
if (values.dev) dev = await readLabelledCsv(values.dev, 'text', undefined);
else {
  const random = createRandom(Number(values.seed));
  const keyed = all.map((example) => ({ example, key: random() }));
  train = keyed.filter(({ key }) => key >= 0.2).map(({ example }) => example);
  dev = keyed.filter(({ key }) => key < 0.2).map(({ example }) => example);
}
const tokenizer = createTokenizer();
tokenizer.features('预热 warm up');
const started = performance.now();
const classifier = trainIntentClassifier(train, JSON.parse(values.config!), { tokenizer });
const seconds = (performance.now() - started) / 1000;
const { exemplarWeight, temperature, threshold } = JSON.parse(classifier.serialize()) as Record<string, number>;
const predictions = dev.map(({ text }) => classifier.classify(text));
const report = classificationReport(dev.map(({ label }) => label), predictions.map((p) => p.ranking[0].label));
const unknown = predictions.filter((p) => p.status === 'unknown').length / dev.length;
const acceptedRight = predictions.filter((p, i) => p.label === dev[i].label).length / dev.length;
console.log(JSON.stringify({ config: values.config, accuracy: +(report.accuracy * 100).toFixed(2), macroF1: +(report.macroF1 * 100).toFixed(2), unknown: +(unknown * 100).toFixed(2), acceptedRight: +(acceptedRight * 100).toFixed(2), seconds: +seconds.toFixed(2), exemplarWeight, temperature, threshold: +threshold.toFixed(3) }));
