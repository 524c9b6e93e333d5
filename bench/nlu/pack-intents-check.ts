// Sanity check on small pack data: trains on a seeded 80 % of a pack's intent phrases (zh + en) and reports top-1
// accuracy, how many held-out in-scope phrasings come back `unknown`, and training time.
//   npx tsx bench/nlu/pack-intents-check.ts [src/packs/ecommerce/nlu/intents.yaml] ['{"acceptRate":0.95}']
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { trainIntentClassifier } from '../../src/engine/nlu/intent/intent-classifier.ts';
import { createRandom } from '../../src/engine/nlu/intent/softmax-trainer.ts';
import type { TrainingExample } from '../../src/engine/nlu/types.ts';

const file = process.argv[2] ?? 'src/packs/ecommerce/nlu/intents.yaml';
const data = parse(await readFile(file, 'utf8')) as Record<string, Record<string, string[]>>;
const examples: Array<TrainingExample & { locale: string }> = Object.entries(data).flatMap(([label, locales]) =>
  Object.entries(locales).flatMap(([locale, texts]) => texts.map((text) => ({ text: String(text), label, locale }))));
const random = createRandom(5);
const held = examples.map(() => random() < 0.2);
const train = examples.filter((_, i) => !held[i]);
const test = examples.filter((_, i) => held[i]);
const tokenizer = createTokenizer();
tokenizer.features('预热 warm up');
const started = performance.now();
const classifier = trainIntentClassifier(train, JSON.parse(process.argv[3] ?? '{}'), { tokenizer });
const seconds = (performance.now() - started) / 1000;
for (const locale of ['zh', 'en', 'all']) {
  const rows = test.filter((example) => locale === 'all' || example.locale === locale);
  const predictions = rows.map(({ text }) => classifier.classify(text));
  const share = (test: (index: number) => boolean) => +((100 * rows.filter((_, i) => test(i)).length) / rows.length).toFixed(1);
  console.log(JSON.stringify({
    locale, intents: classifier.labels().length, train: train.length, test: rows.length,
    top1: share((i) => predictions[i].ranking[0].label === rows[i].label),
    acceptedCorrect: share((i) => predictions[i].label === rows[i].label),
    unknown: share((i) => predictions[i].status === 'unknown'),
    ambiguous: share((i) => predictions[i].status === 'ambiguous'),
    seconds: +seconds.toFixed(2),
  }));
}
