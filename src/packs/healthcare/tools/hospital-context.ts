import { z } from 'zod';
import { ToolError, type ToolContext } from '../../../engine/tools/define-tool.ts';
import { freeSlots, type SlotCalendar } from '../../shared/time-slots.ts';
import type { Appointment, Doctor, HospitalDb } from '../store/types.ts';

export type HospitalContext = ToolContext<HospitalDb>;

export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const idSchema = z.string().trim().min(1).max(40);

/** Write access check: a patient conversation may only touch the identified patient's records. */
export function assertPatient(context: HospitalContext, patientId: string): void {
  if (context.actor.kind === 'system') return;
  if (!context.actor.customerId) throw new ToolError('the patient is not identified');
  if (context.actor.customerId !== patientId) throw new ToolError('this record belongs to another patient');
}

export function getDoctor(db: HospitalDb, doctorId: string): Doctor {
  const doctor = db.doctors.find((d) => d.id === doctorId);
  if (!doctor) throw new ToolError('doctor not found');
  return doctor;
}

/** The patient's own appointment (checked to exist and to belong to the identified patient). */
export function getOwnAppointment(context: HospitalContext, appointmentId: string): Appointment {
  const appointment = context.data.appointments.find((a) => a.id === appointmentId);
  if (!appointment) throw new ToolError('appointment not found');
  assertPatient(context, appointment.patient_id);
  return appointment;
}

/** A doctor's clinic calendar: the hospital's slots on the doctor's weekdays. */
export function doctorCalendar(db: HospitalDb, doctor: Doctor): SlotCalendar {
  return {
    times: db.slots, capacity: db.slot_capacity, days: db.booking_days,
    closedWeekdays: [0, 1, 2, 3, 4, 5, 6].filter((day) => !doctor.weekdays.includes(day)),
  };
}

/** Free slots of one doctor (the shared `freeSlots` helper keyed by doctor), ignoring one appointment being moved. */
export function doctorFreeSlots(context: HospitalContext, doctor: Doctor, date?: string, ignore?: string): Array<{ date: string; slot: string }> {
  const bookings = context.data.appointments
    .filter((a) => a.id !== ignore)
    .map((a) => ({ date: a.date, slot: a.slot, key: a.doctor_id, cancelled: a.status === 'cancelled' }));
  return freeSlots(doctorCalendar(context.data, doctor), bookings, context.clock.now(), { date, key: doctor.id });
}
