import type { ConnectorStore } from './connector-store.ts';
import { createConnector, type Connector, type ConnectorDeps } from './create-connector.ts';

export interface ConnectorRegistry {
  /** The tenant's connectors, built once per revision (their breakers and concurrency caps live as long as they do). */
  forTenant(tenantId: string): Promise<Connector[]>;
  /** This node forgets the tenant's list (the admin routes call it after a change; other nodes see it within `cacheMs`). */
  forget(tenantId: string): void;
}

/**
 * Connectors per tenant for the conversation turns. The list is read on every customer turn, so it is cached for a few
 * seconds; connector objects are reused while their revision is unchanged, so a breaker that opened stays open.
 */
export function createConnectorRegistry(deps: { store: ConnectorStore; cacheMs?: number; now?: () => number } & Omit<ConnectorDeps, 'now'>): ConnectorRegistry {
  const cacheMs = deps.cacheMs ?? 3_000;
  const now = deps.now ?? Date.now;
  const lists = new Map<string, { at: number; value: Promise<Connector[]> }>();
  const built = new Map<string, Connector>();
  return {
    forTenant(tenantId) {
      const hit = lists.get(tenantId);
      if (hit && now() - hit.at < cacheMs) return hit.value;
      const value = deps.store.list(tenantId).then((configs) => configs.map((config) => {
        const key = `${config.id}@${config.revision}`;
        let connector = built.get(key);
        if (!connector) {
          for (const old of built.keys()) if (old.startsWith(`${config.id}@`)) built.delete(old);
          connector = createConnector(config, { fetch: deps.fetch, sleep: deps.sleep });
          built.set(key, connector);
        }
        return connector;
      }));
      lists.set(tenantId, { at: now(), value });
      value.catch(() => lists.delete(tenantId));
      return value;
    },
    forget(tenantId) {
      lists.delete(tenantId);
    },
  };
}
