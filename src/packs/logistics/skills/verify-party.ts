import type { SkillContext } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { parsePhoneLast4 } from '../rules/waybill.ts';
import type { LogisticsDb, Shipment } from '../store/types.ts';

/** Wrong answers allowed per waybill before the conversation goes to a person (4 digits are easy to guess). */
export const MAX_VERIFY_ATTEMPTS = 3;

/**
 * Sender/recipient verification for one shipment: the last four digits of the sender's or recipient's phone,
 * before full details are shown or anything is changed. Not the shared `ensureIdentified`: that one is satisfied
 * by any identified customer, while here the customer must be a party to *this* waybill (and may switch to
 * another waybill mid-conversation). Three wrong answers for a waybill hand the conversation to a person.
 */
export async function verifyParty(ctx: SkillContext<LogisticsDb>, shipment: Shipment): Promise<true | 'waiting' | 'stop'> {
  const id = ctx.customerId();
  if (id && (shipment.sender.customer_id === id || shipment.recipient.customer_id === id)) return true;
  // A cue word, a full mobile number or a masked one ("152****1893") all say which digits are the phone's.
  // Given before it was asked ("我是收件人，手机尾号0111，延误能赔吗？" in the request itself) counts as well: the newest
  // message of this request that says it, the answer to our question first.
  const cued = (text: string) => /尾号|尾数|后四位|后4位|last (4|four)|\bend(s|ing)?\b|(?<!\d)1\d{10}(?!\d)|\d{3}[*＊xX]{4}\d{4}/i.test(normalize(text));
  // Once asked, only the answer counts (digits said earlier may be the ones that did not match).
  const last4 = ctx.awaiting === 'phone' ? parsePhoneLast4(ctx.turn.text) : [...ctx.flowTexts()].reverse().filter(cued).map((text) => parsePhoneLast4(text)).find((digits) => digits !== null) ?? null;
  if (!last4) {
    ctx.ask('phone', ctx.awaiting === 'phone' ? 'verify.ask_again' : 'verify.ask', { waybill: shipment.waybill });
    return 'waiting';
  }
  const result = await ctx.call<string>('verify_shipment_contact', { waybill: shipment.waybill, phone_last4: last4 });
  if (result.ok && result.result) {
    ctx.setCustomer(result.result);
    const role = shipment.sender.customer_id === result.result ? 'sender' : 'recipient';
    ctx.say('verify.ok', { role: ctx.text(`role.${role}`) });
    return true;
  }
  const attempts = (ctx.memory.verifyAttempts ?? {}) as Record<string, number>;
  attempts[shipment.waybill] = (attempts[shipment.waybill] ?? 0) + 1;
  ctx.memory.verifyAttempts = attempts;
  if (attempts[shipment.waybill] >= MAX_VERIFY_ATTEMPTS) {
    ctx.handoff('policy', `verification failed ${MAX_VERIFY_ATTEMPTS} times for waybill ${shipment.waybill}`);
    return 'stop';
  }
  ctx.ask('phone', 'verify.mismatch', { left: MAX_VERIFY_ATTEMPTS - attempts[shipment.waybill] });
  return 'waiting';
}
