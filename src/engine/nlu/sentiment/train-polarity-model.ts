import type { Tokenizer } from '../../text/tokenize.ts';
import { sentimentFeatures } from './sentiment-features.ts';
import type { BinaryLinearModel } from './sentiment-model.ts';
import { trainBinaryLogistic, type TrainLogisticOptions } from './train-logistic.ts';

/** Hyper-parameters of the shipped Chinese polarity model, chosen on the dev split (scripts/train-sentiment.ts). */
export const POLARITY_TRAINING: TrainLogisticOptions = { epochs: 6, learningRate: 0.15, l2: 0, minCount: 2, maxFeatures: 100_000, seed: 20261125 };

/**
 * Trains a polarity model from labelled texts (1 positive, 0 negative) with the shipped recipe, so that
 * `lingxi eval sentiment --train` and the training script produce the same kind of model.
 */
export function trainPolarityModel(
  examples: ReadonlyArray<{ text: string; label: 0 | 1 }>,
  tokenizer: Tokenizer,
  options: TrainLogisticOptions = {},
): BinaryLinearModel {
  const features = examples.map((example) => sentimentFeatures(example.text, tokenizer));
  return trainBinaryLogistic(features, examples.map((example) => example.label), { ...POLARITY_TRAINING, ...options });
}
