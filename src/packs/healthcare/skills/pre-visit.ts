import type { Skill, SkillStatus } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { Localized } from '../../../engine/types.ts';
import type { TriageLexicon } from '../triage/score-departments.ts';
import type { Appointment, HospitalDb } from '../store/types.ts';
import { departmentName, namedDepartment } from './hospital-lookup.ts';

/** Pre-visit instructions (knowledge/pre-visit.yaml): what every patient brings, plus per-department notes. */
export interface PreVisitInstructions {
  general: Localized;
  departments: Record<string, Localized>;
  /** Examination names per department ("胃镜", "gastroscopy" → gastroenterology), lower-case or Chinese. */
  exams?: Record<string, string[]>;
}

/** The department whose notes cover an examination the text names (the longest name wins), or null. */
export function examDepartment(instructions: PreVisitInstructions, text: string): string | null {
  const t = normalize(text);
  let best: { id: string; length: number } | null = null;
  for (const [id, names] of Object.entries(instructions.exams ?? {})) {
    for (const name of names) {
      const n = name.toLowerCase();
      if (t.includes(n) && (!best || n.length > best.length)) best = { id, length: n.length };
    }
  }
  return best?.id ?? null;
}

/**
 * Pre-visit instructions (就诊须知): for the department or examination named, else for the identified patient's next
 * appointment, else the general ones — no identification needed for general advice.
 */
export function createPreVisitSkill(lexicon: TriageLexicon, instructions: PreVisitInstructions): Skill<HospitalDb> {
  return {
    name: 'pre_visit',
    intents: ['pre_visit'],
    async run(ctx): Promise<SkillStatus> {
      const asked = ctx.flowTexts().join(' ');
      let department = namedDepartment(lexicon, asked) ?? examDepartment(instructions, asked);
      let appointment: Appointment | undefined;
      if (!department && ctx.customerId()) {
        appointment = ((await ctx.call<Appointment[]>('get_patient_appointments', { patient_id: ctx.customerId() })).result ?? [])[0];
        department = appointment?.department ?? null;
      }
      const specific = department ? instructions.departments[department]?.[ctx.locale] : undefined;
      ctx.say(specific ? 'previsit.department' : 'previsit.general', {
        department: department ? departmentName(ctx.data, department, ctx.locale) : '',
        general: instructions.general[ctx.locale], specific: specific ?? '',
        location: ctx.data.departments.find((d) => d.id === department)?.location[ctx.locale] ?? '',
        appointment: appointment ? `${appointment.date} ${appointment.slot}` : '',
      });
      return 'done';
    },
  };
}
