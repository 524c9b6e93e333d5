import { normalize } from '../../../engine/text/normalize.ts';

export type Region = 'east' | 'north' | 'south' | 'central' | 'southwest' | 'northwest' | 'northeast';

export interface City {
  id: string;
  zh: string;
  en: string;
  province: string;
  region: Region;
  /** Remote areas (偏远地区) are priced as their own zone. */
  remote?: boolean;
}

/** Cities the demo carrier serves. Region groups decide the pricing zone (see pricing.ts). */
export const CITIES: readonly City[] = [
  { id: 'shanghai', zh: '上海', en: 'Shanghai', province: 'shanghai', region: 'east' },
  { id: 'hangzhou', zh: '杭州', en: 'Hangzhou', province: 'zhejiang', region: 'east' },
  { id: 'ningbo', zh: '宁波', en: 'Ningbo', province: 'zhejiang', region: 'east' },
  { id: 'nanjing', zh: '南京', en: 'Nanjing', province: 'jiangsu', region: 'east' },
  { id: 'suzhou', zh: '苏州', en: 'Suzhou', province: 'jiangsu', region: 'east' },
  { id: 'hefei', zh: '合肥', en: 'Hefei', province: 'anhui', region: 'east' },
  { id: 'beijing', zh: '北京', en: 'Beijing', province: 'beijing', region: 'north' },
  { id: 'tianjin', zh: '天津', en: 'Tianjin', province: 'tianjin', region: 'north' },
  { id: 'shijiazhuang', zh: '石家庄', en: 'Shijiazhuang', province: 'hebei', region: 'north' },
  { id: 'guangzhou', zh: '广州', en: 'Guangzhou', province: 'guangdong', region: 'south' },
  { id: 'shenzhen', zh: '深圳', en: 'Shenzhen', province: 'guangdong', region: 'south' },
  { id: 'xiamen', zh: '厦门', en: 'Xiamen', province: 'fujian', region: 'south' },
  { id: 'wuhan', zh: '武汉', en: 'Wuhan', province: 'hubei', region: 'central' },
  { id: 'changsha', zh: '长沙', en: 'Changsha', province: 'hunan', region: 'central' },
  { id: 'zhengzhou', zh: '郑州', en: 'Zhengzhou', province: 'henan', region: 'central' },
  { id: 'chengdu', zh: '成都', en: 'Chengdu', province: 'sichuan', region: 'southwest' },
  { id: 'chongqing', zh: '重庆', en: 'Chongqing', province: 'chongqing', region: 'southwest' },
  { id: 'kunming', zh: '昆明', en: 'Kunming', province: 'yunnan', region: 'southwest' },
  { id: 'xian', zh: '西安', en: "Xi'an", province: 'shaanxi', region: 'northwest' },
  { id: 'lanzhou', zh: '兰州', en: 'Lanzhou', province: 'gansu', region: 'northwest' },
  { id: 'shenyang', zh: '沈阳', en: 'Shenyang', province: 'liaoning', region: 'northeast' },
  { id: 'harbin', zh: '哈尔滨', en: 'Harbin', province: 'heilongjiang', region: 'northeast' },
  { id: 'urumqi', zh: '乌鲁木齐', en: 'Urumqi', province: 'xinjiang', region: 'northwest', remote: true },
  { id: 'lhasa', zh: '拉萨', en: 'Lhasa', province: 'tibet', region: 'southwest', remote: true },
  { id: 'xining', zh: '西宁', en: 'Xining', province: 'qinghai', region: 'northwest', remote: true },
];

const byId = new Map(CITIES.map((city) => [city.id, city]));

export function cityById(id: string): City | undefined {
  return byId.get(id);
}

/** Display name of a city in a locale (the id itself when unknown). */
export function cityName(id: string, locale: 'zh' | 'en'): string {
  return byId.get(id)?.[locale] ?? id;
}

/** Cities named in a text, in the order they appear ("从上海寄到成都" → shanghai, chengdu). */
export function citiesInText(text: string): City[] {
  const t = normalize(text);
  const found: Array<{ city: City; at: number }> = [];
  for (const city of CITIES) {
    const names = [city.zh, city.en.toLowerCase(), city.id];
    const at = Math.min(...names.map((n) => { const i = t.indexOf(n.toLowerCase()); return i < 0 ? Infinity : i; }));
    if (at !== Infinity) found.push({ city, at });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.city);
}
