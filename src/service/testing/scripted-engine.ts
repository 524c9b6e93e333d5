import type { ConversationEngine, ConversationState, Reply, Understanding } from '../../engine/dialogue/types.ts';
import type { Locale } from '../../engine/types.ts';

/**
 * A small deterministic engine for service tests: the service is tested against the ConversationEngine interface,
 * not against whichever dialogue engine is current. "转人工"/"human" hands off; "订单"/"order" asks for the order id
 * with quick replies; "boom" throws; anything else is a fallback.
 */
export function createScriptedEngine(): ConversationEngine {
  const reply = (text: string, locale: Locale, extra: Partial<Reply> = {}): Reply => ({
    text, locale, tone: 'neutral', quickReplies: [], cards: [], awaiting: null, intent: null, confidence: null, sources: [], ...extra,
  });
  const understand = (text: string, locale: Locale = 'zh'): Understanding => {
    const detected: Locale = /[\u4e00-\u9fff]/.test(text) ? 'zh' : /[a-z]/i.test(text) ? 'en' : locale;
    const intent = /转人工|human/i.test(text) ? 'handoff' : /订单|order/i.test(text) ? 'order_status' : null;
    const angry = /气死|terrible/i.test(text);
    return {
      text, normalized: text.toLowerCase(), locale: detected, intent, confidence: intent ? 0.95 : 0.1, status: intent ? 'confident' : 'unknown', ranking: [],
      entities: /#W\d{7}/.test(text) ? [{ type: 'order_id', value: /#W\d{7}/.exec(text)![0], text: /#W\d{7}/.exec(text)![0], start: 0, end: 9 }] : [],
      sentiment: angry ? { polarity: -0.8, label: 'negative', emotion: 'anger', urgency: 0.9 } : { polarity: 0, label: 'neutral', emotion: 'neutral', urgency: 0 },
    };
  };
  return {
    start(options = {}) {
      const locale = options.locale ?? 'zh';
      const state: ConversationState = {
        id: options.id ?? 'c', locale, tone: options.tone ?? 'neutral', customerId: null, flow: null, suspended: [], memory: {}, failures: 0, turns: 0,
        handedOff: false, lastIntent: null, pendingChoices: [],
      };
      return { state, replies: [reply(locale === 'zh' ? '您好，有什么可以帮您？' : 'Hello, how can I help?', locale)] };
    },
    async handle(state, input) {
      if (input.text.includes('boom')) throw new Error('engine exploded');
      const understanding = understand(input.text, state.locale);
      const locale = understanding.locale;
      const next: ConversationState = { ...state, locale, turns: state.turns + 1, lastIntent: understanding.intent };
      const at = '2026-01-01T00:00:00.000Z';
      // As the real engine: while the customer waits for a person, the bot only says so.
      if (state.handedOff) return { state: next, understanding, toolCalls: [], events: [], replies: [reply(locale === 'zh' ? '您已在人工客服队列中，请稍候。' : 'You are in the queue for an agent.', locale)] };
      if (understanding.intent === 'handoff') {
        next.handedOff = true;
        return {
          state: next, understanding, toolCalls: [], events: [{ type: 'handoff.requested', at, data: { reason: 'customer_request' } }],
          replies: [reply(locale === 'zh' ? '正在为您转接人工客服。' : 'Connecting you to an agent.', locale, { intent: 'handoff', confidence: 0.95, handoff: { reason: 'customer_request', summary: input.text } })],
        };
      }
      if (understanding.intent === 'order_status') {
        return {
          state: next, understanding, toolCalls: [], events: [{ type: 'intent.detected', at, data: { intent: 'order_status' } }],
          replies: [reply(locale === 'zh' ? '请提供您的订单号。' : 'What is your order number?', locale, {
            intent: 'order_status', confidence: 0.95, awaiting: 'order_id', quickReplies: [{ label: locale === 'zh' ? '转人工' : 'Talk to a human', payload: '转人工' }],
          })],
        };
      }
      next.failures = state.failures + 1;
      return { state: next, understanding, toolCalls: [], events: [{ type: 'fallback.triggered', at, data: {} }], replies: [reply(locale === 'zh' ? '抱歉，我没有理解。' : 'Sorry, I did not understand.', locale)] };
    },
    understand,
  };
}
