import type { EngineEvent, Reply, Understanding } from '../../engine/dialogue/types.ts';
import { newId } from '../ids.ts';
import type { NewMessage } from '../storage/store.ts';

/** A bot reply as a stored message: the text plus its structure in the payload, for widget and console rendering. */
export function replyToMessage(reply: Reply, persona: string): NewMessage {
  return {
    id: newId('msg'),
    author: 'bot',
    text: reply.text,
    payload: {
      persona, locale: reply.locale, tone: reply.tone, quickReplies: reply.quickReplies, cards: reply.cards, sources: reply.sources,
      awaiting: reply.awaiting, intent: reply.intent, confidence: reply.confidence, ...(reply.handoff ? { handoff: reply.handoff } : {}),
    },
  };
}

/** The engine's reading of a customer message, kept on it for console annotations and analytics. */
export function understandingPayload(understanding: Understanding): Record<string, unknown> {
  return {
    understanding: {
      locale: understanding.locale, intent: understanding.intent, confidence: understanding.confidence, status: understanding.status,
      entities: understanding.entities.map((entity) => ({ type: entity.type, value: entity.value, text: entity.text })), sentiment: understanding.sentiment,
    },
  };
}

/**
 * How the bot fared with a customer message, kept on it for the learning loop (issue 10): `fallback` (not understood),
 * `clarify` (asked which of two meanings), `handoff` (passed to a person because the bot kept failing or the request is outside its policy — not when the
 * customer asked for a person or was upset),
 * else `answered`; plus the knowledge article that answered, if any. Gap candidates are the messages not `answered`.
 */
/**
 * A knowledge answer whose article covers less than this share of the question's words (`knowledge.used` coverage) does
 * not address it (issue 28: "今天天气怎么样" got the shipping-time article at 0.375): a gap candidate, and no evidence of a
 * resolution in analytics.
 */
export const WEAK_ANSWER_COVERAGE = 0.5;

export function turnOutcome(events: EngineEvent[], handoffReason: string | undefined): { outcome: string; knowledge?: string } {
  const knowledge = events.find((event) => event.type === 'knowledge.used');
  const docId = knowledge ? (knowledge.data.docId as string | undefined) ?? (knowledge.data.ids as string[] | undefined)?.[0] : undefined;
  const coverage = knowledge?.data.coverage;
  const outcome = events.some((event) => event.type === 'fallback.triggered') ? 'fallback'
    : events.some((event) => event.type === 'clarification.requested') ? 'clarify'
      : handoffReason === 'repeated_failure' || handoffReason === 'policy' ? 'handoff'
        : typeof coverage === 'number' && coverage < WEAK_ANSWER_COVERAGE ? 'weak_answer' : 'answered';
  return { outcome, ...(docId ? { knowledge: docId } : {}) };
}

/** '客服 小王' — unless the name already says 客服 (the demo accounts are '客服 Agent'), which must not read '客服 客服 Agent'. */
const agentTitle = (name: string) => (name.includes('客服') ? name : `客服 ${name}`);

/** Short system notices, in the conversation's language. */
export const notices = {
  joined: (name: string) => ({ zh: `${agentTitle(name)} 已接入`, en: `${name} joined the conversation` }),
  transferred: (name: string) => ({ zh: `已转接给${agentTitle(name)}`, en: `Transferred to ${name}` }),
  returned: () => ({ zh: '已转回智能助手', en: 'The assistant is back' }),
  closed: () => ({ zh: '会话已结束', en: 'The conversation was closed' }),
  /** The agent went offline (issue 21): the customer waits for the next one. */
  requeued: () => ({ zh: '客服暂时离开，已为您重新排队，下一位客服会接着处理', en: 'Your agent had to leave; you are back in the queue and the next agent will take over' }),
  engineFailed: () => ({ zh: '助手暂时无法回答，正在为您转接人工客服。', en: 'The assistant cannot answer right now; connecting you to an agent.' }),
  /** A business backend (connector) failed: say so, and when a write was sent and not answered, that its outcome is unknown. */
  backendFailed: (uncertainWrite: boolean) => uncertainWrite
    ? { zh: '抱歉，业务系统没有正常响应，我无法确认这次操作是否已经生效。正在为您转接人工客服核实，请勿重复提交。', en: "Sorry, our business system did not answer properly, so I can't confirm whether the change went through. I'm connecting you to an agent to check; please don't submit it again." }
    : { zh: '抱歉，业务系统暂时没有响应，我现在无法为您查询或办理，没有做任何改动。正在为您转接人工客服。', en: "Sorry, our business system isn't answering right now, so I can't look this up or change anything; nothing was changed. I'm connecting you to an agent." },
};
