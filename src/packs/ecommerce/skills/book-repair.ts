import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { EcommerceDb, Ticket } from '../store/types.ts';
import { SLOT_TIMES } from '../tools/repair-slots.ts';
import { ensureCustomer } from './auth.ts';
import { confirmationReplies } from './confirm.ts';
import { productFromText, productFromTurn } from './products.ts';

type Slot = (typeof SLOT_TIMES)[number];

function slotFromTurn(text: string, times: Array<{ value: string; meta?: Record<string, unknown> }>): Slot | null {
  const t = normalize(text);
  const direct = SLOT_TIMES.find((s) => t.includes(s));
  if (direct) return direct;
  const time = times[0];
  const part = String(time?.meta?.partOfDay ?? '');
  const hour = time ? Number(time.value.slice(0, 2)) : NaN;
  if (part === 'morning' || /上午|早上|morning/.test(t) || (hour >= 8 && hour < 12)) return '09:00-12:00';
  if (part === 'afternoon' || /下午|afternoon/.test(t) || (hour >= 12 && hour < 18)) return '14:00-17:00';
  if (part === 'evening' || /晚上|傍晚|evening/.test(t) || (hour >= 18 && hour < 21)) return '18:00-20:00';
  return null;
}

export const bookRepairSkill: Skill<EcommerceDb> = {
  name: 'book_repair',
  intents: ['book_repair'],
  writes: true,
  accepts: ['date', 'time', 'phone', 'product'],
  async run(ctx) {
    if (!(await ensureCustomer(ctx))) return 'waiting';
    const user = ctx.data.users[ctx.customerId()!];
    const t = normalize(ctx.turn.text);
    // The request may have been made before authentication: read everything said in this flow.
    const request = normalize(ctx.flowTexts().join(' '));
    ctx.slots.kind ??= /安装|install/.test(request) ? 'installation' : 'repair';
    const product = productFromTurn(ctx) ?? (ctx.slots.product ? null : productFromText(ctx, request));
    if (product) ctx.slots.product = product.name;
    if (!ctx.slots.product && ctx.memory.repairProduct) { ctx.slots.product = ctx.memory.repairProduct; delete ctx.memory.repairProduct; }
    if (!ctx.slots.product && ctx.awaiting === 'product' && t.length <= 40 && !/\d{4}-\d{2}-\d{2}/.test(t)) ctx.slots.product = ctx.turn.text.trim();
    if (!ctx.slots.product) { ctx.ask('product', 'repair.ask_product'); return 'waiting'; }
    const orderId = ctx.entities('order_id')[0]?.value;
    if (orderId && ctx.data.orders[orderId]?.user_id === ctx.customerId()) ctx.slots.orderId = orderId;

    const date = ctx.entities('date')[0]?.value;
    const quick = /(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}-\d{2}:\d{2})/.exec(t);
    if (quick) { ctx.slots.date = quick[1]; ctx.slots.slot = quick[2]; }
    if (date && date !== ctx.slots.date) { ctx.slots.date = date; delete ctx.slots.slot; }
    const slot = slotFromTurn(ctx.turn.text, ctx.entities('time'));
    if (slot && (ctx.awaiting === 'time' || ctx.awaiting === 'date' || !ctx.slots.slot)) ctx.slots.slot = slot;

    const free = await ctx.call<Array<{ date: string; slot: string }>>('list_repair_slots', ctx.slots.date ? { date: ctx.slots.date } : {});
    const options = free.ok ? free.result! : [];
    if (!ctx.slots.date || !options.length) {
      const all = ctx.slots.date ? ((await ctx.call<Array<{ date: string; slot: string }>>('list_repair_slots', {})).result ?? []) : options;
      const key = ctx.slots.date ? 'repair.date_full' : 'repair.ask_date';
      const wanted = ctx.slots.date;
      delete ctx.slots.date;
      ctx.ask('date', key, { date: wanted, list: all.slice(0, 6).map((s) => `${s.date} ${s.slot}`).join('\n') }, { cards: [{ kind: 'slots', title: ctx.text('repair.slots_title'), slots: all.map((s) => `${s.date} ${s.slot}`) }], quickReplies: all.slice(0, 6).map((s) => ({ label: `${s.date} ${s.slot}`, payload: `${s.date} ${s.slot}` })) });
      return 'waiting';
    }
    if (!ctx.slots.slot || !options.some((o) => o.slot === ctx.slots.slot)) {
      const wanted = ctx.slots.slot;
      delete ctx.slots.slot;
      ctx.ask('time', wanted ? 'repair.slot_full' : 'repair.ask_slot', { date: ctx.slots.date, list: options.map((o) => o.slot).join(', ') }, { quickReplies: options.map((o) => ({ label: o.slot, payload: `${o.date} ${o.slot}` })) });
      return 'waiting';
    }
    const phone = ctx.entities('phone')[0]?.value;
    if (phone) ctx.slots.phone = phone;
    if (!ctx.slots.phone && user.phone && ctx.awaiting !== 'phone') ctx.slots.phone = user.phone;
    if (!ctx.slots.phone) { ctx.ask('phone', 'repair.ask_phone'); return 'waiting'; }
    const fingerprint = JSON.stringify([ctx.slots.product, ctx.slots.date, ctx.slots.slot, ctx.slots.phone]);
    if (ctx.awaiting === 'confirmation' && ctx.isAffirm() && ctx.slots.confirmed === fingerprint) {
      const result = (await ctx.call<Ticket>('book_repair', {
        user_id: ctx.customerId(), kind: ctx.slots.kind, product: ctx.slots.product, order_id: ctx.slots.orderId, date: ctx.slots.date,
        slot: ctx.slots.slot, phone: ctx.slots.phone, summary: String(ctx.slots.product),
      }));
      if (!result.ok) { ctx.say('action.failed', { error: result.error }); return 'done'; }
      ctx.say('repair.done', { ticket: result.result!.ticket_id, date: ctx.slots.date, slot: ctx.slots.slot, phone: ctx.slots.phone });
      return 'done';
    }
    if (ctx.awaiting === 'confirmation' && ctx.isDeny()) { ctx.say('action.not_done'); return 'done'; }
    ctx.slots.confirmed = fingerprint;
    ctx.ask('confirmation', 'repair.confirm', { kind: ctx.text(`repair.kind_${ctx.slots.kind}`), product: ctx.slots.product, date: ctx.slots.date, slot: ctx.slots.slot, phone: ctx.slots.phone }, { quickReplies: confirmationReplies(ctx) });
    return 'waiting';
  },
};
