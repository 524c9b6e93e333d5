import type { SkillContext } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { Appointment, HospitalDb } from '../store/types.ts';
import { appointmentLine } from './hospital-lookup.ts';

/**
 * Which of the patient's upcoming appointments the request is about: named by id (A1001), by department or
 * doctor, by position in the list ("第二个", "2"), or the only one. Returns 'waiting' after asking, 'done' after saying there is none.
 */
export async function pickAppointment(ctx: SkillContext<HospitalDb>, action: string): Promise<Appointment | 'waiting' | 'done'> {
  const upcoming = (await ctx.call<Appointment[]>('get_patient_appointments', { patient_id: ctx.customerId() })).result ?? [];
  const chosen = upcoming.find((a) => a.id === ctx.slots.appointment);
  if (chosen) return chosen;
  if (!upcoming.length) { ctx.say('appointment.none', { action }); return 'done'; }
  const text = normalize(ctx.flowTexts().join(' '));
  const t = normalize(ctx.turn.text);
  const byId = upcoming.find((a) => text.includes(a.id.toLowerCase()));
  const byName = upcoming.filter((a) => {
    const doctor = ctx.data.doctors.find((d) => d.id === a.doctor_id);
    const department = ctx.data.departments.find((d) => d.id === a.department);
    return [doctor?.name.zh, doctor?.name.en.replace(/^Dr\. /, '').toLowerCase(), department?.name.zh, department?.name.en.toLowerCase()].some((n) => n && text.includes(n));
  });
  const ordinal = ctx.awaiting === 'option' ? /^(\d)$|第([一二三四五1-5])(个|项)?/.exec(t) : null;
  const index = ordinal ? (Number(ordinal[1]) || ' 一二三四五'.indexOf(ordinal[2]) || Number(ordinal[2])) - 1 : -1;
  const pick = byId ?? (byName.length === 1 ? byName[0] : undefined) ?? upcoming[index] ?? (upcoming.length === 1 ? upcoming[0] : undefined);
  if (pick) { ctx.slots.appointment = pick.id; return pick; }
  const lines = upcoming.map((a, i) => `${i + 1}. ${appointmentLine(ctx.data, a, ctx.locale)}`);
  ctx.ask('option', 'appointment.which', { action, list: lines.join('\n') }, { quickReplies: upcoming.map((a) => ({ label: a.id, payload: a.id })) });
  return 'waiting';
}
