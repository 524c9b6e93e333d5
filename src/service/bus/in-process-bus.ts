import type { Bus, LiveEvent } from './bus.ts';

/** Bus inside one process: a map of topic → listeners. A throwing listener does not affect the others. */
export function createInProcessBus(options: { onListenerError?: (error: unknown) => void } = {}): Bus {
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  return {
    async publish(topic, event) {
      for (const listener of [...(listeners.get(topic) ?? [])]) {
        try {
          listener(event);
        } catch (error) {
          options.onListenerError?.(error);
        }
      }
    },
    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(topic);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
