import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { Address, EcommerceDb, Order, User } from '../store/types.ts';
import { ensureCustomer } from './auth.ts';
import { confirmationReplies } from './confirm.ts';
import { chineseAddress, cityNamed, districtAddress } from './chinese-address.ts';
import { mentionedItems, orderCard, resolveOrder, type Ctx } from './orders.ts';

const DEFAULT_ADDRESS = /\b(default|my (home|usual|profile|account) address|same as (my )?(profile|account|default))\b|默认(的)?(收货)?地址|账户(的)?地址|常用地址/;
// "same address as my other order", "where order #W… ships", "跟上一单一样", "和我另一单一样": another order's address.
const OTHER_ORDER_ADDRESS = /\b(same (address|place) as|same as (my|the) (other|last|previous|earlier)|where (my |the )?(other|last|previous) order|where (order )?#?w?\d{5,}|(that|the) (other|last|previous) order'?s? address|(other|last|previous) order is going)\b|(跟|和|与|同)(我)?(的)?(上一单|上一个订单|上次|另一单|另外一单|另一个订单|那单|#|订单)[^，。,.]{0,20}?(一样|相同|同一个)|(上一单|另一单|那单)的地址/;
// Words that only refer to an address; never stored as one.
export const ADDRESS_REFERENCE = new RegExp(`${DEFAULT_ADDRESS.source}|${OTHER_ORDER_ADDRESS.source}`);

export function formatAddress(address: Address): string {
  if (address.country === '中国' || /\p{Script=Han}/u.test(address.city)) return `${MUNICIPAL.test(address.state) ? '' : address.state}${address.city}${address.address1}${address.address2}（${address.zip}）`;
  return [address.address1, address.address2, address.city, `${address.state} ${address.zip}`, address.country].filter(Boolean).join(', ');
}

const MUNICIPAL = /^(北京|天津|上海|重庆)市$/;

/** Every address the store knows (customers' and orders'), to learn which province a city is in. */
function knownAddresses(ctx: Ctx): Address[] {
  return Object.values(ctx.data.users).map((u) => u.address);
}

/** Zip codes of this message that are not part of an address in it (a new address's zip is not the account's). */
export function zipOutsideAddress(ctx: Ctx): string | undefined {
  const addresses = ctx.entities('address');
  return ctx.entities('zip').find((zip) => !addresses.some((a) => zip.start >= a.start && zip.end <= a.end + 12))?.value;
}

/**
 * The other order whose address the customer points at ("same as my other order", "where #W123 ships",
 * "跟上一单一样"): an order id named that is not `current`, an order whose products are named, or the most
 * recent other order. Null when the text does not refer to one.
 */
export function referencedOrderAddress(ctx: Ctx, user: User, current?: Order): Address | null {
  const text = normalize(ctx.turn.text);
  if (!OTHER_ORDER_ADDRESS.test(text)) return null;
  const others = user.orders.map((id) => ctx.data.orders[id]).filter((o) => o && o.order_id !== current?.order_id);
  const byId = ctx.entities('order_id').map((e) => others.find((o) => o.order_id === e.value)).find(Boolean);
  const byProduct = others.filter((o) => mentionedItems(ctx.turn.text, o, ctx.data.products).length);
  const differs = others.filter((o) => !current || formatAddress(o.address) !== formatAddress(current.address));
  const chosen = byId ?? (byProduct.length === 1 ? byProduct[0] : undefined) ?? differs.at(-1) ?? others.at(-1);
  return chosen ? { ...chosen.address } : null;
}

/** An address from this message: an address entity, "my default address" (the profile's) or another order's. */
export function addressFromTurn(ctx: Ctx, user: User, current?: Order): Address | null {
  const referenced = referencedOrderAddress(ctx, user, current);
  const entity = ctx.entities('address')[0];
  const zip = ctx.entities('zip').find((z) => !entity || z.start >= entity.start)?.value ?? ctx.entities('zip')[0]?.value ?? '';
  const m = (entity?.meta ?? {}) as Record<string, string>;
  if (m.address1 && m.city) {
    return { address1: m.address1, address2: m.address2 ?? '', city: m.city, state: m.state ?? '', country: m.country ?? 'USA', zip: m.zip ?? zip };
  }
  const after = entity ? ctx.turn.text.slice(Math.max(entity.end, ctx.turn.text.indexOf(entity.text) + entity.text.length)) : '';
  if (entity && m.detail && (m.city || m.province)) {
    const found = chineseAddress(m, after, knownAddresses(ctx), current?.address ?? user.address);
    if (found) return { ...found, zip };
  }
  // "改到江北区建新北路66号 …，还是重庆": a district and street; the city is the one named, or stays as it was.
  const district = ctx.locale === 'zh' || /\p{Script=Han}/u.test(ctx.turn.text) ? districtAddress(ctx.turn.text) : null;
  if (district && !referenced) {
    const base = current?.address ?? user.address;
    const city = cityNamed(ctx.turn.text, knownAddresses(ctx)) ?? base.city;
    const found = chineseAddress({ ...district.parts, city }, ctx.turn.text.slice(district.end), knownAddresses(ctx), base);
    // The zip said after the new address is its zip ("潘浩然 邮编050011 … 改成…号 …，邮编050051").
    const after = ctx.entities('zip').find((z) => z.start >= district.end - 2)?.value ?? ctx.entities('zip').at(-1)?.value ?? '';
    if (found) return { ...found, zip: after };
  }
  if (referenced) return referenced;
  // "Ship it to my default address" names the profile's address as the value; "update my default address" names
  // what to change (writing the old address back would be a no-op presented as done).
  if (current && DEFAULT_ADDRESS.test(normalize(ctx.turn.text))) return { ...user.address };
  return null;
}

/** An address said earlier in this flow (before the customer was identified, say), read again from the words. */
function addressFromFlow(ctx: Ctx, user: User, current?: Order): Address | null {
  const entity = ctx.flowEntities('address').at(-1);
  const m = (entity?.meta ?? {}) as Record<string, string>;
  const zip = ctx.flowEntities('zip').at(-1)?.value ?? '';
  if (m.address1 && m.city) return { address1: m.address1, address2: m.address2 ?? '', city: m.city, state: m.state ?? '', country: m.country ?? 'USA', zip: m.zip ?? zip };
  if (!m.detail || !(m.city || m.province)) return null;
  const said = ctx.flowTexts().find((text) => text.includes(m.detail)) ?? '';
  const found = chineseAddress(m, said.slice(said.indexOf(m.detail) + m.detail.length), knownAddresses(ctx), current?.address ?? user.address);
  return found ? { ...found, zip } : null;
}

const ZH_PART = /(?:是|改成|改为|应该是|换成)\s*(\d+)\s*(单元|号楼|栋|层|室|座)(?:[，,\s]*不是\s*(\d+)\s*\2)?|不是\s*(\d+)\s*(单元|号楼|栋|层|室|座)[，,\s]*(?:是|而是)\s*(\d+)\s*\5/;
const EN_PART = /\b(apt|apartment|suite|unit|ste)\.?\s*#?\s*([a-z0-9-]{1,8})\s*(?:,\s*)?(?:not|instead of)\s*(?:\1\.?\s*)?#?\s*([a-z0-9-]{1,8})\b|\b(?:not|instead of)\s*(apt|apartment|suite|unit|ste)\.?\s*#?\s*([a-z0-9-]{1,8})\s*,?\s*(?:but|it'?s)\s*(?:\4\.?\s*)?#?\s*([a-z0-9-]{1,8})\b/i;

/**
 * A correction of one numbered part of the address about to be confirmed: "是2单元 不是3单元", "不是3单元，是2单元",
 * "Suite 116 not 161". Returns the corrected address, or null when the message corrects nothing.
 */
export function correctedAddress(text: string, address: Address): Address | null {
  const zh = ZH_PART.exec(text);
  if (zh) {
    const [marker, now, before] = zh[1] ? [zh[2], zh[1], zh[3]] : [zh[5], zh[6], zh[4]];
    const pattern = new RegExp(`${before ?? '\\d+'}(?=${marker})`);
    for (const key of ['address2', 'address1'] as const) {
      if (pattern.test(address[key])) return { ...address, [key]: address[key].replace(pattern, now) };
    }
    return null;
  }
  const en = EN_PART.exec(text);
  if (en) {
    const [word, now, before] = en[1] ? [en[1], en[2], en[3]] : [en[4], en[6], en[5]];
    const pattern = new RegExp(`(${word}\\.?\\s*#?\\s*)${before}\\b`, 'i');
    if (pattern.test(address.address2)) return { ...address, address2: address.address2.replace(pattern, `$1${now}`) };
  }
  return null;
}

function collectAddress(ctx: Ctx, user: User, current?: Order): Address | 'waiting' {
  const pending = ctx.slots.address as Address | undefined;
  const fixed = ctx.awaiting === 'confirmation' && pending ? correctedAddress(ctx.turn.text, pending) : null;
  if (fixed) { ctx.slots.address = fixed; ctx.slots.corrected = ctx.turn.text; return fixed; }
  const found = addressFromTurn(ctx, user, current) ?? (ctx.slots.address ? null : addressFromFlow(ctx, user, current));
  if (found) ctx.slots.address = found;
  // The address it already has is no new address: ask for the new one instead of confirming a change to itself.
  const same = ctx.slots.address && formatAddress(ctx.slots.address as Address) === formatAddress(current?.address ?? user.address);
  if (same) {
    delete ctx.slots.address;
    ctx.ask('address', 'address.same');
    return 'waiting';
  }
  const address = ctx.slots.address as Address | undefined;
  if (address && !address.zip) {
    const zip = ctx.entities('zip')[0]?.value;
    if (zip) address.zip = zip;
  }
  if (!address || !address.zip) {
    ctx.ask('address', address ? 'address.ask_zip' : 'address.ask');
    return 'waiting';
  }
  return address;
}

async function confirmStep(ctx: Ctx, key: string, vars: Record<string, unknown>, execute: () => Promise<boolean>, card?: ReturnType<typeof orderCard>): Promise<'waiting' | 'done'> {
  const corrected = ctx.slots.corrected === ctx.turn.text;
  if (ctx.awaiting === 'confirmation' && ctx.isAffirm() && !corrected) { await execute(); return 'done'; }
  if (ctx.awaiting === 'confirmation' && ctx.isDeny() && !ctx.entities('address').length && !corrected) { ctx.say('action.not_done'); return 'done'; }
  ctx.ask('confirmation', key, vars, { quickReplies: confirmationReplies(ctx), cards: card ? [card] : [] });
  return 'waiting';
}

export const modifyOrderAddressSkill: Skill<EcommerceDb> = {
  name: 'modify_order_address',
  intents: ['modify_order_address'],
  writes: true,
  accepts: ['order_id', 'address', 'zip'],
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const order = await resolveOrder(ctx, { statuses: ['pending'], action: 'modify_address' });
    if (order === 'waiting') return 'waiting';
    if (order === 'stop') return 'done';
    const user = ctx.data.users[ctx.customerId()!];
    const address = collectAddress(ctx, user, order);
    if (address === 'waiting') return 'waiting';
    return confirmStep(ctx, 'address.confirm_order', { order: order.order_id, address: formatAddress(address) }, async () => {
      const result = await ctx.call<Order>('modify_pending_order_address', { order_id: order.order_id, ...address });
      if (!result.ok) ctx.say('action.failed', { error: result.error });
      else ctx.say('address.done_order', { order: order.order_id, address: formatAddress(address) }, { cards: [orderCard(ctx, result.result!)] });
      return result.ok;
    });
  },
};

export const modifyUserAddressSkill: Skill<EcommerceDb> = {
  name: 'modify_user_address',
  intents: ['modify_user_address'],
  writes: true,
  accepts: ['order_id', 'address', 'zip'],
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const userId = ctx.customerId()!;
    const address = collectAddress(ctx, ctx.data.users[userId]);
    if (address === 'waiting') return 'waiting';
    return confirmStep(ctx, 'address.confirm_user', { address: formatAddress(address) }, async () => {
      const result = await ctx.call<User>('modify_user_address', { user_id: userId, ...address });
      if (!result.ok) ctx.say('action.failed', { error: result.error });
      else ctx.say('address.done_user', { address: formatAddress(address) });
      return result.ok;
    });
  },
};
