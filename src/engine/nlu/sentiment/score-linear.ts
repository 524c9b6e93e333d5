import type { BinaryLinearModel, MulticlassLinearModel } from './sentiment-model.ts';

// Weight tables as Maps, built once per model: looking up fresh strings in a 100,000-key plain object makes V8
// intern every key first, which was the largest cost of a call.
const binaryTables = new WeakMap<BinaryLinearModel, Map<string, number>>();
const multiclassTables = new WeakMap<MulticlassLinearModel, Map<string, number[]>>();

function binaryTable(model: BinaryLinearModel): Map<string, number> {
  let table = binaryTables.get(model);
  if (!table) binaryTables.set(model, (table = new Map(Object.entries(model.weights))));
  return table;
}

function multiclassTable(model: MulticlassLinearModel): Map<string, number[]> {
  let table = multiclassTables.get(model);
  if (!table) multiclassTables.set(model, (table = new Map(Object.entries(model.weights))));
  return table;
}

/** Distinct features, so a word repeated ten times counts once (repetition is handled by the rules instead). */
function distinct(features: readonly string[]): string[] {
  return [...new Set(features)];
}

function isRule(feature: string): boolean {
  return feature.charCodeAt(0) === 114 /* r */ && feature.charCodeAt(1) === 58 /* : */;
}

/**
 * The value of each distinct feature: word features share `1/√n` (n = number of word features), so long reviews
 * and one-word messages sit on the same scale; rule features (`r:…`) are worth 1 each, so that a handful of them
 * is not drowned by thirty words.
 */
export function featureValues(unique: readonly string[]): Float64Array {
  let words = 0;
  for (const feature of unique) if (!isRule(feature)) words++;
  const wordValue = words ? 1 / Math.sqrt(words) : 0;
  const values = new Float64Array(unique.length);
  for (let i = 0; i < unique.length; i++) values[i] = isRule(unique[i]) ? 1 : wordValue;
  return values;
}

/** Logit of a binary linear model for a bag of features, valued by {@link featureValues} exactly as in training. */
export function scoreBinary(model: BinaryLinearModel, features: readonly string[]): number {
  const table = binaryTable(model);
  const unique = distinct(features);
  const values = featureValues(unique);
  let sum = model.bias;
  for (let i = 0; i < unique.length; i++) {
    const weight = table.get(unique[i]);
    if (weight !== undefined) sum += weight * values[i];
  }
  return sum;
}

/** Class probabilities of a softmax model, in the order of `model.labels`. */
export function scoreMulticlass(model: MulticlassLinearModel, features: readonly string[]): number[] {
  const table = multiclassTable(model);
  const unique = distinct(features);
  const values = featureValues(unique);
  const logits = [...model.bias];
  for (let i = 0; i < unique.length; i++) {
    const weights = table.get(unique[i]);
    if (!weights) continue;
    for (let k = 0; k < logits.length; k++) logits[k] += weights[k] * values[i];
  }
  return softmax(logits);
}

/** Numerically stable softmax. */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
