import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import type { EducationContext } from './shared.ts';

/** Identifies a student by student id and the last four digits of the phone on file; returns the student id. */
export const verifyStudent = defineTool({
  name: 'verify_student',
  description: 'Identifies a student by student id (S + 6 digits) and the last 4 digits of their phone number.',
  input: z.object({ student_id: z.string().regex(/^S\d{6}$/), phone_last4: z.string().regex(/^\d{4}$/) }),
  write: false,
  execute({ student_id: id, phone_last4: last4 }, context: EducationContext): string {
    const student = context.data.students[id];
    if (!student || !student.phone.endsWith(last4)) throw new ToolError('no student matches this id and phone number');
    return student.id;
  },
});
