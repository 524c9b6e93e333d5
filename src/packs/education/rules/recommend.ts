import { COURSES, type Course, type Goal, type Level, type Subject } from './courses.ts';

/** What the recommender knows about a learner; every field optional (unknown = no preference). */
export interface LearnerProfile {
  subject?: Subject;
  level?: Level;
  goal?: Goal;
  /** Course ids already completed (progress). */
  completed?: string[];
}

/** Why a course scored what it did: reason codes rendered by templates (`reason.<code>`). */
export type ReasonCode = 'subject' | 'level_match' | 'next_level' | 'goal' | 'prerequisites_met' | 'no_prerequisites';

export interface Recommendation {
  course: Course;
  score: number;
  reasons: ReasonCode[];
}

/**
 * Scores every course for a learner and returns the best `limit`, highest first (ties: lower level, then id).
 * Excluded: completed courses, courses whose prerequisites are not completed (unless the stated level covers
 * them: a level-2 learner is taken to have the level-1 prerequisites), and courses two or more levels above.
 * Pure: same input, same output.
 */
export function recommendCourses(profile: LearnerProfile, limit = 3, catalogue: Course[] = COURSES): Recommendation[] {
  const completed = new Set(profile.completed ?? []);
  const level = profile.level ?? 1;
  const results: Recommendation[] = [];
  for (const course of catalogue) {
    if (completed.has(course.id)) continue;
    if (course.level > level + 1 || course.level < level - 1) continue;
    const missing = course.prerequisites.filter((id) => !completed.has(id) && (catalogue.find((p) => p.id === id)?.level ?? 9) >= level);
    if (missing.length) continue;
    const reasons: ReasonCode[] = [];
    let score = 0;
    if (profile.subject) {
      if (course.subject === profile.subject) { score += 4; reasons.push('subject'); } else score -= 3;
    }
    if (course.level === level) { score += 3; reasons.push('level_match'); } else if (course.level === level + 1 && course.prerequisites.some((id) => completed.has(id))) { score += 2; reasons.push('next_level'); } else score -= 1;
    if (profile.goal && course.goals.includes(profile.goal)) { score += course.goals[0] === profile.goal ? 3 : 2; reasons.push('goal'); }
    if (course.prerequisites.length && course.prerequisites.every((id) => completed.has(id))) { score += 1; reasons.push('prerequisites_met'); }
    if (!course.prerequisites.length) reasons.push('no_prerequisites');
    results.push({ course, score, reasons });
  }
  // A course of another subject that nothing else recommends (score ≤ 0) is noise, not a suggestion.
  return results.filter((r) => r.score > 0).sort((a, b) => b.score - a.score || a.course.level - b.course.level || a.course.id.localeCompare(b.course.id)).slice(0, limit);
}

const SUBJECT_CUES: Array<[Subject, RegExp]> = [
  ['exam', /雅思|托福|四六级|中考|高考|考试|备考|ielts|toefl|cet|\bexams?\b|test prep/iu],
  ['programming', /编程|程序|python|java|代码|网页|开发|scratch|coding|programming|software|web/iu],
  ['maths', /数学|代数|几何|微积分|统计|方程|math|algebra|calculus|geometry|statistic/iu],
  ['english', /英语|英文|口语|语法|english|grammar|speaking|writing/iu],
];
const GOAL_CUES: Array<[Goal, RegExp]> = [
  ['exam', /考试|备考|提分|雅思|托福|中考|高考|四六级|exam|test|ielts|toefl/iu],
  ['career', /工作|职场|求职|转行|升职|商务|career|job|work|business|promotion/iu],
  ['travel', /旅游|旅行|出国玩|travel|trip|holiday/iu],
  ['school', /学校|课内|成绩|功课|school|grades|homework|class/iu],
  ['hobby', /兴趣|爱好|好玩|孩子|hobby|fun|for my kid/iu],
];
const LEVEL_CUES: Array<[Level, RegExp]> = [
  [1, /零基础|入门|初学|小白|没学过|新手|beginner|from scratch|never (learn|studi)|no experience|basic/iu],
  [4, /高级|精通|advanced|expert/iu],
  [3, /中高级|较好|学过两年|upper[- ]intermediate|fairly good/iu],
  [2, /中级|有一点基础|有基础|学过一点|intermediate|some experience|a bit/iu],
];

/** Reads subject, goal and level from free text (Chinese or English); fields not mentioned are left out. */
export function profileFromText(text: string): LearnerProfile {
  const profile: LearnerProfile = {};
  profile.subject = SUBJECT_CUES.find(([, cue]) => cue.test(text))?.[0];
  profile.goal = GOAL_CUES.find(([, cue]) => cue.test(text))?.[0];
  profile.level = LEVEL_CUES.find(([, cue]) => cue.test(text))?.[0];
  for (const key of Object.keys(profile) as Array<keyof LearnerProfile>) if (profile[key] === undefined) delete profile[key];
  return profile;
}
