import { z } from 'zod';
import type { FeatureOptions } from './features.ts';
import type { ClassCosineStats, RejectionWeights } from './rejection-model.ts';

/** One vocabulary feature at prediction time: its idf and the classes it votes for. */
export interface FeatureRow {
  idf: number;
  classes: Uint16Array;
  weights: Float32Array;
}

/** Everything `classify` needs; what `serialize` writes and `loadIntentClassifier` reads. */
export interface IntentModel {
  version: number;
  labels: string[];
  features: FeatureOptions;
  bias: Float32Array;
  rows: Map<string, FeatureRow>;
  temperature: number;
  /** Rejection: `unknown` when the in-scope score of `rejection-model.ts` is below this. */
  threshold: number;
  ambiguityMargin: number;
  rejection: RejectionWeights;
  /** Per-class nearest-exemplar cosine stats of held-out in-scope utterances (the z-score feature). */
  cosineStats: ClassCosineStats;
  /** Re-ranking: `exemplarWeight` · nearest-exemplar cosine is added to the raw scores of the best `exemplarCandidates`. */
  exemplarWeight: number;
  exemplarCandidates: number;
  /** Training texts and their label indices: the nearest-neighbour evidence for rejection (vectorised at load). */
  exemplars: string[];
  exemplarLabels: number[];
}

export const MODEL_VERSION = 3;

const serializedSchema = z.object({
  version: z.literal(MODEL_VERSION),
  labels: z.array(z.string()).min(1),
  features: z.object({ wordBigrams: z.boolean(), charNgrams: z.tuple([z.number().int(), z.number().int()]) }),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
  threshold: z.number(),
  ambiguityMargin: z.number(),
  rejection: z.object({ weights: z.array(z.number()), bias: z.number() }),
  cosineStats: z.object({ mean: z.array(z.number()), deviation: z.array(z.number()) }),
  exemplarWeight: z.number().nonnegative(),
  exemplarCandidates: z.number().int().positive(),
  exemplars: z.array(z.string()),
  exemplarLabels: z.array(z.number().int().nonnegative()),
  vocabulary: z.array(z.string()),
  idf: z.array(z.number()),
  counts: z.array(z.number().int().nonnegative()),
  scale: z.number().positive(),
  classes: z.string(),
  weights: z.string(),
});

const QUANT = 32767;

/**
 * JSON with sparse weights quantised to 16 bits (per-model scale) and stored as base64: BANKING77's model is a few
 * MB instead of tens. Rounding changes scores by < 1e-4 relative, and the loaded model is the reference afterwards.
 */
export function encodeModel(model: IntentModel): string {
  const vocabulary = [...model.rows.keys()];
  let maxAbs = 1e-9;
  for (const row of model.rows.values()) for (const weight of row.weights) maxAbs = Math.max(maxAbs, Math.abs(weight));
  const scale = maxAbs / QUANT;
  let total = 0;
  for (const row of model.rows.values()) total += row.classes.length;
  const counts: number[] = [];
  const classes = new Uint16Array(total);
  const weights = new Int16Array(total);
  let offset = 0;
  for (const row of model.rows.values()) {
    counts.push(row.classes.length);
    for (let i = 0; i < row.classes.length; i++) {
      classes[offset] = row.classes[i];
      weights[offset++] = Math.round(row.weights[i] / scale);
    }
  }
  return JSON.stringify({
    version: model.version,
    labels: model.labels,
    features: model.features,
    bias: Array.from(model.bias, (b) => round(b, 5)),
    temperature: model.temperature,
    threshold: model.threshold,
    ambiguityMargin: model.ambiguityMargin,
    rejection: model.rejection,
    cosineStats: model.cosineStats,
    exemplarWeight: model.exemplarWeight,
    exemplarCandidates: model.exemplarCandidates,
    exemplars: model.exemplars,
    exemplarLabels: model.exemplarLabels,
    vocabulary,
    idf: vocabulary.map((feature) => round(model.rows.get(feature)!.idf, 4)),
    counts,
    scale,
    classes: Buffer.from(classes.buffer).toString('base64'),
    weights: Buffer.from(weights.buffer).toString('base64'),
  });
}

/** Reads {@link encodeModel}'s JSON; throws a zod error on anything else. */
export function decodeModel(json: string): IntentModel {
  const data = serializedSchema.parse(JSON.parse(json));
  const classBytes = Buffer.from(data.classes, 'base64');
  const weightBytes = Buffer.from(data.weights, 'base64');
  const classes = new Uint16Array(classBytes.buffer.slice(classBytes.byteOffset, classBytes.byteOffset + classBytes.byteLength));
  const weights = new Int16Array(weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength));
  const dequantised = Float32Array.from(weights, (q) => q * data.scale);
  const rows = new Map<string, FeatureRow>();
  let offset = 0;
  data.vocabulary.forEach((feature, i) => {
    const count = data.counts[i];
    // Views into two flat arrays: one object per row instead of a typed array and a buffer per row.
    rows.set(feature, { idf: data.idf[i], classes: classes.subarray(offset, offset + count), weights: dequantised.subarray(offset, offset + count) });
    offset += count;
  });
  return {
    version: data.version,
    labels: data.labels,
    features: data.features as FeatureOptions,
    bias: Float32Array.from(data.bias),
    rows,
    temperature: data.temperature,
    threshold: data.threshold,
    ambiguityMargin: data.ambiguityMargin,
    rejection: data.rejection,
    cosineStats: data.cosineStats,
    exemplarWeight: data.exemplarWeight,
    exemplarCandidates: data.exemplarCandidates,
    exemplars: data.exemplars,
    exemplarLabels: data.exemplarLabels,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
