import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Appointment } from '../store/types.ts';
import { dateSchema, doctorFreeSlots, getDoctor, getOwnAppointment, idSchema, type HospitalContext } from './hospital-context.ts';

export const rescheduleAppointment = defineTool({
  name: 'reschedule_appointment',
  description: 'Move a booked appointment to another free slot of the same doctor. Needs explicit confirmation.',
  input: z.object({ appointment_id: idSchema, date: dateSchema, slot: z.string().trim().min(1).max(20) }),
  write: true,
  execute(input, context: HospitalContext): Appointment {
    const appointment = getOwnAppointment(context, input.appointment_id);
    if (appointment.status !== 'booked') throw new ToolError(`appointment is ${appointment.status}`);
    const doctor = getDoctor(context.data, appointment.doctor_id);
    if (!doctorFreeSlots(context, doctor, input.date, appointment.id).some((s) => s.slot === input.slot)) throw new ToolError('that slot is not available');
    appointment.date = input.date;
    appointment.slot = input.slot;
    return appointment;
  },
});
