import { readFile } from 'node:fs/promises';
import type { EcommerceDb, Order, Product, StorePolicy, User } from './types.ts';
import { LingxiError } from '../../../engine/errors.ts';

/** Demo stores bundled with the pack. `tau-retail` is τ-bench retail (MIT, see its README); `store-zh` is ours. */
export const STORE_NAMES = ['tau-retail', 'store-zh'] as const;
export type StoreName = (typeof STORE_NAMES)[number];

type RawStore = { users: Record<string, User>; orders: Record<string, Order>; products: Record<string, Product>; policy?: StorePolicy };
const cache = new Map<StoreName, RawStore>();

async function readBundled(name: StoreName): Promise<RawStore> {
  const cached = cache.get(name);
  if (cached) return cached;
  // Read (not `import`) the JSON: typing 2 MB of JSON literals would slow the type checker for nothing.
  const read = async (file: string) => JSON.parse(await readFile(new URL(`../data/${name}/${file}.json`, import.meta.url), 'utf8'));
  const [users, orders, products] = await Promise.all([read('users'), read('orders'), read('products')]);
  // The after-sales time limits the store's policy document states, as data the tools enforce.
  const policy = await read('policy').catch(() => undefined);
  const raw = { users, orders, products, ...(policy ? { policy } : {}) } as RawStore;
  cache.set(name, raw);
  return raw;
}

/** A fresh, independent copy of a bundled demo store (tools mutate it). */
export async function loadStore(name: string): Promise<EcommerceDb> {
  if (!STORE_NAMES.includes(name as StoreName)) {
    throw new LingxiError('not_found', `Unknown demo store "${name}". Choose one of: ${STORE_NAMES.join(', ')}.`);
  }
  const raw = await readBundled(name as StoreName);
  return {
    currency: name === 'store-zh' ? 'CNY' : 'USD',
    users: structuredClone(raw.users),
    orders: structuredClone(raw.orders),
    products: structuredClone(raw.products),
    tickets: [],
    ...(raw.policy ? { policy: { ...raw.policy } } : {}),
  };
}

/** Builds a store from plain JSON (e.g. a replay's `--db` folder) after a shape check. */
export function storeFromJson(json: { users: unknown; orders: unknown; products: unknown }, currency: 'USD' | 'CNY' = 'USD'): EcommerceDb {
  for (const key of ['users', 'orders', 'products'] as const) {
    const value = json[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new LingxiError('malformed_file', `${key}.json must be a JSON object keyed by id`);
    }
  }
  return { currency, users: structuredClone(json.users) as EcommerceDb['users'], orders: structuredClone(json.orders) as EcommerceDb['orders'], products: structuredClone(json.products) as EcommerceDb['products'], tickets: [] };
}
