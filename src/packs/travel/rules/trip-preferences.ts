import type { Interest } from '../store/types.ts';

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

/**
 * Reads trip preferences from free text in Chinese or English: days ("三天", "3 days", "周末"), budget
 * ("预算5000", "5000元以内", "under 5000 yuan"), travellers ("两个人", "一家三口", "for 2 people", "couple")
 * and interests (museum, history, nature, show, shopping, family). Missing items are null / empty.
 */
export function readTripPreferences(text: string): TripPreferences {
  const lower = text.toLowerCase();
  let days: number | null = null;
  const dayMatch = new RegExp(`${NUMBER}\\s*(天|日游|日|days?\\b)`, 'i').exec(lower);
  if (dayMatch) days = count(dayMatch[1]);
  else if (/周末|weekend/.test(lower)) days = 2;
  else if (/一日游|day trip/.test(lower)) days = 1;

  let budget: number | null = null;
  const budgetMatch = /(?:预算|budget(?: of| is)?|under|below|within|less than|不超过|以内|最多|[¥￥])\s*[:：]?\s*[¥￥]?\s*(\d+(?:\.\d+)?)\s*(万|k)?/i.exec(lower)
    ?? /(\d+(?:\.\d+)?)\s*(万|k)?\s*(?:元|块|rmb|yuan|cny|¥|以内|左右|以下)/i.exec(lower)
    ?? /(\d+(?:\.\d+)?)\s*(万)/.exec(lower);
  if (budgetMatch) budget = Math.round(Number(budgetMatch[1]) * (budgetMatch[2] === '万' ? 10000 : budgetMatch[2] === 'k' ? 1000 : 1));

  let travellers: number | null = null;
  const family = /一家(\d|[一两二三四五六七八九十])口/.exec(text);
  const people = new RegExp(`${NUMBER}\\s*(个人|人|位|口人|people|persons?|adults?|travell?ers|of us)`, 'i').exec(lower);
  if (family) travellers = count(family[1]);
  else if (people) travellers = count(people[1]);
  else if (/一个人|独自|自己去|\balone\b|\bsolo\b|just me|myself/.test(lower)) travellers = 1;
  else if (/情侣|夫妻|两口子|和老婆|和老公|和女朋友|和男朋友|\bcouple\b|my (wife|husband|partner|girlfriend|boyfriend)/.test(lower)) travellers = 2;

  const interests = INTEREST_CUES.filter(([, pattern]) => pattern.test(text)).map(([interest]) => interest);
  return { days, budget, travellers, interests };
}
