import type { EcommerceDb, Order } from '../store/types.ts';
import { mentionedItems } from './orders.ts';

/** Where a request breaks into parts that can each be about another order ("…；还有…", "…. Also …"). */
const BREAK = /(?<=[；;。！!？?\n])|(?<=[.!?])\s+|(?=还有|另外|然后|再把|\balso\b|\band then\b)/i;

/**
 * The parts of one request that are about different orders, in the customer's order: "咖啡机银色的换成黑色，差价支付宝付；
 * 充电宝换成两万毫安的，差价退回信用卡" → the coffee-machine order with its part, the power-bank order with its part.
 * A part that names no product (a greeting, "差价支付宝付" after a semicolon) stays with the part before it; what
 * comes before the first named product goes with the first. Null unless the request names products of at least two
 * of `orders` and every naming part points to exactly one of them (a product both orders hold decides nothing).
 */
export function segmentsByOrder(text: string, orders: Order[], products?: EcommerceDb['products']): Array<{ order: Order; text: string }> | null {
  const pieces = text.split(BREAK).map((piece) => piece.trim()).filter(Boolean);
  const owners = pieces.map((piece) => orders.filter((order) => mentionedItems(piece, order, products).length > 0));
  if (owners.some((list) => list.length > 1)) return null;
  const segments: Array<{ order: Order; text: string }> = [];
  let lead = '';
  let current: { order: Order; text: string } | null = null;
  pieces.forEach((piece, index) => {
    const owner = owners[index][0];
    if (!owner) {
      if (current) current.text += ` ${piece}`;
      else lead += `${piece} `;
      return;
    }
    const existing = segments.find((segment) => segment.order === owner);
    if (existing) { existing.text += ` ${piece}`; current = existing; return; }
    current = { order: owner, text: segments.length ? piece : `${lead}${piece}` };
    segments.push(current);
  });
  return segments.length >= 2 ? segments : null;
}
