import type { TokenUsage } from './types.ts';

export interface ModelPrice {
  /** Price per million prompt (input) tokens. */
  input: number;
  /** Price per million completion (output) tokens. */
  output: number;
  currency: 'USD' | 'CNY';
}

/**
 * Indicative list prices per million tokens (cache-miss input), for cost accounting only. Providers change
 * prices often: pass your own table to the agent (`prices`) to bill exactly. Unknown models cost 0 and
 * are flagged `priced: false` in the `llm.completed` event.
 */
export const DEFAULT_MODEL_PRICES: Record<string, ModelPrice> = {
  'deepseek-chat': { input: 0.28, output: 0.42, currency: 'USD' },
  'deepseek-reasoner': { input: 0.28, output: 0.42, currency: 'USD' },
  'qwen-plus': { input: 0.8, output: 2, currency: 'CNY' },
  'qwen-turbo': { input: 0.3, output: 0.6, currency: 'CNY' },
  'qwen-max': { input: 2.4, output: 9.6, currency: 'CNY' },
  'glm-4-flash': { input: 0, output: 0, currency: 'CNY' },
  'glm-4-plus': { input: 5, output: 5, currency: 'CNY' },
  'doubao-1-5-pro-32k-250115': { input: 0.8, output: 2, currency: 'CNY' },
  'gpt-4o-mini': { input: 0.15, output: 0.6, currency: 'USD' },
  'gpt-4o': { input: 2.5, output: 10, currency: 'USD' },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, currency: 'USD' },
};

/** Cost of one call; exact match first, then the longest table key the model name starts with ("gpt-4o-mini-2024…"). */
export function costOf(model: string, usage: TokenUsage, prices: Record<string, ModelPrice> = DEFAULT_MODEL_PRICES): { cost: number; currency: string; priced: boolean } {
  const key = prices[model] ? model : Object.keys(prices).filter((name) => model.startsWith(name)).sort((a, b) => b.length - a.length)[0];
  const price = key ? prices[key] : undefined;
  if (!price) return { cost: 0, currency: 'USD', priced: false };
  const cost = (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
  return { cost: Math.round(cost * 1e8) / 1e8, currency: price.currency, priced: true };
}
