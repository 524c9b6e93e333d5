/** The engine's intent classifier: train, load, cache, and the metrics used to evaluate it. */
export { trainIntentClassifier, loadIntentClassifier, resolveIntentConfig, DEFAULT_INTENT_CONFIG, type IntentClassifierConfig } from './intent-classifier.ts';
export { trainOrLoadIntentClassifier, intentModelKey } from './train-or-load.ts';
export { classificationReport, binaryReport, quantile, type ClassificationReport } from './metrics.ts';
