/** A sparse, L2-normalised feature vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface SoftmaxTrainingOptions {
  epochs: number;
  /** L2 regularisation strength per example. */
  lambda: number;
  /** Initial learning rate; decays as eta0 / (1 + eta0·lambda·t) (Bottou's schedule for L2-regularised SGD). */
  learningRate: number;
  seed: number;
  /** Class gradients smaller than this are skipped: keeps the weight matrix sparse and training fast. */
  gradientFloor: number;
  /** Loss weight of each class (class balancing); default 1 for every class. */
  classWeights?: Float32Array;
  /** Train only on these examples (default: all). */
  subset?: number[];
  /** Continue from this model (warm start) instead of zeros; it is updated in place. */
  initial?: SoftmaxModel;
  /** Steps already taken by `initial`, so the learning-rate schedule continues where it stopped. */
  stepOffset?: number;
}

/** Weights laid out feature-major (`weights[feature * classes + class]`) so that scoring reads contiguous rows. */
export interface SoftmaxModel {
  weights: Float64Array | Float32Array;
  bias: Float32Array;
  classes: number;
}

/** Seeded PRNG (shared with the sentiment trainer), so that training is deterministic. */
import { seededRandom } from '../../seeded-random.ts';

export const createRandom = seededRandom;

/** Scores of every class for one vector (no softmax). */
export function scoreVector(model: SoftmaxModel, vector: SparseVector, out = new Float64Array(model.classes)): Float64Array {
  const { weights, bias, classes } = model;
  for (let c = 0; c < classes; c++) out[c] = bias[c];
  addScaledRows(weights, vector, classes, 1, out); // value · 1 is value exactly
  return out;
}

/**
 * `out[c] += Σ_k weights[indices[k]·classes + c] · values[k] · scale`, in the same order of additions per class as
 * the plain double loop (so bit-identical), unrolled by four classes: the forward pass is most of training time.
 */
function addScaledRows(weights: Float64Array | Float32Array, vector: SparseVector, classes: number, scale: number, out: Float64Array): void {
  const { indices, values } = vector;
  const unrolled = classes - (classes % 4);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * classes;
    const value = values[k] * scale;
    let c = 0;
    for (; c < unrolled; c += 4) {
      const row = base + c;
      out[c] += weights[row] * value;
      out[c + 1] += weights[row + 1] * value;
      out[c + 2] += weights[row + 2] * value;
      out[c + 3] += weights[row + 3] * value;
    }
    for (; c < classes; c++) out[c] += weights[base + c] * value;
  }
}

/** In-place softmax of `scores / temperature`. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp((scores[c] - max) / temperature);
    sum += scores[c];
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
  return scores;
}

/**
 * Multinomial logistic regression by seeded SGD with L2 regularisation (weight-scale trick, so decay costs O(1)).
 * Deterministic for a given seed and input order.
 */
export function trainSoftmax(
  vectors: SparseVector[],
  labels: Int32Array,
  features: number,
  classes: number,
  options: SoftmaxTrainingOptions,
): SoftmaxModel & { steps: number } {
  const weights = options.initial ? options.initial.weights : new Float32Array(features * classes);
  const bias = options.initial ? options.initial.bias : new Float32Array(classes);
  const random = createRandom(options.seed + (options.stepOffset ?? 0));
  const order = options.subset ? options.subset.slice() : Array.from(vectors.keys());
  const classWeights = options.classWeights;
  const probabilities = new Float64Array(classes);
  const activeClasses = new Int32Array(classes);
  const activeDeltas = new Float64Array(classes);
  let scale = 1;
  let step = options.stepOffset ?? 0;
  const { lambda, learningRate, gradientFloor } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const vector = vectors[index];
      const eta = learningRate / (1 + learningRate * lambda * step++);
      for (let c = 0; c < classes; c++) probabilities[c] = bias[c];
      addScaledRows(weights, vector, classes, scale, probabilities);
      softmaxInPlace(probabilities);
      const label = labels[index];
      probabilities[label] -= 1;
      const weight = classWeights ? classWeights[label] : 1;
      scale *= 1 - eta * lambda;
      const factor = (eta * weight) / scale;
      let active = 0;
      for (let c = 0; c < classes; c++) {
        const gradient = probabilities[c];
        if (gradient < gradientFloor && gradient > -gradientFloor) continue;
        bias[c] -= eta * weight * gradient;
        activeClasses[active] = c;
        activeDeltas[active++] = factor * gradient;
      }
      for (let k = 0; k < vector.indices.length; k++) {
        const base = vector.indices[k] * classes;
        const value = vector.values[k];
        for (let a = 0; a < active; a++) weights[base + activeClasses[a]] -= activeDeltas[a] * value;
      }
      if (scale < 1e-6) {
        for (let w = 0; w < weights.length; w++) weights[w] *= scale;
        scale = 1;
      }
    }
  }
  if (scale !== 1) for (let w = 0; w < weights.length; w++) weights[w] *= scale;
  return { weights, bias, classes, steps: step };
}
