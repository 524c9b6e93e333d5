import type { Locale, Localized, Tone } from '../types.ts';
import type { TemplateSet } from '../pack.ts';
import { renderTemplate } from '../responses/render-template.ts';

/**
 * What the LLM agent itself says (confirmation requests, guardrail replacements). A pack overrides any of
 * them by defining the same key in its templates; these defaults keep the agent usable with any pack.
 */
export const LLM_TEXTS: Record<string, Localized> = {
  'llm.confirm': {
    en: 'Before I go ahead, please confirm:\n{summary}\nReply "yes" to proceed, or tell me what to change.',
    zh: '办理前请您确认：\n{summary}\n回复“确认”或“是”继续，或告诉我需要修改的地方。',
  },
  'llm.unverified': {
    en: "Sorry, I couldn't verify those details against your records, so I won't guess. Could you tell me which order or item you'd like me to check?",
    zh: '抱歉，这些信息我暂时无法与您的记录核对，为避免出错就不妄下结论了。请告诉我您想查询的订单或商品，我来帮您核实。',
  },
  'llm.not_done': {
    en: "To be precise: nothing has been changed in this step. If you'd like me to go ahead, tell me what to do and I'll confirm the details with you first.",
    zh: '说明一下：这一步还没有为您办理任何变更。如需办理，请告诉我要做什么，我会先和您确认细节。',
  },
  'llm.policy_unverified': {
    en: "I couldn't find that rule in our help articles, so I won't state it. I can look up the exact policy for you, or connect you to a colleague.",
    zh: '这条规则我在帮助中心里没有查到依据，为避免误导就不下结论了。我可以帮您查询具体的政策条款，或为您转接人工客服。',
  },
  'llm.withheld': {
    en: "Sorry, I can't share that. How else can I help you with your own orders or account?",
    zh: '抱歉，这部分内容我不能提供。关于您本人的订单或账户，还有什么可以帮您？',
  },
  'llm.done': {
    en: 'Done: {summary}.',
    zh: '已为您办理：{summary}。',
  },
  'handoff.out_of_scope': {
    en: "That's outside what I can do here, so I'm connecting you to a human agent.",
    zh: '这个问题我这里处理不了，正在为您转接人工客服。',
  },
  'handoff.customer_request': {
    en: "Sure — I'm connecting you to a human agent, who will see our conversation.",
    zh: '好的，正在为您转接人工客服，客服可以看到我们的对话记录。',
  },
  'quick.yes': { en: 'Yes, go ahead', zh: '确认' },
  'quick.no': { en: 'No', zh: '先不要' },
};

/** Renders an agent text: the pack's template when it has one, otherwise the default above. */
export function llmText(templates: TemplateSet, locale: Locale, tone: Tone, key: string, vars: Record<string, unknown> = {}): string {
  if (templates[locale]?.[key] !== undefined) return renderTemplate(templates, locale, tone, key, vars);
  const fallback = { zh: { [key]: LLM_TEXTS[key]?.zh ?? key }, en: { [key]: LLM_TEXTS[key]?.en ?? key } };
  return renderTemplate(fallback, locale, tone, key, vars);
}
