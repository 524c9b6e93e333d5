import type { Skill } from '../../../engine/pack.ts';
import { confirmAction } from '../../shared/confirm-action.ts';
import type { EducationDb } from '../store/types.ts';
import type { StudentView } from '../tools/get-student.ts';
import { missingPrerequisites } from '../tools/enroll-course.ts';
import { findCourse } from '../rules/courses.ts';
import { courseInFlow, coursesNamedTogether, lessonTime } from './course-lookup.ts';
import { identifyStudent } from './identify-student.ts';
import { parsePhoneLast4, parseStudentId } from '../rules/student-id.ts';

/**
 * Enrolment: which course, the student identified, prerequisites and double enrolment checked (refused with the
 * reason and what to take first), a confirmation stating price and timetable, then the enrolment.
 */
export const enrollSkill: Skill<EducationDb> = {
  name: 'enroll',
  intents: ['enroll_course'],
  writes: true,
  async run(ctx) {
    let course = courseInFlow(ctx);
    if (!course) {
      // Asked for the course, given the student id or phone digits: keep them (identify now) and ask for the course again.
      const credentials = ctx.awaiting === 'product' && Boolean(parseStudentId(ctx.turn.normalized) || parsePhoneLast4(ctx.turn.normalized));
      if (credentials || ctx.awaiting === 'user_id' || ctx.awaiting === 'phone') {
        const identified = await identifyStudent(ctx);
        if (identified !== 'ok') return identified === 'stop' ? 'done' : 'waiting';
        ctx.ask('product', 'enroll.ask_course');
        return 'waiting';
      }
      if (ctx.awaiting === 'product') { ctx.say('course.unknown'); return 'done'; }
      ctx.ask('product', 'enroll.ask_course');
      return 'waiting';
    }
    const identified = await identifyStudent(ctx);
    if (identified !== 'ok') return identified === 'stop' ? 'done' : 'waiting';
    const view = await ctx.call<StudentView>('get_student', {});
    if (!view.ok || !view.result) { ctx.say('action.failed', { error: view.error }); return 'done'; }
    const { student, enrolments } = view.result;
    // "是python那个" names PR101 and PR201: for a student who finished PR101 (or is taking it) that is PR201.
    const taken = (id: string) => student.completed.includes(id) || enrolments.some((e) => e.course_id === id && e.status === 'active');
    if (taken(course.id)) course = coursesNamedTogether(ctx).find((other) => !taken(other.id)) ?? course;
    if (enrolments.some((e) => e.course_id === course.id && e.status === 'active')) { ctx.say('enroll.already', { id: course.id, name: course.name[ctx.locale] }); return 'done'; }
    if (student.completed.includes(course.id)) { ctx.say('enroll.completed', { id: course.id, name: course.name[ctx.locale] }); return 'done'; }
    const missing = missingPrerequisites(student.completed, student.level, course.prerequisites);
    if (missing.length) {
      // Each missing course by name, and whether the student is already taking it: the rule explained from the data.
      const described = missing.map((id) => {
        const prerequisite = findCourse(id)!;
        const taking = enrolments.some((e) => e.course_id === id && e.status === 'active');
        return `${id} ${prerequisite.name[ctx.locale]}${taking ? ctx.text('enroll.prerequisite_in_progress') : ''}`;
      });
      ctx.say('enroll.missing_prerequisites', { id: course.id, name: course.name[ctx.locale], missing: described.join(ctx.locale === 'zh' ? '、' : '; ') });
      return 'done';
    }
    return confirmAction(ctx, {
      key: 'enroll.confirm', fingerprint: [student.id, course.id],
      vars: { id: course.id, name: course.name[ctx.locale], price: course.price, lessons: course.lessons, start: course.start, slot: lessonTime(ctx, course) },
      execute: async () => {
        const result = await ctx.call<{ id: string }>('enroll_course', { course_id: course.id });
        if (result.ok && result.result) ctx.say('enroll.done', { enrolment: result.result.id, id: course.id, start: course.start, slot: lessonTime(ctx, course) });
        else ctx.say('action.failed', { error: result.error });
      },
    });
  },
};
