import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';

// About 150 common single-character surnames; characters that are mostly function words (和, 时, 全 …) are left out
// because after 我是 they start ordinary sentences far more often than names.
export const SURNAMES = new Set(
  ('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭' +
    '陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔' +
    '伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华' +
    '喻祁蒲房滕屈饶牟艾尤穆卓缪褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩' +
    '佘池查麻苑迟邝').split(''),
);
export const COMPOUND_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '长孙', '宇文', '司徒',
  '轩辕', '端木', '独孤', '南宫', '西门', '呼延', '澹台', '万俟', '闻人', '申屠', '百里',
];
const TITLES = ['先生', '女士', '小姐', '老师', '经理', '总'];
// Characters that end a given name: particles, verbs and pronouns that typically follow the name.
const NOT_IN_GIVEN_NAME = new Set('的了是在我你他她它们想要来去买退换查问请帮就也还和跟给说吗呢吧啊呀嘛这那有没不很会能可以订单号码电话手机'.split(''));

const ZH_CUE = /(我叫|我姓|我是|姓名(?:是|为|:|：)?|名字(?:是|叫)|叫我)\s*/g;
const EN_CUE = /\b(?:(I'?m|I am|this is)|(my name is|my name's|name is|name:))\s+/gi;
// O'Brien and Smith-Jones are names; Rossi's is a possessive.
const EN_WORD = "(?:[A-Z][a-z]*'[A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)";
const EN_NAME = new RegExp(`^(${EN_WORD})(?:\\s+(${EN_WORD}))?`);
const EN_NAME_LOWER = /^([a-z]{2,20})(?:\s+([a-z]{2,20}))?(?![a-z])/;
// Capitalised words that follow "I'm" without being names.
const NOT_NAMES = new Set(
  ('Not Very So Really Just Here Looking Trying Calling Writing Sorry Still Having Going Getting Interested Unable ' +
    'Wondering Hoping Afraid Sure Glad Happy Sad Angry Confused Fine Good Ok Okay The A An In On At From With Back ' +
    'Done Ready Also Currently Now Thinking Asking Contacting Reaching Frustrated Disappointed Planning Moving')
    .toLowerCase()
    .split(' '),
);

/**
 * Finds person names introduced by a cue. English: "I'm / I am / my name is / this is / name:" followed by one or
 * two capitalised words (after "my name is" also lower-case ones). Chinese: 我叫 / 我是 / 姓名 / 名字是 + a common
 * surname (incl. compound 欧阳, 司马 …) + 1–2 given-name characters, or a surname with a title (王先生).
 * meta.first / meta.last hold the parts; value is the full name ('Yusuf Rossi', '张伟').
 */
export function recognisePersonNames(text: string): Candidate[] {
  return [...englishNames(text), ...chineseNames(text)];
}

function englishNames(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const cue of text.matchAll(EN_CUE)) {
    const start = cue.index + cue[0].length;
    const rest = text.slice(start, start + 60);
    const strongCue = cue[2] !== undefined;
    const match = EN_NAME.exec(rest) ?? (strongCue ? EN_NAME_LOWER.exec(rest) : null);
    if (!match) continue;
    const first = match[1];
    const last = match[2];
    if (NOT_NAMES.has(first.toLowerCase()) || (last && NOT_NAMES.has(last.toLowerCase()))) continue;
    // A single word is a name only after an explicit "my name is".
    if (!last && !strongCue) continue;
    const meta: Record<string, string> = { first: capitalise(first) };
    if (last) meta.last = capitalise(last);
    const value = last ? `${meta.first} ${meta.last}` : meta.first;
    found.push(candidate('person_name', value, text, start, start + match[0].length, meta));
  }
  return found;
}

function chineseNames(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const cue of text.matchAll(ZH_CUE)) {
    const start = cue.index + cue[0].length;
    const cueWord = cue[1];
    const compound = COMPOUND_SURNAMES.find((surname) => text.startsWith(surname, start));
    const surname = compound ?? (SURNAMES.has(text[start]) ? text[start] : undefined);
    if (!surname) continue;
    const afterSurname = start + surname.length;
    const title = TITLES.find((word) => text.startsWith(word, afterSurname));
    if (title) {
      const end = afterSurname + title.length;
      found.push(candidate('person_name', surname + title, text, start, end, { last: surname, title }));
      continue;
    }
    if (cueWord === '我姓') {
      found.push(candidate('person_name', surname, text, start, afterSurname, { last: surname }));
      continue;
    }
    let end = afterSurname;
    while (end < afterSurname + 2 && /\p{Script=Han}/u.test(text[end] ?? '') && !NOT_IN_GIVEN_NAME.has(text[end])) end += 1;
    if (end === afterSurname) continue;
    // After 我是 a name must end the clause ("我是张伟，…"), otherwise it is a sentence ("我是高兴的").
    if (cueWord === '我是' && /\p{Script=Han}/u.test(text[end] ?? '')) continue;
    const given = text.slice(afterSurname, end);
    found.push(candidate('person_name', surname + given, text, start, end, { last: surname, first: given }));
  }
  return found;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
