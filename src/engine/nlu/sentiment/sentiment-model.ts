import { z } from 'zod';

/**
 * A binary logistic-regression model over sparse string features: `logit = bias + Σ weights[f] · value(f)`,
 * with every present feature valued `1 / √(number of distinct features)` (see `score-linear.ts`).
 * Weights are pruned to the strongest ones so the shipped JSON stays small.
 */
export const binaryLinearModelSchema = z.object({
  kind: z.literal('binary-logistic'),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  /** Where the weights came from (data set, licence, split seed, date): shipped beside the numbers on purpose. */
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type BinaryLinearModel = z.infer<typeof binaryLinearModelSchema>;

/** A multinomial (softmax) logistic-regression model: one weight per label for every kept feature. */
export const multiclassLinearModelSchema = z.object({
  kind: z.literal('softmax-logistic'),
  labels: z.array(z.string()).min(2),
  bias: z.array(z.number()),
  weights: z.record(z.string(), z.array(z.number())),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type MulticlassLinearModel = z.infer<typeof multiclassLinearModelSchema>;

/** Everything the analyzer learns from data: the Chinese polarity model and the emotion classifier. */
export const sentimentModelSchema = z.object({
  polarity: binaryLinearModelSchema,
  emotion: multiclassLinearModelSchema,
});
export type SentimentModel = z.infer<typeof sentimentModelSchema>;

export const EMOTIONS = ['anger', 'anxiety', 'disappointment', 'satisfaction', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];
