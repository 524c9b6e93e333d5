import type { Skill } from '../../../engine/pack.ts';
import type { Goal, Level } from '../rules/courses.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { profileFromText, recommendCourses } from '../rules/recommend.ts';
import { lessonTime } from './course-lookup.ts';
import { buildStudyPlan, hoursFromText } from '../rules/study-plan.ts';
import type { EducationDb } from '../store/types.ts';

/**
 * A personalised weekly study plan: hours per week and goal are asked for when missing; the level comes from the
 * text, the identified student's record, or defaults to beginner. Each weekday gets one line with its reason.
 */
export const studyPlanSkill: Skill<EducationDb> = {
  name: 'study_plan',
  intents: ['study_plan'],
  async run(ctx) {
    const texts = ctx.flowTexts();
    const all = texts.join(' ');
    let hours = hoursFromText(normalize(all));
    if (hours === null && ctx.awaiting === 'time') {
      const bare = /^\D*(\d+(?:\.\d+)?)\D*$/u.exec(ctx.turn.text);
      if (bare) hours = Number(bare[1]);
    }
    if (hours === null || hours <= 0) { ctx.ask('time', ctx.awaiting === 'time' ? 'plan.ask_hours_again' : 'plan.ask_hours'); return 'waiting'; }
    ctx.slots.hours = hours;
    const profile = profileFromText(normalize(all));
    const id = ctx.customerId();
    const level: Level = profile.level ?? (id ? ctx.data.students[id]?.level : undefined) ?? 1;
    // A subject is enough to plan around: the course to start with comes from the catalogue, and so does the goal
    // when the learner did not give one ("想学Python，零基础" → the Python beginners' course, its main goal).
    const [start] = profile.subject ? recommendCourses({ subject: profile.subject, level, goal: profile.goal, completed: id ? ctx.data.students[id]?.completed : [] }, 1) : [];
    const goal: Goal | undefined = profile.goal ?? (profile.subject === 'exam' ? 'exam' : start?.course.goals[0]);
    if (!goal) {
      if (ctx.awaiting === 'reason') ctx.slots.goal = 'school';
      else { ctx.ask('reason', 'plan.ask_goal'); return 'waiting'; }
    }
    const plan = buildStudyPlan({ hoursPerWeek: hours, goal: goal ?? 'school', level });
    const lines = plan.map((day) => day.activity === 'rest'
      ? ctx.text('plan.rest_line', { weekday: ctx.text(`weekday.${day.weekday}`) })
      : ctx.text('plan.line', { weekday: ctx.text(`weekday.${day.weekday}`), hours: day.hours, activity: ctx.text(`plan.activity.${day.activity}`), reason: ctx.text(`plan.reason.${day.reason}`) }));
    const total = plan.reduce((sum, day) => sum + day.hours, 0);
    ctx.say('plan.result', { hours: total, goal: ctx.text(`goal.${goal ?? 'school'}`), level: ctx.text(`level.${level}`), plan: lines.join('\n'), capped: total < hours ? ctx.text('plan.capped', { max: total }) : '' });
    if (start) ctx.say('plan.start_course', { id: start.course.id, name: start.course.name[ctx.locale], slot: lessonTime(ctx, start.course), price: start.course.price, lessons: start.course.lessons });
    return 'done';
  },
};
