import type { ConversationEngine } from '../../engine/dialogue/types.ts';
import type { PackContent, PackEngineOptions } from '../../packs/create-pack-engine.ts';
import type { Tenant, TenantContent, TenantSettings } from '../storage/store.ts';
import type { LlmSettings } from '../llm/llm-settings-store.ts';

/** Builds an engine; `llm` is set for tenants in LLM mode (issue 7), who need an LLM engine over the offline one. */
export type EngineFactory = (options: PackEngineOptions & { llm?: LlmSettings }) => Promise<ConversationEngine>;

type EngineSettings = Pick<TenantSettings, 'packs' | 'locale' | 'tone'>;

/** Engines per tenant configuration. Building one may train models for seconds, so it happens once per distinct configuration. */
export interface EngineRegistry {
  /** The shared engine of a configuration (packs, locale, tone) without any tenant content. */
  get(settings: EngineSettings): Promise<ConversationEngine>;
  /**
   * The tenant's engine: the shared one while the tenant has added nothing, else one built with its articles and
   * phrases. When the tenant's content version moves on, the new engine is built in the background while the previous
   * one keeps answering (no customer waits for training); the first build in a process is awaited.
   */
  forTenant(tenant: Pick<Tenant, 'id' | 'settings' | 'contentVersion'>): Promise<ConversationEngine>;
  /** Resolves when no rebuild of the tenant's engine is running (tests, the admin's "applied" indicator). */
  settled(tenantId: string): Promise<void>;
  /** The content version the tenant's live engine was built from (-1 when none is built yet). */
  liveVersion(tenantId: string): number;
  size(): number;
}

export interface EngineRegistryDeps {
  /** Loads a tenant's published articles and phrases; without it tenants always share the configuration's engine. */
  loadContent?: (tenantId: string) => Promise<TenantContent>;
  /** The tenant's LLM settings when LLM mode is on, else null; their revision is part of the engine key (a change rebuilds). */
  loadLlm?: (tenantId: string) => Promise<LlmSettings | null>;
  onRebuildError?: (tenantId: string, error: unknown) => void;
}

interface TenantEntry {
  /** Configuration + version the live engine was built for. */
  key: string;
  version: number;
  live: Promise<ConversationEngine> | null;
  building: Promise<void> | null;
  buildingKey: string | null;
}

const configKey = (settings: EngineSettings) => JSON.stringify([[...settings.packs].sort(), settings.locale, settings.tone]);
const tenantKey = (settings: EngineSettings, version: number, llm: LlmSettings | null) => `${configKey(settings)}#${version}${llm ? `#llm${llm.revision}` : ''}`;
const NO_CONTENT: TenantContent = { version: 0, articles: [], phrases: [] };

const toPackContent = (content: TenantContent): PackContent => ({
  articles: content.articles.map(({ id, title, body, locale, questions, tags }) => ({ id, title, body, locale, questions, tags })),
  phrases: content.phrases.map(({ intent, text }) => ({ intent, text })),
});

/**
 * Caches engines by (packs, locale, tone): tenants with the same configuration and no content of their own share one
 * engine (the engine is pure given the state, so sharing is safe). Tenants with content get their own engine, rebuilt
 * when `contentVersion` changes — every node sees the version on the tenant row it reads per request, so an admin's
 * change reaches all nodes without a restart. Concurrent first requests wait on the same build; a failed build is not
 * cached (the previous engine, or the shared one, keeps answering).
 */
export function createEngineRegistry(factory: EngineFactory, deps: EngineRegistryDeps = {}): EngineRegistry {
  const engines = new Map<string, Promise<ConversationEngine>>();
  const tenants = new Map<string, TenantEntry>();

  function shared(settings: EngineSettings) {
    const key = configKey(settings);
    let engine = engines.get(key);
    if (!engine) {
      engine = factory({ packs: settings.packs, locale: settings.locale, tone: settings.tone });
      engines.set(key, engine);
      engine.catch(() => engines.delete(key));
    }
    return engine;
  }

  function rebuild(tenant: Pick<Tenant, 'id' | 'settings' | 'contentVersion'>, entry: TenantEntry, wantedKey: string, llm: LlmSettings | null): Promise<void> {
    entry.buildingKey = wantedKey;
    const build = (async () => {
      const content = deps.loadContent ? await deps.loadContent(tenant.id) : NO_CONTENT;
      const hasContent = content.articles.length > 0 || content.phrases.length > 0;
      const engine = hasContent || llm
        ? await factory({ packs: tenant.settings.packs, locale: tenant.settings.locale, tone: tenant.settings.tone, ...(hasContent ? { content: toPackContent(content) } : {}), ...(llm ? { llm } : {}) })
        : await shared(tenant.settings);
      entry.live = Promise.resolve(engine);
      entry.key = tenantKey(tenant.settings, content.version, llm);
      entry.version = content.version;
    })();
    entry.building = build.catch((error) => deps.onRebuildError?.(tenant.id, error)).finally(() => {
      entry.building = null;
      entry.buildingKey = null;
    });
    return build;
  }

  return {
    get: shared,
    async forTenant(tenant) {
      const llm = (await deps.loadLlm?.(tenant.id)) ?? null;
      if (!llm && (!deps.loadContent || tenant.contentVersion === 0)) return shared(tenant.settings);
      const wantedKey = tenantKey(tenant.settings, deps.loadContent ? tenant.contentVersion : 0, llm);
      let entry = tenants.get(tenant.id);
      if (!entry) {
        entry = { key: '', version: -1, live: null, building: null, buildingKey: null };
        tenants.set(tenant.id, entry);
      }
      if (entry.key === wantedKey && entry.live) return entry.live;
      // A newer version than the one being built (or none building): start a build. Versions only grow, so a build of
      // an older version that finishes later cannot replace a newer engine for long: the next request starts another.
      // The previous engine answers meanwhile only for the same packs, locale and tone (new articles or phrases): after
      // a pack switch it would answer with the old pack's skills and data, so that build is awaited like a first one.
      const first = !entry.live || !entry.key.startsWith(`${configKey(tenant.settings)}#`);
      if (entry.buildingKey !== wantedKey) {
        const build = rebuild(tenant, entry, wantedKey, llm);
        if (first) {
          try {
            await build;
          } catch {
            return shared(tenant.settings);
          }
        }
      } else if (first) {
        await entry.building;
      }
      return entry.live ?? shared(tenant.settings);
    },
    async settled(tenantId) {
      while (tenants.get(tenantId)?.building) await tenants.get(tenantId)!.building;
    },
    liveVersion: (tenantId) => tenants.get(tenantId)?.version ?? -1,
    size: () => engines.size + [...tenants.values()].filter((entry) => entry.live).length,
  };
}
