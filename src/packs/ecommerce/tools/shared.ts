import { z } from 'zod';
import { ToolError, type ToolContext } from '../../../engine/tools/define-tool.ts';
import type { EcommerceDb, Order, PaymentMethod } from '../store/types.ts';

export type StoreContext = ToolContext<EcommerceDb>;

export const orderIdSchema = z.string().trim().min(2).max(40).describe("The order id, such as '#W0000000' (note the leading '#').");
export const itemIdsSchema = z.array(z.string().trim().min(1).max(20)).min(1).max(50);
export const paymentMethodIdSchema = z.string().trim().min(1).max(60).describe("A payment method id such as 'gift_card_0000000' or 'credit_card_0000000'.");

/** Rounds money to cents the way the store's ledger does. */
export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The order, checked to exist and — in a customer conversation — to belong to the authenticated customer. */
export function getOwnOrder(context: StoreContext, orderId: string): Order {
  const order = context.data.orders[orderId];
  if (!order) throw new ToolError('order not found');
  assertOwner(context, order.user_id);
  return order;
}

/** Write access check: a customer conversation may only touch the authenticated customer's records. */
export function assertOwner(context: StoreContext, userId: string): void {
  if (context.actor.kind === 'system') return;
  if (!context.actor.customerId) throw new ToolError('the customer is not authenticated');
  if (context.actor.customerId !== userId) throw new ToolError('this record belongs to another customer');
}

export function getPaymentMethod(context: StoreContext, userId: string, paymentMethodId: string): PaymentMethod {
  const method = context.data.users[userId]?.payment_methods[paymentMethodId];
  if (!method) throw new ToolError('payment method not found');
  return method;
}

/** Every item id must be in the order at least as many times as it is listed (lists may hold duplicates). */
export function assertItemsInOrder(order: Order, itemIds: string[]): void {
  const available = new Map<string, number>();
  for (const item of order.items) available.set(item.item_id, (available.get(item.item_id) ?? 0) + 1);
  const wanted = new Map<string, number>();
  for (const id of itemIds) wanted.set(id, (wanted.get(id) ?? 0) + 1);
  for (const [id, count] of wanted) {
    if (count > (available.get(id) ?? 0)) throw new ToolError(`item ${id} not found in order ${order.order_id}`);
  }
}

/** Total price difference of swapping items for variants of the same products; checks each new variant. */
export function priceDifference(context: StoreContext, order: Order, itemIds: string[], newItemIds: string[]): number {
  if (itemIds.length !== newItemIds.length) throw new ToolError('the number of items to be exchanged should match');
  let difference = 0;
  itemIds.forEach((itemId, index) => {
    const item = order.items.find((candidate) => candidate.item_id === itemId);
    if (!item) throw new ToolError(`item ${itemId} not found in order ${order.order_id}`);
    const variant = context.data.products[item.product_id]?.variants[newItemIds[index]];
    if (!variant || !variant.available) throw new ToolError(`new item ${newItemIds[index]} not found or available`);
    difference += variant.price - item.price;
  });
  return roundMoney(difference);
}

export function assertGiftCardCovers(method: PaymentMethod, amount: number, what: string): void {
  if (method.source === 'gift_card' && (method.balance ?? 0) < amount) {
    throw new ToolError(`insufficient gift card balance to pay for ${what}`);
  }
}
