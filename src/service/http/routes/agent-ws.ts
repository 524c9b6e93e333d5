import type {} from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { isLingxiError } from '../../../engine/errors.ts';
import { tenantTopic, type LiveEvent } from '../../bus/bus.ts';
import { requireAgent } from '../request-auth.ts';
import { toErrorResponse, wsCloseCodeFor } from '../error-mapping.ts';
import { assertSafeInput } from '../input-guard.ts';
import { conversationSchema, messageSchema, noteSchema } from '../schemas.ts';
import type { ServiceContext } from '../service-context.ts';

const agentFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), conversationId: z.string().min(1).max(100), on: z.boolean() }),
  z.object({ type: z.literal('ping') }),
]);

/** When the connecting token expires (it was verified by requireAgent just before). */
function tokenExpiry(context: ServiceContext, request: FastifyRequest): number {
  const header = request.headers.authorization;
  const query = (request.query as { token?: unknown } | undefined)?.token;
  const token = typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : typeof query === 'string' ? query : '';
  const claims = context.signer.verify(token);
  return claims?.expiresAt ?? 0;
}

/**
 * Live updates for the agent console at /v1/agent/ws?token=… (browsers cannot set headers on WebSockets).
 * Server frames: {type:'message'|'conversation'|'note'|'typing', …}; client frames: typing, ping.
 */
export function registerAgentSocket(app: FastifyInstance, context: ServiceContext): void {
  app.get('/v1/agent/ws', { websocket: true }, async (socket: WebSocket, request) => {
    if (!context.accepting.value) return socket.close(1012, 'server is restarting');
    let agent: Awaited<ReturnType<typeof requireAgent>>;
    try {
      agent = await requireAgent(context, request, undefined, { queryToken: true });
    } catch (error) {
      socket.send(JSON.stringify({ type: 'error', code: isLingxiError(error) ? error.code : 'internal', message: (error as Error).message }));
      return socket.close(isLingxiError(error) ? wsCloseCodeFor(error.code) : 1011, 'unauthenticated');
    }
    const { tenant } = agent;
    context.sockets.add(socket);
    context.metrics.sockets.inc({ kind: 'agent' });
    const send = (frame: unknown) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(frame));
    const unsubscribe = context.bus.subscribe(tenantTopic(tenant.id), (event: LiveEvent) => {
      if (event.kind === 'message') send({ type: 'message', conversationId: event.conversationId, message: messageSchema.parse(event.message) });
      else if (event.kind === 'conversation') send({ type: 'conversation', conversation: conversationSchema.parse(event.conversation) });
      else if (event.kind === 'note') send({ type: 'note', conversationId: event.conversationId, note: noteSchema.parse(event.note) });
      else if (event.kind === 'alert') {
        // Alerts are for the people who supervise the queue.
        if (agent.user.role !== 'agent') send({ type: 'alert', conversationId: event.conversationId, reason: event.reason, polarity: event.polarity });
      } else if (event.kind === 'typing' && event.author === 'customer') send({ type: 'typing', conversationId: event.conversationId, author: event.author, on: event.on });
      else if (event.kind === 'ticket') send({ type: 'ticket', change: event.change, ticket: event.ticket });
    });
    send({ type: 'welcome', userId: agent.user.id, tenantId: tenant.id });
    // Presence (issue 21): an open console means an agent who can answer; a handoff with nobody online offers a message instead.
    const presence = context.presence;
    const logPresence = (error: unknown) => request.log.warn({ err: error }, 'agent presence update failed');
    void presence?.connected(tenant.id, agent.user.id).catch(logPresence);
    const heartbeat = presence ? setInterval(() => void presence.heartbeat(tenant.id, agent.user.id).catch(logPresence), 60_000) : null;
    heartbeat?.unref();
    // The token is checked at connect; the socket must not outlive it, nor the account or its role (issue 23, L8).
    const expiresAt = tokenExpiry(context, request);
    const revoke = (code: number, reason: string, message: string) => {
      send({ type: 'error', code: code === 4401 ? 'unauthenticated' : 'forbidden', message });
      socket.close(code, reason);
    };
    const expiry = setTimeout(() => revoke(4401, 'token expired', 'Your sign-in expired; sign in again.'), Math.max(0, expiresAt - Date.now()));
    const recheck = setInterval(() => {
      void context.store.getUser(tenant.id, agent.user.id).then((current) => {
        if (!current) revoke(4401, 'account removed', 'This account no longer exists.');
        else if (current.role !== agent.user.role) revoke(4403, 'role changed', `Your role changed to ${current.role}; sign in again.`);
      }, () => {});
    }, context.config.agentSocketRecheckMs);
    socket.on('message', async (raw) => {
      let frame: z.infer<typeof agentFrameSchema>;
      try {
        const data: unknown = JSON.parse(raw.toString());
        assertSafeInput(data, 'frame');
        frame = agentFrameSchema.parse(data);
      } catch {
        return send({ type: 'error', code: 'validation_failed', message: 'Frames are JSON: {"type":"typing","conversationId":"…","on":true} or {"type":"ping"}.' });
      }
      if (frame.type === 'ping') return send({ type: 'pong' });
      try {
        if (await context.store.getConversation(tenant.id, frame.conversationId)) await context.conversations.typing(tenant.id, frame.conversationId, 'agent', frame.on);
        else send({ type: 'error', code: 'not_found', message: `Conversation ${frame.conversationId} was not found.` });
      } catch (error) {
        // A failing frame (database outage) answers an error frame; it must not become an unhandled rejection.
        const { body } = toErrorResponse(error, (errorId) => request.log.error({ err: error, errorId }, 'agent socket frame failed'));
        send({ type: 'error', code: body.error, message: body.message });
      }
    });
    socket.on('close', () => {
      clearTimeout(expiry);
      clearInterval(recheck);
      unsubscribe();
      if (heartbeat) clearInterval(heartbeat);
      void presence?.disconnected(tenant.id, agent.user.id).catch(logPresence);
      context.sockets.delete(socket);
      context.metrics.sockets.dec({ kind: 'agent' });
    });
  });
}
