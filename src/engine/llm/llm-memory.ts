import type { ConversationState } from '../dialogue/types.ts';
import type { ChatMessage } from './types.ts';

/** A write tool call held until the customer's next message confirms it (guardrail a). */
export interface PendingAction {
  tool: string;
  /** The validated arguments exactly as they will be executed. */
  arguments: Record<string, unknown>;
  summary: string;
  /** Turn on which it was proposed: only the very next customer message can confirm it. */
  turn: number;
}

/** What the LLM agent keeps in `state.memory.llm` between turns (serialisable). */
export interface LlmMemory {
  /** Conversation as the model sees it (user/assistant/tool messages; the system message is rebuilt each turn). */
  messages: ChatMessage[];
  /** Normalised facts from tool results, tool arguments and customer messages (see grounding.ts). */
  grounded: string[];
  pending: PendingAction | null;
  usage: { promptTokens: number; completionTokens: number; calls: number; cost: Record<string, number> };
}

const MEMORY_KEY = 'llm';

/** The agent's memory inside a (cloned) state, created on first use. */
export function llmMemory(state: ConversationState): LlmMemory {
  const existing = state.memory[MEMORY_KEY] as LlmMemory | undefined;
  if (existing && Array.isArray(existing.messages)) return existing;
  const created: LlmMemory = { messages: [], grounded: [], pending: null, usage: { promptTokens: 0, completionTokens: 0, calls: 0, cost: {} } };
  state.memory[MEMORY_KEY] = created;
  return created;
}

/**
 * Keeps the history within `maxMessages` without orphaning tool messages: the kept part always starts at a
 * customer message, so every assistant tool call keeps its results (the protocol requires it).
 */
export function trimHistory(messages: ChatMessage[], maxMessages: number): ChatMessage[] {
  if (messages.length <= maxMessages) return messages;
  const start = messages.length - maxMessages;
  const firstUser = messages.findIndex((message, index) => index >= start && message.role === 'user');
  return firstUser === -1 ? messages.slice(-1) : messages.slice(firstUser);
}

/** Bounded list of grounded facts (newest kept). */
export function addFacts(memory: LlmMemory, facts: Iterable<string>, limit = 5_000): void {
  const set = new Set(memory.grounded);
  for (const fact of facts) set.add(fact);
  memory.grounded = [...set].slice(-limit);
}
