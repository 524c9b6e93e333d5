import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { scoreDepartments, type TriageLexicon } from '../triage/score-departments.ts';
import type { Appointment, Doctor, HospitalDb } from '../store/types.ts';
import { chooseSlot, picksOfferedSlot } from './choose-slot.ts';
import { clinicDays, departmentName, doctorLabel, namedDepartment, namedDoctor } from './hospital-lookup.ts';
import { identifyPatient } from './identify-patient.ts';

const ANY_DOCTOR = /都行|都可以|随便|任意|哪个都|无所谓|最早|尽快|\bany\b|\bwhoever\b|\bwhichever\b|\bearliest\b|\bsoonest\b|doesn'?t matter|\bno preference\b/;

/**
 * Booking (挂号/预约): identify the patient, settle the department (named, from a named doctor, from the last
 * triage, or by scoring the symptoms mentioned), the doctor, and a free slot; confirm; book; give the
 * department's location and pre-visit reminder.
 */
export function createBookAppointmentSkill(lexicon: TriageLexicon): Skill<HospitalDb> {
  return {
    name: 'book_appointment',
    intents: ['book_appointment'],
    writes: true,
    accepts: ['date', 'time', 'phone'],
    answers: (understanding, step) => picksOfferedSlot(understanding.normalized, step),
    async run(ctx) {
      if (!(await identifyPatient(ctx))) return 'waiting';
      const all = ctx.flowTexts().join(' ');
      const turn = ctx.turn.text;
      // Department: named now > already settled > named doctor > last triage > symptoms in the request.
      const named = namedDepartment(lexicon, turn) ?? (ctx.slots.department ? null : namedDepartment(lexicon, all));
      if (named && named !== ctx.slots.department) { ctx.slots.department = named; delete ctx.slots.doctor; }
      const doctorNamed = namedDoctor(ctx.data, turn, ctx.slots.department as string | undefined) ?? (ctx.slots.doctor ? null : namedDoctor(ctx.data, all));
      if (doctorNamed) { ctx.slots.doctor = doctorNamed.id; ctx.slots.department = doctorNamed.department; }
      if (!ctx.slots.department && ctx.memory.triageDepartment) ctx.slots.department = ctx.memory.triageDepartment;
      if (!ctx.slots.department) {
        const scored = scoreDepartments(lexicon, all)[0];
        if (scored) ctx.slots.department = scored.department;
      }
      if (!ctx.slots.department) {
        const starters = ['general', 'respiratory', 'orthopedics', 'dermatology', 'pediatrics', 'dentistry'].map((id) => departmentName(ctx.data, id, ctx.locale));
        ctx.ask('reason', ctx.awaiting === 'reason' ? 'book.department_unknown' : 'book.ask_department', {}, { quickReplies: starters.map((label) => ({ label, payload: label })) });
        return 'waiting';
      }
      const department = String(ctx.slots.department);
      const doctors = ctx.data.doctors.filter((d) => d.department === department);
      if (!ctx.slots.doctor) {
        const pick = await chooseDoctor(ctx, doctors);
        if (!pick) return 'waiting';
        ctx.slots.doctor = pick.id;
      }
      const doctor = doctors.find((d) => d.id === ctx.slots.doctor)!;
      const slot = await chooseSlot(ctx, doctor);
      if (typeof slot === 'string') return slot;
      const vars = { department: departmentName(ctx.data, department, ctx.locale), doctor: doctorLabel(doctor, ctx.locale), date: slot.date, slot: slot.slot, fee: doctor.fee[ctx.locale] };
      return confirmAction(ctx, {
        key: 'book.confirm', vars, fingerprint: [doctor.id, slot.date, slot.slot],
        execute: async () => {
          const result = await ctx.call<Appointment>('book_appointment', { patient_id: ctx.customerId(), doctor_id: doctor.id, date: slot.date, slot: slot.slot });
          if (!result.ok) { ctx.say('action.failed', { error: result.error }); return; }
          delete ctx.memory.triageDepartment;
          ctx.memory.lastDepartment = department; // follow-ups ("who else is on there?") refer to it
          const location = ctx.data.departments.find((d) => d.id === department)?.location[ctx.locale] ?? '';
          ctx.say('book.done', { ...vars, id: result.result!.id, location });
        },
      });
    },
  };
}

/** The doctor: the only one, "any" (earliest free), a name or a number from the list; otherwise asks. */
async function chooseDoctor(ctx: Parameters<Skill<HospitalDb>['run']>[0], doctors: Doctor[]): Promise<Doctor | null> {
  if (doctors.length === 1) return doctors[0];
  const t = normalize(ctx.turn.text);
  if (ctx.awaiting === 'option') {
    if (ANY_DOCTOR.test(t)) {
      const firsts = await Promise.all(doctors.map(async (d) => ({ d, first: ((await ctx.call<Array<{ date: string; slot: string }>>('list_doctor_slots', { doctor_id: d.id })).result ?? [])[0] })));
      const earliest = firsts
        .filter((x) => x.first)
        .sort((a, b) => `${a.first.date} ${a.first.slot}`.localeCompare(`${b.first.date} ${b.first.slot}`))[0];
      if (earliest) return earliest.d;
    }
    const number = /^(\d)$|第([一二三1-3])(个|位)?/.exec(t);
    const index = number ? (Number(number[1]) || ' 一二三'.indexOf(number[2]) || Number(number[2])) - 1 : -1;
    if (doctors[index]) return doctors[index];
  }
  const list = doctors.map((d, i) => `${i + 1}. ${doctorLabel(d, ctx.locale)} · ${clinicDays(d, ctx.locale)} · ${d.fee[ctx.locale]}`).join('\n');
  const anyLabel = ctx.text('book.any_doctor');
  ctx.ask('option', 'book.ask_doctor', { department: departmentName(ctx.data, doctors[0].department, ctx.locale), list }, {
    quickReplies: [...doctors.map((d) => ({ label: d.name[ctx.locale], payload: d.name[ctx.locale] })), { label: anyLabel, payload: anyLabel }],
  });
  return null;
}
