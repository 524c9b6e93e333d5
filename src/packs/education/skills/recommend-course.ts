import type { Skill } from '../../../engine/pack.ts';
import { profileFromText, recommendCourses, type LearnerProfile } from '../rules/recommend.ts';
import type { EducationDb } from '../store/types.ts';
import type { StudentView } from '../tools/get-student.ts';

/**
 * Course recommendation: subject, goal and level from what the learner wrote (and, for an identified student,
 * their level and completed courses); asks once for what they want to learn when neither subject nor goal is
 * known; then the top three courses with the reasons each was chosen.
 */
export const recommendCourseSkill: Skill<EducationDb> = {
  name: 'recommend_course',
  intents: ['recommend_course'],
  async run(ctx) {
    const profile: LearnerProfile = profileFromText(ctx.flowTexts().join(' '));
    if (ctx.customerId()) {
      const view = await ctx.call<StudentView>('get_student', {});
      if (view.ok && view.result) {
        profile.completed = view.result.student.completed;
        profile.level ??= view.result.student.level;
      }
    }
    if (!profile.subject && !profile.goal) {
      if (!ctx.started) { ctx.say('recommend.unclear'); return 'done'; }
      ctx.ask('reason', 'recommend.ask_profile');
      return 'waiting';
    }
    const assumed = profile.level === undefined;
    const list = recommendCourses({ ...profile, level: profile.level ?? 1 });
    if (!list.length) { ctx.say('recommend.none'); return 'done'; }
    const lines = list.map(({ course, reasons }) => ctx.text('recommend.line', {
      id: course.id, name: course.name[ctx.locale], price: course.price, lessons: course.lessons,
      reasons: reasons.map((code) => ctx.text(`reason.${code}`)).join(ctx.locale === 'zh' ? '；' : '; '),
    }));
    ctx.say('recommend.result', {
      level: ctx.text(`level.${profile.level ?? 1}`) + (assumed ? ctx.text('recommend.level_assumed') : ''),
      subject: profile.subject ? ctx.text(`subject.${profile.subject}`) : ctx.text('subject.any'),
      goal: profile.goal ? ctx.text(`goal.${profile.goal}`) : ctx.text('goal.any'),
      list: lines.join('\n'),
    });
    return 'done';
  },
};
