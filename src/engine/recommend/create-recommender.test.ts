import { describe, expect, it } from 'vitest';
import { createRecommender } from './create-recommender.ts';
import { parsePriceRange } from './query-lexicon.ts';
import type { RecommendOrder, RecommendProduct } from './types.ts';

const product = (id: string, name: string, price: number, extra: Partial<RecommendProduct> = {}): RecommendProduct => ({ id, name, price, optionValues: [], available: true, ...extra });
const products: RecommendProduct[] = [
  product('tent', 'Camping Tent', 120, { category: 'outdoor' }),
  product('stove', 'Camping Stove', 60, { category: 'outdoor' }),
  product('lamp', 'Camping Lamp', 25, { category: 'outdoor' }),
  product('shoes', 'Running Shoes', 90, { category: 'sport', optionValues: ['black', 'size 42'] }),
  product('watch', 'Smart Watch', 180, { category: 'digital' }),
  product('tea', '西湖龙井', 300, { nameAlt: 'Longjing Green Tea', category: '食品' }),
  product('coffee', 'Coffee Beans', 15, { category: '食品' }),
  product('jacket', 'Down Jacket', 200, { category: 'clothing' }),
  product('gone', 'Sold Out Speaker', 50, { available: false }),
];
// Many baskets of tent+stove: the co-purchase signal. Coffee beans are the most popular item overall.
const orders: RecommendOrder[] = [
  ...Array.from({ length: 6 }, (_, index) => ({ id: `a${index}`, customerId: `c${index}`, productIds: ['tent', 'stove'] })),
  ...Array.from({ length: 8 }, (_, index) => ({ id: `b${index}`, customerId: `d${index}`, productIds: ['coffee'] })),
  { id: 'x1', customerId: 'alice', productIds: ['watch'], createdAt: '2026-01-01T00:00:00Z' },
  { id: 'x2', customerId: 'alice', productIds: ['tent'], createdAt: '2026-03-01T00:00:00Z' },
  { id: 'y1', customerId: 'bob', productIds: ['coffee'] },
];
const now = new Date('2026-07-01T00:00:00Z');
const recommender = createRecommender({ products, orders });

describe('createRecommender', () => {
  it('recommends what is bought with the customer\'s history and says so in both languages', () => {
    const [first] = recommender.recommend({ customerId: 'alice', context: { now }, limit: 3 });
    expect(first.productId).toBe('stove');
    expect(first.reason.zh).toBe('买过Camping Tent的顾客也买了Camping Stove');
    expect(first.reason.en).toBe('Customers who bought the Camping Tent also bought the Camping Stove');
  });

  it('never suggests an already bought durable product, an out-of-stock one, or one with zero stock', () => {
    const ids = recommender.recommend({ customerId: 'alice', context: { now, stock: { lamp: 0 } }, limit: 20 }).map((item) => item.productId);
    expect(ids).not.toContain('tent');
    expect(ids).not.toContain('watch');
    expect(ids).not.toContain('gone');
    expect(ids).not.toContain('lamp');
  });

  it('suggests consumables again as a restock', () => {
    const items = recommender.recommend({ customerId: 'bob', context: { now }, limit: 20 });
    const coffee = items.find((item) => item.productId === 'coffee');
    expect(coffee?.reason.en).toBe('Time to restock the Coffee Beans you bought');
  });

  it('explains content similarity when nobody bought the pair together', () => {
    const lonely = createRecommender({ products, orders: [{ id: 'z', customerId: 'eve', productIds: ['tent'] }] });
    const lamp = lonely.recommend({ customerId: 'eve', context: { now }, limit: 20 }).find((item) => item.productId === 'lamp');
    expect(lamp?.reason).toEqual({ zh: '和您买过的Camping Tent相似', en: 'Similar to the Camping Tent you bought' });
  });

  it('answers pre-sale questions with the lexicon and keeps within the budget', () => {
    const items = recommender.recommend({ query: 'a gift for a runner under $100', context: { now }, limit: 3 });
    expect(items[0].productId).toBe('shoes');
    expect(items[0].reason.en).toBe('Made for running, within your budget');
    expect(items.every((item) => item.price <= 100)).toBe(true);
    const father = recommender.recommend({ query: '有什么适合送爸爸的?', context: { now }, limit: 2 }).map((item) => item.productId);
    expect(father).toContain('tea');
  });

  it('boosts promotions and the season and explains them', () => {
    const plain = recommender.recommend({ context: { now, season: 'spring' }, limit: 1 })[0];
    expect(plain.productId).toBe('coffee');
    const promoted = recommender.recommend({ context: { now, season: 'spring', promotions: ['stove'] }, limit: 1 })[0];
    expect(promoted.productId).toBe('stove');
    expect(promoted.reason.zh).toBe('正在促销');
    // A new shop without orders: the season alone decides.
    const winter = createRecommender({ products, orders: [] }).recommend({ context: { now, season: 'winter' }, limit: 1 })[0];
    expect(winter.productId).toBe('jacket');
    expect(winter.reason).toEqual({ zh: '当季热销', en: 'In season now' });
  });

  it('falls back to best-sellers for an anonymous visitor and honours the limit', () => {
    const items = recommender.recommend({ context: { now, season: 'spring' }, limit: 2 });
    expect(items).toHaveLength(2);
    expect(items[0].productId).toBe('coffee');
    expect(items[0].reason.en).toBe('A best-seller in our store');
  });
});

describe('parsePriceRange', () => {
  it.each([
    ['under $100', { max: 100 }],
    ['500元以内', { max: 500 }],
    ['不超过200', { max: 200 }],
    ['预算3千', { max: 3000 }],
    ['over $50', { min: 50 }],
    ['200-500元', { min: 200, max: 500 }],
    ['something nice', null],
  ])('parses %j', (text, expected) => expect(parsePriceRange(text)).toEqual(expected));
});
