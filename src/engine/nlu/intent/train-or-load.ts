import { createHash } from 'node:crypto';
import type { Tokenizer } from '../../text/tokenize.ts';
import type { ModelCache } from '../../ports.ts';
import type { IntentClassifier, TrainingExample } from '../types.ts';
import { loadIntentClassifier, resolveIntentConfig, trainIntentClassifier, type IntentClassifierConfig } from './intent-classifier.ts';
import { MODEL_VERSION } from './model-codec.ts';

/** Cache key: SHA-256 of the model version, the resolved config and the examples (in order). */
export function intentModelKey(examples: TrainingExample[], config: IntentClassifierConfig = {}): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ kind: 'lingxi-intent', version: MODEL_VERSION, config: resolveIntentConfig(config) }));
  for (const { text, label } of examples) hash.update(`\u0000${label}\u0001${text}`);
  return `intent-${hash.digest('hex')}`;
}

/**
 * Loads the classifier for these examples from the cache, or trains and stores it: a second start with the same
 * pack data skips training. A cached entry that no longer loads (e.g. corrupted) is retrained and overwritten.
 */
export async function trainOrLoadIntentClassifier(
  examples: TrainingExample[],
  config: IntentClassifierConfig | undefined,
  deps: { tokenizer: Tokenizer; cache: ModelCache },
): Promise<IntentClassifier> {
  const key = intentModelKey(examples, config);
  const cached = await deps.cache.get(key);
  if (cached) {
    try {
      return loadIntentClassifier(cached, deps);
    } catch {
      // fall through: retrain
    }
  }
  const classifier = trainIntentClassifier(examples, config, deps);
  await deps.cache.set(key, classifier.serialize());
  return classifier;
}
