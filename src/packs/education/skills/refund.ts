import type { Skill } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import { profileFromText } from '../rules/recommend.ts';
import type { RefundQuote } from '../rules/refund.ts';
import type { EducationDb } from '../store/types.ts';
import type { StudentView } from '../tools/get-student.ts';
import { courseInFlow } from './course-lookup.ts';
import { identifyStudent } from './identify-student.ts';

/**
 * The enrolment a student points at by its subject rather than its name ("编程那门课不想上了", "the maths one",
 * "exam prep course"): the newest message naming a subject that exactly one of their active courses has.
 */
export function enrolmentBySubject<T extends { course: { subject: string } }>(texts: string[], active: T[]): T | undefined {
  for (const text of [...texts].reverse()) {
    const subject = profileFromText(normalize(text)).subject;
    const matching = subject ? active.filter((e) => e.course.subject === subject) : [];
    if (matching.length === 1) return matching[0];
  }
  return undefined;
}

/**
 * Withdrawal and refund: the student identified, the enrolment chosen (named course, or the only active one, or
 * asked), the refund quoted with the rule applied shown, then — only when money is due — a confirmation and the
 * refund. "None after half the lessons" ends the flow with the reason and the option to talk to a person.
 */
export const refundSkill: Skill<EducationDb> = {
  name: 'refund',
  intents: ['refund'],
  writes: true,
  accepts: ['order_id'],
  async run(ctx) {
    const identified = await identifyStudent(ctx);
    if (identified !== 'ok') return identified === 'stop' ? 'done' : 'waiting';
    const view = await ctx.call<StudentView>('get_student', {});
    if (!view.ok || !view.result) { ctx.say('action.failed', { error: view.error }); return 'done'; }
    const active = view.result.enrolments.filter((e) => e.status === 'active');
    if (!active.length) { ctx.say('refund.no_enrolments'); return 'done'; }
    const named = courseInFlow(ctx);
    const enrolment = named ? active.find((e) => e.course_id === named.id) : active.length === 1 ? active[0] : enrolmentBySubject(ctx.flowTexts(), active);
    if (!enrolment) {
      const list = active.map((e) => `${e.course.id} ${e.course.name[ctx.locale]}`).join(ctx.locale === 'zh' ? '、' : ', ');
      if (named) { ctx.say('refund.not_enrolled', { id: named.id, list }); return 'done'; }
      ctx.ask('product', 'refund.ask_course', { list }, { quickReplies: active.map((e) => ({ label: `${e.course.id} ${e.course.name[ctx.locale]}`, payload: e.course.id })), each: true });
      return 'waiting';
    }
    const quoted = await ctx.call<RefundQuote>('quote_refund', { enrolment_id: enrolment.id });
    if (!quoted.ok || !quoted.result) { ctx.say('action.failed', { error: quoted.error }); return 'done'; }
    const quote = quoted.result;
    const vars = { id: enrolment.course.id, name: enrolment.course.name[ctx.locale], ...quote, rule: ctx.text(`refund.rule.${quote.rule}`, { ...quote }) };
    if (quote.amount <= 0) { ctx.say('refund.none', vars); return 'done'; }
    return confirmAction(ctx, {
      key: 'refund.confirm', vars, fingerprint: [enrolment.id, quote.amount],
      execute: async () => {
        const result = await ctx.call<RefundQuote>('refund_enrolment', { enrolment_id: enrolment.id });
        if (result.ok) ctx.say('refund.done', vars);
        else ctx.say('action.failed', { error: result.error });
      },
    });
  },
};
