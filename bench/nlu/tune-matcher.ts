// Tunes matcher fit options on AFQMC TRAIN only: fits on a seeded 80 % of train and reports accuracy on the other
// 20 % (dev stays the evaluation split).   npx tsx bench/nlu/tune-matcher.ts ['{"buckets":4096,"epochs":4}' …]
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { createQuestionMatcher } from '../../src/engine/knowledge/question-matcher.ts';
import { createRandom } from '../../src/engine/nlu/intent/softmax-trainer.ts';
import { readPairsCsv } from '../../src/cli/commands/eval-match.ts';

const pairs = await readPairsCsv('/work/shared/datasets/afqmc/train.csv');
const random = createRandom(2024);
const split = pairs.map(() => random() < 0.2);
const fitPairs = pairs.filter((_, i) => !split[i]);
const checkPairs = pairs.filter((_, i) => split[i]);
const tokenizer = createTokenizer();
for (const config of process.argv.slice(2).length ? process.argv.slice(2) : ['{}']) {
  const matcher = createQuestionMatcher(undefined, { tokenizer });
  const started = performance.now();
  matcher.fit(fitPairs, JSON.parse(config));
  const seconds = (performance.now() - started) / 1000;
  const correct = checkPairs.filter(({ a, b, same }) => matcher.matches(a, b) === same).length;
  console.log(JSON.stringify({ config, accuracy: +((100 * correct) / checkPairs.length).toFixed(2), seconds: +seconds.toFixed(1) }));
}
