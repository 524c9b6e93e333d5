import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { Address, EcommerceDb, Order, User } from '../store/types.ts';
import { ensureCustomer } from './auth.ts';
import { confirmationReplies } from './confirm.ts';
import { orderCard, resolveOrder, type Ctx } from './orders.ts';

const DEFAULT_ADDRESS = /\b(default|my (home|usual|profile|account) address|same as (my )?(profile|account|default))\b|默认地址|账户地址|常用地址/;

export function formatAddress(address: Address): string {
  if (address.country === '中国' || /\p{Script=Han}/u.test(address.city)) return `${address.state}${address.city}${address.address1}${address.address2}（${address.zip}）`;
  return [address.address1, address.address2, address.city, `${address.state} ${address.zip}`, address.country].filter(Boolean).join(', ');
}

/** An address from this message: an address entity, or "my default address" (the profile's). */
export function addressFromTurn(ctx: Ctx, user: User): Address | null {
  const entity = ctx.entities('address')[0];
  if (entity?.meta) {
    const m = entity.meta as Record<string, string>;
    if (m.address1 && m.city) {
      return { address1: m.address1, address2: m.address2 ?? '', city: m.city, state: m.state ?? '', country: m.country ?? 'USA', zip: m.zip ?? ctx.entities('zip')[0]?.value ?? '' };
    }
    if (m.detail && (m.city || m.province)) {
      return { address1: `${m.district ?? ''}${m.detail}`, address2: '', city: m.city ?? m.province, state: m.province ?? m.city, country: '中国', zip: ctx.entities('zip')[0]?.value ?? '' };
    }
  }
  if (DEFAULT_ADDRESS.test(normalize(ctx.turn.text))) return { ...user.address };
  return null;
}

function collectAddress(ctx: Ctx, user: User): Address | 'waiting' {
  const found = addressFromTurn(ctx, user);
  if (found) ctx.slots.address = found;
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

function confirmStep(ctx: Ctx, key: string, vars: Record<string, unknown>, execute: () => boolean, card?: ReturnType<typeof orderCard>): 'waiting' | 'done' {
  if (ctx.awaiting === 'confirmation' && ctx.isAffirm()) return execute() ? 'done' : 'done';
  if (ctx.awaiting === 'confirmation' && ctx.isDeny() && !ctx.entities('address').length) { ctx.say('action.not_done'); return 'done'; }
  ctx.ask('confirmation', key, vars, { quickReplies: confirmationReplies(ctx), cards: card ? [card] : [] });
  return 'waiting';
}

export const modifyOrderAddressSkill: Skill<EcommerceDb> = {
  name: 'modify_order_address',
  intents: ['modify_order_address'],
  writes: true,
  accepts: ['order_id', 'address', 'zip'],
  run(ctx) {
    if (!ensureCustomer(ctx)) return 'waiting';
    const order = resolveOrder(ctx, { statuses: ['pending'], action: 'modify_address' });
    if (order === 'waiting') return 'waiting';
    if (order === 'stop') return 'done';
    const user = ctx.data.users[ctx.customerId()!];
    const address = collectAddress(ctx, user);
    if (address === 'waiting') return 'waiting';
    return confirmStep(ctx, 'address.confirm_order', { order: order.order_id, address: formatAddress(address) }, () => {
      const result = ctx.call<Order>('modify_pending_order_address', { order_id: order.order_id, ...address });
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
  run(ctx) {
    if (!ensureCustomer(ctx)) return 'waiting';
    const userId = ctx.customerId()!;
    const address = collectAddress(ctx, ctx.data.users[userId]);
    if (address === 'waiting') return 'waiting';
    return confirmStep(ctx, 'address.confirm_user', { address: formatAddress(address) }, () => {
      const result = ctx.call<User>('modify_user_address', { user_id: userId, ...address });
      if (!result.ok) ctx.say('action.failed', { error: result.error });
      else ctx.say('address.done_user', { address: formatAddress(address) });
      return result.ok;
    });
  },
};
