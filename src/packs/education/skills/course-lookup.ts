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

/**
 * Every course the newest message naming one names at the same place — several when a word is shared ("python" is
 * PR101 and PR201) — so that a caller knowing the student can pick the one that fits.
 */
export function coursesNamedTogether(ctx: SkillContext<unknown>): Course[] {
  for (const text of [...ctx.flowTexts()].reverse()) {
    const mentions = courseMentions(text);
    if (mentions.length) return [...new Set(mentions.filter((m) => m.index === mentions[0].index).map((m) => m.value))];
  }
  return [];
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
  // A distinctive word of a name ("python", "代数", "雅思") when the full name is not there: "是python那个".
  for (const [word, courses] of COURSE_KEYWORDS) {
    for (let at = squashed.indexOf(word); at >= 0; at = squashed.indexOf(word, at + 1)) {
      const before = message[positions[at] - 1] ?? '';
      const after = message[positions[at + word.length - 1] + 1] ?? '';
      if (/[a-z]/.test(word[0]) && (/[a-z]/.test(before) || /[a-z]/.test(after))) continue;
      for (const course of courses) found.push({ value: course, index: positions[at], length: word.length - 0.5 });
    }
  }
  const kept = found.filter((m) => !found.some((other) => other !== m && other.length > m.length && other.index <= m.index && other.index + other.length >= m.index + m.length && other.length < 100));
  return kept.sort((a, b) => b.length - a.length || a.index - b.index).map(({ value, index }) => ({ value, index }));
}

/** Words too common in course names to point at a course. */
const COMMON_WORDS = new Set(['introduction', 'intro', 'basics', 'basic', 'foundations', 'intermediate', 'advanced', 'preparation', 'intensive',
  'sprint', 'booster', 'with', 'and', 'for', 'the', 'english', 'maths', 'mathematics', 'programming', 'writing', 'course', 'senior', 'school', 'entrance',
  // Everyday words that happen to be in a name: "my kids", "full-time", "I'm learning", "travel", "public", "data".
  'full', 'stack', 'public', 'project', 'learning', 'machine', 'kids', 'coding', 'travel', 'conversation', 'reading', 'speaking', 'listening',
  'development', 'software', 'engineering', 'analysis', 'data', 'handling', 'everyday', 'academic', 'business', 'linear', 'functions',
  'structures', 'equations', 'ratios', 'fractions', 'speaking']);
const ZH_COMMON = /^(入门|基础|进阶|强化|冲刺|提分|编程|英语|数学|实战|项目|分数|比例|阅读|发音)$/u;

/**
 * Distinctive words of the catalogue's names, each with the (at most three) courses it names: Latin words of four
 * letters or more and the Chinese segments of a name between "：", "与", "和", "、" and spaces. A word shared by
 * more courses ("english", "编程") names none.
 */
export const COURSE_KEYWORDS: Array<[string, Course[]]> = (() => {
  const index = new Map<string, Course[]>();
  const add = (word: string, course: Course) => {
    const list = index.get(word) ?? [];
    if (!list.includes(course)) index.set(word, [...list, course]);
  };
  for (const course of COURSES) {
    for (const name of [course.name.zh, course.name.en]) {
      for (const word of name.toLowerCase().match(/[a-z][a-z+#]{3,}/g) ?? []) if (!COMMON_WORDS.has(word)) add(word, course);
      for (const part of name.split(/[：:与和、\s（）()a-zA-Z0-9.]+/u)) if (part.length >= 2 && !ZH_COMMON.test(part)) add(part, course);
    }
  }
  return [...index].filter(([, courses]) => courses.length <= 3);
})();

/** "周二 19:00" / "Tuesdays 19:00". */
export function lessonTime(ctx: SkillContext<unknown>, course: Course): string {
  return ctx.text('schedule.slot', { weekday: ctx.text(`weekday.${course.weekday}`), time: course.time });
}
