// Fits the out-of-scope rejection weights (src/engine/nlu/intent/rejection-model.ts) on a TRAINING file only, by
// rounds of leave-classes-out: each round holds out `--hold` intents as pseudo-out-of-scope, trains the engine's
// classifier on a seeded 80 % of the other intents' utterances, and records the rejection features of the other 20 %
// (in scope) and of every held-out-intent utterance (pseudo-OOS). Each round's scores are judged with weights fitted
// on the OTHER rounds (so the reported recall is not fitted on what it measures); the printed `weights` are fitted on
// all rounds. Never give it a test file.
//   npx tsx bench/nlu/make-banking77-oos.ts && npx tsx bench/nlu/fit-rejection.ts --train /tmp/lingxi-banking77-oos/train.csv [--rounds 4] [--hold 12]
import { parseArgs } from 'node:util';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import { trainIntentClassifier } from '../../src/engine/nlu/intent/intent-classifier.ts';
import { createRandom } from '../../src/engine/nlu/intent/softmax-trainer.ts';
import { CONFIDENCE_COSINE_WEIGHTS, fitRejectionWeights, inScopeScore, REJECTION_FEATURES, type RejectionWeights } from '../../src/engine/nlu/intent/rejection-model.ts';
import { readLabelledCsv } from '../../src/cli/commands/eval-intents.ts';

const { values } = parseArgs({ options: { train: { type: 'string', default: '/tmp/lingxi-banking77-oos/train.csv' }, rounds: { type: 'string', default: '4' }, hold: { type: 'string', default: '12' }, config: { type: 'string', default: '{}' } } });
const all = await readLabelledCsv(values.train!, 'text', undefined);
const intents = [...new Set(all.map(({ label }) => label))].sort();
const tokenizer = createTokenizer();
tokenizer.features('预热 warm up');

interface Row { features: Float64Array; inScope: number; correct: boolean; empty: boolean; accepted: boolean }
const rounds: Row[][] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  const random = createRandom(1000 + round);
  const shuffled = intents.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const held = new Set(shuffled.slice(0, Number(values.hold)));
  const inScope = all.filter(({ label }) => !held.has(label));
  const split = inScope.map(() => random() < 0.2);
  const started = process.cpuUsage();
  const classifier = trainIntentClassifier(inScope.filter((_, i) => !split[i]), JSON.parse(values.config!), { tokenizer });
  const cpu = process.cpuUsage(started);
  const rows: Row[] = [];
  for (const [examples, label] of [[inScope.filter((_, i) => split[i]), 1], [all.filter(({ label: name }) => held.has(name)), 0]] as const) {
    for (const { text, label: gold } of examples) {
      const { features, empty, prediction } = classifier.rejectionFeatures(text);
      rows.push({ features, inScope: label, correct: prediction.ranking[0].label === gold, empty, accepted: prediction.status !== 'unknown' });
    }
  }
  rounds.push(rows);
  // What the trained model itself does (its own threshold, the configured weights).
  const share = (keep: (row: Row) => boolean, of: (row: Row) => boolean) => +((100 * rows.filter((row) => of(row) && keep(row)).length) / rows.filter(of).length).toFixed(1);
  console.log(JSON.stringify({ round, modelThreshold: { oosRecall: share((row) => !row.accepted, (row) => row.inScope === 0), inScopeAccuracy: share((row) => row.accepted && row.correct, (row) => row.inScope === 1), inScopeAccepted: share((row) => row.accepted, (row) => row.inScope === 1) } }));
  console.error(`round ${round}: held out ${[...held].join(', ')}; train CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
}

/** AUROC and, at each in-scope acceptance rate, the OOS recall and in-scope accuracy (rejected counts as wrong). */
function judge(rows: Row[], weights: RejectionWeights) {
  const scored = rows.map((row) => ({ ...row, score: row.empty ? -Infinity : inScopeScore(row.features, weights) }));
  const inScope = scored.filter((row) => row.inScope === 1);
  const outOfScope = scored.filter((row) => row.inScope === 0);
  let wins = 0;
  const sortedOut = outOfScope.map((row) => row.score).sort((a, b) => a - b);
  for (const { score } of inScope) {
    let low = 0;
    let high = sortedOut.length;
    while (low < high) { const mid = (low + high) >> 1; if (sortedOut[mid] < score) low = mid + 1; else high = mid; }
    let ties = low;
    while (ties < sortedOut.length && sortedOut[ties] === score) ties++;
    wins += low + (ties - low) / 2;
  }
  const result: Record<string, number> = { auroc: +(wins / (inScope.length * outOfScope.length)).toFixed(4) };
  for (const accept of [0.9, 0.925, 0.95]) {
    const sortedIn = inScope.map((row) => row.score).sort((a, b) => a - b);
    const threshold = sortedIn[Math.floor((1 - accept) * sortedIn.length)];
    result[`recall@${accept}`] = +((100 * outOfScope.filter((row) => row.score < threshold).length) / outOfScope.length).toFixed(1);
    result[`inScopeAcc@${accept}`] = +((100 * inScope.filter((row) => row.correct && row.score >= threshold).length) / inScope.length).toFixed(1);
  }
  return result;
}

const usable = (rows: Row[]) => rows.filter((row) => !row.empty);
for (let round = 0; round < rounds.length; round++) {
  const others = usable(rounds.filter((_, r) => r !== round).flat());
  const fitted = fitRejectionWeights(others.map((row) => row.features), others.map((row) => row.inScope));
  console.log(JSON.stringify({ round, baseline: judge(rounds[round], CONFIDENCE_COSINE_WEIGHTS), fittedOnOtherRounds: judge(rounds[round], fitted) }));
}
const pooled = usable(rounds.flat());
const weights = fitRejectionWeights(pooled.map((row) => row.features), pooled.map((row) => row.inScope));
console.log(JSON.stringify({ features: REJECTION_FEATURES, weights }));
