import type { Skill } from '../../../engine/pack.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import type { HospitalDb } from '../store/types.ts';
import { appointmentLine } from './hospital-lookup.ts';
import { identifyPatient } from './identify-patient.ts';
import { pickAppointment } from './pick-appointment.ts';

/** Cancel (取消预约): identify, pick the appointment, confirm, cancel (the slot is freed for others). */
export const cancelAppointmentSkill: Skill<HospitalDb> = {
  name: 'cancel_appointment',
  intents: ['cancel_appointment'],
  writes: true,
  accepts: ['phone'],
  async run(ctx) {
    if (!(await identifyPatient(ctx))) return 'waiting';
    const appointment = await pickAppointment(ctx, ctx.text('action.cancel'));
    if (typeof appointment === 'string') return appointment;
    const line = appointmentLine(ctx.data, appointment, ctx.locale);
    return confirmAction(ctx, {
      key: 'cancel.confirm', vars: { appointment: line }, fingerprint: appointment.id,
      execute: async () => {
        const result = await ctx.call('cancel_appointment', { appointment_id: appointment.id });
        ctx.say(result.ok ? 'cancel.done' : 'action.failed', { appointment: line, error: result.error });
      },
    });
  },
};
