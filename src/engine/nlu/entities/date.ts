import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';
import type { CalendarDay } from './calendar.ts';
import { addDays, addMonths, makeDay, nextWeekday, previousWeekday, toIsoDate, weekdayOfWeek } from './calendar.ts';
import { parseNumeral } from './chinese-numerals.ts';

interface DateRule {
  pattern: RegExp;
  /** Needs a reference day; skipped when the clock is unusable. */
  relative: boolean;
  resolve(match: RegExpExecArray, today: CalendarDay): { day?: CalendarDay; inferredYear?: boolean } | undefined;
}

const CN_SMALL = '(\\d{1,2}|[零一二两三四五六七八九十]{1,3})';
const CN_WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const EN_WEEKDAYS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const EN_MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const EN_SMALL_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const CN_DAY_OFFSETS: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3, 昨天: -1, 昨日: -1, 前天: -2, 大前天: -3 };
const CN_WEEK_OFFSETS: Record<string, number> = { 这: 0, 这个: 0, 本: 0, 下: 1, 下个: 1, 下下: 2, 下下个: 2, 上: -1, 上个: -1, 上上: -2, 上上个: -2 };
const CN_MONTH_OFFSETS: Record<string, number> = { 这个: 0, 本: 0, 下个: 1, 下: 1, 上个: -1, 上: -1 };
const EN_MONTH_NAMES = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const EN_WEEKDAY_NAMES = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|sat|sun)';
// A number followed by these is a building, line, room …, not a day of the month.
const NOT_A_DAY_AFTER = '(?![楼线门房室院仓口位码店单栋层座车厅区路街巷弄期台机元块])';

function monthDay(year: number, month: number | undefined, day: number | undefined, inferredYear: boolean) {
  if (month === undefined || day === undefined) return undefined;
  const resolved = makeDay(year, month, day);
  return resolved ? { day: resolved, inferredYear } : undefined;
}

const RULES: DateRule[] = [
  // ---- Chinese ----
  {
    pattern: /(大后天|大前天|(?<![售之最以然落先])后天(?!猫)|(?<![提之])前天|今天|今日|明天|明日|昨天|昨日)/g,
    relative: true,
    resolve: (match, today) => ({ day: addDays(today, CN_DAY_OFFSETS[match[1]]) }),
  },
  {
    // 今晚/明早: the date is the first character, the part of day is left to the time recogniser.
    pattern: /(今|(?<![说证表声透发文简标注分光鲜照阐聪英失])明|昨)(?=[早晚](?![了点饭餐]))/g,
    relative: true,
    resolve: (match, today) => ({ day: addDays(today, { 今: 0, 明: 1, 昨: -1 }[match[1]] ?? 0) }),
  },
  {
    pattern: /(?<!每)(下下个?|上上个?|下个?|上个?|这个?|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])(?![\d一二三四五六七八九十])/g,
    relative: true,
    resolve: (match, today) => {
      const weekday = CN_WEEKDAYS[match[2]];
      if (match[1] === undefined) return { day: nextWeekday(today, weekday, true) };
      return { day: weekdayOfWeek(today, weekday, CN_WEEK_OFFSETS[match[1]]) };
    },
  },
  {
    pattern: /(下个?|这个?|本)?周末/g,
    relative: true,
    resolve: (match, today) =>
      match[1]?.startsWith('下') ? { day: weekdayOfWeek(today, 6, 1) } : { day: nextWeekday(today, 6, true) },
  },
  {
    pattern: new RegExp(`(下个|下|这个|本|上个|上)月${CN_SMALL}[号日]`, 'g'),
    relative: true,
    resolve: (match, today) => {
      const day = parseNumeral(match[2]);
      const resolved = day === undefined ? undefined : addMonths(today, CN_MONTH_OFFSETS[match[1]], day);
      return resolved ? { day: resolved } : undefined;
    },
  },
  {
    pattern: new RegExp(`(?<!\\d)(\\d{4}|[〇零一二三四五六七八九]{4})年${CN_SMALL}月${CN_SMALL}[日号]`, 'g'),
    relative: false,
    resolve: (match) => monthDay(parseNumeral(match[1]) ?? 0, parseNumeral(match[2]), parseNumeral(match[3]), false),
  },
  {
    pattern: new RegExp(`(?<![\\d年])${CN_SMALL}月${CN_SMALL}[日号]`, 'g'),
    relative: true,
    resolve: (match, today) => monthDay(today.year, parseNumeral(match[1]), parseNumeral(match[2]), true),
  },
  {
    pattern: new RegExp(`(?<![\\d月第路街道巷弄里村楼栋区号.零一二两三四五六七八九十])${CN_SMALL}(?:号|日(?![内后前之左以起无来]))${NOT_A_DAY_AFTER}`, 'g'),
    relative: true,
    resolve: (match, today) => monthDay(today.year, today.month, parseNumeral(match[1]), false),
  },
  // ---- Numeric ----
  {
    pattern: /(?<![\d/.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/.-]|\.\d)/g,
    relative: false,
    resolve: (match) => monthDay(Number(match[1]), Number(match[2]), Number(match[3]), false),
  },
  {
    // US order: month/day[/year].
    pattern: /(?<![\d/.$-])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g,
    relative: true,
    resolve: (match, today) => {
      const year = match[3] === undefined ? today.year : match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
      return monthDay(year, Number(match[1]), Number(match[2]), match[3] === undefined);
    },
  },
  // ---- English ----
  {
    pattern: /\b(the\s+day\s+after\s+tomorrow|day\s+after\s+tomorrow|the\s+day\s+before\s+yesterday|today|tomorrow|tmrw?|yesterday)\b/gi,
    relative: true,
    resolve: (match, today) => {
      const word = match[1].toLowerCase();
      const offset = word.includes('after') ? 2 : word.includes('before') ? -2 : word === 'today' ? 0 : word === 'yesterday' ? -1 : 1;
      return { day: addDays(today, offset) };
    },
  },
  {
    pattern: new RegExp(`\\b(?:(next|this coming|this|last|on|coming)\\s+)?${EN_WEEKDAY_NAMES}\\b`, 'gi'),
    relative: true,
    resolve: (match, today) => {
      const name = match[2];
      const modifier = match[1]?.toLowerCase();
      // Abbreviations ("sat", "sun", "wed") are ordinary words too: only with a modifier or a capital letter.
      if (name.length <= 4 && !modifier && !/^[A-Z]/.test(name)) return undefined;
      const weekday = EN_WEEKDAYS[name.slice(0, 3).toLowerCase()];
      if (modifier === 'next') return { day: nextWeekday(today, weekday, false) };
      if (modifier === 'last') return { day: previousWeekday(today, weekday) };
      return { day: nextWeekday(today, weekday, true) };
    },
  },
  {
    pattern: /\b(this|next)\s+weekend\b/gi,
    relative: true,
    resolve: (match, today) =>
      match[1].toLowerCase() === 'next' ? { day: weekdayOfWeek(today, 6, 1) } : { day: nextWeekday(today, 6, true) },
  },
  {
    pattern: /\b(?:in\s+(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)|(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\s+(from\s+now|later|ago))\b/gi,
    relative: true,
    resolve: (match, today) => {
      const amountText = (match[1] ?? match[3]).toLowerCase();
      const amount = /^\d+$/.test(amountText) ? Number(amountText) : EN_SMALL_NUMBERS[amountText];
      const unit = (match[2] ?? match[4]).toLowerCase().startsWith('week') ? 7 : 1;
      const sign = match[5]?.toLowerCase() === 'ago' ? -1 : 1;
      return { day: addDays(today, sign * amount * unit) };
    },
  },
  {
    pattern: new RegExp(`\\b${EN_MONTH_NAMES}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\d:])\\b`, 'gi'),
    relative: true,
    resolve: (match, today) => {
      const year = match[3] ? Number(match[3]) : today.year;
      return monthDay(year, EN_MONTHS[match[1].slice(0, 3).toLowerCase()], Number(match[2]), !match[3]);
    },
  },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${EN_MONTH_NAMES}\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'gi'),
    relative: true,
    resolve: (match, today) => {
      const year = match[3] ? Number(match[3]) : today.year;
      return monthDay(year, EN_MONTHS[match[2].slice(0, 3).toLowerCase()], Number(match[1]), !match[3]);
    },
  },
  {
    pattern: /\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b/gi,
    relative: true,
    resolve: (match, today) => monthDay(today.year, today.month, Number(match[1]), false),
  },
];

/**
 * Finds calendar dates in Chinese and English and resolves them against `today` (the local day of the injected
 * clock). Value: ISO 'YYYY-MM-DD'. Month/day without a year takes the current year and sets meta.inferredYear.
 *
 * Weekday conventions (Monday-based weeks):
 * - plain 周五 / 星期五 / "Friday" / "on Friday" / "this Friday": the coming one, today allowed;
 * - 这周五 / 本周五: Friday of the current calendar week (may be past);
 * - 下周五: Friday of next calendar week; 下下周五 two weeks on; 上周五 last week's;
 * - "next Friday": the first Friday strictly after today; "last Friday": the last one strictly before.
 */
export function recogniseDates(text: string, today: CalendarDay | undefined): Candidate[] {
  const found: Candidate[] = [];
  for (const rule of RULES) {
    if (rule.relative && !today) continue;
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match; match = rule.pattern.exec(text)) {
      const result = rule.resolve(match, today ?? FALLBACK_DAY);
      if (!result?.day) continue;
      const start = match.index;
      const end = start + match[0].length;
      const meta = result.inferredYear ? { inferredYear: true } : undefined;
      found.push(candidate('date', toIsoDate(result.day), text, start, end, meta));
    }
  }
  return found;
}

const FALLBACK_DAY: CalendarDay = { year: 2000, month: 1, day: 1, weekday: 6 };
