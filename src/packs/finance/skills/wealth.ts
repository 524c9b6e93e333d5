import type { Skill } from '../../../engine/pack.ts';
import { assessmentValid, isSuitable } from '../rules/suitability.ts';
import type { BankDb, WealthProduct } from '../store/types.ts';
import { ensureBankCustomer } from './authenticate.ts';
import { guardFraud, money, type BankSkillContext } from './bank-skill-context.ts';
import { RECOMMEND_AFTER_ASSESSMENT } from './risk-assessment.ts';

/** Memory key of the product the customer was last shown, for follow-up questions that do not name it. */
export const LAST_PRODUCT = 'lastProduct';

function productLine(ctx: BankSkillContext, product: WealthProduct): string {
  return ctx.text('wealth.line', { name: product.name[ctx.locale], risk: product.risk, kind: product.kind[ctx.locale], benchmark: product.benchmark[ctx.locale], term: product.term[ctx.locale], min: money(ctx, product.min_amount) });
}

function productCard(ctx: BankSkillContext, product: WealthProduct) {
  return { kind: 'product' as const, productId: product.product_id, name: `${product.name[ctx.locale]} (${product.risk})`, currency: 'CNY', price: product.min_amount };
}

/** The customer's valid risk level, or null when missing or older than a year. */
function currentLevel(ctx: BankSkillContext) {
  const customer = ctx.customerId() ? ctx.data.customers[ctx.customerId()!] : undefined;
  return customer?.risk_level && assessmentValid(customer.risk_assessed_at, ctx.now()) ? customer.risk_level : null;
}

/**
 * Suitability-matched suggestions: only products at or below the customer's level (the tool enforces it), one per
 * risk level from the highest suitable down, always with the risk disclosure. Without a valid assessment the
 * questionnaire runs first, then the suggestions.
 */
export const recommendProductSkill: Skill<BankDb> = {
  name: 'recommend_product',
  intents: ['recommend_product'],
  // "…，我叫王芳，电话139…": a clause that only identifies the customer belongs to this request.
  accepts: ['phone'],
  async run(ctx) {
    if ((await guardFraud(ctx))) return 'done';
    if (!(await ensureBankCustomer(ctx))) return 'waiting';
    const customer = ctx.data.customers[ctx.customerId()!];
    const result = await ctx.call<WealthProduct[]>('list_suitable_products', { customer_id: customer.customer_id });
    if (!result.ok) {
      ctx.say(customer.risk_level ? 'wealth.assessment_expired' : 'wealth.need_assessment');
      ctx.memory[RECOMMEND_AFTER_ASSESSMENT] = true;
      ctx.enqueue('risk_assessment', ctx.turn.text);
      return 'done';
    }
    const level = customer.risk_level!;
    const picks: WealthProduct[] = [];
    // One per risk level from the highest suitable down, then fill up to three (a C1 customer still sees choices).
    for (const product of result.result!) if (!picks.some((p) => p.risk === product.risk) && picks.length < 3) picks.push(product);
    for (const product of result.result!) if (!picks.includes(product) && picks.length < 3) picks.push(product);
    picks.sort((a, b) => b.risk.localeCompare(a.risk));
    if (picks.length === 1) ctx.memory[LAST_PRODUCT] = picks[0].product_id;
    ctx.say('wealth.suggestions', { level, description: ctx.text(`risk.level.${level}`), max: `R${level.slice(1)}`, lines: picks.map((p) => productLine(ctx, p)).join('\n') }, { cards: picks.map((p) => productCard(ctx, p)) });
    ctx.say('wealth.disclosure');
    return 'done';
  },
};

/**
 * Product Q&A from the product data: facts as the prospectus states them and the disclosure. When the customer's
 * level is known and the product is above it, says so and does not offer it.
 */
export const productInfoSkill: Skill<BankDb> = {
  name: 'product_info',
  intents: ['product_info'],
  accepts: ['product'],
  async run(ctx) {
    if ((await guardFraud(ctx))) return 'done';
    // Named now, earlier in this flow, or the product just shown ("风险大不大？" right after a product's details).
    const id = ctx.entities('product')[0]?.value ?? ctx.flowEntities('product').at(-1)?.value ?? (ctx.memory[LAST_PRODUCT] as string | undefined);
    if (!id) {
      const all = Object.values(ctx.data.products).sort((a, b) => a.risk.localeCompare(b.risk));
      ctx.ask('product', 'product.which', { lines: all.map((p) => `${p.name[ctx.locale]}（${p.risk}）`).join('、') });
      return 'waiting';
    }
    const result = await ctx.call<WealthProduct>('get_product', { product_id: id });
    if (!result.ok) { ctx.say('product.not_found'); return 'done'; }
    const product = result.result!;
    ctx.memory[LAST_PRODUCT] = product.product_id;
    ctx.say('product.detail', {
      name: product.name[ctx.locale], risk: product.risk, kind: product.kind[ctx.locale], benchmark: product.benchmark[ctx.locale], term: product.term[ctx.locale],
      min: money(ctx, product.min_amount), redemption: product.redemption[ctx.locale], description: product.description[ctx.locale], level: `C${product.risk.slice(1)}`,
    }, { cards: [productCard(ctx, product)] });
    const level = currentLevel(ctx);
    if (level && !isSuitable(level, product.risk)) ctx.say('product.above_level', { level, risk: product.risk, max: `R${level.slice(1)}` });
    else if (!level) ctx.say('product.assessment_required', { risk: product.risk, level: `C${product.risk.slice(1)}` });
    ctx.say('wealth.disclosure');
    return 'done';
  },
};
