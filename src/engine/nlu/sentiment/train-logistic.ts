import type { BinaryLinearModel, MulticlassLinearModel } from './sentiment-model.ts';
import { seededRandom, shuffleInPlace } from '../../seeded-random.ts';
import { featureValues, softmax } from './score-linear.ts';

/** Options of the logistic-regression trainers (Adagrad SGD with L2 on the touched weights). */
export interface TrainLogisticOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Features seen in fewer training examples are dropped (noise, and they would bloat the model). */
  minCount?: number;
  /** Keep only the strongest weights (by absolute value, largest over the classes) after training. */
  maxFeatures?: number;
  seed?: number;
  /** Decimal places kept in the shipped weights. */
  precision?: number;
}

const DEFAULTS = { epochs: 8, learningRate: 0.2, l2: 1e-6, minCount: 2, maxFeatures: 60_000, seed: 7, precision: 4 };

interface Encoded {
  vocabulary: string[];
  documents: Int32Array[];
  values: Float64Array[];
}

function encode(featureLists: readonly (readonly string[])[], minCount: number): Encoded {
  const counts = new Map<string, number>();
  for (const features of featureLists) for (const feature of new Set(features)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const index = new Map<string, number>();
  const vocabulary: string[] = [];
  for (const [feature, count] of counts) {
    if (count < minCount) continue;
    index.set(feature, vocabulary.length);
    vocabulary.push(feature);
  }
  const documents: Int32Array[] = [];
  const values: Float64Array[] = [];
  for (const features of featureLists) {
    // Values are computed over all distinct features, known or not, exactly as scoring does.
    const unique = [...new Set(features)];
    const all = featureValues(unique);
    const ids: number[] = [];
    const kept: number[] = [];
    unique.forEach((feature, position) => {
      const id = index.get(feature);
      if (id === undefined) return;
      ids.push(id);
      kept.push(all[position]);
    });
    documents.push(Int32Array.from(ids));
    values.push(Float64Array.from(kept));
  }
  return { vocabulary, documents, values };
}

function round(value: number, precision: number): number {
  const factor = 10 ** precision;
  return Math.round(value * factor) / factor;
}

/**
 * Trains a binary logistic regression on feature bags (`labels[i]` is 1 or 0). Features are valued by `featureValues`, as in
 * `scoreBinary`. Deterministic for a given seed.
 */
export function trainBinaryLogistic(
  featureLists: readonly (readonly string[])[],
  labels: readonly number[],
  options: TrainLogisticOptions = {},
): BinaryLinearModel {
  const settings = { ...DEFAULTS, ...options };
  const { vocabulary, documents, values } = encode(featureLists, settings.minCount);
  const weights = new Float64Array(vocabulary.length);
  const gradientSquares = new Float64Array(vocabulary.length).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const order = documents.map((_, i) => i);
  const random = seededRandom(settings.seed);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const ids = documents[i];
      const value = values[i];
      let logit = bias;
      for (let j = 0; j < ids.length; j++) logit += weights[ids[j]] * value[j];
      const error = 1 / (1 + Math.exp(-logit)) - labels[i];
      for (let j = 0; j < ids.length; j++) {
        const id = ids[j];
        const gradient = error * value[j] + settings.l2 * weights[id];
        gradientSquares[id] += gradient * gradient;
        weights[id] -= (settings.learningRate * gradient) / Math.sqrt(gradientSquares[id]);
      }
      biasSquares += error * error;
      bias -= (settings.learningRate * error) / Math.sqrt(biasSquares);
    }
  }
  const ranked = vocabulary.map((feature, id) => ({ feature, weight: weights[id] }));
  ranked.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.feature < b.feature ? -1 : 1));
  const kept: Record<string, number> = {};
  for (const { feature, weight } of ranked.slice(0, settings.maxFeatures)) {
    const rounded = round(weight, settings.precision);
    if (rounded !== 0) kept[feature] = rounded;
  }
  return { kind: 'binary-logistic', bias: round(bias, settings.precision), weights: kept };
}

/** Trains a softmax (multinomial) logistic regression; `labels[i]` is an index into `labelNames`. */
export function trainMulticlassLogistic(
  featureLists: readonly (readonly string[])[],
  labels: readonly number[],
  labelNames: readonly string[],
  options: TrainLogisticOptions = {},
): MulticlassLinearModel {
  const settings = { ...DEFAULTS, ...options };
  const classes = labelNames.length;
  const { vocabulary, documents, values } = encode(featureLists, settings.minCount);
  const weights = new Float64Array(vocabulary.length * classes);
  const gradientSquares = new Float64Array(vocabulary.length * classes).fill(1e-8);
  const bias = new Float64Array(classes);
  const biasSquares = new Float64Array(classes).fill(1e-8);
  const order = documents.map((_, i) => i);
  const random = seededRandom(settings.seed);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const ids = documents[i];
      const value = values[i];
      const logits = Array.from(bias);
      for (let j = 0; j < ids.length; j++) for (let k = 0; k < classes; k++) logits[k] += weights[ids[j] * classes + k] * value[j];
      const probabilities = softmax(logits);
      for (let k = 0; k < classes; k++) {
        const error = probabilities[k] - (labels[i] === k ? 1 : 0);
        for (let j = 0; j < ids.length; j++) {
          const slot = ids[j] * classes + k;
          const gradient = error * value[j] + settings.l2 * weights[slot];
          gradientSquares[slot] += gradient * gradient;
          weights[slot] -= (settings.learningRate * gradient) / Math.sqrt(gradientSquares[slot]);
        }
        biasSquares[k] += error * error;
        bias[k] -= (settings.learningRate * error) / Math.sqrt(biasSquares[k]);
      }
    }
  }
  const ranked = vocabulary.map((feature, id) => {
    const row = Array.from(weights.subarray(id * classes, (id + 1) * classes));
    return { feature, row, strength: Math.max(...row.map(Math.abs)) };
  });
  ranked.sort((a, b) => b.strength - a.strength || (a.feature < b.feature ? -1 : 1));
  const kept: Record<string, number[]> = {};
  for (const { feature, row } of ranked.slice(0, settings.maxFeatures)) {
    const rounded = row.map((weight) => round(weight, settings.precision));
    if (rounded.some((weight) => weight !== 0)) kept[feature] = rounded;
  }
  return {
    kind: 'softmax-logistic',
    labels: [...labelNames],
    bias: Array.from(bias, (value) => round(value, settings.precision)),
    weights: kept,
  };
}
