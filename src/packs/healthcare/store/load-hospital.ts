import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import type { HospitalDb } from './types.ts';

const localized = z.object({ zh: z.string(), en: z.string() });
const hospitalSchema = z.object({
  name: localized, reference_date: z.string(), slots: z.array(z.string()).min(1), slot_capacity: z.number().int().positive(),
  booking_days: z.number().int().positive(),
  departments: z.array(z.object({ id: z.string(), name: localized, location: localized })),
  doctors: z.array(z.object({ id: z.string(), department: z.string(), name: localized, title: localized, weekdays: z.array(z.number().int().min(0).max(6)), fee: localized })),
  patients: z.array(z.object({
    id: z.string(), name: z.string(), phone: z.string(), locale: z.enum(['zh', 'en']), birth_year: z.number().int(),
    sex: z.enum(['female', 'male']), last_checkup: z.string(), conditions: z.array(z.string()),
  })),
  appointments: z.array(z.object({ id: z.string(), patient_id: z.string(), doctor_id: z.string(), department: z.string(), date: z.string(), slot: z.string(), status: z.enum(['booked', 'cancelled', 'completed']) })),
  reports: z.array(z.object({ id: z.string(), patient_id: z.string(), kind: localized, ordered_on: z.string(), status: z.enum(['ready', 'pending']), ready_on: z.string() })),
});

/** Demo hospitals bundled with the pack (written by scripts/generate-healthcare-data.ts). */
export const HOSPITAL_NAMES = ['hospital'] as const;

let cached: HospitalDb | null = null;

/**
 * A fresh, independent copy of the bundled demo hospital (tools mutate it). `name` other than a bundled one
 * (for example the runner's e-commerce default `store-zh`) falls back to the demo hospital.
 */
export async function loadHospital(name?: string): Promise<HospitalDb> {
  if (name && name !== 'hospital' && name !== 'store-zh') {
    throw new LingxiError('not_found', `Unknown demo hospital "${name}". Choose one of: ${HOSPITAL_NAMES.join(', ')}.`);
  }
  if (!cached) {
    const text = await readFile(new URL('../data/hospital.json', import.meta.url), 'utf8');
    const parsed = hospitalSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new LingxiError('malformed_file', `data/hospital.json: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    cached = parsed.data;
  }
  return structuredClone(cached);
}
