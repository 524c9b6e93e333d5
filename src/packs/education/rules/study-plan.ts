import type { Goal, Level } from './courses.ts';

/** Activity codes of a study session, rendered by templates (`plan.activity.<code>`). */
export type Activity = 'new_material' | 'practice' | 'review' | 'mock_test' | 'project' | 'speaking' | 'rest';

export interface PlanDay {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  hours: number;
  activity: Activity;
  /** Why this session is here: a reason code (`plan.reason.<code>`). */
  reason: string;
}

export interface StudyPlanInput {
  hoursPerWeek: number;
  goal: Goal;
  level: Level;
}

/** Most hours a week a plan schedules: six study days of up to 3 h, so a rest day and sleep survive. */
export const MAX_HOURS = 18;

/** Activities in the order they are handed out, per goal; beginners get more new material, advanced more practice. */
const MIX: Record<Goal, Activity[]> = {
  exam: ['new_material', 'practice', 'mock_test', 'review', 'practice', 'review'],
  career: ['new_material', 'project', 'practice', 'review', 'project', 'practice'],
  travel: ['speaking', 'new_material', 'speaking', 'review', 'speaking', 'practice'],
  school: ['new_material', 'practice', 'review', 'new_material', 'practice', 'review'],
  hobby: ['new_material', 'practice', 'project', 'review', 'practice', 'project'],
};

/**
 * A personalised weekly plan: hours are clamped to 1–18 (`MAX_HOURS`) and spread over study days (2 days for ≤ 3 h, up to 6),
 * sessions of 0.5 h granularity capped at 3 h on weekdays and 4 h at weekends; at least one rest day. Beginners
 * start with new material and end with review; level 3+ swap the first new-material session for practice.
 * Pure and deterministic; each day carries a reason code so the plan explains itself.
 */
export function buildStudyPlan(input: StudyPlanInput): PlanDay[] {
  const hours = Math.min(MAX_HOURS, Math.max(1, Math.round(input.hoursPerWeek * 2) / 2));
  const dayCount = hours <= 3 ? 2 : hours <= 6 ? 3 : hours <= 10 ? 4 : hours <= 15 ? 5 : 6;
  const order = [2, 4, 6, 1, 3, 5, 7].slice(0, dayCount).sort((a, b) => a - b);
  const caps = order.map((weekday) => (weekday >= 6 ? 4 : 3));
  const share = order.map(() => 0);
  let left = hours;
  // Hand out half-hours round-robin, weekend days first when the week is long, so sessions stay even.
  while (left > 0) {
    let placed = false;
    for (let i = 0; i < order.length && left > 0; i++) {
      if (share[i] + 0.5 <= caps[i]) { share[i] += 0.5; left -= 0.5; placed = true; }
    }
    if (!placed) break;
  }
  const mix = [...MIX[input.goal]];
  if (input.level >= 3 && mix[0] === 'new_material') mix[0] = 'practice';
  const plan: PlanDay[] = order.map((weekday, i) => {
    const last = i === order.length - 1 && order.length > 1;
    const activity: Activity = last ? (input.goal === 'exam' && input.level >= 2 ? 'mock_test' : 'review') : mix[i % mix.length];
    return { weekday, hours: share[i], activity, reason: reasonFor(activity, input, i) };
  });
  const rest = [1, 2, 3, 4, 5, 6, 7].find((day) => !order.includes(day))!;
  plan.push({ weekday: rest, hours: 0, activity: 'rest', reason: 'rest' });
  return plan.sort((a, b) => a.weekday - b.weekday);
}

function reasonFor(activity: Activity, input: StudyPlanInput, index: number): string {
  if (activity === 'new_material') return input.level === 1 && index === 0 ? 'beginner_start' : 'new_material';
  if (activity === 'mock_test') return 'mock_test';
  if (activity === 'review') return 'spaced_review';
  if (activity === 'speaking') return 'speaking';
  if (activity === 'project') return 'project';
  return input.level >= 3 ? 'practice_advanced' : 'practice';
}

const ZH_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const WORD_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20, couple: 2, few: 3 };

/** A Chinese number word up to 99 ("五", "十二", "二十"), or null. */
function zhNumber(word: string): number | null {
  if (word === '十') return 10;
  if (word.startsWith('十')) return 10 + (ZH_DIGIT[word[1]] ?? 0);
  if (word.includes('十')) return (ZH_DIGIT[word[0]] ?? 1) * 10 + (ZH_DIGIT[word[2]] ?? 0);
  return ZH_DIGIT[word] ?? null;
}

/**
 * Hours a week from free text: "每周 6 小时", "6 hours a week", "6h", "五个小时", ranges take their middle ("三四个小时",
 * "3-4 hours" → 3.5), halves count ("一个半小时" → 1.5), and a daily amount is a week's worth ("每天一小时",
 * "an hour a day" → 7). Null when no number of hours is given.
 */
export function hoursFromText(text: string): number | null {
  const hours = hoursMentioned(text);
  if (hours === null) return null;
  return /每天|每日|一天|天天|\b(a|per|every) day\b|\bdaily\b|\bnightly\b/iu.test(text) ? hours * 7 : hours;
}

function hoursMentioned(text: string): number | null {
  const range = /(\d+(?:\.\d+)?)\s*(?:-|~|到|至|to)\s*(\d+(?:\.\d+)?)\s*(?:个)?\s*(?:小时|钟头|h\b|hrs?\b|hours?)/iu.exec(text);
  if (range) return (Number(range[1]) + Number(range[2])) / 2;
  const match = /(\d+(?:\.\d+)?)\s*(?:个)?\s*(半)?\s*(?:小时|钟头|h\b|hrs?\b|hours?)/iu.exec(text) ?? /每周\s*(\d+(?:\.\d+)?)/u.exec(text);
  if (match) return Number(match[1]) + (match[2] ? 0.5 : 0);
  const zh = /([一二两三四五六七八九十]{1,3})\s*(?:个)?\s*(半)?\s*(?:小时|钟头)/u.exec(text);
  if (zh) {
    const word = zh[1];
    // "三四个小时": two adjacent digits are a range.
    const pair = word.length === 2 && !word.includes('十') ? [ZH_DIGIT[word[0]], ZH_DIGIT[word[1]]] : null;
    const value = pair && pair[0] && pair[1] ? (pair[0] + pair[1]) / 2 : zhNumber(word);
    if (value !== null) return value + (zh[2] ? 0.5 : 0);
  }
  if (/半(个)?小时|half an hour/iu.test(text)) return 0.5;
  const words = /\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|couple|few)(?: of)?\s+(?:hours?|hrs?)\b/iu.exec(text);
  return words ? WORD_NUMBERS[words[1].toLowerCase()] : null;
}
