import { z } from 'zod';
import type { Tokenizer } from '../text/tokenize.ts';
import { pairFeatures, PAIR_FEATURE_NAMES, profileText, writePairFeatures, type TextProfile } from './pair-features.ts';
import { addPairKeyWeights, hashKey, pairFeatureKeys } from './pair-tokens.ts';
import { createRandom } from '../nlu/intent/softmax-trainer.ts';
import defaultParams from './default-matcher-params.json' with { type: 'json' };

/**
 * A fitted matcher: logistic regression over the dense pair features plus hashed "what differs" keys
 * (`hashed[bucket]`, see pair-tokens.ts), and the decision threshold.
 */
export const matcherParamsSchema = z.object({
  features: z.array(z.string()),
  weights: z.array(z.number()),
  bias: z.number(),
  threshold: z.number().min(0).max(1),
  /** Weights of the hashed difference keys; empty = dense features only. */
  hashed: z.array(z.number()).default([]),
});
export type MatcherParams = z.input<typeof matcherParamsSchema>;
type ResolvedParams = z.output<typeof matcherParamsSchema>;

/** Default params, fitted on the AFQMC train split (bench/nlu/fit-matcher.ts). */
export const DEFAULT_MATCHER_PARAMS: ResolvedParams = matcherParamsSchema.parse(defaultParams);

/** Fitting settings; defaults chosen on a seeded 80/20 split of AFQMC train (bench/nlu/tune-matcher.ts). */
export interface MatcherFitOptions {
  /** Passes of AdaGrad over the pairs. */
  epochs?: number;
  /** L2 penalty on the weights (dense and hashed). */
  l2?: number;
  learningRate?: number;
  /** Hash buckets for difference keys (0 = dense features only); the stored params grow by one number each. */
  buckets?: number;
  /** Share of pairs held out (seeded) to choose the threshold; 0 = choose it on the training pairs. */
  heldOutShare?: number;
  seed?: number;
}

export interface QuestionMatcher {
  /** Probability (0…1) that `a` and `b` ask the same question. */
  similarity(a: string, b: string): number;
  /** Same as `similarity`, for texts already profiled (the retriever profiles each FAQ question once). */
  similarityOfProfiles(a: TextProfile, b: TextProfile): number;
  profile(text: string): TextProfile;
  /** `similarity ≥ threshold`: the matcher's yes/no. */
  matches(a: string, b: string): boolean;
  /** Learns weights and threshold from labelled pairs; returns the new params (the matcher uses them from now on). */
  fit(pairs: Array<{ a: string; b: string; same: boolean }>, options?: MatcherFitOptions): ResolvedParams;
  params(): ResolvedParams;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

interface PairRow {
  dense: number[];
  buckets: Int32Array;
}

/**
 * Creates the question matcher used both by `lingxi eval match` and by knowledge retrieval: logistic regression over
 * lexical pair features (char-bigram Jaccard, char cosine, word overlap, length ratio, edit and common-substring
 * similarity, number agreement, containment) plus learned weights of the words and characters that differ between the
 * two questions (hashed), which is what separates near-duplicates such as 花呗/借呗.
 */
export function createQuestionMatcher(params: MatcherParams | undefined, deps: { tokenizer: Tokenizer }): QuestionMatcher {
  let current = matcherParamsSchema.parse(params ?? DEFAULT_MATCHER_PARAMS);
  const profile = (text: string) => profileText(text, deps.tokenizer);
  const row = (a: TextProfile, b: TextProfile, buckets: number): PairRow => ({
    dense: pairFeatures(a, b),
    buckets: buckets > 0 ? Int32Array.from(pairFeatureKeys(a, b), (key) => hashKey(key, buckets)) : new Int32Array(0),
  });
  const logit = (pair: PairRow, weights: ArrayLike<number>, hashed: ArrayLike<number>, bias: number) => {
    let sum = bias;
    for (let k = 0; k < pair.dense.length; k++) sum += pair.dense[k] * weights[k];
    for (const bucket of pair.buckets) sum += hashed[bucket];
    return sum;
  };
  // Same sum as `logit(row(a, b, …))`, in the same order, without materialising the key strings and bucket array.
  const dense = new Float64Array(PAIR_FEATURE_NAMES.length);
  const similarityOfProfiles = (a: TextProfile, b: TextProfile) => {
    writePairFeatures(a, b, dense);
    let sum = current.bias;
    for (let k = 0; k < dense.length; k++) sum += dense[k] * current.weights[k];
    return sigmoid(addPairKeyWeights(a, b, current.hashed, sum));
  };

  function fit(pairs: Array<{ a: string; b: string; same: boolean }>, options: MatcherFitOptions = {}): ResolvedParams {
    const buckets = options.buckets ?? 4096;
    const seed = options.seed ?? 1;
    const rows = pairs.map(({ a, b }) => row(profile(a), profile(b), buckets));
    const targets = pairs.map(({ same }) => (same ? 1 : 0));
    const random = createRandom(seed);
    const heldOutShare = options.heldOutShare ?? 0.2;
    const heldOut = pairs.map(() => random() < heldOutShare);
    const train = (indices: number[]) => trainLogistic(rows, targets, indices, buckets, options, seed);
    let threshold: number;
    if (heldOut.some(Boolean) && heldOut.some((held) => !held)) {
      const model = train(rows.flatMap((_, i) => (heldOut[i] ? [] : [i])));
      threshold = bestThreshold(rows.flatMap((pair, i) => (heldOut[i] ? [{ p: sigmoid(logit(pair, model.weights, model.hashed, model.bias)), y: targets[i] }] : [])));
    }
    const model = train(rows.map((_, i) => i));
    threshold ??= bestThreshold(rows.map((pair, i) => ({ p: sigmoid(logit(pair, model.weights, model.hashed, model.bias)), y: targets[i] })));
    current = { features: [...PAIR_FEATURE_NAMES], weights: Array.from(model.weights, round), bias: round(model.bias), threshold: round(threshold), hashed: Array.from(model.hashed, round) };
    return current;
  }

  return {
    similarity: (a, b) => similarityOfProfiles(profile(a), profile(b)),
    similarityOfProfiles,
    profile,
    matches: (a, b) => similarityOfProfiles(profile(a), profile(b)) >= current.threshold,
    fit,
    params: () => current,
  };
}

/** Logistic regression by AdaGrad SGD (seeded order) over dense + hashed features. */
function trainLogistic(rows: PairRow[], targets: number[], indices: number[], buckets: number, options: MatcherFitOptions, seed: number) {
  const dimension = PAIR_FEATURE_NAMES.length;
  const weights = new Float64Array(dimension);
  const hashed = new Float64Array(buckets);
  const denseSquares = new Float64Array(dimension).fill(1e-8);
  const hashedSquares = new Float64Array(buckets).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const l2 = options.l2 ?? 1e-4;
  const rate = options.learningRate ?? 0.1;
  const random = createRandom(seed ^ 0x9e3779b9);
  const order = indices.slice();
  for (let epoch = 0; epoch < (options.epochs ?? 2); epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const pair = rows[index];
      let sum = bias;
      for (let k = 0; k < dimension; k++) sum += pair.dense[k] * weights[k];
      for (const bucket of pair.buckets) sum += hashed[bucket];
      const error = sigmoid(sum) - targets[index];
      biasSquares += error * error;
      bias -= (rate * error) / Math.sqrt(biasSquares);
      for (let k = 0; k < dimension; k++) {
        const gradient = error * pair.dense[k] + l2 * weights[k];
        denseSquares[k] += gradient * gradient;
        weights[k] -= (rate * gradient) / Math.sqrt(denseSquares[k]);
      }
      for (const bucket of pair.buckets) {
        const gradient = error + l2 * hashed[bucket];
        hashedSquares[bucket] += gradient * gradient;
        hashed[bucket] -= (rate * gradient) / Math.sqrt(hashedSquares[bucket]);
      }
    }
  }
  return { weights, hashed, bias };
}

/** The cut with the best accuracy on scored pairs (midpoint between neighbouring scores). */
function bestThreshold(scored: Array<{ p: number; y: number }>): number {
  scored.sort((x, y) => x.p - y.p);
  let correct = scored.reduce((sum, { y }) => sum + y, 0); // threshold below everything: all predicted same
  let best = correct;
  let threshold = scored.length ? scored[0].p : 0.5;
  scored.forEach(({ p, y }, i) => {
    correct += y ? -1 : 1;
    if (correct > best && (i + 1 >= scored.length || scored[i + 1].p > p)) {
      best = correct;
      threshold = i + 1 < scored.length ? (p + scored[i + 1].p) / 2 : 1;
    }
  });
  return threshold;
}

function round(value: number): number {
  return Math.round(value * 1e3) / 1e3;
}
