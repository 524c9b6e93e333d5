import WebSocket from 'ws';

const questions = ['你好', '退货政策是什么？', 'How long does shipping take?', '运费怎么算？', 'Can I get an invoice?', '可以开发票吗？', 'What payment methods do you accept?', '怎么修改收货地址？'];

export interface CustomerStats {
  customerId: string;
  conversationId: string | null;
  /** Messages created by this client (each with its own client id). */
  sent: number;
  /** Frames sent, retries included. */
  transmissions: number;
  /** clientId → every seq an ack reported for it (a retry of a committed message is acked again, with the same seq). */
  acks: Map<string, number[]>;
  duplicateAcks: number;
  /** seq → how many times a message with it arrived, over every connection. */
  deliveries: Map<number, number>;
  connections: number;
  /** Acks received before / after the crash. */
  ackedBeforeCrash: number;
}

/**
 * A widget customer that behaves as the protocol asks (docs/service.md): one message in flight, resend it with the
 * same client id until acknowledged, and reconnect after any drop with `afterSeq` = the highest seq seen.
 * Bounded: gives up reconnecting after `maxConnections`.
 */
export function createResilientCustomer(options: { url: () => string; tenantKey: string; customerId: string; messages: number; intervalMs: number; maxConnections?: number }) {
  const stats: CustomerStats = {
    customerId: options.customerId, conversationId: null, sent: 0, transmissions: 0, acks: new Map(), duplicateAcks: 0, deliveries: new Map(), connections: 0, ackedBeforeCrash: 0,
  };
  const pending: Array<{ clientId: string; text: string }> = [];
  let stopped = false;
  let socket: WebSocket | null = null;
  let loop: Promise<void> = Promise.resolve();
  let resumeToken: string | undefined;
  const maxSeen = () => Math.max(0, ...stats.deliveries.keys());
  const done = () => stats.sent >= options.messages && pending.length === 0;

  function nextMessage() {
    if (!pending.length && stats.sent < options.messages) {
      const index = stats.sent++;
      pending.push({ clientId: `${options.customerId}-m${index}`, text: questions[index % questions.length] });
    }
    return pending[0];
  }

  /** One connection: resolves when the socket closes, with whether the server welcomed it. */
  function connect(): Promise<boolean> {
    return new Promise((resolve) => {
      stats.connections++;
      const ws = new WebSocket(options.url());
      socket = ws;
      let inFlight: string | null = null;
      let welcomed = false;
      let timer: NodeJS.Timeout | undefined;
      const sendNext = () => {
        clearTimeout(timer);
        if (stopped || ws.readyState !== ws.OPEN) return;
        const message = nextMessage();
        if (!message) return;
        inFlight = message.clientId;
        stats.transmissions++;
        ws.send(JSON.stringify({ type: 'message', ...message }));
        // No ack in 10 s: treat the connection as dead and resume on a new one.
        timer = setTimeout(() => ws.terminate(), 10_000);
      };
      ws.on('open', () => ws.send(JSON.stringify({
        type: 'hello', tenantKey: options.tenantKey, customerId: options.customerId, afterSeq: maxSeen(), ...(stats.conversationId ? { conversationId: stats.conversationId } : {}),
        // Like the widget: the resume token from the last welcome proves this client owns the customer id (issue 23, D7).
        ...(resumeToken ? { resumeToken } : {}),
      })));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'welcome') {
          welcomed = true;
          stats.conversationId = frame.conversationId;
          resumeToken = frame.resumeToken;
          sendNext();
        } else if (frame.type === 'message') {
          stats.deliveries.set(frame.message.seq, (stats.deliveries.get(frame.message.seq) ?? 0) + 1);
        } else if (frame.type === 'ack') {
          stats.acks.set(frame.clientId, [...(stats.acks.get(frame.clientId) ?? []), frame.seq]);
          if (frame.duplicate) stats.duplicateAcks++;
          if (pending[0]?.clientId === frame.clientId) pending.shift();
          if (frame.clientId === inFlight) {
            inFlight = null;
            clearTimeout(timer);
            timer = setTimeout(sendNext, options.intervalMs);
          }
        } else if (frame.type === 'error' && frame.clientId && frame.clientId === inFlight) {
          clearTimeout(timer);
          timer = setTimeout(sendNext, 300);
        }
      });
      ws.on('error', () => {});
      ws.on('close', () => {
        clearTimeout(timer);
        resolve(welcomed);
      });
    });
  }

  return {
    stats,
    done,
    /** Starts the connect–reconnect loop (runs until `stop`). */
    start() {
      loop = (async () => {
        // Back off while the server is down (150 ms doubling to 1 s); a welcome resets it.
        let failures = 0;
        while (!stopped && stats.connections < (options.maxConnections ?? 1000)) {
          const welcomed = await connect();
          failures = welcomed ? 0 : failures + 1;
          if (!stopped) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 150 * 2 ** failures)));
        }
      })();
    },
    /** Marks the acks received so far as "before the crash". */
    markCrash() {
      stats.ackedBeforeCrash = stats.acks.size;
    },
    maxSeen,
    async stop() {
      stopped = true;
      socket?.close();
      await loop;
    },
  };
}

export type ResilientCustomer = ReturnType<typeof createResilientCustomer>;
