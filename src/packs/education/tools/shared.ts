import { ToolError, type ToolContext } from '../../../engine/tools/define-tool.ts';
import type { EducationDb, Enrolment, Student } from '../store/types.ts';

export type EducationContext = ToolContext<EducationDb>;

/** The verified student of a customer conversation (system callers must name one). */
export function currentStudent(context: EducationContext, studentId?: string): Student {
  const id = context.actor.kind === 'system' ? studentId : context.actor.customerId;
  if (!id) throw new ToolError('the student has not been identified');
  const student = context.data.students[id];
  if (!student) throw new ToolError('student not found');
  return student;
}

/** An enrolment that belongs to the verified student. */
export function ownEnrolment(context: EducationContext, enrolmentId: string): Enrolment {
  const enrolment = context.data.enrolments.find((e) => e.id === enrolmentId);
  if (!enrolment) throw new ToolError('enrolment not found');
  if (context.actor.kind === 'customer' && enrolment.student_id !== context.actor.customerId) throw new ToolError('this enrolment belongs to someone else');
  return enrolment;
}
