import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { addMonths, dueReminders, reminderRulesSchema } from './due-reminders.ts';
import type { Patient } from '../store/types.ts';

const { rules } = reminderRulesSchema.parse(parse(readFileSync(new URL('./proactive.yaml', import.meta.url), 'utf8')));
const patient: Patient = { id: 'P9', name: '张秀英', phone: '13800000000', locale: 'zh', birth_year: 1980, sex: 'female', last_checkup: '2025-12-15', conditions: [] };

describe('dueReminders', () => {
  it('is not due before 11 months have passed', () => {
    expect(dueReminders(rules, patient, '2026-11-14T09:00:00+08:00')).toEqual([]);
  });
  it('is due 11 months after the last check-up, in the patient language', () => {
    const [reminder] = dueReminders(rules, patient, '2026-11-15T09:00:00+08:00');
    expect(reminder.rule).toBe('annual_checkup');
    expect(reminder.due).toBe('2026-11-15');
    expect(reminder.text).toContain('张秀英');
    expect(reminder.text).toContain('2025-12-15');
    expect(reminder.texts.en).toContain('annual check-up');
  });
  it('applies condition and age rules only to the patients they are for', () => {
    const now = '2026-04-01T09:00:00+08:00';
    expect(dueReminders(rules, patient, now).map((r) => r.rule)).toEqual([]);
    expect(dueReminders(rules, { ...patient, conditions: ['hypertension'] }, now).map((r) => r.rule)).toEqual(['hypertension_follow_up']);
    expect(dueReminders(rules, { ...patient, birth_year: 1950, locale: 'en', name: 'Emma Smith' }, '2026-06-20T09:00:00+08:00').map((r) => [r.rule, r.text.slice(0, 16)])).toEqual([['senior_screening', 'Hello Emma Smith']]);
  });
  it('uses the business time zone for "today"', () => {
    // 2026-11-14 17:00 UTC is already 2026-11-15 in Shanghai.
    expect(dueReminders(rules, patient, '2026-11-14T17:00:00Z')).toHaveLength(1);
    expect(dueReminders(rules, patient, '2026-11-14T17:00:00Z', 'UTC')).toHaveLength(0);
  });
  it('adds months with month-end clamping', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2025-12-15', 11)).toBe('2026-11-15');
  });
});
