import type { Candidate } from './candidate.ts';
import { candidate } from './candidate.ts';
import { US_STATE_CODES } from './zip.ts';

const STREET_SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Terrace|Circle|Cir|Highway|Hwy)';
// Capitalised street words keep "I have 2 more items on the way" from reading as an address.
const EN_ADDRESS = new RegExp(
  `(?<![\\w#.,-])(\\d{1,6}[A-Za-z]?\\s+(?:[A-Z0-9][A-Za-z0-9'.-]*\\s+){1,4}?${STREET_SUFFIX}\\b\\.?(?:\\s+(?:N|S|E|W|NE|NW|SE|SW)\\b)?)` +
    `(?:\\s*,?\\s*((?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?\\s*[A-Za-z0-9-]{1,8}))?` +
    `(?:\\s*,\\s*([A-Z][A-Za-z.'-]*(?:\\s+[A-Z][A-Za-z.'-]*){0,3})\\s*,\\s*([A-Z]{2})\\b` +
    `(?:\\s*,?\\s*(\\d{5})(?:-\\d{4})?(?![0-9]))?(?:\\s*,?\\s*(USA|US|United States(?: of America)?)\\b)?)?`,
  'g',
);

const PROVINCE =
  '((?:北京|天津|上海|重庆)市?|(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾)省?|' +
  '内蒙古(?:自治区)?|广西(?:壮族自治区)?|西藏(?:自治区)?|宁夏(?:回族自治区)?|新疆(?:维吾尔自治区)?|香港(?:特别行政区)?|澳门(?:特别行政区)?)';
// A place-name character: Han, but not the words that usually precede an address (寄到, 改成, 地址是 …).
const PLACE = '(?:(?![到在是址寄送为往至的和与我你他把成改收去从])\\p{Script=Han})';
const CITY = `(${PLACE}{2,4}?(?:市|自治州|地区|盟))`;
const DISTRICT = `(${PLACE}{1,6}?(?:区|县|旗|市))`;
const DETAIL = '([\\p{Script=Han}0-9A-Za-z#-]{2,40})';
const ZH_ADDRESS = new RegExp(`(?:${PROVINCE}${CITY}?|${CITY})${DISTRICT}?${DETAIL}?`, 'gu');
const DETAIL_END = /[号室层栋座弄户]/;
const STREET_MARK = /[路街道巷村镇]/;
const MUNICIPALITIES = /^(北京|天津|上海|重庆)/;

/**
 * Finds postal addresses.
 * English: "<number> <Street Words> <St|Ave|Rd|…>[, Apt|Suite|Unit N][, City, ST[ zip][, USA]]" → meta address1,
 * address2, city, state, zip, country ('USA' by default when a state is given).
 * Chinese: "<省/直辖市>[<市>][<区/县>][<路/街…号…室>]" with at least two parts → meta province, city, district, detail.
 */
export function recogniseAddresses(text: string): Candidate[] {
  return [...englishAddresses(text), ...chineseAddresses(text)];
}

function englishAddresses(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(EN_ADDRESS)) {
    const [, street, unit, city, state, zip] = match;
    const meta: Record<string, string> = { address1: street.replace(/\s+/g, ' ').replace(/\.$/, '') };
    if (unit) meta.address2 = unit.replace(/\s+/g, ' ');
    let end = match.index + match[0].length;
    if (city && state && US_STATE_CODES.has(state)) {
      meta.city = city;
      meta.state = state;
      meta.country = 'USA';
      if (zip) meta.zip = zip;
    } else if (city) {
      // Not a US state: keep only the street line (and unit).
      const streetLine = unit ? match[0].slice(0, match[0].indexOf(unit) + unit.length) : street;
      end = match.index + streetLine.length;
    }
    const value = [meta.address1, meta.address2, meta.city, [meta.state, meta.zip].filter(Boolean).join(' '), meta.city ? meta.country : undefined]
      .filter((part) => part)
      .join(', ');
    found.push(candidate('address', value, text, match.index, end, meta));
  }
  return found;
}

function chineseAddresses(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(ZH_ADDRESS)) {
    const province = match[1];
    const city = match[2] ?? match[3];
    const district = match[4];
    const detail = trimDetail(match[5]);
    const parts = [province, city, district].filter(Boolean).length;
    // 浙江省杭州市 alone is a place, not an address: a district or a street/house detail must follow.
    if (!detail && !(district && parts >= 2)) continue;
    const meta: Record<string, string> = {};
    if (province) meta.province = province;
    if (city) meta.city = city;
    else if (province && MUNICIPALITIES.test(province)) meta.city = province.endsWith('市') ? province : `${province}市`;
    if (district) meta.district = district;
    if (detail) meta.detail = detail;
    const spanText = [province, city, district, detail].filter(Boolean).join('');
    found.push(candidate('address', spanText, text, match.index, match.index + spanText.length, meta));
  }
  return found;
}

/** A room or flat number written bare after the last marker ("88号3单元502", "12栋1203", "5号楼B-1203"). */
const TRAILING_ROOM = /^[A-Za-z]?-?\d{1,5}[A-Za-z]?$/;

/**
 * Cuts the greedy detail back to its last house/room marker (号, 单元, 室 …) — keeping a bare room number right
 * after it — or, failing that, its last street mark.
 */
function trimDetail(detail: string | undefined): string | undefined {
  if (!detail) return undefined;
  for (let index = detail.length - 1; index >= 0; index -= 1) {
    if (DETAIL_END.test(detail[index]) || detail.slice(index - 1, index + 1) === '单元') {
      const rest = detail.slice(index + 1);
      return TRAILING_ROOM.test(rest) ? detail : detail.slice(0, index + 1);
    }
  }
  for (let index = detail.length - 1; index >= 0; index -= 1) {
    if (STREET_MARK.test(detail[index])) return detail.slice(0, index + 1);
  }
  return undefined;
}
