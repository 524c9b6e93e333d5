import type { Skill } from '../../../engine/pack.ts';
import { scoreDepartments, type TriageLexicon } from '../triage/score-departments.ts';
import type { HospitalDb } from '../store/types.ts';
import { departmentName } from './hospital-lookup.ts';

/**
 * Symptom triage (分诊): scores the departments on everything the patient said in this flow, suggests the best
 * one with the words that led there and what the department looks after, always with the not-a-diagnosis
 * disclaimer, and offers to book. More symptoms re-score; "yes" hands over to booking.
 * Red flags never get here: the guard around every skill answers them first.
 */
export function createTriageSkill(lexicon: TriageLexicon): Skill<HospitalDb> {
  return {
    name: 'triage',
    intents: ['triage'],
    async run(ctx) {
      if (ctx.awaiting === 'confirmation' && ctx.slots.department) {
        if (ctx.isAffirm()) {
          ctx.memory.triageDepartment = ctx.slots.department;
          ctx.enqueue('book_appointment', ctx.text('triage.book_request', { department: departmentName(ctx.data, String(ctx.slots.department), ctx.locale) }));
          return 'done';
        }
        if (ctx.isDeny()) { ctx.say('triage.declined'); return 'done'; }
      }
      const [best, second] = scoreDepartments(lexicon, ctx.flowTexts().join(' '));
      if (!best) {
        ctx.slots.misses = Number(ctx.slots.misses ?? 0) + 1;
        if (Number(ctx.slots.misses) < 2) { ctx.ask('reason', 'triage.ask_symptoms', { disclaimer: ctx.text('disclaimer') }); return 'waiting'; }
        ctx.slots.department = 'general';
        return offer(ctx, 'triage.unclear', { department: departmentName(ctx.data, 'general', ctx.locale), reason: lexicon.general.reason[ctx.locale] });
      }
      ctx.slots.department = best.department;
      ctx.memory.triageDepartment = best.department;
      const separator = ctx.locale === 'zh' ? '、' : ', ';
      const quote = (w: string) => (ctx.locale === 'zh' ? `“${w}”` : `"${w}"`);
      const also = second && second.score === best.score ? ctx.text('triage.also', { department: departmentName(ctx.data, second.department, ctx.locale) }) : '';
      return offer(ctx, 'triage.result', {
        department: departmentName(ctx.data, best.department, ctx.locale), words: best.matched.map(quote).join(separator),
        reason: lexicon[best.department].reason[ctx.locale], location: ctx.data.departments.find((d) => d.id === best.department)?.location[ctx.locale] ?? '', also,
      });
    },
  };
}

function offer(ctx: Parameters<Skill<HospitalDb>['run']>[0], key: string, vars: Record<string, unknown>): 'waiting' {
  const yes = ctx.text('triage.quick_book', vars);
  const no = ctx.text('quick.no');
  ctx.ask('confirmation', key, { ...vars, disclaimer: ctx.text('disclaimer') }, { quickReplies: [{ label: yes, payload: yes }, { label: no, payload: no }] });
  return 'waiting';
}
