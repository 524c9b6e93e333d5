import type { Message, Store } from '../../storage/store.ts';

/**
 * In-order, exactly-once delivery of a conversation's messages to one listener, by seq. Live messages from the bus
 * can arrive late, twice or with gaps (another node, a reconnect); a gap is filled from the store first.
 */
export function createMessageDelivery(options: { store: Store; tenantId: string; conversationId: string; afterSeq: number; send: (message: Message) => void }) {
  let delivered = options.afterSeq;
  let chain: Promise<void> = Promise.resolve();
  const catchUp = async (upTo: number) => {
    if (upTo <= delivered) return;
    for (const message of await options.store.listMessages(options.tenantId, options.conversationId, { afterSeq: delivered, limit: 1000 })) {
      if (message.seq !== delivered + 1) break;
      options.send(message);
      delivered = message.seq;
    }
  };
  return {
    /** Sends everything stored after the start point (call once after subscribing to the bus). */
    backlog: () => (chain = chain.then(() => catchUp(Number.MAX_SAFE_INTEGER))),
    /** A live message: sent if new, after filling any gap before it. */
    push(message: Message) {
      chain = chain.then(async () => {
        if (message.seq <= delivered) return;
        if (message.seq > delivered + 1) await catchUp(message.seq);
        if (message.seq === delivered + 1) {
          options.send(message);
          delivered = message.seq;
        }
      }).catch(() => {});
      return chain;
    },
    idle: () => chain,
    lastSeq: () => delivered,
  };
}
