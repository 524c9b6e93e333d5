import type { Conversation, Message, Note } from '../storage/store.ts';
import type { TicketRecord } from '../tickets/ticket-store.ts';

/** What the service tells live listeners (widget sockets, agent sockets, long-polls). */
export type LiveEvent =
  | { kind: 'message'; tenantId: string; conversationId: string; message: Message }
  | { kind: 'conversation'; tenantId: string; conversationId: string; conversation: Conversation }
  | { kind: 'typing'; tenantId: string; conversationId: string; author: 'customer' | 'agent' | 'bot'; on: boolean }
  /** Internal notes go to the tenant topic only: customers never see them. */
  | { kind: 'note'; tenantId: string; conversationId: string; note: Note }
  /** Supervisor alert (very negative conversation or handoff for sustained anger): tenant topic, staff only. */
  | { kind: 'alert'; tenantId: string; conversationId: string; reason: string; polarity: number }
  /** The LLM's reply as it is written (conversation topic only): a preview, never stored; `reset` = drop what was shown. */
  | { kind: 'delta'; tenantId: string; conversationId: string; text: string; reset?: boolean }
  /** A ticket was created, changed or commented on (issue 21): tenant topic, staff only; `conversationId` '' when it has none. */
  | { kind: 'ticket'; tenantId: string; conversationId: string; ticket: TicketRecord; change: 'created' | 'updated' | 'commented' };

/** Topic of one conversation's listeners. */
export const conversationTopic = (conversationId: string): string => `conversation:${conversationId}`;
/** Topic of a tenant's agent consoles. */
export const tenantTopic = (tenantId: string): string => `tenant:${tenantId}`;

/**
 * Publish/subscribe of live events by topic. In-process today; a Redis implementation (issue 11)
 * fans out between nodes behind the same interface. Delivery is at-most-once: listeners that must not
 * miss anything (widget resume) re-read the store by sequence number.
 */
export interface Bus {
  publish(topic: string, event: LiveEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}
