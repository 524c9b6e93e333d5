import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { Appointment } from '../store/types.ts';
import { assertPatient, dateSchema, doctorFreeSlots, getDoctor, idSchema, type HospitalContext } from './hospital-context.ts';

export const bookAppointment = defineTool({
  name: 'book_appointment',
  description: 'Book an appointment with a doctor in a free slot. Needs explicit confirmation.',
  input: z.object({ patient_id: idSchema, doctor_id: idSchema, date: dateSchema, slot: z.string().trim().min(1).max(20) }),
  write: true,
  execute(input, context: HospitalContext): Appointment {
    if (!context.data.patients.some((p) => p.id === input.patient_id)) throw new ToolError('patient not found');
    assertPatient(context, input.patient_id);
    const doctor = getDoctor(context.data, input.doctor_id);
    if (!doctorFreeSlots(context, doctor, input.date).some((s) => s.slot === input.slot)) throw new ToolError('that slot is not available');
    const clash = context.data.appointments.find((a) => a.patient_id === input.patient_id && a.status === 'booked' && a.date === input.date && a.slot === input.slot);
    if (clash) throw new ToolError(`the patient already has appointment ${clash.id} at that time`);
    const appointment: Appointment = {
      id: context.ids.next('A').toUpperCase(), patient_id: input.patient_id, doctor_id: doctor.id, department: doctor.department,
      date: input.date, slot: input.slot, status: 'booked',
    };
    context.data.appointments.push(appointment);
    return appointment;
  },
});
