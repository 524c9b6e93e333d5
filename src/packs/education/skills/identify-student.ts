import type { SkillContext } from '../../../engine/pack.ts';
import { parsePhoneLast4, parseStudentId } from '../rules/student-id.ts';
import type { EducationDb } from '../store/types.ts';

/** Wrong id/phone pairs allowed before the conversation goes to a person. */
export const MAX_IDENTIFY_ATTEMPTS = 3;
const MEMORY = '__student';

/**
 * Identifies the student by student id (S + 6 digits) and the last four phone digits, in any order and across
 * turns. A small pack helper rather than the shared `ensureIdentified`: a student id is not an engine entity type,
 * and a bare 6- or 4-digit number only counts as the answer to the question just asked. Three failed lookups hand
 * the conversation to a person.
 */
export function identifyStudent(ctx: SkillContext<EducationDb>): 'ok' | 'waiting' | 'stop' {
  if (ctx.customerId()) return 'ok';
  const memory = (ctx.memory[MEMORY] as { id?: string; last4?: string; attempts?: number } | undefined) ?? {};
  ctx.memory[MEMORY] = memory;
  const id = parseStudentId(ctx.turn.text, ctx.awaiting === 'user_id');
  if (id) memory.id = id;
  const last4 = parsePhoneLast4(ctx.turn.text, ctx.awaiting === 'phone');
  if (last4) memory.last4 = last4;
  if (!memory.id) { ctx.ask('user_id', ctx.awaiting === 'user_id' ? 'student.ask_id_again' : 'student.ask_id'); return 'waiting'; }
  if (!memory.last4) { ctx.ask('phone', 'student.ask_phone', { id: memory.id }); return 'waiting'; }
  const result = ctx.call<string>('verify_student', { student_id: memory.id, phone_last4: memory.last4 });
  if (result.ok && typeof result.result === 'string') {
    ctx.setCustomer(result.result);
    delete ctx.memory[MEMORY];
    ctx.say('student.ok', { name: ctx.data.students[result.result].name[ctx.locale] });
    return 'ok';
  }
  memory.attempts = (memory.attempts ?? 0) + 1;
  delete memory.id;
  delete memory.last4;
  if (memory.attempts >= MAX_IDENTIFY_ATTEMPTS) {
    delete ctx.memory[MEMORY];
    ctx.handoff('policy', `student identification failed ${MAX_IDENTIFY_ATTEMPTS} times`);
    return 'stop';
  }
  ctx.ask('user_id', 'student.not_found', { left: MAX_IDENTIFY_ATTEMPTS - memory.attempts });
  return 'waiting';
}
