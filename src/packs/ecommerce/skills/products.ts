import type { Skill, SkillStatus } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { findOptionMentions } from '../catalog/match-options.ts';
import { findForm, productForms } from '../catalog/surface-forms.ts';
import type { EcommerceDb, Product } from '../store/types.ts';
import { money, type Ctx } from './orders.ts';

/** The product the message names: an extracted product entity, else the longest product name found. */
export function productFromTurn(ctx: Ctx): Product | null {
  const entity = ctx.entities('product')[0];
  if (entity && ctx.data.products[entity.value]) return ctx.data.products[entity.value];
  return productFromText(ctx, ctx.turn.text);
}

/** The product whose name (zh or en) appears in `source`, longest name first. */
export function productFromText(ctx: Ctx, source: string): Product | null {
  const text = normalize(source);
  let best: { product: Product; length: number } | null = null;
  for (const product of Object.values(ctx.data.products)) {
    for (const form of productForms(product.name, product.name_en)) {
      if (form.length > (best?.length ?? 0) && findForm(text, form).length) best = { product, length: form.length };
    }
  }
  return best?.product ?? null;
}

export const productInfoSkill: Skill<EcommerceDb> = {
  name: 'product_info',
  intents: ['product_info'],
  async run(ctx) {
    const product = productFromTurn(ctx) ?? (ctx.slots.productId ? ctx.data.products[String(ctx.slots.productId)] : null);
    if (!product) {
      if (ctx.awaiting === 'product') { ctx.say('product.not_found'); return 'done'; }
      ctx.ask('product', 'product.ask');
      return 'waiting';
    }
    ctx.slots.productId = product.product_id;
    const details = await ctx.call<Product>('get_product_details', { product_id: product.product_id });
    if (!details.ok) { ctx.say('action.failed', { error: details.error }); return 'done'; }
    const variants = Object.values(details.result!.variants);
    const available = variants.filter((v) => v.available);
    const wanted = findOptionMentions(normalize(ctx.turn.text), product);
    const options: Record<string, string[]> = {};
    for (const v of available) {
      for (const [k, value] of Object.entries(v.options)) {
        const values = (options[k] ??= []);
        if (!values.includes(value)) values.push(value);
      }
    }
    const card = { kind: 'product' as const, productId: product.product_id, name: product.name, currency: ctx.data.currency, options, available: available.length > 0, price: available.length ? Math.min(...available.map((v) => v.price)) : undefined };
    if (wanted.length) {
      const matching = variants.filter((v) => wanted.every((w) => v.options[w.key] === w.value));
      const inStock = matching.filter((v) => v.available);
      const wantedText = wanted.map((w) => w.value).join(' / ');
      if (!inStock.length) ctx.say('product.variant_unavailable', { product: product.name, wanted: wantedText }, { cards: [card] });
      else ctx.say('product.variant_available', { product: product.name, wanted: wantedText, list: inStock.slice(0, 6).map((v) => `- ${Object.values(v.options).join(' / ')} — ${money(ctx, v.price)}`).join('\n') }, { cards: [card] });
      return 'done';
    }
    if (!available.length) { ctx.say('product.all_unavailable', { product: product.name }, { cards: [card] }); return 'done'; }
    const prices = available.map((v) => v.price);
    ctx.say('product.summary', {
      product: product.name, count: available.length, min: money(ctx, Math.min(...prices)), max: money(ctx, Math.max(...prices)),
      options: Object.entries(options).map(([k, values]) => `- ${k}: ${values.join(', ')}`).join('\n'),
    }, { cards: [card] });
    return 'done';
  },
};

export const listProductsSkill: Skill<EcommerceDb> = {
  name: 'list_products',
  intents: ['list_products'],
  async run(ctx): Promise<SkillStatus> {
    const result = await ctx.call<Record<string, string>>('list_all_product_types', {});
    if (!result.ok) { ctx.say('action.failed', { error: result.error }); return 'done'; }
    const names = Object.keys(result.result!);
    ctx.say('product.list', { count: names.length, list: names.join(ctx.locale === 'zh' ? '、' : ', ') });
    return 'done';
  },
};
