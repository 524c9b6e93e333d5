import type { Skill } from '../../../engine/pack.ts';
import type { Localized } from '../../../engine/types.ts';
import type { TriageLexicon } from '../triage/score-departments.ts';
import type { Appointment, HospitalDb } from '../store/types.ts';
import { departmentName, namedDepartment } from './hospital-lookup.ts';

/** Pre-visit instructions (knowledge/pre-visit.yaml): what every patient brings, plus per-department notes. */
export interface PreVisitInstructions {
  general: Localized;
  departments: Record<string, Localized>;
}

/**
 * Pre-visit instructions (就诊须知): for the department named, else for the identified patient's next
 * appointment, else the general ones — no identification needed for general advice.
 */
export function createPreVisitSkill(lexicon: TriageLexicon, instructions: PreVisitInstructions): Skill<HospitalDb> {
  return {
    name: 'pre_visit',
    intents: ['pre_visit'],
    run(ctx) {
      let department = namedDepartment(lexicon, ctx.flowTexts().join(' '));
      let appointment: Appointment | undefined;
      if (!department && ctx.customerId()) {
        appointment = (ctx.call<Appointment[]>('get_patient_appointments', { patient_id: ctx.customerId() }).result ?? [])[0];
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
