import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { LingxiError, isLingxiError } from '../../../engine/errors.ts';
import { conversationTopic, type LiveEvent } from '../../bus/bus.ts';
import { openWidgetSession, type WidgetSession } from '../../conversation/widget-session.ts';
import type { Message, Tenant } from '../../storage/store.ts';
import { describeZodError } from '../zod-type-provider.ts';
import { toErrorResponse, wsCloseCodeFor } from '../error-mapping.ts';
import { messageSchema } from '../schemas.ts';
import type { ServiceContext } from '../service-context.ts';
import { widgetClientFrameSchema, type WidgetServerFrame } from './widget-protocol.ts';
import { createMessageDelivery } from './message-delivery.ts';
import { recordReadReceipt } from '../../proactive/read-receipt.ts';
import { createTtlCache } from '../../ttl-cache.ts';
import { findUnsafeInput } from '../input-guard.ts';
import { createWidgetResume } from '../../security/widget-resume.ts';
import { widgetStartsExceeded } from './widget-http.ts';

const MAX_BAD_FRAMES = 5;
const TYPING_INTERVAL_MS = 1000;

/**
 * Customer WebSocket at /v1/widget/ws. Frames are handled one at a time per socket; an `ack` is sent only after the
 * message is committed, and the messages it produced follow it. Live events are held back while a frame is in flight
 * so that the ack always comes first.
 */
export function registerWidgetSocket(app: FastifyInstance, context: ServiceContext): void {
  const frameSchema = widgetClientFrameSchema(context.config.messageMaxChars);
  const resume = createWidgetResume(context.signer);
  // Settings may change while sockets are open: a tenant is re-read at most every 5 s, once for all of this node's
  // sockets (each socket re-reading its own copy cost a query per message at a human pace, and a parsed copy per socket).
  const tenants = createTtlCache<Tenant | null>({ ttlMs: 5000 });
  context.socketTenants = tenants;
  const freshTenant = async (current: Tenant): Promise<Tenant> => (await tenants.get(current.id, () => context.store.getTenant(current.id))) ?? current;
  app.get('/v1/widget/ws', { websocket: true }, (socket: WebSocket, request) => {
    if (!context.accepting.value) {
      socket.close(1012, 'server is restarting');
      return;
    }
    context.sockets.add(socket);
    context.metrics.sockets.inc({ kind: 'widget' });
    let session: WidgetSession | null = null;
    let delivery: ReturnType<typeof createMessageDelivery> | null = null;
    let unsubscribe = () => {};
    let frames: Promise<void> = Promise.resolve();
    let badFrames = 0;
    let lastTyping = 0;
    let typingOn = false;
    let holding = false;
    const held: LiveEvent[] = [];

    // The frames of one turn (ack, the customer's message, the replies, the conversation update) are written in one
    // syscall: the TCP socket under `ws` is corked until the end of the tick. Each write is a syscall plus a wake-up of
    // the reader, a visible cost per message in the service benchmark (issue 11). `_socket` is ws's underlying socket.
    let corked = false;
    const send = (frame: WidgetServerFrame) => {
      if (socket.readyState !== socket.OPEN) return;
      const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
      if (raw && !corked) {
        corked = true;
        raw.cork();
        process.nextTick(() => {
          corked = false;
          raw.uncork();
        });
      }
      socket.send(JSON.stringify(frame));
    };
    const sendMessage = (message: Message) => send({ type: 'message', message: messageSchema.parse(message) });
    const onLive = (event: LiveEvent) => {
      // Deltas are previews of the reply being written during the turn: they cannot wait for the ack (never stored, never replayed).
      if (event.kind === 'delta') return send({ type: 'delta', conversationId: event.conversationId, text: event.text, ...(event.reset ? { reset: true } : {}) });
      // Likewise the bot's typing signal: it says the turn is being worked on, so it cannot wait for the turn's ack.
      if (event.kind === 'typing' && event.author === 'bot') return send({ type: 'typing', author: 'bot', on: event.on });
      if (holding) return void held.push(event);
      if (event.kind === 'message') void delivery?.push(event.message);
      else if (event.kind === 'conversation') send({ type: 'conversation', owner: event.conversation.owner, assigneeId: event.conversation.assigneeId });
      else if (event.kind === 'typing' && event.author !== 'customer') send({ type: 'typing', author: event.author, on: event.on });
    };
    const fail = (error: unknown, clientId?: string) => {
      const { body } = toErrorResponse(error, (errorId) => request.log.error({ err: error, errorId }, 'widget socket frame failed'));
      send({ type: 'error', code: body.error, message: body.message, ...(clientId ? { clientId } : {}) });
    };

    async function handle(raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) {
      let data: unknown;
      try {
        if (isBinary) throw new Error('binary');
        data = JSON.parse(raw.toString());
      } catch {
        badFrames++;
        fail(new LingxiError('validation_failed', 'Frames must be JSON text, e.g. {"type":"hello","tenantKey":"…"}.'));
        if (badFrames >= MAX_BAD_FRAMES) socket.close(4400, 'too many invalid frames');
        return;
      }
      const unsafe = findUnsafeInput(data, 'frame');
      if (unsafe) {
        badFrames++;
        fail(new LingxiError('validation_failed', `Invalid frame: ${unsafe}.`));
        if (badFrames >= MAX_BAD_FRAMES) socket.close(4400, 'too many invalid frames');
        return;
      }
      const parsed = frameSchema.safeParse(data);
      if (!parsed.success) {
        badFrames++;
        const clientId = typeof (data as { clientId?: unknown })?.clientId === 'string' ? (data as { clientId: string }).clientId : undefined;
        fail(new LingxiError('validation_failed', `Invalid frame: ${describeZodError(parsed.error, 'frame')}`), clientId);
        if (badFrames >= MAX_BAD_FRAMES) socket.close(4400, 'too many invalid frames');
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'ping') return send({ type: 'pong' });
      if (frame.type === 'hello') {
        if (session) return fail(new LingxiError('conflict', 'hello was already sent on this socket; open a new socket to switch conversations.'));
        if (context.widgetStartLimiter && !(await context.widgetStartLimiter.consume(request.ip))) {
          fail(widgetStartsExceeded(context.config.rateLimitWidgetStarts));
          socket.close(4429, 'too many starts');
          return;
        }
        try {
          session = await openWidgetSession(context.store, context.conversations, frame, resume.read);
        } catch (error) {
          fail(error);
          socket.close(isLingxiError(error) ? wsCloseCodeFor(error.code) : 1011, 'hello rejected');
          return;
        }
        const current = session;
        delivery = createMessageDelivery({ store: context.store, tenantId: current.tenant.id, conversationId: current.conversation.id, afterSeq: frame.afterSeq ?? 0, send: sendMessage });
        unsubscribe = context.bus.subscribe(conversationTopic(current.conversation.id), onLive);
        send({ type: 'welcome', conversationId: current.conversation.id, customerId: current.customer.externalId, resumeToken: resume.issue(current.tenant.id, current.customer.id), owner: current.conversation.owner, lastSeq: current.conversation.lastSeq, created: current.created });
        await delivery.backlog();
        return;
      }
      if (!session || !delivery) return fail(new LingxiError('unauthenticated', 'Send {"type":"hello","tenantKey":"…"} first.'));
      if (frame.type === 'typing') {
        // Typing is a hint: at most one change per second per socket reaches the agents (5,000 frames reached every console).
        // An "off" after a forwarded "on" always passes, so no console is left showing a customer typing.
        const now = Date.now();
        if (now - lastTyping < TYPING_INTERVAL_MS && !(typingOn && !frame.on)) return;
        lastTyping = now;
        typingOn = frame.on;
        return void context.conversations.typing(session.tenant.id, session.conversation.id, 'customer', frame.on);
      }
      if (frame.type === 'read') return void (await recordReadReceipt(context, session.tenant.id, session.conversation.id, frame.seq));
      // Per customer and per address: new anonymous customers no longer bring fresh buckets (issue 23, D4).
      if (!(await context.customerLimiter.consume(`${session.tenant.id}:${session.customer.id}`)) || (context.ipMessageLimiter && !(await context.ipMessageLimiter.consume(request.ip)))) {
        return fail(new LingxiError('rate_limited', `Too many messages: at most ${context.config.rateLimitPerCustomer} per minute; wait a moment and resend with the same clientId.`), frame.clientId);
      }
      holding = true;
      try {
        const tenant = (session.tenant = await freshTenant(session.tenant));
        // Identity enforcement switched on while this unverified socket was open: it is closed, not grandfathered (D7).
        if (tenant.settings.enforceWidgetIdentity && !session.verified) {
          fail(new LingxiError('unauthenticated', 'This shop now verifies customers: reconnect with customerId and hmac.'), frame.clientId);
          socket.close(4401, 'identity required');
          return;
        }
        const result = await context.conversations.postCustomerMessage(tenant, session.conversation.id, { clientId: frame.clientId, text: frame.text, channel: 'widget-ws' });
        send({ type: 'ack', clientId: frame.clientId, seq: result.ack.seq, duplicate: result.ack.duplicate });
      } catch (error) {
        fail(error, frame.clientId);
      } finally {
        holding = false;
        for (const event of held.splice(0)) onLive(event);
      }
    }

    socket.on('message', (raw, isBinary) => {
      frames = frames.then(() => handle(raw, isBinary)).catch((error) => fail(error));
    });
    socket.on('close', () => {
      unsubscribe();
      context.sockets.delete(socket);
      context.metrics.sockets.dec({ kind: 'widget' });
    });
    socket.on('error', () => socket.terminate());
  });
}
