import type { Skill } from '../../../engine/pack.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import type { Appointment, HospitalDb } from '../store/types.ts';
import { chooseSlot, picksOfferedSlot } from './choose-slot.ts';
import { appointmentLine, doctorLabel } from './hospital-lookup.ts';
import { identifyPatient } from './identify-patient.ts';
import { pickAppointment } from './pick-appointment.ts';

/** Reschedule (改约): identify, pick the appointment, choose another free slot of the same doctor, confirm, move. */
export const rescheduleAppointmentSkill: Skill<HospitalDb> = {
  name: 'reschedule_appointment',
  intents: ['reschedule_appointment'],
  writes: true,
  accepts: ['date', 'time', 'phone'],
  answers: (understanding, step) => picksOfferedSlot(understanding.normalized, step),
  async run(ctx) {
    if (!(await identifyPatient(ctx))) return 'waiting';
    const appointment = await pickAppointment(ctx, ctx.text('action.reschedule'));
    if (typeof appointment === 'string') return appointment;
    const doctor = ctx.data.doctors.find((d) => d.id === appointment.doctor_id)!;
    const slot = await chooseSlot(ctx, doctor, appointment.id);
    if (typeof slot === 'string') return slot;
    if (slot.date === appointment.date && slot.slot === appointment.slot) {
      delete ctx.slots.date; delete ctx.slots.slot;
      ctx.ask('date', 'reschedule.same_time', { date: slot.date, slot: slot.slot });
      return 'waiting';
    }
    const vars = { current: appointmentLine(ctx.data, appointment, ctx.locale), doctor: doctorLabel(doctor, ctx.locale), date: slot.date, slot: slot.slot };
    return confirmAction(ctx, {
      key: 'reschedule.confirm', vars, fingerprint: [appointment.id, slot.date, slot.slot],
      execute: async () => {
        const result = await ctx.call<Appointment>('reschedule_appointment', { appointment_id: appointment.id, date: slot.date, slot: slot.slot });
        if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
        ctx.say('reschedule.done', { ...vars, id: appointment.id });
      },
    });
  },
};
