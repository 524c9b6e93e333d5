import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpTransport, createWebSocketTransport, type TransportEvent } from '../../web/widget/transport.ts';

/**
 * Issue 23, L7: the widget dropped a message from its outbox on `unavailable` / `internal`; it now retries with
 * backoff, keeping the clientId (the server stores a clientId once). Validation errors still drop the message.
 */
class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket;
  readyState = 1;
  sent: Array<Record<string, unknown>> = [];
  onopen?: () => void;
  onmessage?: (event: { data: string }) => void;
  onclose?: (event: { code: number }) => void;
  constructor(readonly url: string) {
    FakeSocket.last = this;
    setTimeout(() => this.onopen?.(), 0);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {}
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const hello = () => ({ tenantKey: 'wk', afterSeq: 0, locale: 'zh' as const });

describe('widget outbox retries', () => {
  it('WebSocket: resends the same clientId after unavailable and internal errors, not after a validation error', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    const events: TransportEvent[] = [];
    const transport = createWebSocketTransport({ server: 'http://lingxi.test', hello, emit: (event) => events.push(event) });
    transport.start();
    await vi.advanceTimersByTimeAsync(1);
    const socket = FakeSocket.last;
    socket.receive({ type: 'welcome', conversationId: 'c', customerId: 'u', owner: 'bot', lastSeq: 1 });
    transport.send('m1', '你好');
    transport.send('m2', 'bad');
    const sends = (clientId: string) => socket.sent.filter((frame) => frame.type === 'message' && frame.clientId === clientId).length;
    expect([sends('m1'), sends('m2')]).toEqual([1, 1]);
    socket.receive({ type: 'error', code: 'unavailable', message: 'database down', clientId: 'm1' });
    socket.receive({ type: 'error', code: 'validation_failed', message: 'too long', clientId: 'm2' });
    await vi.advanceTimersByTimeAsync(2_000);
    expect([sends('m1'), sends('m2')]).toEqual([2, 1]);
    socket.receive({ type: 'error', code: 'internal', message: 'oops', clientId: 'm1' });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(sends('m1')).toBe(3);
    socket.receive({ type: 'ack', clientId: 'm1', seq: 2 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sends('m1')).toBe(3);
    transport.stop();
  });

  it('HTTP: posts the same clientId again after a 503, until it is acknowledged', async () => {
    vi.useFakeTimers();
    const posts: string[] = [];
    let failures = 1;
    const respond = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    vi.stubGlobal('fetch', async (url: string, init?: { method?: string; body?: string }) => {
      if (url.endsWith('/v1/widget/conversations')) return respond(200, { token: 't', resumeToken: 'r', conversationId: 'c', customerId: 'u', owner: 'bot', lastSeq: 1, created: true, messages: [] });
      if (url.includes('/messages') && init?.method === 'POST') {
        posts.push(JSON.parse(init.body!).clientId);
        return failures-- > 0 ? respond(503, { error: 'unavailable', message: 'database down' }) : respond(200, { ack: { clientId: 'm1', seq: 2, duplicate: false }, messages: [] });
      }
      return new Promise(() => {});
    });
    const events: TransportEvent[] = [];
    const transport = createHttpTransport({ server: 'http://lingxi.test', hello, emit: (event) => events.push(event) });
    transport.start();
    await vi.advanceTimersByTimeAsync(1);
    transport.send('m1', 'hello');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(posts).toEqual(['m1', 'm1']);
    expect(events.some((event) => event.type === 'ack' && event.clientId === 'm1')).toBe(true);
    transport.stop();
  });
});
