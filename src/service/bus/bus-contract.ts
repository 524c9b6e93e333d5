import { describe, it, expect, afterEach } from 'vitest';
import { eventually } from '../testing/eventually.ts';
import type { Bus, LiveEvent } from './bus.ts';

const typing = (conversationId: string, on: boolean): LiveEvent => ({ kind: 'typing', tenantId: 't1', conversationId, author: 'agent', on });

/**
 * Behaviour every Bus implementation shares (house style §4). `cluster`, when given, creates two buses that stand for
 * two nodes of one deployment: an event published on one reaches the other's listeners exactly once.
 */
export function runBusContract(name: string, options: { create: () => Promise<Bus>; cluster?: () => Promise<[Bus, Bus]> }): void {
  describe(`Bus contract: ${name}`, () => {
    const open: Bus[] = [];
    const create = async () => {
      const bus = await options.create();
      open.push(bus);
      return bus;
    };
    afterEach(async () => {
      for (const bus of open.splice(0)) await bus.close();
    });

    it('delivers events to the listeners of their topic only, in publish order, as plain data', async () => {
      const bus = await create();
      const seen: LiveEvent[] = [];
      const other: LiveEvent[] = [];
      bus.subscribe('conversation:a', (event) => seen.push(event));
      bus.subscribe('conversation:b', (event) => other.push(event));
      for (let index = 0; index < 5; index++) await bus.publish('conversation:a', typing('a', index % 2 === 0));
      await eventually(() => expect(seen.map((event) => event.kind === 'typing' && event.on)).toEqual([true, false, true, false, true]));
      expect(JSON.parse(JSON.stringify(seen[0]))).toEqual(seen[0]);
      expect(other).toEqual([]);
    });

    it('stops delivering after unsubscribe and keeps the other listeners', async () => {
      const bus = await create();
      const first: LiveEvent[] = [];
      const second: LiveEvent[] = [];
      const unsubscribe = bus.subscribe('tenant:t1', (event) => first.push(event));
      bus.subscribe('tenant:t1', (event) => second.push(event));
      unsubscribe();
      await bus.publish('tenant:t1', typing('x', true));
      await eventually(() => expect(second).toHaveLength(1));
      expect(first).toEqual([]);
    });

    it('isolates a throwing listener from the others', async () => {
      const bus = await create();
      const seen: LiveEvent[] = [];
      bus.subscribe('tenant:t1', () => {
        throw new Error('listener bug');
      });
      bus.subscribe('tenant:t1', (event) => seen.push(event));
      await bus.publish('tenant:t1', typing('x', true));
      await eventually(() => expect(seen).toHaveLength(1));
    });

    it.skipIf(!options.cluster)('fans out between nodes: each listener on either node sees each event exactly once', async () => {
      const [nodeA, nodeB] = await options.cluster!();
      open.push(nodeA, nodeB);
      const onA: LiveEvent[] = [];
      const onB: LiveEvent[] = [];
      nodeA.subscribe('conversation:c', (event) => onA.push(event));
      nodeB.subscribe('conversation:c', (event) => onB.push(event));
      await nodeA.publish('conversation:c', typing('c', true));
      await nodeB.publish('conversation:c', typing('c', false));
      // Order holds per publisher; between two publishers each node may see its own event first.
      const states = (events: LiveEvent[]) => events.map((event) => event.kind === 'typing' && event.on).sort();
      await eventually(() => {
        expect(states(onA)).toEqual([false, true]);
        expect(states(onB)).toEqual([false, true]);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(onA).toHaveLength(2);
      expect(onB).toHaveLength(2);
      const ordered: string[] = [];
      nodeB.subscribe('conversation:d', (event) => ordered.push(event.conversationId));
      for (let index = 0; index < 20; index++) await nodeA.publish('conversation:d', typing(`d${index}`, true));
      await eventually(() => expect(ordered).toEqual(Array.from({ length: 20 }, (_, index) => `d${index}`)));
    });
  });
}
