import type { Skill } from '../../../engine/pack.ts';
import { findCourse } from '../rules/courses.ts';
import type { EducationDb } from '../store/types.ts';
import { courseInFlow, lessonTime } from './course-lookup.ts';

/** Tuition and timetable of one course: price, lessons, start date, weekly slot and prerequisites. */
export const courseInfoSkill: Skill<EducationDb> = {
  name: 'course_info',
  intents: ['course_info'],
  async run(ctx) {
    const course = courseInFlow(ctx);
    if (!course) {
      if (ctx.awaiting === 'product') { ctx.say('course.unknown'); return 'done'; }
      ctx.ask('product', 'course.ask');
      return 'waiting';
    }
    const prerequisites = course.prerequisites.map((id) => `${id} ${findCourse(id)!.name[ctx.locale]}`).join(ctx.locale === 'zh' ? '、' : ', ');
    ctx.say('course.info', {
      id: course.id, name: course.name[ctx.locale], price: course.price, lessons: course.lessons, perLesson: Math.round(course.price / course.lessons),
      start: course.start, slot: lessonTime(ctx, course), prerequisites: prerequisites || ctx.text('course.no_prerequisites'),
    });
    return 'done';
  },
};
