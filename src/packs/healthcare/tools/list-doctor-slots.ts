import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { dateSchema, doctorFreeSlots, getDoctor, idSchema, type HospitalContext } from './hospital-context.ts';

export const listDoctorSlots = defineTool({
  name: 'list_doctor_slots',
  description: "A doctor's free appointment slots on one date, or from tomorrow over the booking window.",
  input: z.object({ doctor_id: idSchema, date: dateSchema.optional(), ignore_appointment_id: idSchema.optional() }),
  write: false,
  execute({ doctor_id: doctorId, date, ignore_appointment_id: ignore }, context: HospitalContext) {
    return doctorFreeSlots(context, getDoctor(context.data, doctorId), date, ignore);
  },
});
