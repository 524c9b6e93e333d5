import type { BinaryLinearModel, MulticlassLinearModel } from './sentiment-model.ts';

/** Distinct features, so a word repeated ten times counts once (repetition is handled by the rules instead). */
function distinct(features: readonly string[]): string[] {
  return [...new Set(features)];
}

/**
 * The value of each distinct feature: word features share `1/√n` (n = number of word features), so long reviews
 * and one-word messages sit on the same scale; rule features (`r:…`) are worth 1 each, so that a handful of them
 * is not drowned by thirty words.
 */
export function featureValues(unique: readonly string[]): Float64Array {
  let words = 0;
  for (const feature of unique) if (!feature.startsWith('r:')) words++;
  const wordValue = words ? 1 / Math.sqrt(words) : 0;
  return Float64Array.from(unique, (feature) => (feature.startsWith('r:') ? 1 : wordValue));
}

/**
 * Logit of a binary linear model for a bag of features. Features are valued by {@link featureValues}, exactly as in training.
 */
export function scoreBinary(model: BinaryLinearModel, features: readonly string[]): number {
  const unique = distinct(features);
  const values = featureValues(unique);
  let sum = model.bias;
  unique.forEach((feature, index) => {
    const weight = model.weights[feature];
    if (weight !== undefined) sum += weight * values[index];
  });
  return sum;
}

/** Class probabilities of a softmax model, in the order of `model.labels`. */
export function scoreMulticlass(model: MulticlassLinearModel, features: readonly string[]): number[] {
  const unique = distinct(features);
  const values = featureValues(unique);
  const logits = [...model.bias];
  unique.forEach((feature, index) => {
    const weights = model.weights[feature];
    if (!weights) return;
    for (let k = 0; k < logits.length; k++) logits[k] += weights[k] * values[index];
  });
  return softmax(logits);
}

/** Numerically stable softmax. */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
