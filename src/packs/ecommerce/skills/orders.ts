import type { SkillContext } from '../../../engine/pack.ts';
import type { Card } from '../../../engine/dialogue/types.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { CORRECTS_SLOT } from '../../../engine/dialogue/turn-context.ts';
import { findForm, productForms } from '../catalog/surface-forms.ts';
import { findOptionMentions } from '../catalog/match-options.ts';
import type { EcommerceDb, Order, OrderItem } from '../store/types.ts';
import { excludedOrders, excludedText, narrowByStatus } from './order-references.ts';
import { narrowByTime } from './order-time.ts';
import { daysPastLimit } from '../store/order-dates.ts';
import { segmentsByOrder } from './order-segments.ts';

export type Ctx = SkillContext<EcommerceDb>;

export function money(ctx: Ctx, amount: number): string {
  const value = Math.abs(amount).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}${ctx.data.currency === 'CNY' ? '¥' : '$'}${value}`;
}

const STATUS_ZH: Record<string, string> = {
  pending: '待发货', processed: '已发货', delivered: '已签收', cancelled: '已取消', 'return requested': '退货申请中',
  'exchange requested': '换货申请中', 'pending (item modified)': '待发货（已修改商品）',
};

export function statusLabel(ctx: Ctx, status: string): string {
  return ctx.locale === 'zh' ? STATUS_ZH[status] ?? status : status;
}

export function orderTotal(order: Order): number {
  return Math.round(order.items.reduce((sum, item) => sum + item.price, 0) * 100) / 100;
}

export function orderCard(ctx: Ctx, order: Order): Card {
  return {
    kind: 'order', orderId: order.order_id, status: statusLabel(ctx, order.status), total: orderTotal(order), currency: ctx.data.currency,
    items: order.items.map((item) => ({ name: item.name, options: item.options, price: item.price, itemId: item.item_id })),
    tracking: order.fulfillments.flatMap((f) => f.tracking_id),
  };
}

export function itemLabel(item: OrderItem): string {
  const options = Object.values(item.options).join(' / ');
  return options ? `${item.name} (${options})` : item.name;
}

/** Short one-line description of an order for lists and quick replies. */
export function orderSummary(ctx: Ctx, order: Order): string {
  const names = order.items.map((i) => i.name);
  const shown = names.slice(0, 3).join(ctx.locale === 'zh' ? '、' : ', ') + (names.length > 3 ? '…' : '');
  return `${order.order_id} · ${statusLabel(ctx, order.status)} · ${shown}`;
}

/** Items of the order that the text mentions by product name (zh or en); "all"/"全部" means every item. */
export function mentionedItems(text: string, order: Order, products?: EcommerceDb['products']): Array<{ item: OrderItem; start: number }> {
  const t = normalize(text);
  const found: Array<{ item: OrderItem; start: number; length: number }> = [];
  order.items.forEach((item) => {
    let best: { start: number; length: number } | null = null;
    // The catalogue's English name too, for English-speaking customers of a Chinese store ("the bedding set").
    for (const form of productForms(item.name, products?.[item.product_id]?.name_en, true)) {
      for (const start of findForm(t, normalize(form))) {
        if (!best || form.length > best.length) best = { start, length: form.length };
      }
    }
    if (best) found.push({ item, ...best });
  });
  // "camera" inside "action camera" belongs to the action camera, not to a digital camera in the same order.
  // Items of the same product share their span and are all kept (the caller disambiguates).
  const kept = found.filter((a) => !found.some((b) => b.length > a.length && b.item.product_id !== a.item.product_id && a.start < b.start + b.length && b.start < a.start + a.length));
  return kept.sort((a, b) => a.start - b.start).map(({ item, start }) => ({ item, start }));
}

export function mentionsAllItems(text: string): boolean {
  // "Those are all the items" closes a list; it does not ask for every item.
  const t = normalize(text).replace(/\b(that'?s|those are|these are|this is|that is|those were|it'?s) all( the (items|changes|things))?\b/g, ' ').replace(/就这些|就这几(件|个)|没有别的了/g, ' ');
  return /\b(return|exchange|refund|send back|swap|change)\b.{0,20}\b(all (of )?(the |my )?(items|products|things|of them)|everything|them all|the (whole|entire) order)\b|\b(all (of )?the items in (the|my|this) order|every item)\b|全部商品|所有商品|全部退|都退了|整单|都退|整个订单/.test(t);
}

/** The orders that hold the most distinct products the text names (none when it names none of theirs). */
export function mostMentioned(text: string, orders: Order[], products?: EcommerceDb['products']): Order[] {
  const counts = orders.map((order) => new Set(mentionedItems(text, order, products).map((m) => m.item.product_id)).size);
  const best = Math.max(0, ...counts);
  return best ? orders.filter((_, i) => counts[i] === best) : [];
}

const ORDER_CORRECTION = /(单号|订单号?)(发|写|说|填)?错了?|是另一(单|个订单|个单)|不是(这|那)(一)?(单|个订单)|另外那一?单|\b(wrong order|the other order|not (this|that) order|it'?s the other one)\b/;

// Where a change request turns from what the customer has to what they want ("单包的…想换成整箱的", "the red one to blue").
const CHANGE_TURN = /换成|改成|换为|改为|换个|换一|想换|要换|\b(to|into|for|instead)\b/;

/**
 * Among orders holding the products named, those whose item has the options the customer describes it with before
 * asking for the change ("纸尿裤单包的根本不够用，想换成整箱的": the order whose diapers are 单包). Unchanged when
 * no option is described or none matches.
 */
export function byCurrentOptions(text: string, orders: Order[], products: EcommerceDb['products']): Order[] {
  if (orders.length < 2) return orders;
  const said = normalize(text);
  const turn = CHANGE_TURN.exec(said);
  const before = turn ? said.slice(0, turn.index) : said;
  const score = (order: Order) => mentionedItems(before, order, products).reduce((sum, { item }) => {
    const product = products[item.product_id];
    return sum + (product ? findOptionMentions(before, product).filter((m) => item.options[m.key] === m.value).length : 0);
  }, 0);
  const scores = orders.map(score);
  const best = Math.max(...scores);
  return best > 0 ? orders.filter((_, i) => scores[i] === best) : orders;
}

interface ResolveOptions {
  /** Statuses the action needs, e.g. ['pending']. */
  statuses?: string[];
  /** The action is on items of the order (return, exchange): "except X" leaves out an item, not an order. */
  itemLevel?: boolean;
  /** The store's time limit for the action on delivered orders (policy key), used to prefer orders still within it. */
  window?: 'returnDays' | 'exchangeDays';
  /** Template key naming the action, for messages ("cancel", "return" …). */
  action: string;
}

/**
 * The order the customer means: an order id in this message (a new one replaces the old — corrections),
 * the one already chosen, or the only eligible order of the customer (narrowed by products mentioned);
 * asks when several fit. Checks ownership (through the tool) and status.
 * Returns the order, `'waiting'` after asking, or `'stop'` when nothing can be done (already explained).
 */
export async function resolveOrder(ctx: Ctx, options: ResolveOptions): Promise<Order | 'waiting' | 'stop'> {
  const current = ctx.entities('order_id').map((e) => e.value);
  // "不对不对 单号发错了 是另一单 今天凌晨刚下的那个" / "wrong order, it's the other one": the order chosen so far is
  // out, and this message describes the right one (what was asked about the items stays).
  if (ctx.slots.orderId && !current.length && ORDER_CORRECTION.test(normalize(ctx.turn.text))) {
    const rejected = [...((ctx.slots.rejectedOrders as string[] | undefined) ?? []), String(ctx.slots.orderId)];
    for (const key of Object.keys(ctx.slots)) if (!key.startsWith('__')) delete ctx.slots[key];
    ctx.slots.rejectedOrders = rejected;
  }
  // The same correction right after the request ended ("不对不对，是另一单", "sorry, I meant the one with the coffee maker"
  // once the named order could not be cancelled; the engine marks such a restart): the order numbers said earlier in the
  // request are the ones being taken back.
  if (!ctx.slots.orderId && !current.length && (ORDER_CORRECTION.test(normalize(ctx.turn.text)) || ctx.slots[CORRECTS_SLOT] === true)) {
    const earlier = ctx.flowEntities('order_id').map((e) => e.value);
    if (earlier.length) ctx.slots.rejectedOrders = [...new Set([...((ctx.slots.rejectedOrders as string[] | undefined) ?? []), ...earlier])];
  }
  const rejected = (ctx.slots.rejectedOrders as string[] | undefined) ?? [];
  // An order id said before authentication finished still counts.
  const mentioned = current.length ? current : ctx.slots.orderId ? [] : ctx.flowEntities('order_id').map((e) => e.value).filter((id) => !rejected.includes(id)).slice(0, 1);
  const userId = ctx.customerId()!;
  if (mentioned.length && mentioned[0] !== ctx.slots.orderId) {
    if (ctx.slots.orderId) for (const key of Object.keys(ctx.slots)) delete ctx.slots[key];
    ctx.slots.orderId = mentioned[0];
  }
  if (!ctx.slots.orderId && ctx.awaiting === 'order_id') {
    const choices = (ctx.slots.orderChoices as string[] | undefined) ?? [];
    const n = /^\s*(\d)\s*$/.exec(ctx.turn.normalized)?.[1] ?? (/第(一|二|三|四|五|六)个/.exec(ctx.turn.normalized)?.[1]);
    const index = n ? ('一二三四五六'.indexOf(n) + 1 || Number(n)) - 1 : -1;
    if (index >= 0 && choices[index]) ctx.slots.orderId = choices[index];
    else {
      // "有纸尿裤那个" / "上周到的那单" / "the latest one": the answer describes one of the listed orders.
      const listed = choices.map((id) => ctx.data.orders[id]).filter(Boolean);
      const byProduct = mostMentioned(ctx.turn.text, listed, ctx.data.products);
      const described = narrowByTime(ctx.turn.text, ctx.entities('date').map((e) => e.value), narrowByStatus(ctx.turn.text, byProduct.length ? byProduct : listed), ctx.now());
      if (described.length === 1 && (byProduct.length || described.length < listed.length)) ctx.slots.orderId = described[0].order_id;
    }
  }
  if (!ctx.slots.orderId) {
    const user = ctx.data.users[userId];
    const userOrders = user.orders.map((id) => ctx.data.orders[id]).filter(Boolean);
    const request = ctx.flowTexts().join(' ');
    // "Cancel that one, NOT the one with the tablet": orders the customer asked to leave alone are no candidates.
    const kept = (options.statuses ? userOrders.filter((o) => options.statuses!.includes(o.status)) : userOrders).filter((o) => !rejected.includes(o.order_id));
    // For returns and exchanges, "除了精华液都退" leaves an item out, not the order that holds it.
    const excluded = options.itemLevel && !/那单|订单|那个单|\b(order|one)\b/.test(excludedText(request)) ? [] : excludedOrders(request, kept, ctx.data.products);
    const eligible = excluded.length < kept.length ? kept.filter((o) => !excluded.includes(o)) : kept;
    // "阅读器、路由器还有精华液那单": the order holding most of the products named, not every order holding one.
    const withProduct = mostMentioned(request, eligible, ctx.data.products);
    // "Cancel it": the order we were just talking about, unless the customer names products of another one.
    const last = eligible.find((o) => o.order_id === ctx.memory.lastOrderId);
    if (last && (withProduct.includes(last) || !withProduct.length)) withProduct.splice(0, withProduct.length, last);
    // "咖啡机换黑色；充电宝换两万毫安的" — products of two orders: this flow takes the first order's part of the request
    // and hands each other order's part to a task of its own, run right after this one.
    const split = options.itemLevel && withProduct.length > 1 && ctx.state.flow ? segmentsByOrder(request, withProduct, ctx.data.products) : null;
    if (split) {
      ctx.focus(split[0].text);
      for (const segment of split.slice(1)) ctx.enqueue(ctx.state.flow!.name, segment.text);
      withProduct.splice(0, withProduct.length, split[0].order);
    }
    // "11月15号签收的那单", "上周买的", "the order I placed last": dates of the customer's own orders.
    // "那个还没发货的", "the one that was delivered": the status the customer describes it with; "单包的那个": the
    // options of the item; and an order past the store's window for this action is no candidate while another is.
    const described = byCurrentOptions(request, narrowByStatus(request, withProduct.length ? withProduct : eligible), ctx.data.products);
    const named = narrowByTime(request, ctx.flowEntities('date').map((e) => e.value), described, ctx.now());
    // Only when the words leave several: an order the customer named by its date is theirs to ask about, late or not.
    const limit = options.window ? ctx.data.policy?.[options.window] : undefined;
    const inWindow = named.length > 1 ? named.filter((o) => o.status !== 'delivered' || !daysPastLimit(o, limit, ctx.now())) : named;
    const candidates = inWindow.length ? inWindow : named;
    if (!candidates.length) {
      ctx.say('order.none_eligible', { action: ctx.text(`action.${options.action}`), count: userOrders.length });
      return 'stop';
    }
    if (candidates.length === 1) {
      ctx.slots.orderId = candidates[0].order_id;
    } else {
      const shown = candidates.slice(0, 8);
      ctx.slots.orderChoices = shown.map((o) => o.order_id);
      ctx.ask('order_id', 'order.which', { action: ctx.text(`action.${options.action}`), list: shown.map((o, i) => `${i + 1}. ${orderSummary(ctx, o)}`).join('\n') }, {
        quickReplies: shown.map((o) => ({ label: o.order_id, payload: o.order_id })),
      });
      return 'waiting';
    }
  }
  const orderId = String(ctx.slots.orderId);
  const details = await ctx.call<Order>('get_order_details', { order_id: orderId });
  if (!details.ok) {
    delete ctx.slots.orderId;
    ctx.ask('order_id', details.error?.includes('another customer') ? 'order.not_yours' : 'order.not_found', { order: orderId });
    return 'waiting';
  }
  const order = details.result!;
  ctx.memory.lastOrderId = order.order_id;
  if (options.statuses && !options.statuses.includes(order.status)) {
    ctx.say('order.wrong_status', { order: order.order_id, status: statusLabel(ctx, order.status), action: ctx.text(`action.${options.action}`), allowed: options.statuses.map((s) => statusLabel(ctx, s)).join(' / ') }, { cards: [orderCard(ctx, order)] });
    return 'stop';
  }
  return order;
}
