import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { localDate } from '../../shared/time-slots.ts';
import type { Appointment } from '../store/types.ts';
import { assertPatient, idSchema, type HospitalContext } from './hospital-context.ts';

export const getPatientAppointments = defineTool({
  name: 'get_patient_appointments',
  description: "The identified patient's upcoming booked appointments, soonest first.",
  input: z.object({ patient_id: idSchema }),
  write: false,
  execute({ patient_id: patientId }, context: HospitalContext): Appointment[] {
    assertPatient(context, patientId);
    const today = localDate(context.clock.now());
    return context.data.appointments
      .filter((a) => a.patient_id === patientId && a.status === 'booked' && a.date >= today)
      .sort((a, b) => `${a.date} ${a.slot}`.localeCompare(`${b.date} ${b.slot}`));
  },
});
