import { parseChineseNumeral } from '../../../engine/nlu/entities/chinese-numerals.ts';
import { correctedChoice, type Mention } from '../../shared/corrections.ts';
import { parseMoney } from './parse-money.ts';

/** Answer letters by question id (`RISK_QUESTIONS[].id`): only the questions the text answers. */
export type RiskAnswersFound = Partial<Record<'age' | 'experience' | 'horizon' | 'loss' | 'share', 'A' | 'B' | 'C' | 'D'>>;

type Letter = 'A' | 'B' | 'C' | 'D';
const NOT = String.raw`(?<!没|没有|从没|从来没|未|未曾|不曾|不|别|never |haven'?t |have not |didn'?t |not )`;

/** Age group A (> 65) … D (31–50), the questionnaire's order. */
function ageLetter(age: number): Letter {
  return age > 65 ? 'A' : age > 50 ? 'B' : age > 30 ? 'D' : 'C';
}

function ages(text: string): Array<Mention<Letter>> {
  const found: Array<Mention<Letter>> = [];
  const add = (age: number | undefined, index: number) => { if (age !== undefined && age >= 16 && age <= 110) found.push({ value: ageLetter(age), index }); };
  // "63岁", "六十三了", "五十多岁", "快六十了", "I'm 63", "63 years old", "in my fifties".
  for (const m of text.matchAll(/(?:今年|年龄|年纪)\s*(\d{2})(?![\d.万千%岁])/gu)) add(Number(m[1]), m.index);
  for (const m of text.matchAll(/(?:今年|年龄|已经|都)?\s*([一二三四五六七八九十]{1,3}|\d{2,3})\s*(?:(多|来)?\s*(?:周岁|岁|了(?!解))|(出头))/gu)) {
    const base = parseChineseNumeral(m[1]);
    if (base !== undefined) add(base + (m[2] === '多' ? 5 : m[3] ? 2 : 0), m.index);
  }
  for (const m of text.matchAll(/\b(?:i'?m|i am|aged?|age)\s*(\d{2})\b|\b(\d{2})[- ]?(?:years?[- ]old|yo\b|y\/o)/giu)) add(Number(m[1] ?? m[2]), m.index);
  const decades: Record<string, number> = { twenties: 25, thirties: 35, forties: 45, fifties: 55, sixties: 63, seventies: 75, eighties: 85 };
  for (const m of text.matchAll(/\bin my (twenties|thirties|forties|fifties|sixties|seventies|eighties)\b/giu)) add(decades[m[1].toLowerCase()], m.index);
  if (!found.length) {
    // Life stage when no age is said: retired → 51–65, student or fresh graduate → 18–30.
    const stage = /退休|\bretired\b/iu.exec(text);
    if (stage) found.push({ value: 'B', index: stage.index });
    const young = /大学生|在读|刚毕业|刚工作|\b(student|just graduated|fresh graduate)\b/iu.exec(text);
    if (young) found.push({ value: 'C', index: young.index });
  }
  return found;
}

/** The furthest the customer has gone: futures/years of stocks (D) > stocks or equity funds (C) > wealth products/bond funds (B) > deposits only (A). */
function experience(text: string): Array<Mention<Letter>> {
  const cues: Array<[Letter, RegExp]> = [
    ['D', new RegExp(String.raw`${NOT}(?:炒|做|玩|买)(?:了|过)?\s*(?:[3-9三四五六七八九十]|好几|多)\S{0,2}年(?:的)?(?:股票|股|期货)|${NOT}(?:炒|做|玩)(?:过)?(?:股|期货).{0,6}(?:[3-9三四五六七八九十]|好几|多)\s*年|${NOT}(?:做|玩|炒)过期货|(?:[3-9三四五六七八九十]|好几|多)\s*年(?:以上)?的?(?:炒股|股票|期货|投资)经验|(?:over|more than) (?:3|three|\d{2}) years (?:of|in|with) (?:stocks|trading|investing)|\btrad(?:e|ed|ing) futures\b|(?:trad(?:e|ed|ing)|invest(?:ed|ing)? in|held|holding|bought|buying|own(?:ed)?) (?:stocks|shares|equities|futures)[^.,;]{0,16}?(?:for )?(?:about |over |more than |nearly |almost )?(?:[3-9]|\d{2}|three|four|five|six|seven|eight|nine|ten|several|many) years`, 'giu')],
    ['C', new RegExp(String.raw`(?:股票|股|偏股基金|指数基金)\S{0,4}${NOT}(?:买|炒|投|玩|做)过|${NOT}(?:买|炒|投|玩|做)过.{0,8}(?:股票|股|股票基金|偏股|混合基金|指数基金)|${NOT}炒股|${NOT}(?:买|投)过(?:点|些)?基金|(?<!never |not |haven'?t )(?:bought|own|owned|hold|held|invest(?:ed)? in) (?:some )?(?:stocks|shares|equity funds|index funds)`, 'giu')],
    ['B', new RegExp(String.raw`${NOT}(?:买|投|做)过.{0,8}(?:理财|债券|债基|国债|货币基金|余额宝)|(?<!never |not |haven'?t )(?:bought|had|used) (?:some )?(?:bank )?(?:wealth(?: management)? products|bond funds|bonds|money market funds)`, 'giu')],
    ['A', /(?:主要|一直|都|只)(?:是)?存(?:在)?(?:银行)?(?:定期|活期|银行|存款)|只(?:存过|存|有|放过?)(?:银行)?(?:定期|活期|存款|储蓄)|只存过|(?:从来|从|都)?没(?:有)?(?:买|投|碰|做|炒)过|不(?:太)?懂(?:投资|理财|基金|股票)|only (?:ever )?(?:had|kept|used|put)?\s*(?:my )?(?:money |cash )?(?:in )?(?:a |the )?(?:bank )?(?:savings|deposits?)|never (?:invested|bought)|no (?:investment )?experience/giu],
  ];
  for (const [letter, cue] of cues) {
    const found = [...text.matchAll(cue)].map((m) => ({ value: letter, index: m.index }));
    if (found.length) return found;
  }
  return [];
}

/** How long the money can stay invested; "随时要用 / need it any time" is under a year. */
function horizon(raw: string): Array<Mention<Letter>> {
  // "held stocks for a couple of years" is experience, not how long this money can stay invested (same length kept for offsets).
  const text = raw.replace(/\b(?:held|had|bought|owned|traded|invested in|been (?:investing|trading))\b[^,.;]*?\byears?\b/giu, (m) => ' '.repeat(m.length));
  const cues: Array<[Letter, RegExp]> = [
    ['A', /半年|几个月|[一二两三四五六七八九十\d]+个月|一年(?:以内|之内|内)|1年(?:以内|之内|内)|随时(?:要|可能要|都要)?用|短期|今年(?:就|要)|明年(?:就|要)|不到一年|\b(?:under|within|less than) (?:a|one|1) year\b|\bfew months\b|\bshort[- ]term\b|\b(?:any ?time|soon)\b/giu],
    ['D', /(?<![过了])五年以上|\b(?:[5-9]|five)\s*\+\s*years|[5-9６-９]年以上|(?:五|六|七|八|九|十|十几|二十|[5-9]|1\d)\s*年(?:内)?(?:都)?(?:不用|用不上|不动)|长期|十年|(?:over|more than) (?:5|five) years|\blong[- ]term\b|\bdecade\b/giu],
    ['C', /(?<![过了做炒])(?:三到五年|三五年)|3\s*[-到~至]\s*5\s*年|三四年|四年|3 to 5 years|three to five years|four years/giu],
    ['B', /(?<![过了做炒])(?:一两年|一到三年|两三年|1\s*[-到~至]\s*3\s*年|一年多|两年|二年)|1 to 3 years|one to three years|two years|a year or two|couple of years/giu],
  ];
  return cues.flatMap(([letter, cue]) => [...text.matchAll(cue)].map((m) => ({ value: letter, index: m.index }))).sort((a, b) => a.index - b.index);
}

/** The largest loss of principal the customer could live with. */
function loss(text: string): Array<Mention<Letter>> {
  const cues: Array<[Letter, RegExp]> = [
    ['A', /亏不起|不能(?:接受)?(?:任何)?亏|不想亏|不(?:能|愿意?)(?:接受)?(?:任何)?(?:本金)?(?:亏损|损失)|一分(?:钱)?都(?:不能|亏不起|不想)|保本|保住本金|本金(?:不能|别|不要)(?:亏|少|损)|睡不着|\bcan'?t (?:afford to )?lose\b|\bno loss\b|(?:keep|protect) (?:my|the) (?:principal|capital|money) safe|\bcapital (?:protected|guaranteed)\b|lose sleep|not (?:lose|losing) (?:any|a penny|a cent)/giu],
    ['D', /亏(?:一半|光|完|掉一半)(?:也|都)|高风险(?:也|都)?(?:可以|没问题|能接受)|30%以上|百分之三十以上|(?:more than|over) 30 ?%|\bhigh risk\b|lose half/giu],
    ['C', /(?:亏|损失?|跌|回撤|\blos(?:e|ing|s)\b|\bdrop)[^，,。;；]{0,8}?(?:两三成|(?:两|三)成|a third)|10\s*%\s*[-到~至]\s*30\s*%/giu],
    ['B', /亏(?:一点|一点点|一些|点)(?:点)?(?:也)?(?:可以|能接受|没关系|还行|没事|无所谓)|小亏|(?:10|十)\s*%\s*以内|百分之十以内|不超过(?:10|十)\s*%|\ba (?:small|little) loss\b|\bup to 10 ?%|\bsmall losses?\b|\blose a (?:little|bit)\b/giu],
  ];
  const found = cues.flatMap(([letter, cue]) => [...text.matchAll(cue)].map((m) => ({ value: letter, index: m.index })));
  // A loss stated as a number ("能接受亏10%", "亏损百分之十五", "I can live with losing 10%") falls in its bracket;
  // a range ("10%-30%") is left to the cue above, which names the bracket itself.
  const percent = /(?:亏|损失?|跌|回撤|\blos(?:e|ing|s|t)\b|\bdrop)[^，,。;；\d]{0,8}?(?:百分之([一二两三四五六七八九十]{1,3}|\d{1,3})|(\d{1,3}(?:\.\d+)?|[一二两三四五六七八九十]{1,3})\s*(%|％|percent|成))(?!\s*[-到~至])/giu;
  // …or the number first: "25%的亏损", "a 25 percent drop".
  const before = /(?:百分之([一二两三四五六七八九十]{1,3}|\d{1,3})|(\d{1,3}(?:\.\d+)?|[一二两三四五六七八九十]{1,3})\s*(%|％|percent|成))(?:\s*(?:的|左右|以内|of)?\s*)(?:本金)?(?:亏损|损失|回撤|跌幅|\blos(?:s|ses)\b|\bdrop\b|\bfall\b|\bdecline\b)/giu;
  for (const m of [...text.matchAll(percent), ...text.matchAll(before)]) {
    if (/[-到~至]\s*$/u.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    const number = /\d/.test(m[1] ?? m[2]) ? Number(m[1] ?? m[2]) : parseChineseNumeral(m[1] ?? m[2]);
    if (number === undefined || Number.isNaN(number)) continue;
    const value = m[3] === '成' ? number * 10 : number;
    if (value > 100) continue;
    found.push({ value: value <= 0 ? 'A' : value <= 10 ? 'B' : value <= 30 ? 'C' : 'D', index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Amount as a share of household financial assets: from a percentage, words ("全部积蓄", "闲钱"), or two amounts. */
function share(text: string): Array<Mention<Letter>> {
  const letter = (ratio: number): Letter => (ratio > 0.7 ? 'A' : ratio > 0.5 ? 'B' : ratio >= 0.2 ? 'C' : 'D');
  const found: Array<Mention<Letter>> = [];
  const amount = String.raw`([\d.]+\s*(?:万|w|千|k)?|[一二两三四五六七八九十百千]+\s*(?:来|多)?\s*(?:万|千))`;
  const total = new RegExp(String.raw`(?:积蓄|存款|存了|家里(?:有|一共)?|总共|全部资产|家底|savings|in total|altogether)[^，,。;；]{0,8}?${amount}`, 'iu').exec(text);
  const part = new RegExp(String.raw`(?:拿出|拿|投|打算投|准备投|想投|用|this time|invest|put in)[^，,。;；]{0,6}?${amount}`, 'iu').exec(text);
  const money = (raw: string) => parseMoney(raw.replace(/来|多/gu, ''));
  if (total && part) {
    const whole = money(total[1]);
    const piece = money(part[1]);
    if (whole && piece && piece <= whole) found.push({ value: letter(piece / whole), index: part.index });
  }
  for (const m of text.matchAll(/(?:百分之([一二三四五六七八九十]{1,3}|\d{1,3})|(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(%|percent|成))(?: of (?:my|our|the))?\s*(以下|以内)?/giu)) {
    // Only a share of the money: "占…", "… of my/our savings", or a percentage next to savings words.
    const around = text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12);
    if (!/占|of (my|our|the)|积蓄|存款|资产|家底|savings|assets/iu.test(around) || /亏|损|跌|los[es]|drop/iu.test(around)) continue;
    const number = parseChineseNumeral(m[1] ?? m[2]);
    const percent = number === undefined ? undefined : m[3] === '成' ? number * 10 : number;
    // "under 20%" / "不到20%" / "20%以下" is below the boundary.
    const below = Boolean(m[4]) || /不到|少于|不超过|under|less than|below/iu.test(text.slice(Math.max(0, m.index - 12), m.index));
    if (percent !== undefined && percent <= 100) found.push({ value: letter((percent - (below ? 0.5 : 0)) / 100), index: m.index });
  }

  const words: Array<[Letter, RegExp]> = [
    ['A', /全部(?:的)?(?:积蓄|存款|家当|钱)|所有(?:的)?(?:积蓄|存款|钱)|全部身家|\ball (?:of )?my (?:savings|money)\b|\beverything i have\b/giu],
    ['B', /一大半|大部分|大半(?:积蓄|存款)|\bmost of my (?:savings|money)\b/giu],
    ['D', /一小部分|小部分|闲钱|零花钱|\ba small (?:part|share|portion)\b|\bspare (?:cash|money)\b/giu],
  ];
  for (const [value, cue] of words) for (const m of text.matchAll(cue)) found.push({ value, index: m.index });
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Reads the risk questionnaire's answers from a customer's own description of their situation, in Chinese or
 * English ("我五十多了，退休了，亏一点都睡不着，钱主要存定期" → age B, experience A, loss A). Only questions the text
 * clearly answers are returned; the skill asks the rest. Within the text a self-correction wins.
 *
 * @example answersFromFreeText("I'm 34, only ever had savings accounts, can't afford to lose anything") // { age: 'D', experience: 'A', loss: 'A' }
 */
export function answersFromFreeText(text: string): RiskAnswersFound {
  const answers: RiskAnswersFound = {};
  const readers = { age: ages, experience, horizon, loss, share } as const;
  for (const [id, read] of Object.entries(readers) as Array<[keyof RiskAnswersFound, (t: string) => Array<Mention<Letter>>]>) {
    const value = correctedChoice(text, read(text));
    if (value) answers[id] = value;
  }
  return answers;
}
