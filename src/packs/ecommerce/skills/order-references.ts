import { normalize } from '../../../engine/text/normalize.ts';
import type { EcommerceDb, Order } from '../store/types.ts';
import { mentionedItems } from './orders.ts';

// Words that put what follows out of the request: "not the one with the tablet", "except the lamp", "除了台灯那单".
const EXCLUDE_BEFORE = /\b(not the|but not|except( for)?|other than|apart from|besides|keep the|leave the|don'?t (cancel|touch|change)( the)?)\b|除了|保留|留着|别取消|不要取消|不用取消|不取消|别动/;
// Words that put what precedes out of it: "the makeup kit order is fine", "有太阳镜那个保留不动".
const EXCLUDE_AFTER = /\b(is fine|are fine|is ok(ay)?|can stay|stays|leave (it|that( one)?|them|those)( alone| be)?|keep (it|that( one)?|them)|don'?t (cancel|touch) (it|that|them))\b|保留|不动|别动|留着|不取消|不用取消|不要取消|别取消|照常|正常发/;
const CLAUSE = /[,.;!?，。；！？\n]+/;

/**
 * The parts of a message that name what the customer wants left alone ("…, NOT the one with the tablet",
 * "the makeup kit order is fine, leave that one", "还有一单（有太阳镜那个）保留不动").
 */
export function excludedText(text: string): string {
  const parts: string[] = [];
  for (const clause of normalize(text).split(CLAUSE)) {
    const before = EXCLUDE_BEFORE.exec(clause);
    const tail = before ? clause.slice(before.index + before[0].length) : '';
    const after = EXCLUDE_AFTER.exec(clause);
    const head = after ? clause.slice(0, before && before.index < after.index ? before.index : after.index) : '';
    // "保留烤箱那单" vs "烤箱那单保留": the side that names something is the excluded one.
    const named = tail.replace(/不动|别动|留着|就行|就好|即可|吧|哈|啊|[\s的那个单订]/g, '');
    if (before && named.length > 1) parts.push(tail);
    else if (after) parts.push(head);
  }
  return parts.join(' ');
}

/** Orders among `orders` whose products the customer asked to leave alone. */
export function excludedOrders(text: string, orders: Order[], products?: EcommerceDb['products']): Order[] {
  const excluded = excludedText(text);
  if (!excluded.trim()) return [];
  return orders.filter((order) => mentionedItems(excluded, order, products).length > 0 || excluded.includes(normalize(order.order_id).replace(/^#/, '')));
}

// "both orders", "all my pending orders", "cancel them all", "两个订单都取消", "两单", "全部取消".
const SEVERAL = /\b(both( of)?( them| my| the)?|all (of )?(my |the |these |those )?(pending |open )?(orders|ones|of them)|them all|(two|2|three|3) (pending |open )?orders)\b|两个|两单|俩|三个|三单|都取消|全部|全都|所有/;

/** True when the message asks about several orders at once without (necessarily) naming them. */
export function mentionsSeveralOrders(text: string): boolean {
  return SEVERAL.test(normalize(text));
}

// What customers call an order's status: "那个还没发货的", "the pending one", "已经收到的那单", "the one on its way".
const STATUS_WORDS: Array<{ status: string; pattern: RegExp }> = [
  { status: 'pending', pattern: /还没发货|没发货|未发货|待发货|还没发出|没发出|\b(pending|not (yet )?shipped|hasn'?t (been )?shipped|unshipped|not sent (out )?yet)\b/ },
  { status: 'processed', pattern: /已经发货|已发货|在路上|运输中|\b(shipped|on (its|the) way|in transit)\b/ },
  { status: 'delivered', pattern: /已经收到|收到的|已签收|签收的|到了的|\b(delivered|arrived|received)\b/ },
];

/**
 * Narrows orders by the status the customer describes them with ("那个还没发货的", "the one already delivered").
 * Returns the narrower list only when it keeps at least one order and the words name exactly one status.
 */
export function narrowByStatus(text: string, orders: Order[]): Order[] {
  const t = normalize(text).replace(/不是还没发货|not the (pending|unshipped) one/g, ' ');
  const named = STATUS_WORDS.filter((w) => w.pattern.test(t)).map((w) => w.status);
  // "还没发货" also contains "发货": a pending reference wins over the shipped one it spells.
  const statuses = named.includes('pending') ? ['pending'] : named;
  if (statuses.length !== 1) return orders;
  const kept = orders.filter((order) => order.status === statuses[0]);
  return kept.length ? kept : orders;
}
