import type { ConversationEngine, ConversationState, Reply, Understanding } from '../engine/dialogue/types.ts';
import type { Locale } from '../engine/types.ts';
import { chooseLocale } from '../engine/text/language.ts';
import { normalize } from '../engine/text/normalize.ts';
import { systemClock } from '../engine/ports.ts';
import type { PackEngineOptions } from './create-pack-engine.ts';

/** Placeholder engine: greets, detects "human" requests and otherwise says it did not understand. */
export function createMinimalEngine(options: PackEngineOptions): ConversationEngine {
  const clock = options.clock ?? systemClock;
  const reply = (text: string, locale: Locale, extra: Partial<Reply> = {}): Reply => ({
    text, locale, tone: 'neutral', quickReplies: [], cards: [], awaiting: null, intent: null, confidence: null, sources: [], ...extra,
  });
  const understand = (text: string, locale: Locale = options.locale ?? 'zh'): Understanding => {
    const norm = normalize(text);
    const human = /转人工|人工|agent|human|person/.test(norm);
    return {
      text, normalized: norm, locale: chooseLocale(text, locale), intent: human ? 'handoff' : null, confidence: human ? 1 : 0,
      status: human ? 'confident' : 'unknown', ranking: [], entities: [],
      sentiment: { polarity: 0, label: 'neutral', emotion: 'neutral', urgency: 0 },
    };
  };
  return {
    start(startOptions = {}) {
      const locale = startOptions.locale ?? options.locale ?? 'zh';
      const state: ConversationState = {
        id: startOptions.id ?? 'conversation', locale, tone: startOptions.tone ?? 'neutral', customerId: null, flow: null, suspended: [],
        memory: {}, failures: 0, turns: 0, handedOff: false, lastIntent: null, pendingChoices: [],
      };
      return { state, replies: [reply(locale === 'zh' ? '您好，有什么可以帮您？' : 'Hello, how can I help you?', locale)] };
    },
    async handle(state, input) {
      const understanding = understand(input.text, state.locale);
      const locale = understanding.locale;
      const next = { ...state, turns: state.turns + 1, locale };
      const at = clock.now();
      if (understanding.intent === 'handoff') {
        next.handedOff = true;
        const r = reply(locale === 'zh' ? '正在为您转接人工客服。' : 'Connecting you to a human agent.', locale, { intent: 'handoff', confidence: 1, handoff: { reason: 'customer_request', summary: input.text.slice(0, 200) } });
        return { state: next, replies: [r], understanding, toolCalls: [], events: [{ type: 'handoff.requested', at, data: { reason: 'customer_request' } }] };
      }
      const r = reply(locale === 'zh' ? '抱歉，我没有理解您的意思。' : "Sorry, I didn't understand that.", locale);
      return { state: next, replies: [r], understanding, toolCalls: [], events: [{ type: 'fallback.triggered', at, data: {} }] };
    },
    understand,
  };
}
