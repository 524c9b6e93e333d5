import { LingxiError } from '../../engine/errors.ts';
import type { ServiceContext } from '../http/service-context.ts';

/** Highest read seq per conversation already recorded by this process (bounded), so repeated receipts write nothing. */
const recorded = new WeakMap<ServiceContext, Map<string, number>>();
const MAX_REMEMBERED = 10_000;

/**
 * A widget read receipt (WebSocket `{type:'read', seq}` or POST /v1/widget/conversations/:id/read): the customer has
 * seen every message up to `seq`. Stored as a `message.read` conversation event when it moves the read position
 * forward, and marks the conversation's sent proactive messages up to `seq` as read. A `seq` past the conversation's
 * last message is clipped to it.
 */
export async function recordReadReceipt(context: ServiceContext, tenantId: string, conversationId: string, seq: number): Promise<void> {
  let seen = recorded.get(context);
  if (!seen) recorded.set(context, (seen = new Map()));
  const previous = seen.get(conversationId) ?? 0;
  if (seq <= previous) return;
  const conversation = await context.store.getConversation(tenantId, conversationId);
  if (!conversation) throw new LingxiError('not_found', `Conversation ${conversationId} was not found.`);
  const upTo = Math.min(seq, conversation.lastSeq);
  if (upTo <= previous) return;
  seen.delete(conversationId);
  seen.set(conversationId, upTo);
  if (seen.size > MAX_REMEMBERED) seen.delete(seen.keys().next().value!);
  await context.store.appendEvent(tenantId, { type: 'message.read', conversationId, customerId: conversation.customerId, data: { seq: upTo, by: 'customer' } });
  await context.proactive?.recordRead(tenantId, conversationId, upTo);
}
