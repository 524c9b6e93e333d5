import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { findCourse } from '../rules/courses.ts';
import { lessonsHeld, refundQuote, type RefundQuote } from '../rules/refund.ts';
import type { Enrolment } from '../store/types.ts';
import { ownEnrolment, type EducationContext } from './shared.ts';

/** The refund an enrolment is entitled to today, with the rule applied. */
export function quoteFor(enrolment: Enrolment, now: string): RefundQuote {
  const course = findCourse(enrolment.course_id);
  if (!course) throw new ToolError('course not found');
  return refundQuote({ paid: enrolment.paid, lessons: course.lessons, attended: lessonsHeld(enrolment.start, course.lessons, now) });
}

/** Quotes the refund of one of the verified student's enrolments (read only). */
export const quoteRefund = defineTool({
  name: 'quote_refund',
  description: 'Computes the refund for an enrolment under the school policy (full before the first lesson, pro rata minus a fee, none after half).',
  input: z.object({ enrolment_id: z.string().regex(/^E\d{4}$/) }),
  write: false,
  execute({ enrolment_id: id }, context: EducationContext): RefundQuote {
    const enrolment = ownEnrolment(context, id);
    if (enrolment.status !== 'active') throw new ToolError('this enrolment was already refunded');
    return quoteFor(enrolment, context.clock.now());
  },
});

/** Withdraws from a course and records the refund the policy gives (refused when the policy gives nothing). */
export const refundEnrolment = defineTool({
  name: 'refund_enrolment',
  description: 'Withdraws the student from an enrolment and records the policy refund.',
  input: z.object({ enrolment_id: z.string().regex(/^E\d{4}$/) }),
  write: true,
  execute({ enrolment_id: id }, context: EducationContext): RefundQuote {
    const enrolment = ownEnrolment(context, id);
    if (enrolment.status !== 'active') throw new ToolError('this enrolment was already refunded');
    const quote = quoteFor(enrolment, context.clock.now());
    if (quote.amount <= 0) throw new ToolError('no refund is due under the refund policy');
    enrolment.status = 'refunded';
    enrolment.refund = quote;
    return quote;
  },
});
