import type { Skill } from '../../../engine/pack.ts';
import type { EcommerceDb, Ticket } from '../store/types.ts';
import { PROMPT_SLOT } from '../../../engine/dialogue/turn-context.ts';
import { ensureCustomer } from './auth.ts';
import { confirmationReplies } from './confirm.ts';

/** Runs the identification with what this message gives; its questions, if any, are dropped from the step. */
async function identifyQuietly(ctx: Parameters<Skill<EcommerceDb>['run']>[0]): Promise<void> {
  const before = ctx.slots[PROMPT_SLOT];
  await ensureCustomer(ctx);
  if (before === undefined) delete ctx.slots[PROMPT_SLOT];
}

/**
 * Complaint intake: records what went wrong (the customer's own words), links an order when given,
 * opens a ticket after confirmation and offers a person straight away.
 */
export const complaintSkill: Skill<EcommerceDb> = {
  name: 'complaint',
  intents: ['complaint'],
  writes: true,
  async run(ctx) {
    // A phone, email or name + zip given with the complaint identifies the customer (so the ticket is theirs);
    // without them the complaint is taken anyway.
    if (!ctx.customerId() && ['phone', 'email', 'person_name'].some((type) => ctx.entities(type as 'phone').length)) await identifyQuietly(ctx);
    const orderId = ctx.entities('order_id')[0]?.value;
    if (orderId) ctx.slots.orderId = orderId;
    if (ctx.awaiting === 'confirmation' && ctx.isAffirm() && ctx.slots.summary) {
      const own = ctx.slots.orderId && ctx.customerId() && ctx.data.orders[String(ctx.slots.orderId)]?.user_id === ctx.customerId();
      const result = await ctx.call<Ticket>('create_complaint', { user_id: ctx.customerId(), order_id: own ? ctx.slots.orderId : undefined, summary: String(ctx.slots.summary) });
      if (!result.ok) { ctx.say('action.failed', { error: result.error }); return 'done'; }
      const human = ctx.text('quick.human');
      ctx.say('complaint.done', { ticket: result.result!.ticket_id }, { quickReplies: [{ label: human, payload: human }] });
      return 'done';
    }
    if (ctx.awaiting === 'confirmation' && ctx.isDeny()) { ctx.say('action.not_done'); return 'done'; }
    const summary = [ctx.slots.summary, ctx.turn.text].filter(Boolean).join(' / ').slice(0, 1_500);
    ctx.slots.summary = summary;
    if (summary.replace(/\s/g, '').length < 8 && ctx.awaiting !== 'reason') {
      ctx.ask('reason', 'complaint.ask_details');
      return 'waiting';
    }
    ctx.ask('confirmation', 'complaint.confirm', { summary: summary.slice(0, 200) }, { quickReplies: confirmationReplies(ctx) });
    return 'waiting';
  },
};
