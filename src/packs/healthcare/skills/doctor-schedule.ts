import type { Skill } from '../../../engine/pack.ts';
import type { TriageLexicon } from '../triage/score-departments.ts';
import type { HospitalDb } from '../store/types.ts';
import { clinicDays, departmentName, doctorLabel, namedDepartment } from './hospital-lookup.ts';

/** Memory key of the department the conversation last talked about (triage result, booking, this skill). */
export const LAST_DEPARTMENT = 'lastDepartment';

/**
 * Which doctors hold clinics in a department, with their clinic days and fee; on a given day ("今天", "周三",
 * "tomorrow") only those on duty. The department is the one named, else the one just shown (a triage result or a
 * booking — "这个科有哪些医生出诊？" right after triage), else asked. Read-only: booking stays its own step.
 */
export function createDoctorScheduleSkill(lexicon: TriageLexicon): Skill<HospitalDb> {
  return {
    name: 'doctor_schedule',
    intents: ['doctor_schedule'],
    accepts: ['date'],
    async run(ctx) {
      const department = namedDepartment(lexicon, ctx.turn.text)
        ?? ctx.flowTexts().map((text) => namedDepartment(lexicon, text)).filter((id) => id !== null).at(-1)
        ?? (ctx.memory[LAST_DEPARTMENT] as string | undefined) ?? (ctx.memory.triageDepartment as string | undefined);
      if (!department) {
        if (ctx.awaiting === 'reason') { ctx.say('doctors.department_unknown'); return 'done'; }
        ctx.ask('reason', 'doctors.ask_department');
        return 'waiting';
      }
      ctx.memory[LAST_DEPARTMENT] = department;
      const date = ctx.flowEntities('date').at(-1)?.value;
      const weekday = date ? new Date(`${date}T00:00:00Z`).getUTCDay() : null;
      const all = ctx.data.doctors.filter((doctor) => doctor.department === department);
      const doctors = weekday === null ? all : all.filter((doctor) => doctor.weekdays.includes(weekday));
      const name = departmentName(ctx.data, department, ctx.locale);
      const location = ctx.data.departments.find((d) => d.id === department)?.location[ctx.locale] ?? '';
      if (!doctors.length) {
        const others = all.map((doctor) => ctx.text('doctors.line', { doctor: doctorLabel(doctor, ctx.locale), days: clinicDays(doctor, ctx.locale), fee: doctor.fee[ctx.locale] }));
        ctx.say('doctors.none_on_day', { department: name, date: date ?? '', list: others.join('\n') });
        return 'done';
      }
      const lines = doctors.map((doctor) => ctx.text('doctors.line', { doctor: doctorLabel(doctor, ctx.locale), days: clinicDays(doctor, ctx.locale), fee: doctor.fee[ctx.locale] }));
      ctx.say(date ? 'doctors.on_day' : 'doctors.list', { department: name, date: date ?? '', location, list: lines.join('\n') });
      return 'done';
    },
  };
}
