import type { PackDefinition } from '../engine/pack.ts';
import type { Locale } from '../engine/types.ts';

/**
 * The industry packs Lingxi ships. Each entry loads the pack definition and the demo backend its tools run on.
 * Adding a pack = one folder under src/packs/<name>/ and one line here.
 */
export interface PackModule {
  name: string;
  /** One line for listings and the admin UI. */
  description: { zh: string; en: string };
  load(): Promise<PackDefinition<unknown>>;
  /** A fresh copy of the pack's demo backend (`db` picks one when the pack has several). */
  loadData(options: { db?: string; locale?: Locale }): Promise<unknown>;
}

export const PACK_MODULES: Record<string, PackModule> = {
  ecommerce: {
    name: 'ecommerce',
    description: { zh: '电商零售：订单、物流、退换货、售后维修', en: 'E-commerce and retail: orders, delivery, returns, after-sales repair' },
    load: async () => (await import('./ecommerce/pack.ts')).loadEcommercePack() as Promise<PackDefinition<unknown>>,
    loadData: async ({ db, locale }) => (await import('./ecommerce/store/load-store.ts')).loadStore(db ?? (locale === 'en' ? 'tau-retail' : 'store-zh')),
  },
};

const loaded = new Map<string, Promise<PackDefinition<unknown>>>();

/** A pack's definition, loaded once per process (definitions are read-only; backends are not cached). */
export function loadPack(name: string): Promise<PackDefinition<unknown>> {
  let pack = loaded.get(name);
  if (!pack) {
    pack = PACK_MODULES[name].load();
    loaded.set(name, pack);
    pack.catch(() => loaded.delete(name));
  }
  return pack;
}

export function packNames(): string[] {
  return Object.keys(PACK_MODULES);
}
