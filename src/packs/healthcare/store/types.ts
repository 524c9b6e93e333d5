import type { Localized } from '../../../engine/types.ts';

/** One clinical department (the unit patients are triaged and booked into). */
export interface Department {
  id: string;
  name: Localized;
  location: Localized;
}

export interface Doctor {
  id: string;
  department: string;
  name: Localized;
  title: Localized;
  /** Days of the week with clinic hours (0 = Sunday). */
  weekdays: number[];
  fee: Localized;
}

export interface Patient {
  id: string;
  name: string;
  phone: string;
  locale: 'zh' | 'en';
  birth_year: number;
  sex: 'female' | 'male';
  /** Date (YYYY-MM-DD) of the last health check-up. */
  last_checkup: string;
  conditions: string[];
}

export interface Appointment {
  id: string;
  patient_id: string;
  doctor_id: string;
  department: string;
  date: string;
  slot: string;
  status: 'booked' | 'cancelled' | 'completed';
}

export interface Report {
  id: string;
  patient_id: string;
  kind: Localized;
  ordered_on: string;
  status: 'ready' | 'pending';
  ready_on: string;
}

/** The demo hospital backend the healthcare tools run on (a fresh copy per conversation test). */
export interface HospitalDb {
  name: Localized;
  reference_date: string;
  /** Clinic slot labels of every doctor, e.g. '08:30-10:00'. */
  slots: string[];
  /** Patients per doctor and slot. */
  slot_capacity: number;
  /** How many days ahead can be booked. */
  booking_days: number;
  departments: Department[];
  doctors: Doctor[];
  patients: Patient[];
  appointments: Appointment[];
  reports: Report[];
}
