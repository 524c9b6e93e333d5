import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus, LiveEvent } from './bus.ts';
import { createInProcessBus } from './in-process-bus.ts';

export interface RedisBusOptions {
  /** redis://… of the shared Redis. */
  url: string;
  /** Prefix of the channel name, shared by every node of one deployment (default `lingxi:`). */
  prefix?: string;
  onListenerError?: (error: unknown) => void;
  /** Connection problems (Redis restarts, network); the clients reconnect by themselves. */
  onConnectionError?: (error: unknown) => void;
}

/** What travels over Redis: the event, its topic and the node that published it (to skip its own echo). */
interface Envelope {
  origin: string;
  topic: string;
  event: LiveEvent;
}

/**
 * Bus across nodes on Redis pub/sub (the Socket.IO Redis adapter's model): every node subscribes to one channel
 * `<prefix>bus` before it serves, publishes every event there and delivers what it receives to its local listeners.
 * Local listeners are called at once (no round trip, same behaviour as the in-process bus); the node skips its own
 * echo by origin id. One channel instead of one per topic means a subscription can never lag behind a socket's
 * `subscribe` call, so nothing published after `subscribe` returns is missed while Redis is up. Delivery stays
 * at-most-once (a node that is down misses events): listeners that must not miss anything re-read the store by seq.
 */
export async function createRedisBus(options: RedisBusOptions): Promise<Bus & { nodeId: string }> {
  const channel = `${options.prefix ?? 'lingxi:'}bus`;
  const nodeId = randomUUID();
  const local = createInProcessBus({ onListenerError: options.onListenerError });
  // The publisher fails fast while Redis is down (the caller answers 503); the subscriber keeps its offline queue so that
  // it re-subscribes when Redis is back.
  const publisher = new Redis(options.url, { enableAutoPipelining: true, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  const subscriber = new Redis(options.url, { lazyConnect: true });
  for (const client of [publisher, subscriber]) client.on('error', (error) => options.onConnectionError?.(error));
  await Promise.all([publisher.connect(), subscriber.connect()]);
  subscriber.on('message', (_channel: string, raw: string) => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch (error) {
      options.onListenerError?.(error);
      return;
    }
    if (envelope.origin !== nodeId) void local.publish(envelope.topic, envelope.event);
  });
  // ioredis re-subscribes on reconnect by itself (autoResubscribe).
  await subscriber.subscribe(channel);
  let closed = false;
  return {
    nodeId,
    async publish(topic, event) {
      await local.publish(topic, event);
      if (closed) return;
      const envelope: Envelope = { origin: nodeId, topic, event };
      // Not awaited: one connection keeps the order, and a Redis hiccup must not hold up the turn that published
      // (other nodes' listeners recover from the store, as after any missed event).
      publisher.publish(channel, JSON.stringify(envelope)).catch((error: unknown) => options.onConnectionError?.(error));
    },
    subscribe: (topic, listener) => local.subscribe(topic, listener),
    async close() {
      if (closed) return;
      closed = true;
      await local.close();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
