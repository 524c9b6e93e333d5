import type { Tokenizer } from '../../text/tokenize.ts';
import type { IntentClassifier, IntentPrediction, IntentScore, TrainingExample } from '../types.ts';
import { LingxiError } from '../../errors.ts';
import { countFeatures, DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from './features.ts';
import { fitTfidf, tfidfVector } from './tfidf.ts';
import { createRandom, scoreVector, softmaxInPlace, trainSoftmax, type SoftmaxModel } from './softmax-trainer.ts';
import { fitTemperature, type HeldOutScores } from './calibration.ts';
import { addExemplarEvidence, createExemplarIndex, exemplarCandidates } from './exemplar-index.ts';
import { REJECTION_FEATURES, fitClassCosineStats, inScopeScore, rejectionFeatures, type ClassCosineStats, type RejectionWeights } from './rejection-model.ts';
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
  /** Out-of-scope model: weights of the features of `rejection-model.ts` (fitted offline on pseudo-out-of-scope
   * intents of training data); each model sets only its threshold, from `acceptRate`. */
  rejection?: RejectionWeights;
  /** Logit adjustment (Menon et al. 2021): τ · ln(prior of the class) is subtracted from its score, favouring rare
   * classes (0 = off). */
  priorCorrection?: number;
  /** Cosine used with `thresholdFloor` to form the lowest rejection threshold. */
  similarityFloor?: number;
  /** Re-ranking: largest weight of the nearest-exemplar cosine added to the raw score of the best candidates; the
   * weight actually used (0, ¼, ½, ¾ or 1 of it) is the one with the best held-out accuracy (0 = off). */
  exemplarWeight?: number;
  /** How many of the linear model's best classes are re-ranked. */
  exemplarCandidates?: number;
  /** Lowest softmax temperature the held-out fit may choose. */
  minTemperature?: number;
  /** Small training sets get more epochs (both stages, up to 5×) until about this many SGD steps are taken. */
  minSteps?: number;
}

export type ResolvedIntentConfig = Required<Omit<IntentClassifierConfig, 'features'>> & { features: FeatureOptions };

/** The classifier plus a diagnostic used by the rejection benchmark and tests. */
export interface InspectableIntentClassifier extends IntentClassifier {
  /** Classifies `text` and returns its rejection features (`rejection-model.ts`), whether no known feature was found
   * (always `unknown`) and the model's threshold. */
  rejectionFeatures(text: string): { features: Float64Array; empty: boolean; threshold: number; prediction: IntentPrediction };
}

/** Rejection weights fitted by `bench/nlu/fit-rejection.ts` (pseudo-out-of-scope intents held out of training data). */
export const FITTED_REJECTION_WEIGHTS: RejectionWeights = { weights: [-1.261, 1.0018, -3.7429, 0.5178, 0.6021, 0.2894], bias: -13.8575 };

export const DEFAULT_INTENT_CONFIG: ResolvedIntentConfig = {
  features: DEFAULT_FEATURE_OPTIONS,
  epochs: 4,
  lambda: 1e-5,
  learningRate: 1,
  seed: 1,
  gradientFloor: 0.01,
  acceptRate: 0.95,
  thresholdFloor: 0.2,
  ambiguityMargin: 0.1,
  calibrationShare: 0.2,
  calibrationEpochs: 5,
  classBalance: 0.5,
  maxClassWeight: 10,
  pruneBelow: 0.002,
  rejection: FITTED_REJECTION_WEIGHTS,
  priorCorrection: 0,
  similarityFloor: 0.1,
  exemplarWeight: 5,
  exemplarCandidates: 5,
  minSteps: 30000,
  minTemperature: 0.5,
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
export function trainIntentClassifier(examples: TrainingExample[], config: IntentClassifierConfig = {}, deps: { tokenizer: Tokenizer }): InspectableIntentClassifier {
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

  const boost = Math.min(5, Math.max(1, Math.ceil(resolved.minSteps / (examples.length * (resolved.epochs + resolved.calibrationEpochs)))));
  const { fit, heldOut } = splitForCalibration(targets, resolved.calibrationShare, resolved.seed);
  const priorShift = logPriorShift(targets, labels.length, resolved.priorCorrection);
  let temperature = 1;
  let exemplarWeight = 0;
  let cosineStats: ClassCosineStats = fitClassCosineStats([], [], labels.length);
  let threshold = -Infinity;
  let model: SoftmaxModel & { steps: number } | undefined;
  // Training examples whose in-scope score is compared before and after the final epochs (see `drift` below).
  const driftSample = fit.filter((_, k) => k % Math.max(1, Math.floor(fit.length / 1000)) === 0);
  let driftBefore: number[] = [];
  if (heldOut.length > 0 && fit.length > 0) {
    model = trainSoftmax(vectors, targets, featureCount, labels.length, { ...options, epochs: resolved.calibrationEpochs * boost, subset: fit });
    // Held-out scores as `classify` computes them (prior-corrected, re-ranked by the nearest exemplar, searched among
    // the fit fold only, as for a new utterance); temperature and the rejection threshold are fitted on them.
    const index = createExemplarIndex(fit.map((i) => vectors[i]), Int32Array.from(fit, (i) => targets[i]), labels.length);
    const raw = heldOut.map((i) => {
      const scores = scoreVector(model!, vectors[i]);
      for (let c = 0; c < scores.length; c++) scores[c] += priorShift[c];
      return scores;
    });
    const candidates = heldOut.map((i, k) => exemplarCandidates(raw[k], index, vectors[i], resolved.exemplarCandidates));
    // A handful of held-out utterances cannot tell whether re-ranking helps: small packs keep the linear model.
    if (heldOut.length >= 200) exemplarWeight = chooseExemplarWeight(raw, candidates, Int32Array.from(heldOut, (i) => targets[i]), resolved.exemplarWeight);
    const evidence = raw.map((scores, k) => addExemplarEvidence(scores, candidates[k], exemplarWeight));
    const scores: HeldOutScores[] = raw.map((scores, k) => ({ scores, label: targets[heldOut[k]] }));
    // Floor: on a tiny held-out fold that the model gets right, NLL keeps sharpening (T → 0, every answer 100 % sure).
    temperature = Math.max(resolved.minTemperature, fitTemperature(scores));
    const correct = evidence.map(({ best }, k) => best === targets[heldOut[k]]);
    cosineStats = fitClassCosineStats(evidence.filter((_, k) => correct[k]).map(({ similarity }) => similarity), evidence.filter((_, k) => correct[k]).map(({ best }) => best), labels.length);
    // Rejection threshold: the (1 - acceptRate) quantile of held-out in-scope scores.
    const heldOutScores = raw.map((scores, k) => inScopeScore(rejectionFeatures(softmax(scores, temperature), evidence[k].best, evidence[k].similarity, scores[evidence[k].best], cosineStats), resolved.rejection));
    threshold = quantile(heldOutScores, 1 - resolved.acceptRate);
    driftBefore = linearInScopeScores(model, driftSample);
  }
  // Lowest threshold: the score of a weak prediction (top probability `thresholdFloor`, the rest spread evenly,
  // nearest exemplar at `similarityFloor`).
  const weak = Array.from({ length: labels.length }, (_, c) => (c === 0 ? resolved.thresholdFloor : (1 - resolved.thresholdFloor) / (labels.length - 1)));
  const floorScore = inScopeScore(rejectionFeatures(weak, 0, resolved.similarityFloor, 0, { mean: [cosineStats.mean.reduce((a, b) => a + b, 0) / labels.length], deviation: [cosineStats.deviation.reduce((a, b) => a + b, 0) / labels.length] }), resolved.rejection);
  /** In-scope scores of training examples from linear scores alone (their nearest exemplar is themselves). */
  function linearInScopeScores(current: SoftmaxModel, sample: number[]): number[] {
    return sample.map((i) => {
      const scores = scoreVector(current, vectors[i]);
      for (let c = 0; c < scores.length; c++) scores[c] += priorShift[c];
      let best = 0;
      for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
      return inScopeScore(rejectionFeatures(softmax(scores, temperature), best, cosineStats.mean[best], scores[best], cosineStats), resolved.rejection);
    });
  }
  model = trainSoftmax(vectors, targets, featureCount, labels.length, { ...options, epochs: resolved.epochs * boost, initial: model, stepOffset: model?.steps });
  // The final epochs sharpen the model, so new utterances score higher than the held-out fold did under the
  // calibration model and far fewer than 1 - acceptRate would be rejected. The threshold moves by the median change
  // of the score of the same training examples (linear scores, neutral cosine) between the two models.
  if (driftBefore.length > 0) {
    const after = linearInScopeScores(model, driftSample);
    threshold += quantile(after.map((score, k) => score - driftBefore[k]), 0.5);
  }
  threshold = Math.max(threshold, floorScore);
  for (let c = 0; c < labels.length; c++) model.bias[c] += priorShift[c];
  const rows = toRows(vocabulary.index, vocabulary.idf, model, resolved.pruneBelow);
  const json = encodeModel({ version: MODEL_VERSION, labels, features: resolved.features, bias: model.bias, rows, temperature, threshold, ambiguityMargin: resolved.ambiguityMargin,
    rejection: resolved.rejection, cosineStats, exemplarWeight, exemplarCandidates: resolved.exemplarCandidates, exemplars: examples.map((example) => example.text), exemplarLabels: Array.from(targets) });
  // Decode what was just encoded (so the trained and a loaded classifier are bit-identical), reusing the counts.
  return createClassifier(decodeModel(json), json, deps.tokenizer, counts);
}

/** The re-ranking weight (among 0, ¼, ½, ¾, 1 × `largest`) with the most correct held-out top-1; ties keep the smaller. */
function chooseExemplarWeight(raw: Float64Array[], candidates: Array<Array<{ label: number; cosine: number }>>, labels: Int32Array, largest: number): number {
  let bestWeight = 0;
  let bestCorrect = -1;
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    const weight = share * largest;
    let correct = 0;
    candidates.forEach((list, k) => {
      let best = list[0];
      for (const candidate of list) if (raw[k][candidate.label] + weight * candidate.cosine > raw[k][best.label] + weight * best.cosine) best = candidate;
      if (best && best.label === labels[k]) correct++;
    });
    if (correct > bestCorrect) {
      bestCorrect = correct;
      bestWeight = weight;
    }
  }
  return bestWeight;
}

/** Temperature softmax of raw scores (a new array). */
function softmax(scores: Float64Array, temperature: number): Float64Array {
  return softmaxInPlace(Float64Array.from(scores), temperature);
}

/** Logit adjustment: −τ · ln(share of training examples of each class). */
function logPriorShift(labels: Int32Array, classes: number, tau: number): Float64Array {
  const shift = new Float64Array(classes);
  if (tau === 0) return shift;
  const counts = new Float64Array(classes);
  for (const label of labels) counts[label]++;
  for (let c = 0; c < classes; c++) shift[c] = -tau * Math.log(Math.max(counts[c], 1) / labels.length);
  return shift;
}

function toRows(index: Map<string, number>, idf: Float32Array, model: SoftmaxModel, pruneBelow: number): Map<string, FeatureRow> {
  const { weights, classes } = model;
  let total = 0;
  for (let w = 0; w < weights.length; w++) if (Math.abs(weights[w]) >= pruneBelow) total++;
  const keptClasses = new Uint16Array(total);
  const keptWeights = new Float32Array(total);
  const rows = new Map<string, FeatureRow>();
  let offset = 0;
  for (const [feature, id] of index) {
    const start = offset;
    for (let c = 0; c < classes; c++) {
      const weight = weights[id * classes + c];
      if (Math.abs(weight) < pruneBelow) continue;
      keptClasses[offset] = c;
      keptWeights[offset++] = weight;
    }
    if (offset > start) rows.set(feature, { idf: idf[id], classes: keptClasses.subarray(start, offset), weights: keptWeights.subarray(start, offset) });
  }
  return rows;
}

/** Turns {@link IntentClassifier.serialize} output back into a classifier that predicts identically. */
export function loadIntentClassifier(json: string, deps: { tokenizer: Tokenizer }): InspectableIntentClassifier {
  let model: IntentModel;
  try {
    model = decodeModel(json);
  } catch (error) {
    throw new LingxiError('validation_failed', 'not a serialised Lingxi intent classifier (or a different model version)', { cause: error });
  }
  return createClassifier(model, json, deps.tokenizer);
}

function createClassifier(model: IntentModel, json: string, tokenizer: Tokenizer, exemplarCounts?: Array<Map<string, number>>): InspectableIntentClassifier {
  const classes = model.labels.length;
  const scores = new Float64Array(classes);
  const features = new Float64Array(REJECTION_FEATURES.length);
  let lastEmpty = false;
  const rankSize = Math.min(5, classes);
  const rowIds = new Map<FeatureRow, number>();
  for (const row of model.rows.values()) rowIds.set(row, rowIds.size);

  /** The model's view of a text: known feature rows with their L2-normalised sublinear TF-IDF values. */
  function vectorize(counts: Map<string, number>): { rows: FeatureRow[]; ids: number[]; values: number[] } {
    const rows: FeatureRow[] = [];
    const ids: number[] = [];
    const values: number[] = [];
    let norm = 0;
    for (const [feature, count] of counts) {
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
  const featuresOf = (text: string) => countFeatures(extractFeatures(text, tokenizer, model.features));
  const exemplarVectors = model.exemplars.map((text, i) => {
    const { ids, values } = vectorize(exemplarCounts?.[i] ?? featuresOf(text));
    return { indices: ids, values };
  });
  const exemplars = createExemplarIndex(exemplarVectors, model.exemplarLabels, classes);

  function classify(text: string): IntentPrediction {
    const { rows, ids, values } = vectorize(featuresOf(text));
    lastEmpty = rows.length === 0;
    for (let c = 0; c < classes; c++) scores[c] = model.bias[c];
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const x = values[k];
      for (let j = 0; j < row.classes.length; j++) scores[row.classes[j]] += row.weights[j] * x;
    }
    const { best, similarity } = addExemplarEvidence(scores, exemplarCandidates(scores, exemplars, { indices: ids, values }, model.exemplarCandidates), model.exemplarWeight);
    const max = scores[best];
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += (scores[c] = Math.exp((scores[c] - max) / model.temperature));
    const ranking: IntentScore[] = [];
    for (let c = 0; c < classes; c++) {
      const confidence = scores[c] / sum;
      if (ranking.length < rankSize || confidence > ranking[ranking.length - 1].confidence) {
        // Insert after every entry at least as confident (what a stable sort of the appended entry gives), no sort call.
        const entry = { label: model.labels[c], confidence };
        let at = ranking.length;
        ranking.push(entry);
        for (; at > 0 && ranking[at - 1].confidence < confidence; at--) ranking[at] = ranking[at - 1];
        ranking[at] = entry;
        if (ranking.length > rankSize) ranking.pop();
      }
    }
    for (let c = 0; c < classes; c++) scores[c] /= sum;
    const [top, second] = ranking;
    rejectionFeatures(scores, best, similarity, max, model.cosineStats, features);
    if (rows.length === 0 || inScopeScore(features, model.rejection) < model.threshold) return { label: null, confidence: top.confidence, status: 'unknown', ranking };
    const status = second && top.confidence - second.confidence < model.ambiguityMargin ? 'ambiguous' : 'confident';
    return { label: top.label, confidence: top.confidence, status, ranking };
  }

  return {
    classify,
    labels: () => model.labels.slice(),
    serialize: () => json,
    rejectionFeatures(text) {
      const prediction = classify(text);
      return { features: Float64Array.from(features), empty: lastEmpty, threshold: model.threshold, prediction };
    },
  };
}
