import type { Message, Owner } from '../shared/api-types.ts';

/** Who the widget is and where it resumes; read again on every (re)connect. */
export interface Hello {
  tenantKey: string;
  customerId?: string;
  hmac?: string;
  conversationId?: string;
  /** Proof that this browser was given `customerId` (without it an existing id starts as a new anonymous customer). */
  resumeToken?: string;
  afterSeq: number;
  locale: 'zh' | 'en';
}

/** What a transport reports, the same for WebSocket and HTTP. */
export type TransportEvent =
  | { type: 'welcome'; conversationId: string; customerId: string; resumeToken?: string; owner: Owner; lastSeq: number }
  | { type: 'message'; message: Message }
  | { type: 'ack'; clientId: string; seq: number }
  | { type: 'owner'; owner: Owner }
  | { type: 'typing'; author: 'agent' | 'bot'; on: boolean }
  /** Part of the bot's reply while the language model writes it (WebSocket only); `reset` drops the preview. */
  | { type: 'delta'; text: string; reset: boolean }
  | { type: 'status'; status: 'connecting' | 'online' | 'offline' }
  | { type: 'error'; code: string; message: string; clientId?: string };

/**
 * One interface for talking to the service (house style §11). Messages sent while offline wait in an outbox and are
 * resent with the same clientId after every (re)connect until acknowledged, so nothing is lost or stored twice.
 */
export interface Transport {
  readonly kind: 'websocket' | 'http';
  start(): void;
  send(clientId: string, text: string): void;
  typing(on: boolean): void;
  /** Read receipt: the customer has seen every message up to `seq`; resent after a reconnect, never moves back. */
  read(seq: number): void;
  stop(): void;
}

export interface TransportOptions {
  server: string;
  hello: () => Hello;
  emit: (event: TransportEvent) => void;
}

const backoff = (attempt: number) => Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4)) * (0.8 + Math.random() * 0.4);

/**
 * Errors after which a message is sent again, with the same clientId (the server stores it once): the service was
 * unavailable, failed unexpectedly, or asked to slow down. Other errors (validation) drop it from the outbox.
 */
export const RETRIABLE_CODES = new Set(['unavailable', 'internal', 'rate_limited']);

/** WebSocket transport: hello with afterSeq on every connect, exponential backoff, ping every 25 s. */
export function createWebSocketTransport(options: TransportOptions & { onGiveUp?: () => void }): Transport {
  const outbox = new Map<string, string>();
  const retries = new Map<string, number>();
  let readSeq = 0;
  /** Frames other than hello are refused until the welcome; a receipt before it waits for the welcome. */
  let welcomed = false;
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let everWelcomed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  const url = options.server.replace(/^http/, 'ws') + '/v1/widget/ws';
  const write = (frame: unknown) => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify(frame));

  function connect() {
    if (stopped) return;
    options.emit({ type: 'status', status: attempt === 0 && !everWelcomed ? 'connecting' : 'offline' });
    const current = new WebSocket(url);
    socket = current;
    welcomed = false;
    current.onopen = () => {
      const { afterSeq, ...hello } = options.hello();
      write({ type: 'hello', ...hello, afterSeq });
    };
    current.onmessage = (event) => {
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (frame.type === 'welcome') {
        attempt = 0;
        everWelcomed = welcomed = true;
        options.emit({ type: 'welcome', conversationId: String(frame.conversationId), customerId: String(frame.customerId), ...(typeof frame.resumeToken === 'string' ? { resumeToken: frame.resumeToken } : {}), owner: frame.owner as Owner, lastSeq: Number(frame.lastSeq) });
        options.emit({ type: 'status', status: 'online' });
        for (const [clientId, text] of outbox) write({ type: 'message', clientId, text });
        if (readSeq) write({ type: 'read', seq: readSeq });
        clearInterval(ping);
        ping = setInterval(() => write({ type: 'ping' }), 25_000);
      } else if (frame.type === 'message') options.emit({ type: 'message', message: frame.message as Message });
      else if (frame.type === 'ack') {
        outbox.delete(String(frame.clientId));
        retries.delete(String(frame.clientId));
        options.emit({ type: 'ack', clientId: String(frame.clientId), seq: Number(frame.seq) });
      } else if (frame.type === 'conversation') options.emit({ type: 'owner', owner: frame.owner as Owner });
      else if (frame.type === 'typing') options.emit({ type: 'typing', author: frame.author as 'agent' | 'bot', on: Boolean(frame.on) });
      else if (frame.type === 'delta') options.emit({ type: 'delta', text: String(frame.text ?? ''), reset: Boolean(frame.reset) });
      else if (frame.type === 'error') {
        if (typeof frame.clientId === 'string') {
          const clientId = frame.clientId;
          if (!RETRIABLE_CODES.has(String(frame.code))) outbox.delete(clientId);
          else {
            // Retry with backoff, keeping the clientId (issue 23, L7); a reconnect resends the outbox anyway.
            const tries = (retries.get(clientId) ?? 0) + 1;
            retries.set(clientId, tries);
            setTimeout(() => {
              const text = outbox.get(clientId);
              if (text !== undefined && welcomed) write({ type: 'message', clientId, text });
            }, backoff(tries - 1));
          }
        }
        options.emit({ type: 'error', code: String(frame.code), message: String(frame.message), ...(typeof frame.clientId === 'string' ? { clientId: frame.clientId } : {}) });
      }
    };
    current.onclose = (event) => {
      clearInterval(ping);
      if (socket !== current || stopped) return;
      socket = null;
      options.emit({ type: 'status', status: 'offline' });
      // 44xx: the service refused who we are (unknown key, bad HMAC) — retrying cannot help.
      if (event.code >= 4400 && event.code < 4500 && event.code !== 4429) return;
      if (!everWelcomed && attempt >= 1 && options.onGiveUp) return options.onGiveUp();
      timer = setTimeout(connect, backoff(attempt++));
    };
  }
  return {
    kind: 'websocket',
    start: connect,
    send(clientId, text) {
      outbox.set(clientId, text);
      write({ type: 'message', clientId, text });
    },
    typing: (on) => void write({ type: 'typing', on }),
    read(seq) {
      if (seq <= readSeq) return;
      readSeq = seq;
      if (welcomed) write({ type: 'read', seq });
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(ping);
      socket?.close(1000);
    },
  };
}

/** A JSON answer of the widget API (typed loosely: DOM and Node type `Response.json()` differently). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiBody = Record<string, any>;

/** HTTP fallback for networks that block WebSockets: start, send, and a long-poll loop. */
export function createHttpTransport(options: TransportOptions): Transport {
  const outbox = new Map<string, string>();
  const retries = new Map<string, number>();
  let token = '';
  let conversationId = '';
  let owner: Owner | null = null;
  let readSeq = 0;
  let readSent = 0;
  let stopped = false;
  let attempt = 0;
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(options.server + path, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const body = (await response.json().catch(() => ({}))) as ApiBody;
    if (!response.ok) throw Object.assign(new Error(body.message ?? response.statusText), { code: body.error ?? 'unavailable', status: response.status });
    return body;
  };
  const sendRead = () => {
    if (!token || readSeq <= readSent) return;
    const seq = (readSent = readSeq);
    api(`/v1/widget/conversations/${conversationId}/read`, { method: 'POST', body: JSON.stringify({ seq }) }).catch(() => (readSent = Math.min(readSent, seq - 1)));
  };
  const deliver = (messages: Message[]) => messages.forEach((message) => options.emit({ type: 'message', message }));
  const post = async (clientId: string, text: string): Promise<void> => {
    try {
      const body = await api(`/v1/widget/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientId, text }) });
      outbox.delete(clientId);
      retries.delete(clientId);
      options.emit({ type: 'ack', clientId, seq: body.ack.seq });
      deliver(body.messages);
    } catch (error) {
      const { code = 'unavailable', message = '' } = error as { code?: string; message?: string };
      if (!RETRIABLE_CODES.has(code)) outbox.delete(clientId);
      else {
        // Retry with backoff, keeping the clientId (issue 23, L7).
        const tries = (retries.get(clientId) ?? 0) + 1;
        retries.set(clientId, tries);
        setTimeout(() => {
          if (!stopped && token && outbox.has(clientId)) void post(clientId, outbox.get(clientId)!);
        }, backoff(tries - 1));
      }
      options.emit({ type: 'error', code, message, clientId });
    }
  };
  async function run() {
    while (!stopped) {
      try {
        if (!token) {
          const { afterSeq, ...hello } = options.hello();
          const body = await api('/v1/widget/conversations', { method: 'POST', body: JSON.stringify(hello) });
          token = body.token;
          conversationId = body.conversationId;
          owner = body.owner;
          options.emit({ type: 'welcome', conversationId, customerId: body.customerId, resumeToken: body.resumeToken, owner: body.owner, lastSeq: body.lastSeq });
          options.emit({ type: 'status', status: 'online' });
          deliver((body.messages as Message[]).filter((message) => message.seq > afterSeq));
          for (const [clientId, text] of outbox) await post(clientId, text);
          sendRead();
        }
        const body = await api(`/v1/widget/conversations/${conversationId}/messages?after=${options.hello().afterSeq}&waitMs=25000`);
        attempt = 0;
        deliver(body.messages);
        if (body.owner !== owner) options.emit({ type: 'owner', owner: (owner = body.owner) });
      } catch (error) {
        if ((error as { status?: number }).status === 401) token = '';
        options.emit({ type: 'status', status: 'offline' });
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt++)));
      }
    }
  }
  return {
    kind: 'http',
    start: () => void run(),
    send(clientId, text) {
      outbox.set(clientId, text);
      if (token) void post(clientId, text);
    },
    typing: (on) => void (token && api(`/v1/widget/conversations/${conversationId}/typing`, { method: 'POST', body: JSON.stringify({ on }) }).catch(() => {})),
    read(seq) {
      readSeq = Math.max(readSeq, seq);
      sendRead();
    },
    stop: () => void (stopped = true),
  };
}

/** WebSocket first; when it never gets through (proxy, firewall), switch to HTTP for the rest of the page's life. */
export function createTransport(options: TransportOptions & { prefer?: 'websocket' | 'http' }): Transport {
  if (options.prefer === 'http' || typeof WebSocket === 'undefined') return createHttpTransport(options);
  let active: Transport;
  const fallback = () => {
    active = createHttpTransport(options);
    active.start();
  };
  active = createWebSocketTransport({ ...options, onGiveUp: fallback });
  return {
    get kind() { return active.kind; },
    start: () => active.start(),
    send: (clientId, text) => active.send(clientId, text),
    typing: (on) => active.typing(on),
    read: (seq) => active.read(seq),
    stop: () => active.stop(),
  };
}
