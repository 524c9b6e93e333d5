import { CHINESE_NUMERAL_CHARACTERS, parseChineseNumeral } from '../../../engine/nlu/entities/chinese-numerals.ts';
import { normalizeKeepCase } from '../../../engine/text/normalize.ts';
import type { Interest } from '../store/types.ts';
import { correctionTails } from '../../shared/corrections.ts';

export interface TripPreferences {
  days: number | null;
  budget: number | null;
  travellers: number | null;
  interests: Interest[];
}

const DIGITS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 俩: 2 };
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1 };

/** "3", "三", "十", "two" → number; null otherwise. */
function count(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  if (token in DIGITS) return DIGITS[token];
  return WORDS[token.toLowerCase()] ?? null;
}

const NUMBER = String.raw`(\d+|[一两二三四五六七八九十俩]|one|two|three|four|five|six|seven|eight|nine|ten)`;

const INTEREST_CUES: Array<[Interest, RegExp]> = [
  ['museum', /博物馆|展览|美术馆|科技馆|museums?|galler(y|ies)|exhibitions?/i],
  ['history', /历史|古迹|文化|古建|皇家|寺庙|胡同|故宫|长城|histor|heritage|culture|cultural|temples?|palaces?|ancient|hutong/i],
  ['nature', /自然|公园|爬山|登山|风景|山水|户外|花|湖|nature|parks?|hik(e|ing)|outdoors?|scenery|lakes?|gardens?/i],
  ['show', /演出|看戏|京剧|相声|话剧|剧场|show|opera|theat(er|re)|performance|acrobatics/i],
  ['shopping', /购物|逛街|买东西|商场|shopping|shops?|markets?/i],
  ['family', /亲子|孩子|小孩|带娃|儿童|宝宝|kids?|children|family|child/i],
];

const CHINESE_RUN = new RegExp(`[${CHINESE_NUMERAL_CHARACTERS}]+`, 'g');

/**
 * The text with numbers as digits: Chinese numerals ("一万二" → 12000, "五千" → 5000, "三个人" → "3个人"), thousands
 * separators dropped ("3,000" → 3000), traditional characters folded and full-width digits narrowed.
 */
export function withDigits(text: string): string {
  return normalizeKeepCase(text)
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    // "1万" stays as it is: a unit after digits is read by the budget rule.
    .replace(CHINESE_RUN, (run, offset: number, whole: string) => {
      if (/^[十百千万]/.test(run) && /\d/.test(whole[offset - 1] ?? '')) return run;
      const value = parseChineseNumeral(run);
      return value === undefined ? run : String(value);
    });
}

/** Who comes along when the count is not said: "带爸妈" is the speaker and two parents. */
const COMPANIONS: Array<[RegExp, number]> = [
  [/爸妈|父母|老爸老妈|我爸我妈|爸爸妈妈|公婆|岳父母|\bmy (mum|mom) and (dad)\b|\bmy parents\b|\bmy folks\b/i, 2],
  [/老婆|老公|媳妇|女朋友|男朋友|对象|爱人|\bmy (wife|husband|partner|girlfriend|boyfriend|spouse)\b/i, 1],
  [/孩子|小孩|儿子|女儿|带娃|宝宝|\b(my|our) (kids?|sons?|daughters?|child(ren)?)\b|\b(kids?|children)\b/i, 1],
];

/**
 * Reads trip preferences from free text in Chinese or English: days ("三天", "3 days", "2-day", "两天一夜", "周末"),
 * budget ("预算5000", "预算就五千", "一万二", "3,000 yuan", "under 5000 yuan"), travellers ("两个人", "一家三口",
 * "带爸妈" = 3, "for 2 people", "couple") and interests (museum, history, nature, show, shopping, family).
 * Missing items are null / empty.
 */
export function readTripPreferences(raw: string): TripPreferences {
  const text = normalizeKeepCase(raw);
  const lower = withDigits(raw).toLowerCase();
  let days: number | null = null;
  const dayMatch = new RegExp(`(?<!第|每|前|后|这|那)${NUMBER}[\\s-]*(天|日游|日|days?\\b)`, 'i').exec(lower);
  if (dayMatch) days = count(dayMatch[1]);
  else if (/周末|weekend/.test(lower)) days = 2;
  else if (/一日游|day trip/.test(lower)) days = 1;

  let budget: number | null = null;
  const budgetMatch = /(?:预算|budget(?: of| is)?|under|below|within|less than|max(?:imum)?|at most|up to|no more than|不超过|以内|最多|[¥￥])[^\d\n]{0,5}?[¥￥]?\s*(\d+(?:\.\d+)?)\s*(万|k)?/i.exec(lower)
    ?? /(\d+(?:\.\d+)?)\s*(万|k)?\s*(?:元|块|rmb|yuan|cny|¥|以内|左右|以下)/i.exec(lower)
    ?? /(\d+(?:\.\d+)?)\s*(万)/.exec(lower)
    // "400 a night", "300 per night", "500/晚": a price per night is a ceiling too.
    ?? /(\d+(?:\.\d+)?)\s*(k)?\s*(?:a|per|\/)\s*(?:night|晚)/i.exec(lower)
    // "一万五够不够": a bare sum of money in a trip request (not days, people, dates or distances).
    ?? /(?<![\p{L}\d.:-])([5-9]\d{2}|[1-9]\d{3,5})(?=\s*($|[,，。.!！?？;；]|够|左右|上下|吧|呢|啊|呀|就行|就够))/iu.exec(lower)
    ?? /(?<![\p{L}\d.])(\d+(?:\.\d+)?)\s*(k)\b/iu.exec(lower);
  if (budgetMatch) budget = Math.round(Number(budgetMatch[1]) * (budgetMatch[2] === '万' ? 10000 : budgetMatch[2] === 'k' ? 1000 : 1));

  let travellers: number | null = null;
  const family = /一家(\d|[一两二三四五六七八九十])口/.exec(text) ?? new RegExp(`\\b(?:family|party|group) of ${NUMBER}\\b`, 'i').exec(lower);
  const people = new RegExp(`${NUMBER}\\s*(个人|人|位|口人|people|persons?|adults?|travell?ers|of us)`, 'i').exec(lower);
  // "our two kids", "两个孩子": counted children replace the single child the word alone stands for.
  const children = new RegExp(`${NUMBER}\\s*(?:个)?\\s*(?:kids|children|sons|daughters|孩子|小孩|娃)`, 'i').exec(lower);
  const companions = COMPANIONS.reduce((sum, [pattern, more]) => sum + (pattern.test(text) ? more : 0), 0)
    + (children ? (count(children[1]) ?? 1) - 1 : 0);
  if (family) travellers = count(family[1]);
  else if (people) travellers = count(people[1]);
  else if (companions > 0) travellers = 1 + companions;
  else if (/我们俩|咱俩|我俩|\bthe two of us\b/.test(lower)) travellers = 2;
  else if (/一个人|1个人|独自|自己去|\balone\b|\bsolo\b|just me|myself/.test(lower)) travellers = 1;
  else if (/情侣|夫妻|两口子|\bcouple\b/.test(lower)) travellers = 2;

  const interests = INTEREST_CUES.filter(([, pattern]) => pattern.test(text)).map(([interest]) => interest);
  return { days, budget, travellers, interests };
}

/**
 * Preferences over the messages of a conversation, oldest first: a later message overrides what it mentions, and a
 * correction ("不对，是两个人", "actually make it 3 days") counts for what follows the correction word.
 *
 * @example readTripPreferencesFrom(['四个人玩三天，预算一万二', '不对，是两个人']) // { days: 3, budget: 12000, travellers: 2, … }
 */
export function readTripPreferencesFrom(texts: string[]): TripPreferences {
  const merged: TripPreferences = { days: null, budget: null, travellers: null, interests: [] };
  for (const text of texts) {
    let found = readTripPreferences(text);
    for (const tail of correctionTails(text)) {
      const corrected = readTripPreferences(tail);
      found = { ...found, ...withoutEmpty(corrected), interests: corrected.interests.length ? corrected.interests : found.interests };
      if (corrected.interests.length) merged.interests = [];
    }
    Object.assign(merged, withoutEmpty({ ...found, interests: [] }));
    merged.interests = [...new Set([...merged.interests, ...found.interests])];
  }
  return merged;
}

function withoutEmpty(preferences: TripPreferences): Partial<TripPreferences> {
  return Object.fromEntries(Object.entries(preferences).filter(([key, value]) => value !== null && !(key === 'interests' && (value as unknown[]).length === 0)));
}
