import { describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../engine/dialogue/types.ts';
import { defaultTenantSettings } from '../demo-seed.ts';
import type { TenantContent } from '../storage/store.ts';
import { createEngineRegistry, type EngineFactory } from './engine-registry.ts';

/** A fake engine that says which packs and content it was built with; builds take `delay` ms. */
function fakeFactory(delay: number) {
  const built: string[] = [];
  const factory: EngineFactory = async (options) => {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const label = `${options.packs.join('+')}:${options.content?.articles.length ?? 0}`;
    built.push(label);
    return { label } as unknown as ConversationEngine;
  };
  return { factory, built };
}

const labelOf = (engine: ConversationEngine) => (engine as unknown as { label: string }).label;
const settings = (packs: string[]) => ({ ...defaultTenantSettings(), packs, locale: 'zh' as const, tone: 'warm' as const });

describe('engine registry', () => {
  it('keeps answering with the previous engine while new content trains, but never with another pack after a pack switch', async () => {
    const { factory } = fakeFactory(30);
    let articles = 1;
    const content = async (): Promise<TenantContent> => ({
      version: articles,
      articles: Array.from({ length: articles }, (_, index) => ({ id: `a${index}`, title: 't', body: 'b', locale: 'zh', questions: [], tags: [] })) as unknown as TenantContent['articles'],
      phrases: [],
    });
    const registry = createEngineRegistry(factory, { loadContent: content });
    const tenant = { id: 't1', settings: settings(['ecommerce']), contentVersion: 1 };
    expect(labelOf(await registry.forTenant(tenant))).toBe('ecommerce:1');

    // New content, same packs: the live engine answers at once, the new one replaces it when trained.
    articles = 2;
    expect(labelOf(await registry.forTenant({ ...tenant, contentVersion: 2 }))).toBe('ecommerce:1');
    await registry.settled('t1');
    expect(labelOf(await registry.forTenant({ ...tenant, contentVersion: 2 }))).toBe('ecommerce:2');

    // Pack switch: the logistics engine is awaited, then e-commerce again is awaited too (not the logistics one).
    expect(labelOf(await registry.forTenant({ ...tenant, settings: settings(['logistics']), contentVersion: 2 }))).toBe('logistics:2');
    expect(labelOf(await registry.forTenant({ ...tenant, contentVersion: 2 }))).toBe('ecommerce:2');
  });

  it('shares one engine between tenants of the same configuration without content', async () => {
    const { factory, built } = fakeFactory(5);
    const registry = createEngineRegistry(factory, { loadContent: async () => ({ version: 0, articles: [], phrases: [] }) });
    const [a, b] = await Promise.all([
      registry.forTenant({ id: 'a', settings: settings(['travel']), contentVersion: 0 }),
      registry.forTenant({ id: 'b', settings: settings(['travel']), contentVersion: 0 }),
    ]);
    expect(a).toBe(b);
    expect(built).toEqual(['travel:0']);
  });
});
