/**
 * Trains the sentiment models shipped in src/engine/nlu/sentiment/model/ (issue 6).
 *
 *   npx tsx scripts/train-sentiment.ts [--split-dir <dir>] [--tune polarity|emotion|all]
 *
 * 1. Chinese polarity: reads /work/shared/datasets/sentiment-zh (research-only licence: the data stays outside
 *    the repository; only learned weights are shipped), drops duplicate and contradictory reviews, makes a
 *    stratified 80/10/10 train/dev/test split with SEED and writes it to --split-dir (default a temp folder).
 *    Trains logistic regression on train, reports dev. The test split is NOT read here: evaluate it once with
 *    `lingxi eval sentiment --test <split-dir>/test.csv`.
 * 2. Emotion: splits data/emotions.yaml 80/20 (stratified by emotion and language, SEED), trains the softmax
 *    model on the 80 % and reports macro-F1 on the 20 %.
 * --tune runs the small hyper-parameter grids (dev split for polarity, 5-fold cross-validation on the 80 % for
 * emotion) and prints them; the chosen values are the constants below.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { normalize } from '../src/engine/text/normalize.ts';
import { createTokenizer } from '../src/engine/text/tokenize.ts';
import { parseLabelledCsv } from '../src/engine/nlu/sentiment/parse-labelled-csv.ts';
import { sentimentFeatures } from '../src/engine/nlu/sentiment/sentiment-features.ts';
import { trainBinaryLogistic, trainMulticlassLogistic, type TrainLogisticOptions } from '../src/engine/nlu/sentiment/train-logistic.ts';
import { scoreBinary, scoreMulticlass } from '../src/engine/nlu/sentiment/score-linear.ts';
import { readMessage } from '../src/engine/nlu/sentiment/read-message.ts';
import { combinePolarity, DEFAULT_LEXICON_WEIGHTS } from '../src/engine/nlu/sentiment/combine-polarity.ts';
import { stratifiedSplit } from '../src/engine/nlu/sentiment/stratified-split.ts';
import { parseEmotionPhrases, type EmotionPhrase } from '../src/engine/nlu/sentiment/parse-emotion-phrases.ts';
import { macroF1 } from '../src/engine/nlu/sentiment/macro-f1.ts';
import { POLARITY_TRAINING } from '../src/engine/nlu/sentiment/train-polarity-model.ts';
import { EMOTIONS, type BinaryLinearModel } from '../src/engine/nlu/sentiment/sentiment-model.ts';

const SEED = 20261125;
const DATASET = '/work/shared/datasets/sentiment-zh';
const POLARITY_OPTIONS: TrainLogisticOptions = { ...POLARITY_TRAINING, seed: SEED };
const EMOTION_OPTIONS: TrainLogisticOptions = { epochs: 30, learningRate: 0.3, l2: 0, minCount: 1, maxFeatures: 20_000, seed: SEED };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modelDir = join(root, 'src/engine/nlu/sentiment/model');
const { values } = parseArgs({ options: { 'split-dir': { type: 'string' }, tune: { type: 'string' } } });
const tunePolarity = values.tune === 'polarity' || values.tune === 'all';
const tuneEmotion = values.tune === 'emotion' || values.tune === 'all';
const splitDir = values['split-dir'] ?? join(tmpdir(), 'lingxi-sentiment-split');
const tokenizer = createTokenizer();
const started = performance.now();

interface Review { text: string; label: 0 | 1; source: string }

function loadReviews(): { reviews: Review[]; duplicates: number; contradictory: number } {
  const byText = new Map<string, Review[]>();
  for (const source of ['online_shopping_7_cats', 'waimai_10k']) {
    for (const row of parseLabelledCsv(readFileSync(join(DATASET, `${source}.csv`), 'utf8'))) {
      const key = normalize(row.text);
      if (!key) continue;
      const list = byText.get(key) ?? [];
      list.push({ text: row.text, label: row.label, source });
      byText.set(key, list);
    }
  }
  let duplicates = 0;
  let contradictory = 0;
  const reviews: Review[] = [];
  for (const list of byText.values()) {
    duplicates += list.length - 1;
    if (list.some((review) => review.label !== list[0].label)) contradictory++;
    else reviews.push(list[0]);
  }
  return { reviews, duplicates, contradictory };
}

function split<T>(items: T[], stratum: (item: T) => string, fractions: number[]): T[][] {
  return stratifiedSplit(items, stratum, fractions, SEED);
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsv(file: string, rows: Review[]): void {
  writeFileSync(file, `text,label\n${rows.map((row) => `${csvField(row.text)},${row.label}`).join('\n')}\n`);
}

function accuracy(predictions: number[], labels: number[]): number {
  return predictions.filter((prediction, i) => prediction === labels[i]).length / labels.length;
}

// ---- 1. Chinese polarity --------------------------------------------------------------------------------------
const { reviews, duplicates, contradictory } = loadReviews();
const [train, dev, test] = split(reviews, (review) => `${review.source}:${review.label}`, [0.8, 0.1, 0.1]);
mkdirSync(splitDir, { recursive: true });
writeCsv(join(splitDir, 'train.csv'), train);
writeCsv(join(splitDir, 'dev.csv'), dev);
writeCsv(join(splitDir, 'test.csv'), test);
console.log(`reviews ${reviews.length} (dropped ${duplicates} duplicates, ${contradictory} contradictory texts); train ${train.length} dev ${dev.length} test ${test.length} → ${splitDir}`);

const trainFeatures = train.map((review) => sentimentFeatures(review.text, tokenizer));
const devFeatures = dev.map((review) => sentimentFeatures(review.text, tokenizer));
const devLabels = dev.map((review) => review.label);
const trainLabels = train.map((review) => review.label);
console.log(`features extracted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

function devAccuracy(model: BinaryLinearModel): number {
  return accuracy(devFeatures.map((features) => (scoreBinary(model, features) > 0 ? 1 : 0)), devLabels);
}

if (values.tune === 'all') {
  for (const epochs of [4, 6, 10]) for (const learningRate of [0.05, 0.15, 0.4]) for (const minCount of [1, 2]) {
    const model = trainBinaryLogistic(trainFeatures, trainLabels, { ...POLARITY_OPTIONS, epochs, learningRate, minCount });
    console.log(`tune polarity epochs=${epochs} lr=${learningRate} minCount=${minCount}: dev ${(devAccuracy(model) * 100).toFixed(2)}`);
  }
}
const polarity = trainBinaryLogistic(trainFeatures, trainLabels, POLARITY_OPTIONS);
const devReadings = dev.map((review) => readMessage(review.text, [], tokenizer, polarity));
const withLexicon = (chinese: number, negation = DEFAULT_LEXICON_WEIGHTS.negation) =>
  accuracy(devReadings.map((reading) => (combinePolarity(reading, { ...DEFAULT_LEXICON_WEIGHTS, chinese, negation }) > 0 ? 1 : 0)), devLabels);
console.log(`polarity dev accuracy: model ${(devAccuracy(polarity) * 100).toFixed(2)}, model+lexicon ${(withLexicon(DEFAULT_LEXICON_WEIGHTS.chinese) * 100).toFixed(2)}`);
if (tunePolarity) {
  for (const chinese of [0, 0.1, 0.25]) for (const negation of [0, 2.5, 5]) {
    console.log(`tune lexicon weight ${chinese} negation ${negation}: dev ${(withLexicon(chinese, negation) * 100).toFixed(2)}`);
  }
}
polarity.meta = {
  source: 'github.com/SophonPlus/ChineseNlpCorpus@a0b781d7 — online_shopping_7_cats (filtered, see dataset README) + waimai_10k',
  licence: 'Weights learned from a research-use corpus without a licence file; the reviews themselves are not shipped.',
  splitSeed: SEED,
  split: { train: train.length, dev: dev.length, test: test.length },
  options: POLARITY_OPTIONS,
  devAccuracy: Number(devAccuracy(polarity).toFixed(4)),
  features: Object.keys(polarity.weights).length,
};
writeFileSync(join(modelDir, 'polarity-zh.json'), `${JSON.stringify(polarity)}\n`);

// ---- 2. Emotion ------------------------------------------------------------------------------------------------
const phrases = parseEmotionPhrases(readFileSync(join(root, 'src/engine/nlu/sentiment/data/emotions.yaml'), 'utf8'));
const [emotionTrain, emotionTest] = split(phrases, (phrase) => `${phrase.emotion}:${phrase.locale}`, [0.8, 0.2]);
writeFileSync(join(splitDir, 'emotions-test.json'), JSON.stringify(emotionTest, null, 1));
const featuresOf = (list: EmotionPhrase[]) => list.map((phrase) => readMessage(phrase.text, [], tokenizer, polarity).emotionFeatures);
const labelsOf = (list: EmotionPhrase[]) => list.map((phrase) => EMOTIONS.indexOf(phrase.emotion));

function emotionScore(trainList: EmotionPhrase[], testList: EmotionPhrase[], options: TrainLogisticOptions): number {
  const model = trainMulticlassLogistic(featuresOf(trainList), labelsOf(trainList), EMOTIONS, options);
  const predictions = featuresOf(testList).map((features) => {
    const scores = scoreMulticlass(model, features);
    return scores.indexOf(Math.max(...scores));
  });
  return macroF1(predictions, labelsOf(testList), EMOTIONS.length);
}

if (tuneEmotion) {
  const folds = split(emotionTrain, (phrase) => phrase.emotion, [0.2, 0.2, 0.2, 0.2, 0.2]);
  for (const epochs of [10, 30, 60]) for (const learningRate of [0.1, 0.3, 1]) {
    const scores = folds.map((fold, k) => emotionScore(folds.filter((_, j) => j !== k).flat(), fold, { ...EMOTION_OPTIONS, epochs, learningRate }));
    console.log(`tune emotion epochs=${epochs} lr=${learningRate}: 5-fold macro-F1 ${((scores.reduce((a, b) => a + b) / 5) * 100).toFixed(2)}`);
  }
}
const emotion = trainMulticlassLogistic(featuresOf(emotionTrain), labelsOf(emotionTrain), EMOTIONS, EMOTION_OPTIONS);
const heldOutF1 = emotionScore(emotionTrain, emotionTest, EMOTION_OPTIONS);
emotion.meta = {
  source: 'src/engine/nlu/sentiment/data/emotions.yaml (written for Lingxi, MIT)',
  splitSeed: SEED,
  split: { train: emotionTrain.length, test: emotionTest.length },
  options: EMOTION_OPTIONS,
  heldOutMacroF1: Number(heldOutF1.toFixed(4)),
};
writeFileSync(join(modelDir, 'emotion.json'), `${JSON.stringify(emotion)}\n`);
console.log(`emotion phrases ${phrases.length}: train ${emotionTrain.length}, held-out ${emotionTest.length}, held-out macro-F1 ${(heldOutF1 * 100).toFixed(2)}`);
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
