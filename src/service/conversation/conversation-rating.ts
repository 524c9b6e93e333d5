import { LingxiError } from '../../engine/errors.ts';
import type { Conversation, Store, StoredEvent } from '../storage/store.ts';

/** How long after the first rating of a close the customer may change it (the widget's survey stays editable). */
export const RATING_EDIT_WINDOW_MS = 30 * 60_000;
/** Events read to find the last close and its ratings (a conversation's events, oldest first). */
const EVENTS_READ = 20_000;

export interface RatingInput { score: number; comment?: string }

/**
 * The customer's satisfaction rating (issue 28 item 9): one rating per close of the conversation — the survey the
 * widget shows when an agent closes it — changeable for `RATING_EDIT_WINDOW_MS` after it was first given (the later
 * rating replaces it: analytics counts the last one). Refused (409) before any close and after the window. The event
 * records the agent who held the conversation at the close (`assigneeId`), which CSAT by agent reads.
 */
export async function rateConversation(store: Store, conversation: Conversation, input: RatingInput, now = new Date()): Promise<{ edited: boolean; editableUntil: string }> {
  const events = await store.listEvents(conversation.tenantId, conversation.id, EVENTS_READ);
  const close = lastOf(events, 'conversation.closed');
  if (!close) throw new LingxiError('conflict', 'This conversation has not been closed yet; the satisfaction survey opens when it is closed.');
  const first = events.find((event) => event.type === 'conversation.rated' && Number(event.id) > Number(close.id));
  const editableUntil = new Date((first ? Date.parse(first.createdAt) : now.getTime()) + RATING_EDIT_WINDOW_MS);
  if (first && now.getTime() > editableUntil.getTime()) {
    throw new LingxiError('conflict', `This conversation was already rated at ${first.createdAt}; a rating can be changed for ${RATING_EDIT_WINDOW_MS / 60_000} minutes.`);
  }
  await store.appendEvent(conversation.tenantId, {
    conversationId: conversation.id, customerId: conversation.customerId, type: 'conversation.rated',
    data: {
      score: input.score, ...(input.comment ? { comment: input.comment } : {}),
      assigneeId: conversation.assigneeId, closeEventId: close.id, ...(first ? { replaces: first.id } : {}),
    },
  });
  return { edited: Boolean(first), editableUntil: editableUntil.toISOString() };
}

function lastOf(events: StoredEvent[], type: string): StoredEvent | undefined {
  for (let index = events.length - 1; index >= 0; index -= 1) if (events[index].type === type) return events[index];
  return undefined;
}
