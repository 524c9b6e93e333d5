import type { Skill } from '../../../engine/pack.ts';
import { lessonsHeld } from '../rules/refund.ts';
import { findCourse } from '../rules/courses.ts';
import type { EducationDb } from '../store/types.ts';
import type { StudentView } from '../tools/get-student.ts';
import { lessonTime } from './course-lookup.ts';
import { identifyStudent } from './identify-student.ts';

/**
 * The identified student's timetable and progress: every active enrolment with its weekly slot, lessons held and
 * next lesson, then the courses already completed.
 */
export const scheduleSkill: Skill<EducationDb> = {
  name: 'schedule',
  intents: ['course_schedule'],
  async run(ctx) {
    const identified = await identifyStudent(ctx);
    if (identified !== 'ok') return identified === 'stop' ? 'done' : 'waiting';
    const view = await ctx.call<StudentView>('get_student', {});
    if (!view.ok || !view.result) { ctx.say('action.failed', { error: view.error }); return 'done'; }
    const active = view.result.enrolments.filter((e) => e.status === 'active');
    // Progress includes what is already behind the student, not only the current timetable.
    const completed = view.result.student.completed.map((id) => findCourse(id)).filter((course) => course !== undefined)
      .map((course) => `${course.id} ${course.name[ctx.locale]}`).join(ctx.locale === 'zh' ? '、' : ', ');
    if (!active.length) { ctx.say('schedule.none'); if (completed) ctx.say('schedule.completed', { list: completed }); return 'done'; }
    const now = ctx.now();
    const lines = active.map((e) => {
      const held = lessonsHeld(e.start, e.course.lessons, now);
      const next = held >= e.course.lessons ? null : new Date(Date.parse(`${e.start}T00:00:00Z`) + held * 7 * 86_400_000).toISOString().slice(0, 10);
      return ctx.text('schedule.line', { id: e.course.id, name: e.course.name[ctx.locale], slot: lessonTime(ctx, e.course), held, lessons: e.course.lessons, next: next ?? '—' });
    });
    ctx.say('schedule.result', { list: lines.join('\n') });
    if (completed) ctx.say('schedule.completed', { list: completed });
    return 'done';
  },
};
