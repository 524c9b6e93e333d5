import { beforeAll, describe, expect, it } from 'vitest';
import { loadStore } from '../store/load-store.ts';
import type { EcommerceDb, Order, OrderItem } from '../store/types.ts';
import { applySelection, resolveItems } from './resolve-items.ts';

/** An order built from catalogue variants; a product named twice takes its next available variant. */
function orderOf(db: EcommerceDb, names: string[]): Order {
  const seen = new Map<string, number>();
  const items: OrderItem[] = names.map((name) => {
    const product = Object.values(db.products).find((p) => p.name === name)!;
    const k = seen.get(name) ?? 0;
    seen.set(name, k + 1);
    const variant = Object.values(product.variants).filter((v) => v.available)[k];
    return { name: product.name, product_id: product.product_id, item_id: variant.item_id, price: variant.price, options: variant.options };
  });
  return { order_id: '#TEST1', user_id: 'u', address: {} as Order['address'], items, fulfillments: [], status: 'delivered', payment_history: [] };
}

const names = (order: Order, indexes: number[]) => indexes.map((i) => order.items[i].name);

describe('resolveItems (English store)', () => {
  let db: EcommerceDb;
  let order: Order;
  beforeAll(async () => {
    db = await loadStore('tau-retail');
    order = orderOf(db, ['Desk Lamp', 'Electric Kettle', 'Hiking Boots', 'Water Bottle', 'Dumbbell Set']);
  });
  it.each([
    ['please send back all of it apart from the lamp, I still use that', ['Electric Kettle', 'Hiking Boots', 'Water Bottle', 'Dumbbell Set']],
    ['can i return only the kettle? not the boots, they fit fine', ['Electric Kettle']],
    ['returning the dumbbells and the bottle. keeping the rest', ['Water Bottle', 'Dumbbell Set']],
    ['the lamp and the boots I am keeping, the others can go back', ['Electric Kettle', 'Water Bottle', 'Dumbbell Set']],
    ['I want to return the kettle, the lamp and the bottle... wait, keep the lamp', ['Electric Kettle', 'Water Bottle']],
    ['return the lamp and kettle. hmm actually just the kettle', ['Electric Kettle']],
    ['my order with the hiking boots - the water bottle leaks, return it', ['Water Bottle']],
    ['everything in that order needs to go back', ['Desk Lamp', 'Electric Kettle', 'Hiking Boots', 'Water Bottle', 'Dumbbell Set']],
    ['return the boots pls, bottle + lamp are fine', ['Hiking Boots']],
    ['everything except the lamp. the lamp was a gift from my mum', ['Electric Kettle', 'Hiking Boots', 'Water Bottle', 'Dumbbell Set']],
  ])('%s', (text, expected) => {
    expect(names(order, resolveItems(text, order, db.products).include)).toEqual(expected);
  });

  it('"both" means the two items of a two-item order; while confirming it adds nothing', () => {
    const two = orderOf(db, ['Desk Lamp', 'Water Bottle']);
    expect(resolveItems('i want to send both back', two, db.products).include).toEqual([0, 1]);
    expect(resolveItems('yes, both', two, db.products, { quantifiers: false }).include).toEqual([]);
  });

  it('two shirts: "the shirt" is ambiguous, "the cheaper shirt" and "both shirts" are not', () => {
    const shirts = orderOf(db, ['T-Shirt', 'T-Shirt', 'Desk Lamp']);
    expect(resolveItems('return the t-shirt', shirts, db.products).ambiguous.length).toBe(1);
    const cheaper = shirts.items[0].price < shirts.items[1].price ? 0 : 1;
    expect(resolveItems('return the cheaper t-shirt', shirts, db.products).include).toEqual([cheaper]);
    expect(resolveItems('return both t-shirts', shirts, db.products).include).toEqual([0, 1]);
  });

  it('a later message adds, "not the X" removes and "only" replaces', () => {
    const first = resolveItems('return the lamp', order, db.products);
    let chosen = applySelection([], first);
    chosen = applySelection(chosen, resolveItems('oh and the kettle too', order, db.products));
    expect(names(order, chosen)).toEqual(['Desk Lamp', 'Electric Kettle']);
    chosen = applySelection(chosen, resolveItems('no wait, not the lamp', order, db.products));
    expect(names(order, chosen)).toEqual(['Electric Kettle']);
    chosen = applySelection(chosen, resolveItems('only the boots then', order, db.products));
    expect(names(order, chosen)).toEqual(['Hiking Boots']);
  });
});

describe('resolveItems (Chinese store)', () => {
  let db: EcommerceDb;
  let order: Order;
  beforeAll(async () => {
    db = await loadStore('store-zh');
    order = orderOf(db, ['充电宝', '骑行头盔', '电水壶', '跑步鞋']);
  });
  it.each([
    ['除了头盔其他都退掉', ['充电宝', '电水壶', '跑步鞋']],
    ['只退充电宝，别的不动', ['充电宝']],
    ['水壶和跑鞋我要退，头盔留着', ['电水壶', '跑步鞋']],
    ['整單都退了吧', ['充电宝', '骑行头盔', '电水壶', '跑步鞋']],
    ['跟头盔一起那单里的充电宝退了', ['充电宝']],
    ['充电宝、电热水壶退货，跑步鞋不退', ['充电宝', '电水壶']],
    // An item left out and then named again only as a reason or a side remark stays out.
    ['除了头盔都退了吧，头盔我骑车天天戴着呢', ['充电宝', '电水壶', '跑步鞋']],
    ['头盔和水壶退了，头盔先不退……算了头盔还是退吧', ['骑行头盔', '电水壶']],
  ])('%s', (text, expected) => {
    expect(names(order, resolveItems(text, order, db.products).include)).toEqual(expected);
  });

  it('"两样都退" with two named items takes exactly those', () => {
    expect(names(order, resolveItems('头盔和充电宝，两样都退', order, db.products).include)).toEqual(['充电宝', '骑行头盔']);
  });
});
