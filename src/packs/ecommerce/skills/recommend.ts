import type { Skill, SkillStatus } from '../../../engine/pack.ts';
import type { EcommerceDb } from '../store/types.ts';
import { money } from './orders.ts';

interface RecommendedItem {
  productId: string;
  name: string;
  price: number;
  reason: { zh: string; en: string };
}

/**
 * Pre-sale recommendations ("有什么适合送爸爸的?", "what would you recommend for a runner under $100"): asks the
 * `recommend_products` tool with the customer's own words (and, when they are signed in, their history) and answers
 * with product cards, each line carrying the recommender's one-line reason.
 */
export const recommendProductsSkill: Skill<EcommerceDb> = {
  name: 'recommend_products',
  intents: ['recommend_products'],
  async run(ctx): Promise<SkillStatus> {
    const outcome = await ctx.call<RecommendedItem[]>('recommend_products', { query: ctx.turn.text, limit: 3 });
    if (!outcome.ok) { ctx.say('action.failed', { error: outcome.error }); return 'done'; }
    const items = outcome.result ?? [];
    if (!items.length) { ctx.say('recommend.none'); return 'done'; }
    const list = items.map((item, index) => ctx.locale === 'zh'
      ? `${index + 1}. ${item.name} — ${money(ctx, item.price)}起（${item.reason.zh}）`
      : `${index + 1}. ${item.name} — from ${money(ctx, item.price)} (${item.reason.en})`).join('\n');
    const cards = items.map((item) => ({ kind: 'product' as const, productId: item.productId, name: item.name, price: item.price, currency: ctx.data.currency, available: true }));
    ctx.say('recommend.list', { list }, { cards });
    return 'done';
  },
};
