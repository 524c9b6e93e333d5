import { createRequire } from 'node:module';
import { trainIntentClassifier } from '../../src/engine/nlu/intent/index.ts';
import type { TrainingExample } from '../../src/engine/nlu/types.ts';
import { createTokenizer } from '../../src/engine/text/tokenize.ts';
import type { Locale } from '../../src/engine/types.ts';
import type { PackDefinition } from '../../src/engine/pack.ts';
import { percentile } from './statistics.ts';

export interface LabelledPhrase extends TrainingExample {
  locale: Locale;
}

export interface IntentRunResult {
  name: string;
  trainMs: number;
  accuracy: number;
  accuracyByLocale: Record<Locale, number>;
  classifyP50Ms: number;
  classifyP99Ms: number;
}

/** The pack's intent phrases (both languages) and FAQ questions (label `faq`), as `trainingExamples` builds them, with their locale. */
export function packPhrases(pack: PackDefinition<unknown>): LabelledPhrase[] {
  const phrases: LabelledPhrase[] = [];
  for (const [label, byLocale] of Object.entries(pack.intents)) {
    for (const locale of ['zh', 'en'] as const) for (const text of byLocale[locale]) phrases.push({ text, label, locale });
  }
  for (const doc of pack.knowledge) for (const text of doc.questions) phrases.push({ text, label: 'faq', locale: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en' });
  return phrases;
}

/**
 * Deterministic stratified split: within each (label, locale) group every fifth phrase (positions 2, 7, 12 …) is held
 * out, so 20 % of each intent in each language is test data and no phrase is in both halves. Nothing is tuned on it.
 */
export function splitPhrases(phrases: LabelledPhrase[]): { train: LabelledPhrase[]; test: LabelledPhrase[] } {
  const positions = new Map<string, number>();
  const train: LabelledPhrase[] = [];
  const test: LabelledPhrase[] = [];
  for (const phrase of phrases) {
    const group = `${phrase.label}\u0000${phrase.locale}`;
    const position = positions.get(group) ?? 0;
    positions.set(group, position + 1);
    (position % 5 === 2 ? test : train).push(phrase);
  }
  return { train, test };
}

function score(name: string, trainMs: number, test: LabelledPhrase[], predictions: string[], latencies: number[]): IntentRunResult {
  const correct = (locale?: Locale) => {
    const rows = test.map((phrase, index) => ({ phrase, predicted: predictions[index] })).filter((row) => !locale || row.phrase.locale === locale);
    return rows.filter((row) => row.predicted === row.phrase.label).length / rows.length;
  };
  const sorted = [...latencies].sort((x, y) => x - y);
  return { name, trainMs, accuracy: correct(), accuracyByLocale: { zh: correct('zh'), en: correct('en') }, classifyP50Ms: percentile(sorted, 50), classifyP99Ms: percentile(sorted, 99) };
}

/** Lingxi's intent classifier: trained on `train`, top-ranked label on `test` (text only, no locale hint). */
export function runLingxiIntents(train: LabelledPhrase[], test: LabelledPhrase[]): IntentRunResult {
  const tokenizer = createTokenizer();
  const started = performance.now();
  const classifier = trainIntentClassifier(train.map(({ text, label }) => ({ text, label })), {}, { tokenizer });
  const trainMs = performance.now() - started;
  const latencies: number[] = [];
  const predictions = test.map((phrase) => {
    const at = performance.now();
    const prediction = classifier.classify(phrase.text);
    latencies.push(performance.now() - at);
    return prediction.ranking[0]?.label ?? prediction.label ?? 'none';
  });
  return score('Lingxi intent classifier', trainMs, test, predictions, latencies);
}

interface NlpManagerLike {
  addDocument(locale: string, text: string, intent: string): void;
  train(): Promise<void>;
  classify(locale: string, text: string): Promise<{ classifications: Array<{ intent: string; score: number }> }>;
}

/** NLP.js (node-nlp 4) NlpManager on the same split: one model per language, given each phrase's true locale. */
export async function runNlpJsIntents(train: LabelledPhrase[], test: LabelledPhrase[]): Promise<IntentRunResult | null> {
  let NlpManager: new (settings: Record<string, unknown>) => NlpManagerLike;
  try {
    ({ NlpManager } = createRequire(import.meta.url)('node-nlp') as { NlpManager: typeof NlpManager });
  } catch {
    return null;
  }
  const started = performance.now();
  const manager = new NlpManager({ languages: ['zh', 'en'], forceNER: false, autoSave: false, autoLoad: false, nlu: { log: false } });
  for (const phrase of train) manager.addDocument(phrase.locale, phrase.text, phrase.label);
  await manager.train();
  const trainMs = performance.now() - started;
  const latencies: number[] = [];
  const predictions: string[] = [];
  for (const phrase of test) {
    const at = performance.now();
    const result = await manager.classify(phrase.locale, phrase.text);
    latencies.push(performance.now() - at);
    predictions.push(result.classifications[0]?.intent ?? 'None');
  }
  return score('NLP.js 4 (node-nlp NlpManager)', trainMs, test, predictions, latencies);
}
