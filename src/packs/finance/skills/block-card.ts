import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { latestMention, negatedAt } from '../../shared/corrections.ts';
import type { BankDb, Card } from '../store/types.ts';
import { ensureBankCustomer } from './authenticate.ts';
import { guardFraud, type BankSkillContext } from './bank-skill-context.ts';

const LOST = /挂失|丢|遗失|不见了|找不到|被偷|被盗|被抢|\b(lost|stolen|missing|misplaced|can'?t find)\b/i;

/**
 * Freeze or report lost: the action the customer names last ("卡丢了，先帮我冻结" → freeze; "冻结…算了直接挂失" →
 * report lost); with no action named, a lost or stolen card is reported lost and anything else frozen.
 */
function requestedAction(texts: string[]): 'freeze' | 'report_lost' {
  const named = latestMention(texts, (text) => [...text.matchAll(/(冻结|锁卡|\bfreeze\b|\block\b|\bblock\b)|(挂失|\breport (?:it |the card |my card )?(?:as )?(?:lost|stolen))/giu)]
    .map((m) => ({ value: m[1] ? 'freeze' as const : 'report_lost' as const, index: m.index })));
  return named ?? (LOST.test(texts.join(' ')) ? 'report_lost' : 'freeze');
}

/** The card a conversation points at: by its last four digits, or by kind, or the only active one; else ask. */
function resolveCard(ctx: BankSkillContext, cards: Card[]): Card | 'ask' | 'none' {
  const texts = ctx.flowTexts().map(normalize);
  // The newest message naming one of the customer's cards wins, and a self-correction within a message too
  // ("尾号6621…不对，是4321那张"); other four-digit numbers (the id's last four) are not cards.
  const byDigits = latestMention(texts, (text) => [...text.matchAll(/(?<!\d)(\d{4})(?!\d)/g)]
    .flatMap((m) => cards.filter((card) => card.last4 === m[1]).map((card) => ({ value: card, index: m.index }))));
  if (byDigits) return byDigits;
  const kind = latestMention(texts, (text) => [...text.matchAll(/(信用卡|credit)|(借记卡|储蓄卡|工资卡|debit)/giu)]
    .filter((m) => !negatedAt(text, m.index))
    .map((m) => ({ value: m[1] ? 'credit' as const : 'debit' as const, index: m.index }))) ?? null;
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
  async run(ctx) {
    if ((await guardFraud(ctx))) return 'done';
    if (!(await ensureBankCustomer(ctx))) return 'waiting';
    const cards = (await ctx.call<Card[]>('get_cards', { customer_id: ctx.customerId() })).result ?? [];
    const card = resolveCard(ctx, cards);
    if (card === 'none') { ctx.say('card.none'); return 'done'; }
    const label = (c: Card) => ctx.text(c.kind === 'credit' ? 'card.credit' : 'card.debit', { last4: c.last4 });
    if (card === 'ask') {
      const options = cards.filter((c) => c.status !== 'reported_lost');
      ctx.ask('item', 'card.which', { list: options.map(label).join('、') }, { quickReplies: options.map((c) => ({ label: label(c), payload: c.last4 })) });
      return 'waiting';
    }
    const action = requestedAction(ctx.flowTexts().map(normalize));
    if (card.status === 'reported_lost' || (card.status === 'frozen' && action === 'freeze')) {
      ctx.say(card.status === 'frozen' ? 'card.already_frozen' : 'card.already_lost', { card: label(card) });
      return 'done';
    }
    return confirmAction(ctx as never, {
      key: action === 'freeze' ? 'card.confirm_freeze' : 'card.confirm_lost',
      vars: { card: label(card) },
      fingerprint: { card: card.card_id, action },
      execute: async () => {
        const result = await ctx.call<Card>('block_card', { card_id: card.card_id, action });
        if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
        ctx.say(action === 'freeze' ? 'card.frozen' : 'card.reported_lost', { card: label(card) });
      },
    });
  },
};
