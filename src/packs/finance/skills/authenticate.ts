import type { Entity } from '../../../engine/nlu/types.ts';
import { ensureIdentified } from '../../shared/identify-customer.ts';
import type { BankSkillContext } from './bank-skill-context.ts';

const ID_WORDS = /身[份分]证|证件|后四位|后4位|\bid\b|national id|last (four|4)/i;
/** The id's last four after a word naming the id ("身份证后四位 0426", "ID ends in 381X"). */
const ID_NAMED_LAST4 = /(?:身[份分]证|证件|\bid\b|national id)(?:号码?|号|number|card)?\D{0,12}?(\d{3}[\dx])(?![\dx])/i;
/** "后四位 0426" / "last four 0426" without naming the id — but not a card's ("卡后四位 5090", "card ending in 1234"); "尾号" alone is how cards are named. */
const ID_LAST4 = /(?<!(?:卡|card)\D{0,6})(?:后四位|后4位|last (?:four|4)(?: digits)?(?: (?:are|is))?|ends? (?:in|with))\s*[:：是为]?\s*(\d{3}[\dx])(?![\dx])/i;
const MAX_FAILURES = 3;

/**
 * Authentication before any account data (bank policy): the registered phone number plus the last four characters
 * of the national id, collected in any order through the shared `ensureIdentified`. A four-digit number only counts
 * as the id when we asked for it or the customer says it is the id (a card's last four digits are not). Three failed
 * attempts hand the conversation to a person.
 */
export async function ensureBankCustomer(ctx: BankSkillContext): Promise<boolean> {
  if (ctx.customerId()) return true;
  const asked = ctx.awaiting === 'phone' || ctx.awaiting === 'user_id';
  // Normalised: traditional characters (身分證後四位) read like simplified ones; case is irrelevant here.
  const text = ctx.turn.normalized;
  const explicit = ID_NAMED_LAST4.exec(text) ?? ID_LAST4.exec(text);
  const idEntities = (): Entity[] => {
    if (explicit) return [{ type: 'number', value: explicit[1].toUpperCase(), text: explicit[1], start: explicit.index, end: explicit.index + explicit[0].length }];
    if (!asked && !ID_WORDS.test(text)) return [];
    // Read the raw text: the extractor drops leading zeros ("0426") and would not read "381X".
    const found = /(?<![\dA-Za-z])(\d{3}[\dXx])(?![\dA-Za-z])/.exec(text);
    return found ? [{ type: 'number', value: found[1].toUpperCase(), text: found[1], start: found.index, end: found.index + 4 }] : [];
  };
  // A bare ten-digit US number ("2125550147") is not read as a phone by the extractor.
  const phoneEntities = (): Entity[] => {
    const found = ctx.entities('phone');
    if (found.length) return found;
    const bare = /(?<!\d)(1?[2-9]\d{9})(?!\d)/.exec(text);
    return bare ? [{ type: 'phone', value: bare[1], text: bare[1], start: bare.index, end: bare.index + bare[1].length }] : [];
  };
  let failed = false;
  const view: BankSkillContext = {
    ...ctx,
    entities: (type) => (type === 'number' ? idEntities() : type === 'phone' ? phoneEntities() : ctx.entities(type)),
    call: async <Output>(name: string, args: Record<string, unknown>) => {
      const outcome = await ctx.call<Output>(name, args);
      if (name === 'find_customer' && !outcome.ok) failed = true;
      return outcome;
    },
  };
  const ok = (await ensureIdentified(view as never, {
    tool: 'find_customer',
    fields: [
      { name: 'phone', slot: 'phone', entity: 'phone', ask: 'auth.ask' },
      { name: 'id_last4', slot: 'user_id', entity: 'number', ask: 'auth.ask_id_last4' },
    ],
    okKey: 'auth.ok',
    notFoundKey: 'auth.not_found',
  }));
  if (failed) {
    const failures = Number(ctx.memory.authFailures ?? 0) + 1;
    ctx.memory.authFailures = failures;
    if (failures >= MAX_FAILURES) {
      ctx.say('auth.locked');
      ctx.handoff('policy', `authentication failed ${failures} times`);
    }
  }
  return ok;
}
