import type { SkillContext } from '../../../engine/pack.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import { correctedChoice, latestMention, type Mention } from '../../shared/corrections.ts';
import { COURSES, findCourse, type Course } from '../rules/courses.ts';

const SQUASHED = /[\s:：,，.。!！?？]/gu;

/**
 * The course a message names: an id ("EN201") or the main part of a course name in either language
 * ("Python 编程入门", "business english", traditional characters too). Looks at every message of the flow, newest
 * first; within a message a self-correction wins ("先说JavaScript…不对，改成Python数据处理"), else the longest name.
 */
export function courseInFlow(ctx: SkillContext<unknown>): Course | null {
  return latestMention(ctx.flowTexts(), courseMentions) ?? null;
}

/** The course named in one message, or null. */
export function courseInText(text: string): Course | null {
  return correctedChoice(normalize(text), courseMentions(text)) ?? null;
}

/**
 * Every course a message mentions with its offset in the normalised text; ids first, then names longest first
 * (so "Python 数据处理" is preferred over the shorter "Python" names it contains).
 */
export function courseMentions(text: string): Array<Mention<Course>> {
  const message = normalize(text);
  const found: Array<Mention<Course> & { length: number }> = [];
  for (const match of message.matchAll(/(?<![a-z])([a-z]{2}\d{3})(?!\d)/gu)) {
    const course = findCourse(match[1]);
    if (course) found.push({ value: course, index: match.index, length: 100 });
  }
  // Names are compared without spaces and punctuation; offsets map back to the normalised message.
  const positions: number[] = [];
  let squashed = '';
  for (let i = 0; i < message.length; i++) if (!message[i].match(SQUASHED)) { squashed += message[i]; positions.push(i); }
  for (const course of COURSES) {
    for (const name of [course.name.zh, course.name.en]) {
      const core = name.split(/[：:]/u)[0].toLowerCase().replace(SQUASHED, '');
      if (core.length < 4) continue;
      for (let at = squashed.indexOf(core); at >= 0; at = squashed.indexOf(core, at + 1)) {
        // A shorter name inside a longer one found at the same place ("python" in "python数据处理") is not a mention.
        found.push({ value: course, index: positions[at], length: core.length });
      }
    }
  }
  const kept = found.filter((m) => !found.some((other) => other !== m && other.length > m.length && other.index <= m.index && other.index + other.length >= m.index + m.length && other.length < 100));
  return kept.sort((a, b) => b.length - a.length || a.index - b.index).map(({ value, index }) => ({ value, index }));
}

/** "周二 19:00" / "Tuesdays 19:00". */
export function lessonTime(ctx: SkillContext<unknown>, course: Course): string {
  return ctx.text('schedule.slot', { weekday: ctx.text(`weekday.${course.weekday}`), time: course.time });
}
