import type { SkillContext } from '../../../engine/pack.ts';
import { COURSES, courseIdsIn, findCourse, type Course } from '../rules/courses.ts';

const squash = (text: string) => text.toLowerCase().replace(/[\s:：,，.。!！?？]/gu, '');

/**
 * The course a message names: an id ("EN201") or the main part of a course name in either language
 * ("Python 编程入门", "business english"); longest name wins. Looks at every message of the flow, newest first.
 */
export function courseInFlow(ctx: SkillContext<unknown>): Course | null {
  for (const text of [...ctx.flowTexts()].reverse()) {
    const found = courseInText(text);
    if (found) return found;
  }
  return null;
}

/** The course named in one message, or null. */
export function courseInText(text: string): Course | null {
  const [id] = courseIdsIn(text);
  if (id) return findCourse(id)!;
  const message = squash(text);
  let best: { course: Course; length: number } | null = null;
  for (const course of COURSES) {
    for (const name of [course.name.zh, course.name.en]) {
      const core = squash(name.split(/[：:]/u)[0]);
      if (core.length >= 4 && message.includes(core) && (!best || core.length > best.length)) best = { course, length: core.length };
    }
  }
  return best?.course ?? null;
}

/** "周二 19:00" / "Tuesdays 19:00". */
export function lessonTime(ctx: SkillContext<unknown>, course: Course): string {
  return ctx.text('schedule.slot', { weekday: ctx.text(`weekday.${course.weekday}`), time: course.time });
}
