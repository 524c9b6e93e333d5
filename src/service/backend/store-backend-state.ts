import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { LingxiError } from '../../engine/errors.ts';
import type { IdGenerator } from '../../engine/ports.ts';
import type { Locale } from '../../engine/types.ts';
import { applyRecord, fromRecords, type CollectionShape } from '../../packs/backend-records.ts';
import type { BackendState, BackendWrite } from '../../packs/backend-state.ts';
import { loadPack, PACK_MODULES } from '../../packs/registry.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { PackBackendStore, WriteActor } from './pack-backend-store.ts';

/** The tenant a turn runs for, as much of it as the backends need. */
export interface BackendTenant {
  id: string;
  settings: { packs: string[]; locale: Locale };
}

export interface TurnMeta {
  conversationId: string | null;
  actor: WriteActor;
}

export interface StoreBackendState {
  /** Give this to the pack-engine composition root (`createPackEngine({ backend })`). */
  state: BackendState;
  /**
   * Runs `work` (an engine turn, or a read of the backends) on the tenant's backends: brings this node's copy up to
   * the stored version first, routes the engines' data and ids to the tenant, and stores what the tools wrote in one
   * transaction with its audit before returning. A failed store throws (nothing acknowledged) and drops this node's
   * copy, which the next turn reloads from the database.
   */
  run<T>(tenant: BackendTenant, meta: TurnMeta, work: () => Promise<T>): Promise<T>;
  /**
   * Like `run`, but the writes are stored by the caller inside its own transaction (the conversation service stores
   * them with the turn's commit, so a turn and its backend writes commit together or not at all). `writes` is null when
   * the tools wrote nothing; otherwise call `store(tx)` in the transaction and then `settle(committed)` exactly once.
   */
  turn<T>(tenant: BackendTenant, meta: TurnMeta, work: () => Promise<T>): Promise<{ result: T; writes: PendingWrites | null }>;
  /** Forgets this node's copies (tests simulate a fresh node). */
  clear(): void;
}

/** A turn's writes, not stored yet. */
export interface PendingWrites {
  /** Stores the writes and their audit in `tx`, or in a transaction of their own. */
  store(tx?: SqlExecutor): Promise<void>;
  /** After the transaction: committed = this node's copy is current; not = the copy is dropped and reloaded. */
  settle(committed: boolean): void;
}

interface Live {
  version: number;
  shape: Record<string, CollectionShape>;
  data: Record<string, unknown>;
}

interface Scope {
  tenantId: string;
  data: Map<string, Record<string, unknown>>;
  ids: IdGenerator;
  writes: BackendWrite[];
}

/** Ids fetched per round trip, and the fewest left before a turn starts (a turn creates a handful at most). */
const ID_BLOCK = 64;
const ID_RESERVE = 16;

const isJsonObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // A backend with code in it (the travel pack's weather model) cannot be stored; it is read-only and stays in memory.
  const visit = (node: unknown): boolean => typeof node === 'function' ? false
    : typeof node === 'object' && node !== null ? Object.values(node).every(visit) : true;
  return visit(value);
};

const formatId = (prefix: string, value: number) => `${prefix}_${value.toString(36).padStart(6, '0')}`;

/**
 * The store-backed {@link BackendState} of the service (issue 20). Engines are shared between tenants with the same
 * configuration (training costs seconds), so the object an engine's tools see for a pack is a router: each property
 * reads and writes the backend of the tenant whose turn is running, found through the turn's async context
 * (AsyncLocalStorage). Outside a turn (catalogue building, warm-up) it is the engine's own seed copy, never stored.
 *
 * Each node keeps the tenants' backends in memory with their version; a turn first reads the stored versions (one
 * indexed query) and loads only the records written since, so a write on another node is seen by the next turn here.
 */
export function createStoreBackendState(backends: PackBackendStore, options: { onDiscard?: (tenantId: string, packs: string[]) => void } = {}): StoreBackendState {
  const scopes = new AsyncLocalStorage<Scope>();
  const live = new Map<string, Live>();
  const loading = new Map<string, Promise<Live>>();
  const blocks = new Map<string, { next: number; end: number }>();
  const writablePacks = new Map<string, Promise<boolean>>();
  // Packs some engine bound through this state: only those are loaded for a turn (a test's scripted engine binds none).
  const bound = new Set<string>();
  const fallbackIds = { value: 0 };
  const keyOf = (tenantId: string, pack: string) => `${tenantId}\u0000${pack}`;

  const state: BackendState = {
    bind(pack, seed) {
      if (!isJsonObject(seed)) return seed;
      bound.add(pack);
      const router = {};
      const target = () => scopes.getStore()?.data.get(pack) ?? seed;
      for (const key of Object.keys(seed)) {
        Object.defineProperty(router, key, { enumerable: true, get: () => target()[key], set: (value) => void (target()[key] = value) });
      }
      // A tool adding a new top-level key would otherwise add it to the router, shared by every tenant: refuse loudly.
      return Object.preventExtensions(router);
    },
    ids: {
      next(prefix = 'id') {
        const scope = scopes.getStore();
        return scope ? scope.ids.next(prefix) : formatId(`${prefix}_local`, ++fallbackIds.value);
      },
    },
    written(write) {
      // Writes outside a turn (warm-up) land on the engine's seed copy and are not stored.
      scopes.getStore()?.writes.push(write);
    },
  };

  function writable(pack: string): Promise<boolean> {
    let known = writablePacks.get(pack);
    if (!known) {
      known = loadPack(pack).then((definition) => Object.values(definition.tools).some((tool) => tool.write));
      writablePacks.set(pack, known);
      known.catch(() => writablePacks.delete(pack));
    }
    return known;
  }

  async function load(tenant: BackendTenant, pack: string, stored: number | undefined): Promise<Live> {
    const key = keyOf(tenant.id, pack);
    const current = live.get(key);
    if (current && current.version === stored) return current;
    const pending = loading.get(key);
    if (pending) return pending;
    const work = (async () => {
      if (stored === undefined) {
        const seed = await PACK_MODULES[pack].loadData({ locale: tenant.settings.locale });
        if (!isJsonObject(seed)) throw new LingxiError('internal', `The ${pack} demo backend cannot be stored.`);
        await backends.seed(tenant.id, pack, seed);
      }
      const base = live.get(key);
      const snapshot = await backends.load(tenant.id, pack, base?.version);
      if (!snapshot) throw new LingxiError('internal', `The ${pack} backend of tenant ${tenant.id} vanished while loading.`);
      if (!base) {
        const entry = { version: snapshot.version, shape: snapshot.shape, data: fromRecords(snapshot.shape, snapshot.records.filter((record) => !record.removed)) };
        live.set(key, entry);
        return entry;
      }
      for (const record of snapshot.records) applyRecord(base.data, base.shape, record.collection, record.key, record.removed ? undefined : record.value);
      base.version = snapshot.version;
      return base;
    })();
    loading.set(key, work);
    try {
      return await work;
    } finally {
      loading.delete(key);
    }
  }

  async function idsFor(tenantId: string): Promise<IdGenerator> {
    let block = blocks.get(tenantId);
    if (!block || block.end - block.next < ID_RESERVE) {
      const first = await backends.allocateIds(tenantId, ID_BLOCK);
      block = { next: first, end: first + ID_BLOCK };
      blocks.set(tenantId, block);
    }
    const current = block;
    return {
      // Past the reserve within one turn (never seen): a random id rather than waiting or repeating one.
      next: (prefix = 'id') => (current.next < current.end ? formatId(prefix, current.next++) : `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`),
    };
  }

  function discard(tenantId: string, packs: Iterable<string>) {
    for (const pack of packs) live.delete(keyOf(tenantId, pack));
  }

  async function turn<T>(tenant: BackendTenant, meta: TurnMeta, work: () => Promise<T>): Promise<{ result: T; writes: PendingWrites | null }> {
    const packs = (await Promise.all(tenant.settings.packs.filter((pack) => bound.has(pack) && PACK_MODULES[pack]).map(async (pack) => ((await writable(pack)) ? pack : null))))
      .filter((pack): pack is string => pack !== null);
    // No stored backend behind this tenant's engine (a scripted engine in tests, read-only packs): nothing to route.
    if (!packs.length) return { result: await work(), writes: null };
    const versions = await backends.versions(tenant.id, packs);
    const data = new Map<string, Record<string, unknown>>();
    for (const pack of packs) data.set(pack, (await load(tenant, pack, versions[pack])).data);
    const scope: Scope = { tenantId: tenant.id, data, ids: await idsFor(tenant.id), writes: [] };
    let result: T;
    try {
      result = await scopes.run(scope, work);
    } catch (error) {
      // The tools may have changed this node's copy before the turn failed: it no longer matches the database.
      if (scope.writes.length) discard(tenant.id, new Set(scope.writes.map((write) => write.pack)));
      throw error;
    }
    if (!scope.writes.length) return { result, writes: null };
    const written = new Set(scope.writes.map((write) => write.pack));
    let committed: Record<string, number> = {};
    let settled = false;
    return {
      result,
      writes: {
        async store(tx) {
          committed = await backends.commit(tenant.id, { conversationId: meta.conversationId, actor: meta.actor, writes: scope.writes }, tx);
        },
        settle(ok) {
          if (settled) return;
          settled = true;
          if (!ok) {
            discard(tenant.id, written);
            options.onDiscard?.(tenant.id, [...written]);
            return;
          }
          for (const [pack, version] of Object.entries(committed)) {
            const entry = live.get(keyOf(tenant.id, pack));
            // Exactly the next version: nobody else wrote in between, the copy is current. Otherwise the next turn loads the gap.
            if (entry && version === entry.version + 1) entry.version = version;
          }
        },
      },
    };
  }

  return {
    state,
    turn,
    async run(tenant, meta, work) {
      const { result, writes } = await turn(tenant, meta, work);
      if (!writes) return result;
      try {
        await writes.store();
      } catch (error) {
        writes.settle(false);
        throw error;
      }
      writes.settle(true);
      return result;
    },
    clear() {
      live.clear();
      blocks.clear();
    },
  };
}
