import { beforeAll, describe, expect, it } from 'vitest';
import { loadStore } from '../store/load-store.ts';
import type { EcommerceDb, Order } from '../store/types.ts';
import { byCurrentOptions, mostMentioned } from './orders.ts';

function orderWith(db: EcommerceDb, id: string, items: Array<[string, string]>): Order {
  return {
    order_id: id, user_id: 'u', address: { address1: '', address2: '', city: '', state: '', country: '', zip: '' }, status: 'delivered', fulfillments: [], payment_history: [],
    items: items.map(([name, itemId]) => {
      const product = Object.values(db.products).find((p) => p.name === name)!;
      const variant = product.variants[itemId];
      return { name, product_id: product.product_id, item_id: itemId, price: variant.price, options: variant.options };
    }),
  };
}

describe('picking an order by what the customer says about it', () => {
  let db: EcommerceDb;
  let single: Order;
  let box: Order;
  beforeAll(async () => {
    db = await loadStore('store-zh');
    single = orderWith(db, '#A', [['纸尿裤', '2282761241'], ['婴儿湿巾', Object.keys(Object.values(db.products).find((p) => p.name === '婴儿湿巾')!.variants)[0]]]);
    box = orderWith(db, '#B', [['纸尿裤', '3684123202']]);
  });

  it('prefers the order holding more of the products named together', () => {
    expect(mostMentioned('纸尿裤和湿巾那单', [single, box], db.products).map((o) => o.order_id)).toEqual(['#A']);
    expect(mostMentioned('the diapers and the baby wipes', [single, box], db.products).map((o) => o.order_id)).toEqual(['#A']);
    expect(mostMentioned('纸尿裤', [single, box], db.products)).toHaveLength(2);
  });

  it('tells two orders of the same product apart by the options described before the change', () => {
    expect(byCurrentOptions('整箱的纸尿裤太多了，想换成单包的', [single, box], db.products).map((o) => o.order_id)).toEqual(['#B']);
    expect(byCurrentOptions('纸尿裤单包的不够用，想换成整箱的', [single, box], db.products).map((o) => o.order_id)).toEqual(['#A']);
    // The wanted option alone says nothing about which order: both stay.
    expect(byCurrentOptions('纸尿裤想换成XXL的', [single, box], db.products)).toHaveLength(2);
  });
});
