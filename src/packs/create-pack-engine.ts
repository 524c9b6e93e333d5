import type { ConversationEngine } from '../engine/dialogue/types.ts';
import type { Locale, Tone } from '../engine/types.ts';
import { noCache, systemClock, type Clock, type IdentityVerifier, type IdGenerator, type ModelCache } from '../engine/ports.ts';
import { createEngine, type EngineComponents, type EngineConfig } from '../engine/dialogue/create-engine.ts';
import { composePacks, type PackBinding } from '../engine/compose-packs.ts';
import { createTokenizer } from '../engine/text/tokenize.ts';
import { intentModelKey, trainOrLoadIntentClassifier } from '../engine/nlu/intent/index.ts';
import type { IntentClassifier } from '../engine/nlu/types.ts';
import { createEntityExtractor } from '../engine/nlu/entities/create-entity-extractor.ts';
import { createRetriever } from '../engine/knowledge/retriever.ts';
import { createSentimentAnalyzer } from '../engine/nlu/sentiment/create-sentiment-analyzer.ts';
import { LingxiError } from '../engine/errors.ts';
import type { KnowledgeDoc } from '../engine/knowledge/types.ts';
import type { PackDefinition } from '../engine/pack.ts';
import { loadPack, PACK_MODULES, packNames } from './registry.ts';
import { trainingExamples } from './training-examples.ts';
import { createMemoryBackendState, withRecordedWrites, type BackendState } from './backend-state.ts';

export interface PackEngineOptions {
  /** Enabled packs, e.g. ['ecommerce'] or ['ecommerce', 'logistics']. */
  packs: string[];
  locale?: Locale;
  tone?: Tone;
  /** Demo backend of the first pack, e.g. 'tau-retail' or 'store-zh' for e-commerce. */
  db?: string;
  /** An already loaded backend for the first pack (replays pass a fresh copy per run). */
  data?: unknown;
  /** Where the backends live and their writes go (default: the seed in memory, writes not recorded; see {@link createMemoryBackendState}). */
  backend?: BackendState;
  clock?: Clock;
  ids?: IdGenerator;
  /** Checks one-time codes of tenants that require verified identity (the service's OTP verifier). */
  identity?: IdentityVerifier;
  modelCache?: ModelCache;
  config?: Partial<EngineConfig>;
  /** What a tenant adds (issue 10): knowledge articles answered like pack FAQ, and training phrases for pack intents. */
  content?: PackContent;
}

/** Tenant additions to the packs. Phrases of intents the packs do not have are ignored (the API rejects them first). */
export interface PackContent {
  articles: Array<{ id: string; title: string; body: string; locale: Locale; questions: string[]; tags: string[] }>;
  phrases: Array<{ intent: string; text: string }>;
}

/** A tenant article as a knowledge document: its title and extra questions are the ways customers ask it. */
export function articleToDoc(article: PackContent['articles'][number]): KnowledgeDoc {
  const questions = [...new Set([article.title, ...article.questions].map((question) => question.trim()).filter(Boolean))];
  return { id: article.id, locale: article.locale, title: article.title, questions, answer: article.body, source: `kb:${article.id}`, tags: article.tags };
}

export interface PackEngine extends ConversationEngine {
  /** The composed definition of the enabled packs. */
  pack: PackDefinition<unknown>;
  /** Backends by pack name. */
  data: Record<string, unknown>;
  /** Each pack (write tools reporting to the backend state) with its backend; the LLM agent runs the same tools. */
  bindings: PackBinding<unknown>[];
}

const classifiers = new Map<string, IntentClassifier>();
const MAX_SHARED_CLASSIFIERS = 32;
const extractors = new Map<string, ReturnType<typeof createEntityExtractor>>();
const analyzers = new Map<string, ReturnType<typeof createSentimentAnalyzer>>();

function cached<T>(map: Map<string, T>, key: string, create: () => T, shareable: boolean): T {
  if (!shareable) return create();
  let value = map.get(key);
  if (!value) { value = create(); map.set(key, value); }
  return value;
}

/**
 * Composition root of the offline engine (house style §2): loads the enabled packs and their demo backends,
 * trains (or loads from cache) one intent classifier over all of them and wires extractor, sentiment and
 * retriever into the dialogue engine.
 */
export async function createPackEngine(options: PackEngineOptions): Promise<PackEngine> {
  if (!options.packs.length) throw new LingxiError('validation_failed', `Enable at least one pack. Available: ${packNames().join(', ')}.`);
  const unknown = options.packs.filter((name) => !PACK_MODULES[name]);
  if (unknown.length) throw new LingxiError('not_found', `Unknown pack(s): ${unknown.join(', ')}. Available: ${packNames().join(', ')}.`);
  const backend = options.backend ?? createMemoryBackendState({ recordWrites: false });
  const bindings: PackBinding<unknown>[] = await Promise.all(options.packs.map(async (name, index) => {
    const module = PACK_MODULES[name];
    const seed = index === 0 && options.data !== undefined ? options.data : await module.loadData({ db: index === 0 ? options.db : undefined, locale: options.locale });
    const data = backend.bind(name, seed);
    const recorded = withRecordedWrites(await loadPack(name), data, backend);
    return { pack: backend.route ? backend.route(recorded, data) : recorded, data };
  }));
  const composed = composePacks(bindings);
  const tokenizer = createTokenizer();
  // The extractor indexes the catalogue (products do not change during a conversation): build it once per catalogue.
  const catalogKey = `${options.packs.join('+')}:${options.data === undefined ? options.db ?? options.locale ?? '' : 'custom'}`;
  const tenantDocs = (options.content?.articles ?? []).map(articleToDoc);
  const examples = [
    ...trainingExamples(composed.pack),
    ...(options.content?.phrases ?? []).filter((phrase) => composed.pack.intents[phrase.intent]).map((phrase) => ({ text: phrase.text, label: phrase.intent })),
    ...tenantDocs.flatMap((doc) => doc.questions.map((text) => ({ text, label: 'faq' }))),
  ];
  // A trained classifier is immutable: share it between engines of the same packs in this process.
  const modelKey = intentModelKey(examples, {});
  let classifier = classifiers.get(modelKey);
  if (!classifier) {
    classifier = await trainOrLoadIntentClassifier(examples, {}, { tokenizer, cache: options.modelCache ?? noCache });
    classifiers.set(modelKey, classifier);
    // Tenants' own phrases make classifiers of their own; keep the process's set bounded (oldest out first).
    if (classifiers.size > MAX_SHARED_CLASSIFIERS) classifiers.delete(classifiers.keys().next().value!);
  }
  const components: EngineComponents = {
    classifier,
    extractor: cached(extractors, catalogKey, () => createEntityExtractor({ catalog: composed.catalog() }), options.data === undefined),
    sentiment: cached(analyzers, 'default', () => createSentimentAnalyzer({}, { tokenizer }), true),
    retriever: createRetriever({ docs: [...composed.pack.knowledge, ...tenantDocs] }, { tokenizer }),
  };
  const engine = createEngine({
    packs: bindings, components, clock: options.clock ?? systemClock, ids: options.ids ?? backend.ids, ...(options.identity ? { identity: options.identity } : {}),
    config: { ...options.config, ...(options.locale ? { locale: options.locale } : {}), ...(options.tone ? { tone: options.tone } : {}) },
  });
  return { ...engine, pack: composed.pack, data: Object.fromEntries(bindings.map((b) => [b.pack.name, b.data])), bindings };
}
