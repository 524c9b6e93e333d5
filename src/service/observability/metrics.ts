import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one service instance (its own registry, so tests can build several apps). */
export interface ServiceMetrics {
  registry: Registry;
  messages: Counter<'author' | 'channel'>;
  turnSeconds: Histogram<'owner'>;
  engineOutcomes: Counter<'outcome'>;
  conversationsByOwner: Gauge<'owner'>;
  jobs: Gauge<'state'>;
  sockets: Gauge<'kind'>;
}

export function createServiceMetrics(collect: { owners: () => Promise<Record<string, number>>; jobs: () => Record<string, number> }): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lingxi_' });
  return {
    registry,
    messages: new Counter({ name: 'lingxi_messages_total', help: 'Messages stored, by author and channel', labelNames: ['author', 'channel'], registers: [registry] }),
    turnSeconds: new Histogram({
      name: 'lingxi_turn_seconds', help: 'Customer message to committed reply (engine + storage)', labelNames: ['owner'], registers: [registry],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    engineOutcomes: new Counter({ name: 'lingxi_engine_outcomes_total', help: 'Engine turns by outcome (answered, fallback, handoff, error)', labelNames: ['outcome'], registers: [registry] }),
    conversationsByOwner: new Gauge({
      name: 'lingxi_conversations', help: 'Conversations by owner state (queued = waiting for an agent)', labelNames: ['owner'], registers: [registry],
      async collect() {
        for (const [owner, count] of Object.entries(await collect.owners())) this.set({ owner }, count);
      },
    }),
    jobs: new Gauge({
      name: 'lingxi_jobs', help: 'Background jobs by state', labelNames: ['state'], registers: [registry],
      collect() {
        for (const [state, count] of Object.entries(collect.jobs())) this.set({ state }, count);
      },
    }),
    sockets: new Gauge({ name: 'lingxi_websockets', help: 'Open WebSocket connections', labelNames: ['kind'], registers: [registry] }),
  };
}
