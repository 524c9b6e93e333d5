import type { ConversationEngine } from '../../engine/dialogue/types.ts';
import type { PackEngineOptions } from '../../packs/create-pack-engine.ts';
import type { TenantSettings } from '../storage/store.ts';

export type EngineFactory = (options: PackEngineOptions) => Promise<ConversationEngine>;

/** Engines per tenant configuration. Building one may train models for seconds, so it happens once per distinct configuration. */
export interface EngineRegistry {
  get(settings: Pick<TenantSettings, 'packs' | 'locale' | 'tone'>): Promise<ConversationEngine>;
  size(): number;
}

/**
 * Caches engines by (packs, locale, tone): tenants with the same configuration share one engine (the engine is pure given
 * the state, so sharing is safe). Concurrent first requests wait on the same build. A failed build is not cached.
 */
export function createEngineRegistry(factory: EngineFactory): EngineRegistry {
  const engines = new Map<string, Promise<ConversationEngine>>();
  return {
    get(settings) {
      const key = JSON.stringify([[...settings.packs].sort(), settings.locale, settings.tone]);
      let engine = engines.get(key);
      if (!engine) {
        engine = factory({ packs: settings.packs, locale: settings.locale, tone: settings.tone });
        engines.set(key, engine);
        engine.catch(() => engines.delete(key));
      }
      return engine;
    },
    size: () => engines.size,
  };
}
