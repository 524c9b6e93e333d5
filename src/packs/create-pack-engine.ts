import type { ConversationEngine } from '../engine/dialogue/types.ts';
import type { Locale, Tone } from '../engine/types.ts';
import { noCache, systemClock, createCounterIds, type Clock, type IdGenerator, type ModelCache } from '../engine/ports.ts';
import { createEngine, type EngineComponents, type EngineConfig } from '../engine/dialogue/create-engine.ts';
import { createTokenizer } from '../engine/text/tokenize.ts';
import { trainOrLoadIntentClassifier } from '../engine/nlu/intent/index.ts';
import { createEntityExtractor } from '../engine/nlu/entities/create-entity-extractor.ts';
import { createRetriever } from '../engine/knowledge/retriever.ts';
import { createSentimentAnalyzer } from '../engine/nlu/sentiment/create-sentiment-analyzer.ts';
import { LingxiError } from '../engine/errors.ts';
import type { PackDefinition } from '../engine/pack.ts';
import { loadEcommercePack } from './ecommerce/pack.ts';
import { trainingExamples } from './training-examples.ts';
import { loadStore } from './ecommerce/store/load-store.ts';
import type { EcommerceDb } from './ecommerce/store/types.ts';

export interface PackEngineOptions {
  /** Enabled packs, e.g. ['ecommerce']. */
  packs: string[];
  locale?: Locale;
  tone?: Tone;
  /** Demo backend for the pack's tools: 'tau-retail' (English store A) or 'store-zh' (Chinese store B). */
  db?: string;
  /** An already loaded backend (replays pass a fresh copy per run). */
  data?: EcommerceDb;
  clock?: Clock;
  ids?: IdGenerator;
  modelCache?: ModelCache;
  config?: Partial<EngineConfig>;
}

export interface PackEngine extends ConversationEngine {
  pack: PackDefinition<EcommerceDb>;
  data: EcommerceDb;
}

/**
 * Composition root of the offline engine (house style §2): loads the pack, its demo backend, trains (or loads
 * from cache) the intent classifier and wires extractor, sentiment and retriever into the dialogue engine.
 */
export async function createPackEngine(options: PackEngineOptions): Promise<PackEngine> {
  const unknown = options.packs.filter((name) => name !== 'ecommerce');
  if (unknown.length) throw new LingxiError('not_found', `Unknown pack(s): ${unknown.join(', ')}. Available: ecommerce.`);
  const pack = await loadEcommercePack();
  const data = options.data ?? await loadStore(options.db ?? (options.locale === 'en' ? 'tau-retail' : 'store-zh'));
  const tokenizer = createTokenizer();
  const classifier = await trainOrLoadIntentClassifier(trainingExamples(pack), {}, { tokenizer, cache: options.modelCache ?? noCache });
  const components: EngineComponents = {
    classifier,
    extractor: createEntityExtractor({ catalog: pack.catalog(data) }),
    sentiment: createSentimentAnalyzer({}, { tokenizer }),
    retriever: createRetriever({ docs: pack.knowledge }, { tokenizer }),
  };
  const engine = createEngine({
    pack, data, components, clock: options.clock ?? systemClock, ids: options.ids ?? createCounterIds(),
    config: { ...options.config, ...(options.locale ? { locale: options.locale } : {}), ...(options.tone ? { tone: options.tone } : {}) },
  });
  return { ...engine, pack, data };
}
