import type { SkillContext } from '../../../engine/pack.ts';
import type { Entity } from '../../../engine/nlu/types.ts';
import { ensureIdentified } from '../../shared/identify-customer.ts';
import type { HospitalDb } from '../store/types.ts';

/**
 * Identifies the patient by the registered phone number before any appointment or report is shown or changed.
 * When a phone number was asked for, a bare run of 10–13 digits ("3125555067", which the extractor reads as a
 * number) counts as the phone number too.
 */
export async function identifyPatient(ctx: SkillContext<HospitalDb>): Promise<boolean> {
  const bare = ctx.awaiting === 'phone' && !ctx.entities('phone').length
    ? ctx.entities('number').filter((e) => /^\d{10,13}$/.test(e.value)).map((e): Entity => ({ ...e, type: 'phone' }))
    : [];
  const view: SkillContext<HospitalDb> = bare.length ? { ...ctx, entities: (type) => (type === 'phone' ? bare : ctx.entities(type)) } : ctx;
  return (await ensureIdentified(view, {
    tool: 'find_patient_by_phone',
    fields: [{ name: 'phone', slot: 'phone', entity: 'phone', ask: 'auth.ask' }],
    okKey: 'auth.ok',
    notFoundKey: 'auth.not_found',
  }));
}
