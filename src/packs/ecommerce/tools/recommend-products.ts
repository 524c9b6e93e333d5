import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { createRecommender, type RecommenderData } from '../../../engine/recommend/create-recommender.ts';
import type { Recommendation, Recommender, RecommendOrder, RecommendProduct } from '../../../engine/recommend/types.ts';
import type { EcommerceDb } from '../store/types.ts';

/**
 * The recommender's view of a store: one product per product id (cheapest available variant's price), and every
 * non-cancelled order as a basket. Orders keep the customer's `orders` list order (τ-bench has no dates; its lists
 * are in creation order) unless every order has `created_at`.
 */
export function recommenderDataFromStore(db: EcommerceDb, options: { orderIds?: Set<string> } = {}): Pick<RecommenderData, 'products' | 'orders'> {
  const products: RecommendProduct[] = Object.values(db.products).map((product) => {
    const variants = Object.values(product.variants);
    const available = variants.filter((variant) => variant.available);
    const priced = available.length ? available : variants;
    return {
      id: product.product_id, name: product.name, nameAlt: product.name_en, category: product.category, brand: product.brand, description: product.description,
      optionValues: [...new Set(variants.flatMap((variant) => Object.values(variant.options)))],
      price: priced.length ? Math.min(...priced.map((variant) => variant.price)) : 0,
      available: available.length > 0,
    };
  });
  const orders: RecommendOrder[] = [];
  for (const [userId, user] of Object.entries(db.users)) {
    for (const orderId of user.orders) {
      const order = db.orders[orderId];
      if (!order || order.status === 'cancelled' || (options.orderIds && !options.orderIds.has(orderId))) continue;
      orders.push({ id: orderId, customerId: userId, productIds: order.items.map((item) => item.product_id), createdAt: order.created_at });
    }
  }
  return { products, orders };
}

/** One recommender per store object and order count (orders placed in a conversation change co-purchases). */
const cache = new WeakMap<EcommerceDb, { orders: number; recommender: Recommender }>();

function recommenderFor(db: EcommerceDb): Recommender {
  const orders = Object.keys(db.orders).length;
  const cached = cache.get(db);
  if (cached && cached.orders === orders) return cached.recommender;
  const recommender = createRecommender(recommenderDataFromStore(db));
  cache.set(db, { orders, recommender });
  return recommender;
}

export const recommendProducts = defineTool({
  name: 'recommend_products',
  description: 'Recommend products for the customer or for a pre-sale question (recipient, occasion, budget). Returns products with a price and a one-line reason.',
  input: z.object({
    query: z.string().max(500).optional().describe('The customer\'s question, e.g. "a gift for a runner under $100".'),
    limit: z.number().int().min(1).max(10).default(3),
  }).strict(),
  write: false,
  execute(input, context: { data: EcommerceDb; clock: { now(): string }; locale: 'zh' | 'en'; actor: { kind: 'customer'; customerId: string | null } | { kind: 'system' } }): Array<Recommendation & { reasonText: string }> {
    const customerId = context.actor.kind === 'customer' ? context.actor.customerId ?? undefined : undefined;
    const recommendations = recommenderFor(context.data).recommend({ customerId, query: input.query, context: { now: new Date(context.clock.now()) }, limit: input.limit });
    return recommendations.map((recommendation) => {
      const product = context.data.products[recommendation.productId];
      const name = context.locale === 'en' && product?.name_en ? product.name_en : recommendation.name;
      return { ...recommendation, name, reasonText: recommendation.reason[context.locale] };
    });
  },
});
