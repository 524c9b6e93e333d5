import { bookAppointment } from './book-appointment.ts';
import { cancelAppointment } from './cancel-appointment.ts';
import { findPatientByPhone } from './find-patient-by-phone.ts';
import { getPatientAppointments } from './get-patient-appointments.ts';
import { getPatientReports } from './get-patient-reports.ts';
import { listDoctorSlots } from './list-doctor-slots.ts';
import { rescheduleAppointment } from './reschedule-appointment.ts';

/** Every tool of the healthcare pack, by name. */
export const healthcareTools = {
  find_patient_by_phone: findPatientByPhone,
  get_patient_appointments: getPatientAppointments,
  get_patient_reports: getPatientReports,
  list_doctor_slots: listDoctorSlots,
  book_appointment: bookAppointment,
  reschedule_appointment: rescheduleAppointment,
  cancel_appointment: cancelAppointment,
} as const;
