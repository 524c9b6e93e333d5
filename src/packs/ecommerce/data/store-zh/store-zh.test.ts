import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Invariants of the generated demo store B (scripts/generate-store-zh.ts). If the generator changes, these keep the
// data usable by the same tools as store A (τ-bench retail).

interface Variant { item_id: string; options: Record<string, string>; available: boolean; price: number }
interface Product { name: string; name_en: string; product_id: string; category: string; brand: string; description: string; variants: Record<string, Variant> }
interface Address { address1: string; address2: string; city: string; state: string; country: string; zip: string }
interface PaymentMethod { source: string; id: string; brand?: string; last_four?: string; balance?: number }
interface User { name: { first_name: string; last_name: string }; address: Address; email: string; phone: string; payment_methods: Record<string, PaymentMethod>; orders: string[] }
interface Order {
  order_id: string; user_id: string; address: Address; status: string; created_at: string;
  items: Array<{ name: string; product_id: string; item_id: string; price: number; options: Record<string, string> }>;
  fulfillments: Array<{ tracking_id: string[]; item_ids: string[]; carrier: string; events: Array<{ time: string; location: string; description: string }> }>;
  payment_history: Array<{ transaction_type: string; amount: number; payment_method_id: string }>;
}

const directory = dirname(fileURLToPath(import.meta.url));
const load = <T>(name: string): T => JSON.parse(readFileSync(join(directory, name), 'utf8')) as T;
const products = load<Record<string, Product>>('products.json');
const users = load<Record<string, User>>('users.json');
const orders = load<Record<string, Order>>('orders.json');
const REFERENCE_MS = Date.parse('2026-11-20T12:00:00+08:00');
const cents = (value: number): number => Math.round(value * 100);
const variantsById = new Map(Object.values(products).flatMap((product) => Object.values(product.variants).map((variant) => [variant.item_id, { product, variant }] as const)));

describe('store-zh products', () => {
  it('has at least 60 products with 2–12 variants, Chinese names and CNY prices', () => {
    expect(Object.keys(products).length).toBeGreaterThanOrEqual(60);
    for (const [key, product] of Object.entries(products)) {
      expect(product.product_id).toBe(key);
      expect(key).toMatch(/^\d{10}$/);
      expect(product.name).toMatch(/\p{Script=Han}/u);
      expect(product.name_en).toMatch(/[A-Za-z]/);
      const variants = Object.entries(product.variants);
      expect(variants.length).toBeGreaterThanOrEqual(2);
      expect(variants.length).toBeLessThanOrEqual(12);
      expect(variants.some(([, variant]) => variant.available)).toBe(true);
      for (const [itemId, variant] of variants) {
        expect(variant.item_id).toBe(itemId);
        expect(itemId).toMatch(/^\d{10}$/);
        expect(variant.price).toBeGreaterThan(0);
        expect(cents(variant.price) / 100).toBe(variant.price);
        for (const key of Object.keys(variant.options)) expect(key).toMatch(/\p{Script=Han}/u);
      }
    }
  });

  it('covers the expected categories and has some unavailable variants', () => {
    const categories = new Set(Object.values(products).map((product) => product.category));
    for (const category of ['家电', '数码', '服饰鞋包', '家居', '美妆', '食品', '母婴', '运动']) expect(categories).toContain(category);
    const unavailable = [...variantsById.values()].filter(({ variant }) => !variant.available);
    expect(unavailable.length).toBeGreaterThan(5);
  });

  it('uses ids that are unique across products and items', () => {
    const ids = [...Object.keys(products), ...variantsById.keys()];
    const itemCount = Object.values(products).reduce((sum, product) => sum + Object.keys(product.variants).length, 0);
    expect(variantsById.size).toBe(itemCount);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('store-zh users', () => {
  it('has at least 150 Chinese customers with valid contact data', () => {
    expect(Object.keys(users).length).toBeGreaterThanOrEqual(150);
    for (const [userId, user] of Object.entries(users)) {
      expect(userId).toMatch(/^[a-z]+_[a-z]+_\d{4}$/);
      expect(user.name.last_name).toMatch(/^\p{Script=Han}{1,2}$/u);
      expect(user.name.first_name).toMatch(/^\p{Script=Han}{1,2}$/u);
      expect(user.address.country).toBe('中国');
      expect(user.address.zip).toMatch(/^\d{6}$/);
      expect(user.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(user.email).toMatch(/^[a-z]+\.[a-z]+\d{4}@example\.com$/);
      const methods = Object.entries(user.payment_methods);
      expect(methods.length).toBeGreaterThan(0);
      for (const [id, method] of methods) {
        expect(method.id).toBe(id);
        expect(['alipay', 'wechat_pay', 'credit_card', 'gift_card']).toContain(method.source);
        expect(id.startsWith(`${method.source}_`)).toBe(true);
        if (method.source === 'credit_card') expect(method.last_four).toMatch(/^\d{4}$/);
        if (method.source === 'gift_card') expect(method.balance).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('store-zh orders', () => {
  const list = Object.values(orders);

  it('has at least 300 orders with #CN ids, every status present', () => {
    expect(list.length).toBeGreaterThanOrEqual(300);
    for (const [key, order] of Object.entries(orders)) {
      expect(order.order_id).toBe(key);
      expect(key).toMatch(/^#CN\d{10}$/);
    }
    const statuses = new Set(list.map((order) => order.status));
    for (const status of ['pending', 'processed', 'delivered', 'cancelled', 'return requested', 'exchange requested']) expect(statuses).toContain(status);
  });

  it('links every order to a user that lists it, and every listed order exists', () => {
    for (const order of list) expect(users[order.user_id]?.orders).toContain(order.order_id);
    const listed = Object.values(users).flatMap((user) => user.orders);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.length).toBe(list.length);
    for (const orderId of listed) expect(orders[orderId]).toBeDefined();
  });

  it('references real items of the named product at the catalogue price', () => {
    for (const order of list) {
      expect(order.items.length).toBeGreaterThan(0);
      for (const item of order.items) {
        const entry = variantsById.get(item.item_id);
        expect(entry, `${order.order_id} ${item.item_id}`).toBeDefined();
        expect(entry!.product.product_id).toBe(item.product_id);
        expect(entry!.product.name).toBe(item.name);
        expect(item.price).toBe(entry!.variant.price);
        expect(item.options).toEqual(entry!.variant.options);
      }
    }
  });

  it('has payment totals equal to the item prices, refunds only on cancelled orders', () => {
    for (const order of list) {
      const total = order.items.reduce((sum, item) => sum + cents(item.price), 0);
      const paid = order.payment_history.filter((entry) => entry.transaction_type === 'payment').reduce((sum, entry) => sum + cents(entry.amount), 0);
      const refunded = order.payment_history.filter((entry) => entry.transaction_type === 'refund').reduce((sum, entry) => sum + cents(entry.amount), 0);
      expect(paid, order.order_id).toBe(total);
      expect(refunded).toBe(order.status === 'cancelled' ? total : 0);
      for (const entry of order.payment_history) expect(users[order.user_id].payment_methods[entry.payment_method_id]).toBeDefined();
    }
  });

  it('ships exactly the ordered items, with fulfillments only after payment', () => {
    for (const order of list) {
      const shipped = order.fulfillments.flatMap((fulfillment) => fulfillment.item_ids);
      if (order.status === 'pending' || order.status === 'cancelled') expect(shipped).toEqual([]);
      else expect([...shipped].sort()).toEqual(order.items.map((item) => item.item_id).sort());
      for (const fulfillment of order.fulfillments) {
        expect(['顺丰速运', '京东物流', '中通快递', '圆通速递', 'EMS']).toContain(fulfillment.carrier);
        expect(fulfillment.tracking_id.length).toBe(1);
        expect(fulfillment.events.length).toBeGreaterThan(0);
      }
    }
  });

  it('orders tracking events in time, after creation and before the reference date', () => {
    for (const order of list) {
      expect(order.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      const created = Date.parse(order.created_at);
      expect(created).toBeLessThan(REFERENCE_MS);
      for (const fulfillment of order.fulfillments) {
        let previous = created;
        for (const event of fulfillment.events) {
          expect(event.time).toMatch(/\+08:00$/);
          const time = Date.parse(event.time);
          expect(time, `${order.order_id} ${event.description}`).toBeGreaterThan(previous);
          expect(time).toBeLessThan(REFERENCE_MS);
          previous = time;
        }
      }
    }
  });

  it('ends delivered journeys with 已签收 and leaves processed ones in transit, some of them delayed', () => {
    const last = (order: Order) => order.fulfillments.map((fulfillment) => fulfillment.events.at(-1)!);
    for (const order of list.filter((entry) => ['delivered', 'return requested', 'exchange requested'].includes(entry.status))) {
      for (const event of last(order)) expect(event.description).toMatch(/^已签收/);
    }
    const processed = list.filter((order) => order.status === 'processed');
    for (const order of processed) for (const event of last(order)) expect(event.description).not.toMatch(/^已签收/);
    const delayed = processed.filter((order) => last(order).some((event) => /延误|滞留|异常/.test(event.description) && REFERENCE_MS - Date.parse(event.time) > 2 * 86_400_000));
    expect(delayed.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the first 160 users and 340 orders (random baskets) first; the modelled shoppers after them have a real signal', () => {
    const userIds = Object.keys(users);
    const orderIds = Object.keys(orders);
    // Conversation tests refer to original customers and orders by id (src/packs/ecommerce/tests/zh-*.conv.yaml).
    for (const userId of ['cai_li_1004', 'feng_haoyu_6004', 'he_jie_3125']) expect(userIds.indexOf(userId)).toBeLessThan(160);
    for (const orderId of ['#CN2610754900', '#CN2611112425', '#CN2611169695']) expect(orderIds.indexOf(orderId)).toBeLessThan(340);
    const shoppers = userIds.slice(160);
    expect(shoppers.length).toBeGreaterThanOrEqual(100);
    expect(orderIds.slice(0, 340).every((id) => userIds.indexOf(orders[id].user_id) < 160)).toBe(true);
    const history = (userId: string) => users[userId].orders.map((id) => new Set(orders[id].items.map((item) => item.name)));
    // Complements: of the shoppers' orders with a coffee machine or a rice cooker, most have the consumable in the same
    // or the next order; among the random customers it is rare.
    const follows = (ids: string[], anchor: string, complement: string) => {
      let anchors = 0;
      let followed = 0;
      for (const userId of ids) {
        const baskets = history(userId);
        baskets.forEach((basket, index) => {
          if (!basket.has(anchor)) return;
          anchors += 1;
          if (basket.has(complement) || baskets[index + 1]?.has(complement)) followed += 1;
        });
      }
      return anchors ? followed / anchors : 0;
    };
    const pairs: Array<[string, string]> = [['意式咖啡机', '咖啡豆'], ['电饭煲', '五常大米'], ['智能手机', '充电宝'], ['婴儿推车', '婴儿湿巾']];
    const shopperRate = pairs.reduce((sum, [anchor, complement]) => sum + follows(shoppers, anchor, complement), 0) / pairs.length;
    const randomRate = pairs.reduce((sum, [anchor, complement]) => sum + follows(userIds.slice(0, 160), anchor, complement), 0) / pairs.length;
    expect(shopperRate).toBeGreaterThan(0.4);
    expect(shopperRate).toBeGreaterThan(randomRate * 3);
    // Preferences: a shopper's items concentrate in few categories (random baskets spread over ~8).
    const categoryOf = new Map(Object.values(products).map((product) => [product.name, product.category]));
    const topShare = (userId: string) => {
      const counts = new Map<string, number>();
      for (const basket of history(userId)) for (const name of basket) counts.set(categoryOf.get(name)!, (counts.get(categoryOf.get(name)!) ?? 0) + 1);
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      return Math.max(...counts.values()) / total;
    };
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const manyOrders = (userId: string) => users[userId].orders.length >= 3;
    expect(mean(shoppers.filter(manyOrders).map(topShare))).toBeGreaterThan(mean(userIds.slice(0, 160).filter(manyOrders).map(topShare)) + 0.15);
  });

  it('keeps the three files commit-size friendly', () => {
    const size = ['products.json', 'users.json', 'orders.json'].reduce((sum, name) => sum + readFileSync(join(directory, name)).length, 0);
    expect(size).toBeLessThan(2_000_000);
  });
});
