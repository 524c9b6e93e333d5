import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';
import { findCourse } from '../rules/courses.ts';
import type { Enrolment } from '../store/types.ts';
import { currentStudent, type EducationContext } from './shared.ts';

/**
 * Enrols the verified student in a course's next class. Refused when already enrolled or when a prerequisite is
 * neither completed nor below the student's level (payment is taken at the front desk; `paid` records the price).
 */
export const enrollCourse = defineTool({
  name: 'enroll_course',
  description: 'Enrols the identified student in a course (by course id) after checking prerequisites.',
  input: z.object({ course_id: z.string().regex(/^[A-Z]{2}\d{3}$/) }),
  write: true,
  execute({ course_id: courseId }, context: EducationContext): Enrolment {
    const student = currentStudent(context);
    const course = findCourse(courseId);
    if (!course) throw new ToolError('course not found');
    if (context.data.enrolments.some((e) => e.student_id === student.id && e.course_id === course.id && e.status === 'active')) throw new ToolError('already enrolled in this course');
    if (student.completed.includes(course.id)) throw new ToolError('this course has already been completed');
    const missing = missingPrerequisites(student.completed, student.level, course.prerequisites);
    if (missing.length) throw new ToolError(`missing prerequisites: ${missing.join(', ')}`);
    const enrolment: Enrolment = {
      id: `E${1001 + context.data.enrolments.length}`, student_id: student.id, course_id: course.id, class_id: `${course.id}-N`,
      start: course.start, paid: course.price, status: 'active',
    };
    context.data.enrolments.push(enrolment);
    return enrolment;
  },
});

/** Prerequisites a student still lacks: not completed and at or above the student's own level. */
export function missingPrerequisites(completed: string[], level: number, prerequisites: string[]): string[] {
  return prerequisites.filter((id) => !completed.includes(id) && (findCourse(id)?.level ?? 9) >= level);
}
