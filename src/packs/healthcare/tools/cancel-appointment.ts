import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Appointment } from '../store/types.ts';
import { getOwnAppointment, idSchema, type HospitalContext } from './hospital-context.ts';

export const cancelAppointment = defineTool({
  name: 'cancel_appointment',
  description: 'Cancel a booked appointment (frees the slot). Needs explicit confirmation.',
  input: z.object({ appointment_id: idSchema }),
  write: true,
  execute({ appointment_id: appointmentId }, context: HospitalContext): Appointment {
    const appointment = getOwnAppointment(context, appointmentId);
    if (appointment.status !== 'booked') throw new ToolError(`appointment is ${appointment.status}`);
    appointment.status = 'cancelled';
    return appointment;
  },
});
