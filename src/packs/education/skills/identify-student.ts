import type { SkillContext } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { latestMention } from '../../shared/corrections.ts';
import { parsePhoneLast4, parseStudentId, phoneLast4Mentions, studentIdMentions } from '../rules/student-id.ts';
import type { EducationDb } from '../store/types.ts';

/** Wrong id/phone pairs allowed before the conversation goes to a person. */
export const MAX_IDENTIFY_ATTEMPTS = 3;
const MEMORY = '__student';

interface StudentMemory { id?: string; last4?: string; attempts?: number }

/**
 * Messages the student may already have identified themselves in, oldest first: the few before this flow
 * started (kept normalised by the engine) and every message of the flow. After a failed lookup only the newest
 * message counts, so the same wrong pair is not tried again.
 */
function identityTexts(ctx: SkillContext<EducationDb>, memory: StudentMemory): string[] {
  const current = normalize(ctx.turn.text);
  if (memory.attempts) return [current];
  const recent = (ctx.memory.recentTexts as string[] | undefined) ?? [];
  return [...new Set([...recent, ...ctx.flowTexts().map(normalize), current])];
}

/**
 * Identifies the student by student id (S + 6 digits) and the last four phone digits, in any order, in the
 * request itself or across turns ("学号S240117，手机尾号5678，查课表"; traditional "學號/手機尾號" alike); the newest
 * mention wins and a self-correction within a message ("尾号1234，不对，5678") replaces what came before. A small pack
 * helper rather than the shared `ensureIdentified`: a student id is not an engine entity type, and a bare 6- or
 * 4-digit number only counts as the answer to the question just asked. Three failed lookups hand the conversation
 * to a person.
 */
export async function identifyStudent(ctx: SkillContext<EducationDb>): Promise<'ok' | 'waiting' | 'stop'> {
  if (ctx.customerId()) return 'ok';
  const memory = (ctx.memory[MEMORY] as StudentMemory | undefined) ?? {};
  ctx.memory[MEMORY] = memory;
  const texts = identityTexts(ctx, memory);
  const id = latestMention(texts, studentIdMentions) ?? parseStudentId(ctx.turn.text, ctx.awaiting === 'user_id');
  if (id) memory.id = id;
  const last4 = latestMention(texts, phoneLast4Mentions) ?? parsePhoneLast4(ctx.turn.text, ctx.awaiting === 'phone');
  if (last4) memory.last4 = last4;
  if (!memory.id) { ctx.ask('user_id', ctx.awaiting === 'user_id' ? 'student.ask_id_again' : 'student.ask_id'); return 'waiting'; }
  if (!memory.last4) { ctx.ask('phone', 'student.ask_phone', { id: memory.id }); return 'waiting'; }
  const result = await ctx.call<string>('verify_student', { student_id: memory.id, phone_last4: memory.last4 });
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
