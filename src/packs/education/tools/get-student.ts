import { z } from 'zod';
import { defineTool } from '../../../engine/tools/define-tool.ts';
import { findCourse, type Course } from '../rules/courses.ts';
import type { Enrolment, Student } from '../store/types.ts';
import { currentStudent, type EducationContext } from './shared.ts';

export interface StudentView {
  student: Omit<Student, 'phone'>;
  enrolments: Array<Enrolment & { course: Course }>;
}

/** The verified student's progress and enrolments, each with its course (phone left out). */
export const getStudent = defineTool({
  name: 'get_student',
  description: "Returns the identified student's level, completed courses and enrolments with course schedule.",
  input: z.object({}),
  write: false,
  execute(_input, context: EducationContext): StudentView {
    const { phone: _phone, ...student } = currentStudent(context);
    const enrolments = context.data.enrolments.filter((e) => e.student_id === student.id).map((e) => ({ ...e, course: findCourse(e.course_id)! }));
    return { student, enrolments };
  },
});
