import { readFile } from 'node:fs/promises';
import type { Localized } from '../engine/types.ts';
import { createTokenizer } from '../engine/text/tokenize.ts';
import { createRetriever } from '../engine/knowledge/retriever.ts';
import { createLlmAgent, type LlmAgentConfig, type LlmConversationEngine } from '../engine/llm/create-llm-agent.ts';
import type { ModelPrice } from '../engine/llm/model-prices.ts';
import type { LlmProvider } from '../engine/llm/types.ts';
import type { PackDefinition } from '../engine/pack.ts';
import { loadPack } from './registry.ts';
import { createPackEngine, type PackEngine, type PackEngineOptions } from './create-pack-engine.ts';

export interface LlmEngineOptions extends PackEngineOptions {
  provider: LlmProvider;
  /** The offline engine that answers when the model cannot; built from the same options when absent. Its data is shared. */
  offline?: PackEngine;
  /** The packs' policy; default: the e-commerce store's own (τ-retail wiki.md, or policy.zh.md for the Chinese store). */
  policy?: string;
  persona?: string;
  llm?: Partial<LlmAgentConfig>;
  prices?: Record<string, ModelPrice>;
}

export interface LlmEngine extends LlmConversationEngine {
  /** The composed definition of the enabled packs (as {@link PackEngine}). */
  pack: PackDefinition<unknown>;
  /** Backends by pack name, shared with the offline engine. */
  data: Record<string, unknown>;
  offline: PackEngine;
}

/** Labels of the e-commerce write tools in confirmation summaries. */
export const ECOMMERCE_TOOL_LABELS: Record<string, Localized> = {
  cancel_pending_order: { zh: '取消订单', en: 'Cancel the order' },
  modify_pending_order_address: { zh: '修改订单收货地址', en: "Change the order's shipping address" },
  modify_pending_order_items: { zh: '修改订单商品', en: 'Change items in the order' },
  modify_pending_order_payment: { zh: '修改订单支付方式', en: "Change the order's payment method" },
  modify_user_address: { zh: '修改默认地址', en: 'Change your default address' },
  return_delivered_order_items: { zh: '退货', en: 'Return items' },
  exchange_delivered_order_items: { zh: '换货', en: 'Exchange items' },
  book_repair: { zh: '预约维修/安装', en: 'Book a repair or installation' },
  create_complaint: { zh: '提交投诉', en: 'File a complaint' },
};

/**
 * Composition root of LLM mode, beside {@link createPackEngine}: the same options plus a provider. Builds (or
 * takes) the offline engine, a knowledge retriever over the pack's articles, reads the pack's policy and wires
 * them into the LLM agent. `lingxi chat`, the server and `lingxi eval replay` can use either engine unchanged.
 */
export async function createLlmEngine(options: LlmEngineOptions): Promise<LlmEngine> {
  const offline = options.offline ?? await createPackEngine(options);
  const { pack, data } = offline;
  const retriever = createRetriever({ docs: pack.knowledge }, { tokenizer: createTokenizer() });
  // The offline engine's bindings: the same data and the same write tools (which report to the backend state).
  const packs = offline.bindings ?? await Promise.all(options.packs.map(async (name) => ({ pack: await loadPack(name), data: data[name] })));
  const policy = options.policy ?? (options.packs.includes('ecommerce') ? await readFile(new URL(ecommercePolicyFile(data.ecommerce), import.meta.url), 'utf8') : '');
  const agent = createLlmAgent({
    packs, provider: options.provider, offline, retriever, policy, persona: options.persona,
    clock: options.clock, ids: options.ids, prices: options.prices,
    config: {
      authenticationTools: ['find_user_id_by_email', 'find_user_id_by_name_zip', 'find_user_id_by_phone'],
      handoffTool: 'transfer_to_human_agents',
      offlineIntents: ['greet', 'thanks', 'goodbye', 'bot_identity'],
      toolLabels: ECOMMERCE_TOOL_LABELS,
      ...options.llm,
    },
  });
  return { ...agent, pack, data, offline };
}

/**
 * The policy of the e-commerce store in use: the Chinese store (CNY, store-zh) has its own, in Chinese, with its own
 * identification rules and order ids; the English τ-retail wiki would tell the model to ask for `#W` ids and a US zip.
 */
function ecommercePolicyFile(store: unknown): string {
  const currency = (store as { currency?: string } | undefined)?.currency;
  return currency === 'CNY' ? './ecommerce/knowledge/policy.zh.md' : './ecommerce/data/tau-retail/wiki.md';
}
