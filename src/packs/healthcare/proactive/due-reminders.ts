import { z } from 'zod';
import type { Locale, Localized } from '../../../engine/types.ts';
import { localDate } from '../../shared/time-slots.ts';
import type { Patient } from '../store/types.ts';

export const reminderRulesSchema = z.object({
  rules: z.array(z.object({
    id: z.string().min(1),
    anchor: z.literal('last_checkup'),
    months: z.number().int().positive(),
    when: z.object({ condition: z.string().optional(), min_age: z.number().int().positive().optional() }).optional(),
    message: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
  })).min(1),
});

export type ReminderRule = z.infer<typeof reminderRulesSchema>['rules'][number];

export interface DueReminder {
  rule: string;
  patientId: string;
  /** Date the reminder became due (YYYY-MM-DD). */
  due: string;
  locale: Locale;
  text: string;
  texts: Localized;
}

/** Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

/**
 * The health-check reminders due for a patient at `now` (pure: rules and record in, reminders out), in the
 * patient's language. A rule is due once `months` have passed since the anchor date and its conditions hold;
 * it stays due until a newer check-up moves the anchor.
 *
 * @example dueReminders(rules, { ...patient, last_checkup: '2025-11-01' }, '2026-10-02T09:00:00+08:00') // [{ rule: 'annual_checkup', … }]
 */
export function dueReminders(rules: ReminderRule[], patient: Patient, now: string, timeZone = 'Asia/Shanghai'): DueReminder[] {
  const today = localDate(now, timeZone);
  const age = Number(today.slice(0, 4)) - patient.birth_year;
  const out: DueReminder[] = [];
  for (const rule of rules) {
    if (rule.when?.condition && !patient.conditions.includes(rule.when.condition)) continue;
    if (rule.when?.min_age && age < rule.when.min_age) continue;
    const last = patient[rule.anchor];
    const due = addMonths(last, rule.months);
    if (due > today) continue;
    const fill = (template: string) => template.replace(/\{(name|last|due)\}/g, (_, key: string) => ({ name: patient.name, last, due })[key as 'name' | 'last' | 'due']);
    const texts = { zh: fill(rule.message.zh), en: fill(rule.message.en) };
    out.push({ rule: rule.id, patientId: patient.id, due, locale: patient.locale, text: texts[patient.locale], texts });
  }
  return out;
}
