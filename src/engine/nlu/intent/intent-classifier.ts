import type { Tokenizer } from '../../text/tokenize.ts';
import type { IntentClassifier, IntentPrediction, IntentScore, TrainingExample } from '../types.ts';
import { LingxiError } from '../../errors.ts';
import { countFeatures, DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from './features.ts';
import { fitTfidf, tfidfVector } from './tfidf.ts';
import { createRandom, scoreVector, trainSoftmax, type SoftmaxModel } from './softmax-trainer.ts';
import { fitTemperature, type HeldOutScores } from './calibration.ts';
import { createExemplarIndex, rejectionScore } from './exemplar-index.ts';
import { quantile } from './metrics.ts';
import { decodeModel, encodeModel, MODEL_VERSION, type FeatureRow, type IntentModel } from './model-codec.ts';

/** Training settings; every field has a default tuned on folds of the BANKING77/CAIS training splits. */
export interface IntentClassifierConfig {
  features?: Partial<FeatureOptions>;
  /** Epochs over ALL examples after calibration (warm start from the calibration model). */
  epochs?: number;
  lambda?: number;
  learningRate?: number;
  seed?: number;
  /** Classes whose gradient is below this are not updated for an example (speed and sparsity). */
  gradientFloor?: number;
  /** Share of in-scope held-out utterances the rejection threshold accepts (the rest would be `unknown`). */
  acceptRate?: number;
  /** Lowest rejection threshold, whatever the held-out fold says (matters for tiny training sets). */
  thresholdFloor?: number;
  /** `ambiguous` when calibrated top-1 minus top-2 is below this. */
  ambiguityMargin?: number;
  /** Share of each label held out (once) to fit temperature and threshold. */
  calibrationShare?: number;
  /** Epochs on the fit fold before temperature and threshold are fitted on the held-out fold; training then
   * continues from that model on all examples, so calibration costs no second model. */
  calibrationEpochs?: number;
  /** Class-balanced loss: class c weighs (mean count / count_c)^classBalance (0 = off, 1 = fully balanced). */
  classBalance?: number;
  /** Upper bound of a class weight (a class with 2 examples must not dominate). */
  maxClassWeight?: number;
  /** Weights smaller than this are dropped from the stored model. */
  pruneBelow?: number;
  /** Weight of the nearest-exemplar cosine in the rejection score (0 = top confidence alone). */
  knnWeight?: number;
  /** Cosine used with `thresholdFloor` to form the lowest rejection threshold. */
  similarityFloor?: number;
}

export type ResolvedIntentConfig = Required<Omit<IntentClassifierConfig, 'features'>> & { features: FeatureOptions };

export const DEFAULT_INTENT_CONFIG: ResolvedIntentConfig = {
  features: DEFAULT_FEATURE_OPTIONS,
  epochs: 3,
  lambda: 1e-5,
  learningRate: 1,
  seed: 1,
  gradientFloor: 0.01,
  acceptRate: 0.95,
  thresholdFloor: 0.2,
  ambiguityMargin: 0.1,
  calibrationShare: 0.2,
  calibrationEpochs: 4,
  classBalance: 0.5,
  maxClassWeight: 10,
  pruneBelow: 0.002,
  knnWeight: 2,
  similarityFloor: 0.1,
};

/** Fills defaults in a partial config. */
export function resolveIntentConfig(config: IntentClassifierConfig = {}): ResolvedIntentConfig {
  return { ...DEFAULT_INTENT_CONFIG, ...config, features: { ...DEFAULT_INTENT_CONFIG.features, ...config.features } };
}

/** Loss weight per class: (mean count / count)^power, capped, then scaled so the average example weighs 1. */
function classWeights(labels: Int32Array, classes: number, power: number, cap: number): Float32Array | undefined {
  if (power <= 0) return undefined;
  const counts = new Float64Array(classes);
  for (const label of labels) counts[label]++;
  const mean = labels.length / classes;
  const weights = Float32Array.from(counts, (count) => (count > 0 ? Math.min(cap, (mean / count) ** power) : 1));
  let total = 0;
  for (const label of labels) total += weights[label];
  const normaliser = labels.length / total;
  for (let c = 0; c < classes; c++) weights[c] *= normaliser;
  return weights;
}

/** Stratified, seeded split: `share` of each label with at least 3 examples goes to the held-out fold. */
function splitForCalibration(labels: Int32Array, share: number, seed: number): { fit: number[]; heldOut: number[] } {
  const byLabel = new Map<number, number[]>();
  labels.forEach((label, index) => byLabel.set(label, [...(byLabel.get(label) ?? []), index]));
  const random = createRandom(seed ^ 0x5eed);
  const fit: number[] = [];
  const heldOut: number[] = [];
  for (const indices of byLabel.values()) {
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j], indices[i]];
    }
    const take = indices.length >= 3 ? Math.max(1, Math.round(indices.length * share)) : 0;
    heldOut.push(...indices.slice(0, take));
    fit.push(...indices.slice(take));
  }
  return { fit: fit.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}

/**
 * Trains the engine's intent classifier: sparse TF-IDF features (jieba words, stemmed English, Chinese char
 * n-grams, word bigrams, English char n-grams) and multinomial logistic regression by seeded SGD. Temperature and
 * rejection threshold are fitted on a held-out fold of the training examples, so `unknown` works without ever
 * seeing out-of-scope data. Deterministic for a given input and seed.
 *
 * @example trainIntentClassifier([{ text: '我要退货', label: 'return' }, …], {}, { tokenizer }).classify('怎么退货')
 */
export function trainIntentClassifier(examples: TrainingExample[], config: IntentClassifierConfig = {}, deps: { tokenizer: Tokenizer }): IntentClassifier {
  const resolved = resolveIntentConfig(config);
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  if (labels.length < 2) throw new LingxiError('validation_failed', `an intent classifier needs at least 2 labels, got ${labels.length}`);
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const targets = Int32Array.from(examples, (example) => labelIndex.get(example.label)!);
  // One vocabulary (idf from all training texts, no labels) and one vectorisation serve both training stages.
  const counts = examples.map((example) => countFeatures(extractFeatures(example.text, deps.tokenizer, resolved.features)));
  const vocabulary = fitTfidf(counts);
  const vectors = counts.map((count) => tfidfVector(count, vocabulary));
  const options = {
    lambda: resolved.lambda,
    learningRate: resolved.learningRate,
    seed: resolved.seed,
    gradientFloor: resolved.gradientFloor,
    classWeights: classWeights(targets, labels.length, resolved.classBalance, resolved.maxClassWeight),
  };
  const featureCount = vocabulary.idf.length;

  const { fit, heldOut } = splitForCalibration(targets, resolved.calibrationShare, resolved.seed);
  let temperature = 1;
  const floor = rejectionScore(resolved.thresholdFloor, resolved.similarityFloor, resolved.knnWeight);
  let threshold = floor;
  let model: SoftmaxModel & { steps: number } | undefined;
  if (heldOut.length > 0 && fit.length > 0) {
    model = trainSoftmax(vectors, targets, featureCount, labels.length, { ...options, epochs: resolved.calibrationEpochs, subset: fit });
    const scores: HeldOutScores[] = heldOut.map((i) => ({ scores: scoreVector(model!, vectors[i]), label: targets[i] }));
    temperature = fitTemperature(scores);
    // Rejection threshold: the (1 - acceptRate) quantile of held-out in-scope rejection scores, with the nearest
    // exemplar searched among the fit fold only (as a new utterance would be).
    const index = createExemplarIndex(fit.map((i) => vectors[i]), Int32Array.from(fit, (i) => targets[i]), labels.length);
    const heldOutScores = scores.map(({ scores: raw }, k) => {
      const { top, confidence } = topOf(raw, temperature);
      const vector = vectors[heldOut[k]];
      return rejectionScore(confidence, index.maxCosine(vector.indices, vector.values, top), resolved.knnWeight);
    });
    threshold = Math.max(floor, quantile(heldOutScores, 1 - resolved.acceptRate));
  }
  model = trainSoftmax(vectors, targets, featureCount, labels.length, { ...options, epochs: resolved.epochs, initial: model, stepOffset: model?.steps });
  const rows = toRows(vocabulary.index, vocabulary.idf, model, resolved.pruneBelow);
  const json = encodeModel({ version: MODEL_VERSION, labels, features: resolved.features, bias: model.bias, rows, temperature, threshold, ambiguityMargin: resolved.ambiguityMargin,
    knnWeight: resolved.knnWeight, exemplars: examples.map((example) => example.text), exemplarLabels: Array.from(targets) });
  return loadIntentClassifier(json, deps);
}

/** Index and temperature-softmax probability of the best class. */
function topOf(scores: Float64Array, temperature: number): { top: number; confidence: number } {
  let top = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] > scores[top]) top = c;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) sum += Math.exp((scores[c] - scores[top]) / temperature);
  return { top, confidence: 1 / sum };
}

function toRows(index: Map<string, number>, idf: Float32Array, model: SoftmaxModel, pruneBelow: number): Map<string, FeatureRow> {
  const rows = new Map<string, FeatureRow>();
  const { weights, classes } = model;
  for (const [feature, id] of index) {
    const kept: number[] = [];
    for (let c = 0; c < classes; c++) if (Math.abs(weights[id * classes + c]) >= pruneBelow) kept.push(c);
    if (kept.length === 0) continue;
    rows.set(feature, { idf: idf[id], classes: Uint16Array.from(kept), weights: Float32Array.from(kept, (c) => weights[id * classes + c]) });
  }
  return rows;
}

/** Turns {@link IntentClassifier.serialize} output back into a classifier that predicts identically. */
export function loadIntentClassifier(json: string, deps: { tokenizer: Tokenizer }): IntentClassifier {
  let model: IntentModel;
  try {
    model = decodeModel(json);
  } catch (error) {
    throw new LingxiError('validation_failed', 'not a serialised Lingxi intent classifier (or a different model version)', { cause: error });
  }
  return createClassifier(model, json, deps.tokenizer);
}

function createClassifier(model: IntentModel, json: string, tokenizer: Tokenizer): IntentClassifier {
  const classes = model.labels.length;
  const scores = new Float64Array(classes);
  const rankSize = Math.min(5, classes);
  const rowIds = new Map<FeatureRow, number>();
  for (const row of model.rows.values()) rowIds.set(row, rowIds.size);

  /** The model's view of a text: known feature rows with their L2-normalised sublinear TF-IDF values. */
  function vectorize(text: string): { rows: FeatureRow[]; ids: number[]; values: number[] } {
    const rows: FeatureRow[] = [];
    const ids: number[] = [];
    const values: number[] = [];
    let norm = 0;
    for (const [feature, count] of countFeatures(extractFeatures(text, tokenizer, model.features))) {
      const row = model.rows.get(feature);
      if (!row) continue;
      const value = (1 + Math.log(count)) * row.idf;
      rows.push(row);
      ids.push(rowIds.get(row)!);
      values.push(value);
      norm += value * value;
    }
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < values.length; k++) values[k] *= inverse;
    return { rows, ids, values };
  }
  const exemplars = createExemplarIndex(model.exemplars.map((text) => { const { ids, values } = vectorize(text); return { indices: ids, values }; }), model.exemplarLabels, classes);

  function classify(text: string): IntentPrediction {
    const { rows, ids, values } = vectorize(text);
    for (let c = 0; c < classes; c++) scores[c] = model.bias[c];
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const x = values[k];
      for (let j = 0; j < row.classes.length; j++) scores[row.classes[j]] += row.weights[j] * x;
    }
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[c] > scores[best]) best = c;
    const max = scores[best];
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += (scores[c] = Math.exp((scores[c] - max) / model.temperature));
    const ranking: IntentScore[] = [];
    for (let c = 0; c < classes; c++) {
      const confidence = scores[c] / sum;
      if (ranking.length < rankSize || confidence > ranking[ranking.length - 1].confidence) {
        ranking.push({ label: model.labels[c], confidence });
        ranking.sort((a, b) => b.confidence - a.confidence);
        if (ranking.length > rankSize) ranking.pop();
      }
    }
    const [top, second] = ranking;
    const similarity = rows.length > 0 ? exemplars.maxCosine(ids, values, best) : 0;
    if (rows.length === 0 || rejectionScore(top.confidence, similarity, model.knnWeight) < model.threshold) return { label: null, confidence: top.confidence, status: 'unknown', ranking };
    const status = second && top.confidence - second.confidence < model.ambiguityMargin ? 'ambiguous' : 'confident';
    return { label: top.label, confidence: top.confidence, status, ranking };
  }

  return { classify, labels: () => model.labels.slice(), serialize: () => json };
}
