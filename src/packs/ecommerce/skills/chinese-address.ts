import type { Address } from '../store/types.ts';

// The street line ends at the house number: "中央大街112号", "天府大道北段1700号", "建设路323-5号".
const STREET_LINE = /^(.*?[路街道巷弄里村镇段](?:[东西南北中]?[一二三四五六七八九十\d]*段)?\d+(?:-\d+)?号(?:院)?)(.*)$/u;
// A second line names a building, unit, floor or room: "金安国际4号楼1单元902室", "环球中心E1区1508室", "22层05室".
const SECOND_LINE = /^[\s,，、]*((?:[\p{Script=Han}A-Za-z0-9-]|\s(?=[\p{Script=Han}A-Za-z0-9]))*?(?:\d+\s*(?:室|户|层|楼|座|栋|号楼|单元)))(?=$|[\s,，。.;；]|邮编|邮政)/u;
// A district and street without province or city: "江北区建新北路66号".
const PLACE = '(?:(?![到在是址寄送为往至的和与我你他把成改收去从])\\p{Script=Han})';
const DISTRICT_STREET = new RegExp(`(${PLACE}{1,5}?[区县])(\\p{Script=Han}{1,12}?[路街道巷弄]\\d+(?:-\\d+)?号)`, 'u');
// A detail that still starts with its city or district ("成都市高新区天府大道…") when the recogniser left them in.
const LEADING_PLACES = /^(\p{Script=Han}{2,4}?(?:市|自治州|地区|盟))?(\p{Script=Han}{1,6}?[区县旗])?(.+)$/u;
const MUNICIPALITY = /^(北京|天津|上海|重庆)/;

/** What the address entity found in a Chinese message (see `recogniseAddresses`). */
export interface ChineseAddressParts {
  province?: string;
  city?: string;
  district?: string;
  detail?: string;
}

/**
 * A Chinese address in the store's shape: address1 = district + street + number, address2 = building/unit/room
 * (also when written after a space: "北京路1088号 云南财富中心22层05室"), city, and state as the store writes it
 * (the province of that city in `known` addresses, "北京市" for a municipality).
 * `after` is the text that follows the recognised address; `current` fills a city the customer left out.
 *
 * @example chineseAddress({ city: '哈尔滨市', district: '道里区', detail: '中央大街112号' }, ' 金安国际4号楼1单元902室', [...], current)
 *   // { address1: '道里区中央大街112号', address2: '金安国际4号楼1单元902室', city: '哈尔滨市', state: '黑龙江省', … }
 */
export function chineseAddress(parts: ChineseAddressParts, after: string, known: Address[], current?: Address): Omit<Address, 'zip'> | null {
  let detail = parts.detail ?? '';
  parts = { ...parts };
  const lead = LEADING_PLACES.exec(detail);
  if (lead && (lead[1] || lead[2]) && STREET_LINE.test(lead[3])) {
    if (lead[1]) parts.city ??= lead[1];
    if (lead[2]) parts.district ??= lead[2];
    detail = lead[3];
  }
  const split = STREET_LINE.exec(detail);
  let line1 = split ? split[1] : detail;
  let line2 = split ? split[2].trim() : '';
  if (!line2) line2 = SECOND_LINE.exec(after)?.[1].trim() ?? '';
  line1 = `${parts.district ?? ''}${line1}`;
  if (!line1) return null;
  const province = parts.province;
  let city = parts.city ?? (province && MUNICIPALITY.test(province) ? `${province.replace(/市$/, '')}市` : undefined);
  if (!city && !province) city = current?.city;
  if (!city) return null;
  const state = known.find((a) => a.city === city)?.state
    ?? (MUNICIPALITY.test(city) ? city : province ? known.find((a) => a.state.startsWith(province.replace(/省$/, '')))?.state ?? province : current?.state ?? '');
  return { address1: line1, address2: line2.replace(/\s+/g, ''), city, state, country: '中国' };
}

/** A district-and-street address with no province or city ("改到江北区建新北路66号"), with where it ends. */
export function districtAddress(text: string): { parts: ChineseAddressParts; end: number } | null {
  const match = DISTRICT_STREET.exec(text);
  if (!match) return null;
  return { parts: { district: match[1], detail: match[2] }, end: match.index + match[0].length };
}

/** "还是重庆", "也在成都": a city named on its own, looked up among the store's known cities. */
export function cityNamed(text: string, known: Address[]): string | undefined {
  return known.find((a) => text.includes(a.city.replace(/市$/, '')))?.city;
}
