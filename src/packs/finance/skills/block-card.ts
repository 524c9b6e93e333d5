import type { Skill } from '../../../engine/pack.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import type { BankDb, Card } from '../store/types.ts';
import { ensureBankCustomer } from './authenticate.ts';
import { guardFraud, type BankSkillContext } from './bank-skill-context.ts';

const LOST = /挂失|丢|遗失|不见了|找不到|被偷|被盗|被抢|\b(lost|stolen|missing|misplaced|can'?t find)\b/i;

/** The card a conversation points at: by its last four digits, or by kind, or the only active one; else ask. */
function resolveCard(ctx: BankSkillContext, cards: Card[]): Card | 'ask' | 'none' {
  const text = ctx.flowTexts().join(' ');
  const digits = [...text.matchAll(/(?<!\d)(\d{4})(?!\d)/g)].map((m) => m[1]);
  const byDigits = cards.find((card) => digits.includes(card.last4));
  if (byDigits) return byDigits;
  const kind = /信用卡|credit/i.test(text) ? 'credit' : /借记卡|储蓄卡|工资卡|debit/i.test(text) ? 'debit' : null;
  const candidates = cards.filter((card) => (kind ? card.kind === kind : true) && card.status !== 'reported_lost');
  if (candidates.length === 1) return candidates[0];
  if (!cards.length) return 'none';
  return 'ask';
}

/**
 * Card freeze (temporary) or loss report (挂失, permanent with a replacement), after authentication and an
 * explicit confirmation of exactly which card.
 */
export const blockCardSkill: Skill<BankDb> = {
  name: 'block_card',
  intents: ['block_card'],
  writes: true,
  accepts: ['number'],
  run(ctx) {
    if (guardFraud(ctx)) return 'done';
    if (!ensureBankCustomer(ctx)) return 'waiting';
    const cards = ctx.call<Card[]>('get_cards', { customer_id: ctx.customerId() }).result ?? [];
    const card = resolveCard(ctx, cards);
    if (card === 'none') { ctx.say('card.none'); return 'done'; }
    const label = (c: Card) => ctx.text(c.kind === 'credit' ? 'card.credit' : 'card.debit', { last4: c.last4 });
    if (card === 'ask') {
      const options = cards.filter((c) => c.status !== 'reported_lost');
      ctx.ask('item', 'card.which', { list: options.map(label).join('、') }, { quickReplies: options.map((c) => ({ label: label(c), payload: c.last4 })) });
      return 'waiting';
    }
    const action = LOST.test(ctx.flowTexts().join(' ')) ? 'report_lost' : 'freeze';
    if (card.status === 'reported_lost' || (card.status === 'frozen' && action === 'freeze')) {
      ctx.say(card.status === 'frozen' ? 'card.already_frozen' : 'card.already_lost', { card: label(card) });
      return 'done';
    }
    return confirmAction(ctx as never, {
      key: action === 'freeze' ? 'card.confirm_freeze' : 'card.confirm_lost',
      vars: { card: label(card) },
      fingerprint: { card: card.card_id, action },
      execute: () => {
        const result = ctx.call<Card>('block_card', { card_id: card.card_id, action });
        if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
        ctx.say(action === 'freeze' ? 'card.frozen' : 'card.reported_lost', { card: label(card) });
      },
    });
  },
};
