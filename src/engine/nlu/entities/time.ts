import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';
import { pad } from './calendar.ts';
import { parseNumeral } from './chinese-numerals.ts';

/** Part of the day and the representative clock time used when no hour is given. */
export type PartOfDay = 'early_morning' | 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

const PART_TIMES: Record<PartOfDay, string> = {
  early_morning: '03:00',
  morning: '09:00',
  noon: '12:00',
  afternoon: '15:00',
  evening: '19:00',
  night: '22:00',
};

const CN_PARTS: Record<string, { part: PartOfDay; time: string }> = {
  凌晨: { part: 'early_morning', time: '03:00' },
  清晨: { part: 'morning', time: '07:00' },
  早上: { part: 'morning', time: '08:00' },
  早晨: { part: 'morning', time: '08:00' },
  一早: { part: 'morning', time: '08:00' },
  早: { part: 'morning', time: '08:00' },
  上午: { part: 'morning', time: '10:00' },
  中午: { part: 'noon', time: '12:00' },
  午间: { part: 'noon', time: '12:00' },
  下午: { part: 'afternoon', time: '15:00' },
  傍晚: { part: 'evening', time: '18:00' },
  晚上: { part: 'evening', time: '20:00' },
  晚: { part: 'evening', time: '20:00' },
  夜里: { part: 'night', time: '22:00' },
  夜间: { part: 'night', time: '22:00' },
  深夜: { part: 'night', time: '23:00' },
  半夜: { part: 'night', time: '00:00' },
};

const EN_PARTS: Record<string, { part: PartOfDay; time: string }> = {
  morning: { part: 'morning', time: PART_TIMES.morning },
  afternoon: { part: 'afternoon', time: PART_TIMES.afternoon },
  evening: { part: 'evening', time: PART_TIMES.evening },
  night: { part: 'night', time: PART_TIMES.night },
  tonight: { part: 'evening', time: '20:00' },
  noon: { part: 'noon', time: '12:00' },
  midday: { part: 'noon', time: '12:00' },
  midnight: { part: 'night', time: '00:00' },
};

const CN_NUMBER = '(\\d{1,2}|[零一二两三四五六七八九十]{1,3})';
const CN_PART_WORDS = '(凌晨|清晨|早上|早晨|一早|上午|中午|午间|下午|傍晚|晚上|夜里|夜间|深夜|半夜|(?<=[今明昨])[早晚](?:上)?)';
// 第三点 / 有两点建议 / 这两点 count points, not hours.
const CN_CLOCK = `(?<![第有这几零一二两三四五六七八九十\\d.])${CN_NUMBER}\\s*[点时](?!钟头)(?:(半|一刻|三刻|整|钟)|${CN_NUMBER}(分钟?)?(?![点时:\\d]))?`;
const CN_PART_ONLY = new RegExp(CN_PART_WORDS, 'g');
const CN_PART_CLOCK = new RegExp(`${CN_PART_WORDS}?\\s*${CN_CLOCK}`, 'g');
const DIGITAL = new RegExp(`${CN_PART_WORDS}?\\s*(?<![\\d:.])(\\d{1,2}):(\\d{2})(?![\\d:])(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z]))?`, 'gi');
const EN_CLOCK = /\b(\d{1,2})(?:\s*o'?clock)?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])|\b(\d{1,2})\s*o'?clock\b/gi;
const EN_PART = /\b(tonight|this\s+(?:morning|afternoon|evening)|(?:in\s+the\s+)?(?:morning|afternoon|evening)|at\s+night|noon|midday|midnight)\b/gi;

/**
 * Finds clock times and parts of the day. Value: 'HH:MM' (24 h). A part of day alone gives its representative
 * time and meta.partOfDay; 下午/晚上/pm move hours below 12 into the afternoon. A bare hour such as 两点 or 3:30
 * keeps its literal value and sets meta.ambiguousHalfDay so a caller can decide between 02:00 and 14:00.
 */
export function recogniseTimes(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(CN_PART_ONLY)) {
    const part = CN_PARTS[match[1]] ?? CN_PARTS[match[1][0]];
    if (part) found.push(candidate('time', part.time, text, match.index, match.index + match[0].length, { partOfDay: part.part }));
  }
  CN_PART_CLOCK.lastIndex = 0;
  for (let match = CN_PART_CLOCK.exec(text); match; match = CN_PART_CLOCK.exec(text)) {
    const [, partWord, hourText, suffix, minuteText, minuteUnit] = match;
    const hour = parseNumeral(hourText);
    if (hour === undefined) continue;
    let minute = 0;
    if (suffix === '半') minute = 30;
    else if (suffix === '一刻') minute = 15;
    else if (suffix === '三刻') minute = 45;
    else if (minuteText !== undefined) {
      const parsed = parseNumeral(minuteText);
      // 三点五 is more often "3.5" than 03:05; minutes need 分 or two digits.
      if (parsed === undefined || (!minuteUnit && minuteText.length < 2 && !/^十/.test(minuteText))) {
        continue;
      }
      minute = parsed;
    }
    // 一点 alone means "a little" (便宜一点); only accept it with a part of day or minutes.
    if (!partWord && hourText === '一' && suffix === undefined && minuteText === undefined) continue;
    const leading = match[0].length - match[0].trimStart().length;
    const start = match.index + leading;
    pushClock(found, text, start, match.index + match[0].length, hour, minute, partOf(partWord));
  }
  for (const match of text.matchAll(DIGITAL)) {
    const [, partWord, hourText, minuteText, meridiem] = match;
    const leading = match[0].length - match[0].trimStart().length;
    const end = match.index + match[0].length;
    pushClock(found, text, match.index + leading, end, Number(hourText), Number(minuteText), partOf(partWord), meridiemOf(meridiem));
  }
  for (const match of text.matchAll(EN_CLOCK)) {
    const hour = Number(match[1] ?? match[3]);
    pushClock(found, text, match.index, match.index + match[0].length, hour, 0, undefined, meridiemOf(match[2]));
  }
  for (const match of text.matchAll(EN_PART)) {
    const words = match[1].toLowerCase().split(/\s+/);
    const part = EN_PARTS[words[words.length - 1]];
    if (part) found.push(candidate('time', part.time, text, match.index, match.index + match[0].length, { partOfDay: part.part }));
  }
  return found;
}

function partOf(word: string | undefined): PartOfDay | undefined {
  if (!word) return undefined;
  return (CN_PARTS[word] ?? CN_PARTS[word[0]])?.part;
}

function meridiemOf(word: string | undefined): 'am' | 'pm' | undefined {
  if (!word) return undefined;
  return word.toLowerCase().startsWith('p') ? 'pm' : 'am';
}

function pushClock(
  found: Candidate[],
  text: string,
  start: number,
  end: number,
  rawHour: number,
  minute: number,
  part: PartOfDay | undefined,
  meridiem?: 'am' | 'pm',
): void {
  if (!Number.isInteger(rawHour) || rawHour > 24 || minute > 59 || minute < 0) return;
  let hour = rawHour === 24 ? 0 : rawHour;
  const meta: Record<string, string | boolean> = {};
  if (meridiem) {
    if (hour === 0 || hour > 12) return; // "15pm" is not a time
    meta.meridiem = meridiem;
    if (meridiem === 'pm' && hour < 12) hour += 12;
    else if (meridiem === 'am' && hour === 12) hour = 0;
  } else if (part) {
    meta.partOfDay = part;
    if ((part === 'afternoon' || part === 'evening') && hour >= 1 && hour < 12) hour += 12;
    else if (part === 'night' && hour >= 6 && hour < 12) hour += 12;
    else if ((part === 'evening' || part === 'night') && hour === 12) hour = 0;
    else if (part === 'noon' && hour >= 1 && hour <= 3) hour += 12;
  } else if (hour >= 1 && hour <= 12) {
    meta.ambiguousHalfDay = true;
  }
  found.push(candidate('time', `${pad(hour)}:${pad(minute)}`, text, start, end, meta));
}
