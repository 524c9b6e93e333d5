import type { Locale, Tone } from '../types.ts';
import type { Entity, Sentiment } from '../nlu/types.ts';

/** Slot names the engine may wait for (`Reply.awaiting`); the same names as ../shared/eval/REPLAY.md. */
export type SlotName =
  | 'email' | 'first_name' | 'last_name' | 'zip' | 'user_id' | 'order_id' | 'item' | 'product' | 'option'
  | 'payment_method' | 'address' | 'reason' | 'phone' | 'date' | 'time' | 'confirmation';

export interface QuickReply {
  label: string;
  /** Text sent as the customer's message when the button is pressed. */
  payload: string;
}

export type Card =
  | { kind: 'order'; orderId: string; status: string; items: Array<{ name: string; options: Record<string, string>; price: number; itemId: string }>; total: number; currency: string; tracking?: string[] }
  | { kind: 'product'; productId: string; name: string; price?: number; currency: string; options?: Record<string, string[]>; available?: boolean }
  | { kind: 'steps'; title: string; steps: string[]; current?: number }
  | { kind: 'timeline'; title: string; events: Array<{ time: string; text: string }> }
  | { kind: 'slots'; title: string; slots: string[] };

export interface Source {
  id: string;
  title: string;
  source: string;
}

export interface ToolCallRecord {
  name: string;
  arguments: Record<string, unknown>;
  ok: boolean;
  /** Short result for logs and the agent console; tools return data, not prose. */
  result?: unknown;
  error?: string;
}

/** What the engine says in one message. Text plus structure that channels render as they can. */
export interface Reply {
  text: string;
  locale: Locale;
  tone: Tone;
  quickReplies: QuickReply[];
  cards: Card[];
  /** The slot this reply asks for, or null. */
  awaiting: SlotName | null;
  intent: string | null;
  confidence: number | null;
  sources: Source[];
  /** Set when this reply hands the conversation to a person. */
  handoff?: { reason: HandoffReason; summary: string };
}

export type HandoffReason = 'customer_request' | 'repeated_failure' | 'out_of_scope' | 'negative_sentiment' | 'policy';

/** Event names, noun.verb past tense (house style §3). */
export type EngineEventType =
  | 'message.received' | 'intent.detected' | 'entities.extracted' | 'sentiment.detected' | 'slot.filled'
  | 'flow.started' | 'flow.completed' | 'flow.cancelled' | 'flow.queued' | 'offer.accepted' | 'tool.called' | 'knowledge.used'
  | 'fallback.triggered' | 'safety.triggered' | 'clarification.requested' | 'handoff.requested' | 'conversation.resolved' | 'message.sent'
  // LLM mode (src/engine/llm): one model call finished / failed; a code-level guardrail changed the turn.
  | 'llm.completed' | 'llm.failed' | 'guardrail.triggered'
  // Verified identity (issue 20 item 3): a one-time code was requested for a customer; a customer proved who they are.
  | 'identity.challenged' | 'customer.verified';

export interface EngineEvent {
  type: EngineEventType;
  at: string;
  data: Record<string, unknown>;
}

/** Serialisable conversation state; the server stores it between turns. */
export interface ConversationState {
  id: string;
  locale: Locale;
  tone: Tone;
  /** Authenticated customer of the pack's backend (one per conversation). */
  customerId: string | null;
  /** Active flow and its slots, or null. */
  flow: { name: string; slots: Record<string, unknown>; step: string | null; attempts: number } | null;
  /** Flows interrupted by a digression, resumed after it. */
  suspended: Array<{ name: string; slots: Record<string, unknown>; step: string | null; attempts: number }>;
  /** Remembered facts across flows (last order id, email …). */
  memory: Record<string, unknown>;
  failures: number;
  turns: number;
  handedOff: boolean;
  lastIntent: string | null;
  /** Labels offered in the last clarifying question. */
  pendingChoices: string[];
}

export interface TurnInput {
  text: string;
  /** Customer identity the channel already verified (e.g. a logged-in shop user); still re-checked by flows. */
  verifiedCustomerId?: string;
  /**
   * The tenant requires verified identity: a customer found from what they typed (phone, e-mail …) is bound only after a
   * one-time code (see identity-gate.ts), or not at all when there is no verifier.
   */
  requireVerifiedIdentity?: boolean;
}

export interface Understanding {
  text: string;
  normalized: string;
  locale: Locale;
  intent: string | null;
  confidence: number;
  status: 'confident' | 'ambiguous' | 'unknown';
  ranking: Array<{ label: string; confidence: number }>;
  entities: Entity[];
  sentiment: Sentiment;
}

export interface TurnResult {
  state: ConversationState;
  replies: Reply[];
  events: EngineEvent[];
  understanding: Understanding;
  toolCalls: ToolCallRecord[];
}

/** The engine as the CLI, the server and benchmarks see it. */
export interface ConversationEngine {
  /** New conversation state plus the greeting. */
  start(options?: { locale?: Locale; tone?: Tone; id?: string }): { state: ConversationState; replies: Reply[] };
  handle(state: ConversationState, input: TurnInput): Promise<TurnResult>;
  /** Understanding only (no state change), for suggested replies and analytics. */
  understand(text: string, locale?: Locale): Understanding;
}
