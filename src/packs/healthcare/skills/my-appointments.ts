import type { Skill } from '../../../engine/pack.ts';
import type { Appointment, HospitalDb } from '../store/types.ts';
import { appointmentLine } from './hospital-lookup.ts';
import { identifyPatient } from './identify-patient.ts';

/** "我约了哪天 / my appointments": the identified patient's upcoming appointments. */
export const myAppointmentsSkill: Skill<HospitalDb> = {
  name: 'my_appointments',
  intents: ['my_appointments'],
  accepts: ['phone'],
  async run(ctx) {
    if (!(await identifyPatient(ctx))) return 'waiting';
    const upcoming = (await ctx.call<Appointment[]>('get_patient_appointments', { patient_id: ctx.customerId() })).result ?? [];
    if (!upcoming.length) { ctx.say('appointment.list_empty'); return 'done'; }
    ctx.say('appointment.list', { count: upcoming.length, list: upcoming.map((a) => appointmentLine(ctx.data, a, ctx.locale)).join('\n') });
    return 'done';
  },
};
