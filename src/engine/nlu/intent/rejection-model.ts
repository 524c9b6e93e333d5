/**
 * Out-of-scope rejection as a small logistic model over scores the classifier already has: the top calibrated
 * probability, the margin to the second class, the normalised entropy, the nearest-exemplar cosine of the predicted
 * class and that cosine's z-score against the class's own held-out in-scope cosines (a class whose members are all
 * phrased alike gets a stricter bar than a loose one). Its weights are learnt offline on pseudo-out-of-scope intents
 * held out of TRAINING data (`bench/nlu/fit-rejection.ts`); each trained model only sets the threshold, on its own
 * held-out in-scope fold.
 */

/** Names of the features, in the order of {@link rejectionFeatures}. */
export const REJECTION_FEATURES = ['logConfidence', 'margin', 'entropy', 'logCosine', 'cosineZ', 'maxLogit'] as const;

/** Linear in-scope score: `bias + Σ weights[k] · feature[k]`; higher = more in scope. */
export interface RejectionWeights {
  weights: number[];
  bias: number;
}

/**
 * The previous score, ln(confidence) + 2 · ln(cosine + 0.001), written as weights: the safe default when no fitted
 * weights are given.
 */
export const CONFIDENCE_COSINE_WEIGHTS: RejectionWeights = { weights: [1, 0, 0, 2, 0, 0], bias: 0 };

/** Per-class mean and standard deviation of the nearest-exemplar cosine of correctly predicted held-out utterances. */
export interface ClassCosineStats {
  mean: number[];
  deviation: number[];
}

/** Stats used when a model has no held-out fold (tiny training sets). */
const DEFAULT_MEAN = 0.5;
const DEFAULT_DEVIATION = 0.25;
/** Pseudo-count pulling a class's stats towards the stats of all classes (few held-out utterances per class). */
const SHRINKAGE = 5;
const MIN_DEVIATION = 0.05;

/**
 * Fits per-class cosine stats, shrunk towards the pooled stats: `(Σ + k · pooled) / (n + k)`.
 * @param cosines cosine of each correctly predicted held-out utterance; `labels` its class.
 */
export function fitClassCosineStats(cosines: number[], labels: number[], classes: number): ClassCosineStats {
  const count = cosines.length;
  const pooledMean = count > 0 ? cosines.reduce((sum, value) => sum + value, 0) / count : DEFAULT_MEAN;
  const pooledVariance = count > 1 ? cosines.reduce((sum, value) => sum + (value - pooledMean) ** 2, 0) / (count - 1) : DEFAULT_DEVIATION ** 2;
  const sums = new Float64Array(classes);
  const squares = new Float64Array(classes);
  const counts = new Float64Array(classes);
  cosines.forEach((value, k) => {
    sums[labels[k]] += value;
    squares[labels[k]] += value * value;
    counts[labels[k]]++;
  });
  const mean: number[] = [];
  const deviation: number[] = [];
  for (let c = 0; c < classes; c++) {
    const m = (sums[c] + SHRINKAGE * pooledMean) / (counts[c] + SHRINKAGE);
    // Second moment shrunk the same way, around the shrunk mean.
    const secondMoment = (squares[c] + SHRINKAGE * (pooledVariance + pooledMean * pooledMean)) / (counts[c] + SHRINKAGE);
    mean.push(round(m));
    deviation.push(round(Math.max(MIN_DEVIATION, Math.sqrt(Math.max(0, secondMoment - m * m)))));
  }
  return { mean, deviation };
}

/**
 * The feature vector of one prediction.
 * @param probabilities calibrated class probabilities (any order); `top` is the predicted class, `cosine` its
 *   nearest-exemplar cosine, `maxLogit` its raw score before the softmax (MaxLogit; Hendrycks et al. 2022).
 */
export function rejectionFeatures(probabilities: ArrayLike<number>, top: number, cosine: number, maxLogit: number, stats: ClassCosineStats, out = new Float64Array(REJECTION_FEATURES.length)): Float64Array {
  let second = 0;
  let entropy = 0;
  for (let c = 0; c < probabilities.length; c++) {
    const p = probabilities[c];
    if (c !== top && p > second) second = p;
    if (p > 0) entropy -= p * Math.log(p);
  }
  const confidence = probabilities[top];
  out[0] = Math.log(Math.max(confidence, 1e-12));
  out[1] = confidence - second;
  out[2] = probabilities.length > 1 ? entropy / Math.log(probabilities.length) : 0;
  out[3] = Math.log(cosine + 0.001);
  out[4] = (cosine - (stats.mean[top] ?? DEFAULT_MEAN)) / (stats.deviation[top] ?? DEFAULT_DEVIATION);
  out[5] = maxLogit;
  return out;
}

/** The in-scope score of a feature vector. */
export function inScopeScore(features: ArrayLike<number>, model: RejectionWeights): number {
  let score = model.bias;
  for (let k = 0; k < model.weights.length; k++) score += model.weights[k] * features[k];
  return score;
}

/**
 * Logistic regression by full-batch gradient descent on standardised features, with both classes weighted equally
 * (pseudo-out-of-scope rows are usually the minority); returns weights on the raw features. Used offline by the
 * benchmark that fits the default weights, and by tests.
 * @param inScope 1 for an in-scope row, 0 for a (pseudo-)out-of-scope row.
 */
export function fitRejectionWeights(rows: ArrayLike<number>[], inScope: number[], options: { iterations?: number; l2?: number } = {}): RejectionWeights {
  const { iterations = 500, l2 = 1e-3 } = options;
  const width = rows[0]?.length ?? 0;
  const mean = new Float64Array(width);
  const deviation = new Float64Array(width);
  for (const row of rows) for (let k = 0; k < width; k++) mean[k] += row[k] / rows.length;
  for (const row of rows) for (let k = 0; k < width; k++) deviation[k] += (row[k] - mean[k]) ** 2 / rows.length;
  for (let k = 0; k < width; k++) deviation[k] = Math.sqrt(deviation[k]) || 1;
  const positives = inScope.filter((y) => y === 1).length;
  const classWeight = [0.5 / Math.max(1, rows.length - positives), 0.5 / Math.max(1, positives)];
  const weights = new Float64Array(width);
  let bias = 0;
  const gradient = new Float64Array(width);
  for (let iteration = 0; iteration < iterations; iteration++) {
    gradient.fill(0);
    let biasGradient = 0;
    rows.forEach((row, i) => {
      let z = bias;
      for (let k = 0; k < width; k++) z += weights[k] * ((row[k] - mean[k]) / deviation[k]);
      const error = (1 / (1 + Math.exp(-z)) - inScope[i]) * classWeight[inScope[i]];
      biasGradient += error;
      for (let k = 0; k < width; k++) gradient[k] += error * ((row[k] - mean[k]) / deviation[k]);
    });
    for (let k = 0; k < width; k++) weights[k] -= 1 * (gradient[k] + l2 * weights[k]);
    bias -= biasGradient;
  }
  const raw = Array.from(weights, (w, k) => round(w / deviation[k]));
  return { weights: raw, bias: round(bias - raw.reduce((sum, w, k) => sum + w * mean[k], 0)) };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
