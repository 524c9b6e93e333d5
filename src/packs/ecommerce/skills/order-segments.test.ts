import { describe, expect, it } from 'vitest';
import type { Order } from '../store/types.ts';
import { segmentsByOrder } from './order-segments.ts';
import { narrowByStatus } from './order-references.ts';

function order(id: string, status: string, names: string[]): Order {
  return {
    order_id: id, user_id: 'u', address: { address1: '', address2: '', city: '', state: '', country: '', zip: '' }, status, fulfillments: [], payment_history: [],
    items: names.map((name, index) => ({ name, product_id: `${id}-${index}`, item_id: `${id}-${index}`, price: 10, options: {} })),
  };
}

const coffee = order('#A', 'delivered', ['意式咖啡机']);
const charger = order('#B', 'delivered', ['丝绒口红', '充电宝']);
const both = order('#C', 'pending', ['充电宝', '收纳箱']);

describe('segmentsByOrder', () => {
  it('gives each order its own part; a part naming no product stays with the part before it', () => {
    const parts = segmentsByOrder('好的。另外两个订单都要换：咖啡机银色的换成黑色，差价支付宝付；充电宝换成两万毫安的黑色那款，差价退回信用卡', [coffee, charger]);
    expect(parts?.map((p) => p.order.order_id)).toEqual(['#A', '#B']);
    expect(parts?.[0].text).toContain('支付宝');
    expect(parts?.[0].text).not.toContain('信用卡');
    expect(parts?.[1].text).toContain('信用卡');
  });

  it('splits on "also" in English and keeps the greeting with the first part', () => {
    const lamp = order('#L', 'delivered', ['Desk Lamp']);
    const kettle = order('#K', 'pending', ['Electric Kettle', 'Water Bottle']);
    const parts = segmentsByOrder('Hi there. The kettle should be the 2 liter one. Also the lamp in black please', [lamp, kettle]);
    expect(parts?.map((p) => p.order.order_id)).toEqual(['#K', '#L']);
    expect(parts?.[0].text.startsWith('Hi there.')).toBe(true);
  });

  it('is null when one order is named, or a product both orders hold decides nothing', () => {
    expect(segmentsByOrder('充电宝换成黑色的', [coffee, charger])).toBeNull();
    expect(segmentsByOrder('充电宝换黑色；咖啡机换白色', [charger, both, coffee])).toBeNull();
  });
});

describe('narrowByStatus', () => {
  const orders = [coffee, both, order('#D', 'processed', ['收纳箱'])];
  it.each([
    ['那个还没发货的', ['#C']],
    ['the pending one', ['#C']],
    ['已经收到的那单', ['#A']],
    ['the one on its way', ['#D']],
    ['不是还没发货那单，是已经收到的', ['#A']],
    ['随便哪个', ['#A', '#C', '#D']],
  ])('%s', (text, expected) => {
    expect(narrowByStatus(text, orders).map((o) => o.order_id)).toEqual(expected);
  });
});
