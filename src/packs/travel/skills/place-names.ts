import type { Locale } from '../../../engine/types.ts';
import type { TravelDb } from '../store/types.ts';
import { DISTRICTS } from '../tools/travel-context.ts';

const DISTRICT_EN: Record<string, string> = {
  东城: 'Dongcheng', 西城: 'Xicheng', 朝阳: 'Chaoyang', 海淀: 'Haidian', 丰台: 'Fengtai', 石景山: 'Shijingshan', 通州: 'Tongzhou',
  顺义: 'Shunyi', 昌平: 'Changping', 大兴: 'Daxing', 房山: 'Fangshan', 门头沟: 'Mentougou', 怀柔: 'Huairou', 平谷: 'Pinggu', 密云: 'Miyun', 延庆: 'Yanqing',
};

/** English names travellers use for Beijing landmarks and areas → the CrossWOZ name or metro station. */
const LANDMARKS_EN: Array<[RegExp, string]> = [
  [/forbidden city|palace museum/i, '故宫'], [/tian'?anmen/i, '天安门广场'], [/summer palace/i, '颐和园'], [/temple of heaven/i, '天坛'],
  [/great wall|badaling/i, '八达岭长城'], [/mutianyu/i, '慕田峪长城'], [/wangfujing/i, '王府井'], [/qianmen/i, '前门大街'],
  [/lama temple|yonghegong/i, '雍和宫'], [/beihai/i, '北海公园'], [/jingshan/i, '景山公园'], [/old summer palace|yuanmingyuan/i, '圆明园'],
  [/798/i, '798艺术区'], [/shichahai|houhai/i, '什刹海'], [/prince gong/i, '恭王府'], [/fragrant hills|xiangshan/i, '香山公园'],
  [/bird'?s nest/i, '鸟巢（国家体育场）'], [/nanluoguxiang/i, '南锣鼓巷'], [/xidan/i, '西单'], [/guomao/i, '国贸'], [/sanlitun/i, '三里屯'],
  [/happy valley/i, '北京欢乐谷'], [/beijing zoo/i, '北京动物园'],
];

/** "东城" → "东城区" / "Dongcheng". */
export function districtName(district: string, locale: Locale): string {
  return locale === 'zh' ? (district === '其他' ? '郊区' : `${district}区`) : DISTRICT_EN[district] ?? district;
}

/** The district a text names (Chinese or English), or null. */
export function districtIn(text: string): string | null {
  const zh = DISTRICTS.find((d) => text.includes(d));
  if (zh) return zh;
  const en = Object.entries(DISTRICT_EN).find(([, name]) => new RegExp(`\\b${name}\\b`, 'i').test(text));
  return en ? en[0] : null;
}

/** Short forms a customer uses for a name: without the branch in brackets, without the city prefix. */
const GENERIC = /^(大)?(酒店|饭店|宾馆|餐厅|公园|博物馆|商场|大厦|广场|火锅|烤鸭)$/;

function shortForms(name: string): string[] {
  const base = name.replace(/[（(].*$/, '');
  const cityless = base.replace(/^北京(市)?/, '');
  const forms = [name, base];
  if (cityless !== base && cityless.length >= 3 && !GENERIC.test(cityless)) forms.push(cityless);
  return [...new Set(forms)].filter((form) => form.length >= 2);
}

/** Length of the longest start of `name` that appears in the text. */
function sharedPrefix(text: string, name: string): number {
  for (let length = name.length - 1; length >= 3; length--) if (text.includes(name.slice(0, length))) return length;
  return 0;
}

/**
 * Every place of the database a text names, in the order they appear, the longest reading winning where names
 * overlap — "北京海洋馆门票多少钱？欢乐谷呢？" → 北京海洋馆, 北京欢乐谷. English landmarks and hotel metro stations too.
 */
export function placesIn(db: TravelDb, text: string): string[] {
  const hits: Array<{ name: string; start: number; end: number }> = [];
  for (const [pattern, name] of LANDMARKS_EN) {
    const match = new RegExp(pattern.source, 'gi').exec(text);
    if (match) hits.push({ name, start: match.index, end: match.index + match[0].length });
  }
  for (const place of [...db.attractions, ...db.hotels, ...db.restaurants]) {
    for (const form of shortForms(place.name)) {
      const start = text.indexOf(form);
      if (start >= 0) hits.push({ name: place.name, start, end: start + form.length });
    }
  }
  if (!hits.length) {
    for (const place of db.hotels) if (place.metro.length >= 2 && text.includes(place.metro)) return [place.metro];
    // "三里屯附近" names the area of 三里屯酒吧街: the longest sight whose name starts with three or more of the words.
    const prefixed = db.attractions.map((place) => ({ name: place.name, length: sharedPrefix(text, place.name) }))
      .filter((hit) => hit.length >= 3).sort((a, b) => b.length - a.length)[0];
    return prefixed ? [prefixed.name] : [];
  }
  // Longest span first; a hit inside a longer one is the same mention.
  hits.sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: typeof hits = [];
  for (const hit of hits) {
    if (kept.some((k) => k.name === hit.name || (hit.start < k.end && k.start < hit.end))) continue;
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start).map((hit) => hit.name);
}

/**
 * The longest place name of the database (or metro station, or English landmark) in a text — e.g. "故宫门票多少钱"
 * → 故宫, "a hotel near Wangfujing" → 王府井. Names with a bracketed suffix match on their short form too.
 */
export function placeIn(db: TravelDb, text: string): string | null {
  const english = LANDMARKS_EN.find(([pattern]) => pattern.test(text));
  if (english) return english[1];
  let best: string | null = null;
  let bestLength = 0;
  for (const place of [...db.attractions, ...db.hotels, ...db.restaurants]) {
    for (const form of shortForms(place.name)) {
      if (text.includes(form) && form.length > bestLength) { best = place.name; bestLength = form.length; }
    }
  }
  if (best) return best;
  for (const place of db.hotels) if (place.metro.length >= 2 && text.includes(place.metro)) return place.metro;
  return null;
}
