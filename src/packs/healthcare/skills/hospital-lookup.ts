import type { Locale } from '../../../engine/types.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { TriageLexicon } from '../triage/score-departments.ts';
import type { Appointment, Doctor, HospitalDb } from '../store/types.ts';

/** The department a patient names ("挂皮肤科", "the eye doctor"), longest alias first; null when none is named. */
export function namedDepartment(lexicon: TriageLexicon, text: string): string | null {
  const t = normalize(text);
  let best: { id: string; length: number } | null = null;
  for (const [id, entry] of Object.entries(lexicon)) {
    for (const alias of entry.aliases ?? []) {
      const a = alias.toLowerCase();
      const found = /^[a-z]/.test(a) ? new RegExp(`(^|[^a-z])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z]|$)`).test(t) : t.includes(a);
      if (found && (!best || a.length > best.length)) best = { id, length: a.length };
    }
  }
  return best?.id ?? null;
}

/** A doctor named in the text: full Chinese name, surname + 医生/大夫, or "Dr./Doctor <surname>" (within a department if given). */
export function namedDoctor(db: HospitalDb, text: string, department?: string): Doctor | null {
  const t = normalize(text);
  const pool = db.doctors.filter((d) => !department || d.department === department);
  const full = pool.find((d) => t.includes(d.name.zh) || t.includes(d.name.en.toLowerCase().replace(/^dr\. /, '')));
  if (full) return full;
  const bySurname = pool.filter((d) => {
    const zh = d.name.zh[0];
    const en = d.name.en.replace(/^Dr\. /, '').split(' ')[0].toLowerCase();
    return new RegExp(`${zh}(医生|大夫|主任|教授)`).test(t) || new RegExp(`\\b(dr\\.?|doctor) ${en}\\b`).test(t);
  });
  return bySurname.length === 1 ? bySurname[0] : null;
}

export function departmentName(db: HospitalDb, id: string, locale: Locale): string {
  return db.departments.find((d) => d.id === id)?.name[locale] ?? id;
}

export function doctorLabel(doctor: Doctor, locale: Locale): string {
  return locale === 'zh' ? `${doctor.name.zh}（${doctor.title.zh}）` : `${doctor.name.en} (${doctor.title.en})`;
}

/** One line describing an appointment, e.g. "A1001 2026-11-25 14:00-15:30 呼吸内科 陈静". */
export function appointmentLine(db: HospitalDb, appointment: Appointment, locale: Locale): string {
  const doctor = db.doctors.find((d) => d.id === appointment.doctor_id);
  const name = doctor ? doctor.name[locale] : appointment.doctor_id;
  return `${appointment.id} ${appointment.date} ${appointment.slot} ${departmentName(db, appointment.department, locale)} ${name}`;
}

const WEEKDAYS: Record<Locale, string[]> = {
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

export function clinicDays(doctor: Doctor, locale: Locale): string {
  return doctor.weekdays.map((day) => WEEKDAYS[locale][day]).join(locale === 'zh' ? '、' : ', ');
}
