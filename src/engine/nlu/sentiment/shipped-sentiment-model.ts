import emotion from './model/emotion.json' with { type: 'json' };
import polarity from './model/polarity-zh.json' with { type: 'json' };
import type { BinaryLinearModel, MulticlassLinearModel, SentimentModel } from './sentiment-model.ts';

/**
 * The models shipped with Lingxi, trained by `npx tsx scripts/train-sentiment.ts` (sources and licences in
 * ./model/README.md). Imported as data so the engine stays free of file I/O.
 */
export const shippedSentimentModel: SentimentModel = {
  polarity: polarity as unknown as BinaryLinearModel,
  emotion: emotion as unknown as MulticlassLinearModel,
};
