import { CHINESE_NUMERAL_CHARACTERS, parseChineseNumeral } from '../../../engine/nlu/entities/chinese-numerals.ts';
import { normalize } from '../../../engine/text/normalize.ts';
import type { Product, Variant } from '../store/types.ts';
import { findOptionMentions, type VariantChoice } from './match-options.ts';
import { compactMixed } from './surface-forms.ts';

/** A numeric bound on one option ("at least 1000W", "一万毫安以上"). */
export interface OptionLimit {
  key: string;
  min?: number;
  max?: number;
}

/** What the customer asks of the new variant: exact values, numeric bounds and a price preference. */
export interface VariantRequest {
  /** Option values the new variant must have (changed ones and current ones said to stay). */
  wanted: Record<string, string>;
  limits: OptionLimit[];
  prefer?: 'cheapest' | 'priciest';
}

// Units as customers write them → the unit a catalogue value uses.
const UNIT_ALIASES: Record<string, string> = {
  mah: 'mah', 毫安: 'mah', 毫安时: 'mah', w: 'w', watt: 'w', watts: 'w', 瓦: 'w', l: 'l', liter: 'l', liters: 'l', litre: 'l', litres: 'l', 升: 'l',
  ml: 'ml', 毫升: 'ml', hour: 'hour', hours: 'hour', h: 'hour', hrs: 'hour', 小时: 'hour', 个小时: 'hour', inch: 'inch', inches: 'inch', 寸: 'inch', 英寸: 'inch',
  gb: 'gb', g: 'g', 克: 'g', tb: 'tb', mm: 'mm', 毫米: 'mm', cup: 'cup', cups: 'cup', 杯: 'cup', ft: 'ft', foot: 'ft', feet: 'ft', 英尺: 'ft',
  bar: 'bar', mp: 'mp', 像素: 'mp', x: 'x', 倍: 'x', kg: 'kg', 公斤: 'kg', 千克: 'kg', lbs: 'lbs', piece: 'piece', pieces: 'piece', 片: 'piece', 码: 'size', 号: 'size',
};
const UNIT_PATTERN = Object.keys(UNIT_ALIASES).sort((a, b) => b.length - a.length).join('|');
const ZH_NUMBER = new RegExp(`([${CHINESE_NUMERAL_CHARACTERS}]+)(?=\\s*(?:${UNIT_PATTERN}|以上|以下|起))`, 'g');
const CLOTHING_SIZES = ['xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl', 'xxxl'];
const WORD_SIZES = ['small', 'medium', 'large'];

/** "两升" → "2升", "一万毫安" → "10000毫安", "十公斤" → "10公斤": Chinese numbers before a unit become digits. */
export function digitsBeforeUnits(text: string): string {
  return text.replace(ZH_NUMBER, (whole, numeral: string) => String(parseChineseNumeral(numeral) ?? whole));
}

/** A catalogue value read as a number with a unit ("1.5 liters" → 1.5 l, "20000mAh" → 20000 mah, "XL" → rank). */
export function valueMagnitude(value: string): { amount: number; unit: string } | undefined {
  const v = normalize(value);
  const clothing = CLOTHING_SIZES.indexOf(v);
  if (clothing >= 0) return { amount: clothing, unit: 'clothing' };
  const word = WORD_SIZES.indexOf(v);
  if (word >= 0) return { amount: word, unit: 'word-size' };
  const match = /^(\d+(?:\.\d+)?)\s*-?\s*([a-z\u4e00-\u9fff]*)/.exec(v);
  if (!match) return undefined;
  return { amount: Number(match[1]), unit: UNIT_ALIASES[match[2]] ?? match[2] };
}

// Words that make the option that follows a value the customer does NOT want.
const NEGATED_BEFORE = /(?:\b(?:not|no|instead of|rather than|from|other than|isn'?t|not the|replace the|swap the|of the)\b|不要|不是|而不是|从|别|不想要|代替)(?:\s*(?:the|a|an|my|that|this))*\s*$/;
const NEGATED_AFTER = /^\s*(?:的)?(?:不要了|不要|不想要|不喜欢|换掉|太大|太小|偏大|偏小|穿着|买错|发错|(?:is|was) (?:wrong|too))/;
const UP = /\b(?:one size up|a size up|size up|(?:one|a) size (?:bigger|larger)|(?:bigger|larger) size|next size up|go up a size)\b|大[一1](?:个)?(?:码|号)|大(?:一)?点的?(?:码|号)?|大半码|加大一(?:码|号)/;
const DOWN = /\b(?:one size down|a size down|size down|(?:one|a) size (?:smaller)|smaller size|next size down|go down a size)\b|小[一1](?:个)?(?:码|号)|小(?:一)?点的?(?:码|号)?|小半码/;
const MORE_CAPACITY = /\b(?:bigger|larger|more|higher) (?:capacity|battery|storage)\b|容量(?:更)?大(?:一点|些)?|(?:更)?大容量/;
const LESS_CAPACITY = /\b(?:smaller|less|lower) (?:capacity|storage)\b|容量(?:更)?小(?:一点|些)?|小容量/;
const CHEAPEST = /\b(?:cheapest|least expensive|lowest price|cheaper|less expensive|most affordable)\b|最便宜|便宜(?:一点|点|些)?的|价格最低|最实惠/;
const PRICIEST = /\b(?:most expensive|priciest|top of the line|top-end)\b|最贵|最高配|顶配/;
const AT_LEAST = new RegExp(`(?:\\b(?:at least|minimum|min|no less than|over|above|more than)\\s*(?:an?\\s+)?(\\d+(?:\\.\\d+)?)\\s*(${UNIT_PATTERN})?\\b)|(?:(\\d+(?:\\.\\d+)?)\\s*(${UNIT_PATTERN})?\\s*(?:or more|or higher|or bigger|or above|\\+|and up|以上|及以上|起|往上|或以上))`, 'g');
const AT_MOST = new RegExp(`(?:\\b(?:at most|up to|no more than|under|below|less than|max)\\s*(?:an?\\s+)?(\\d+(?:\\.\\d+)?)\\s*(${UNIT_PATTERN})?\\b)|(?:(\\d+(?:\\.\\d+)?)\\s*(${UNIT_PATTERN})?\\s*(?:or less|or lower|or smaller|or below|以下|及以下|以内|之内))`, 'g');

/**
 * Reads what the customer wants of the new variant of `current` from free text: explicit values (units, Chinese
 * numbers, synonyms via the catalogue's surface forms), values they do not want ("black not silver", "从A6改成A4",
 * "红色M码的不要了") dropped, later values replacing earlier ones ("换9码…不对，换8码" → 8), relative sizes ("one size
 * up", "大一码", "bigger capacity") turned into the next catalogue value, thresholds ("at least 1000W", "一万毫安以上")
 * and a price preference ("the cheapest", "最便宜的"). Current values said again stay as constraints ("still grey").
 *
 * @example readVariantRequest('one size up, still black', boots, current) // { wanted: { size: '9', color: 'black' } }
 */
export function readVariantRequest(source: string, product: Product, current: Record<string, string>): VariantRequest {
  const text = digitsBeforeUnits(compactMixed(normalize(source)));
  const mentions = findOptionMentions(text, product);
  const wanted: Record<string, string> = {};
  let negatedRun = false;
  mentions.forEach((mention, i) => {
    const previous = mentions[i - 1];
    const before = text.slice(previous ? previous.end : Math.max(0, mention.start - 30), mention.start);
    // "not purple xl": a negation covers the values that follow it directly.
    const continues = previous && /^(?:\s|\/|,|、|和|及|\band\b)*$/.test(before);
    const negated = NEGATED_BEFORE.test(text.slice(Math.max(0, mention.start - 30), mention.start)) || (continues && negatedRun) || afterRunNegated(text, mentions, i);
    negatedRun = negated;
    if (negated) return;
    wanted[mention.key] = mention.value;
  });
  const values = optionValues(product);
  // "a medium", "extra large": words for letter sizes when the catalogue writes sizes as letters (S, M, XL).
  const letterKey = sizeKey(values);
  const letters = letterKey ? new Set(values.get(letterKey)!.map((v) => v.options[letterKey])) : new Set<string>();
  if (letterKey && [...letters].every((value) => valueMagnitude(value)?.unit === 'clothing') && !Object.keys(wanted).includes(letterKey)) {
    for (const match of text.matchAll(/\b(extra small|small|medium|extra large|large|double xl|xx large)\b/g)) {
      const letter = { 'extra small': 'XS', small: 'S', medium: 'M', large: 'L', 'extra large': 'XL', 'double xl': 'XXL', 'xx large': 'XXL' }[match[1]]!;
      if (!letters.has(letter) || NEGATED_BEFORE.test(text.slice(Math.max(0, match.index! - 30), match.index))) continue;
      wanted[letterKey] = letter;
    }
  }
  for (const [pattern, key, step] of [[UP, sizeKey(values), 1], [DOWN, sizeKey(values), -1], [MORE_CAPACITY, capacityKey(values), 1], [LESS_CAPACITY, capacityKey(values), -1]] as const) {
    if (!key || !pattern.test(text) || wanted[key] && wanted[key] !== current[key]) continue;
    // The next size that also has the values said with it ("one size up, still leather").
    const consistent = values.get(key)!.filter((variant) => Object.entries(wanted).every(([k, value]) => k === key || variant.options[k] === value));
    const next = stepValue(consistent, key, current[key], step);
    if (next) wanted[key] = next;
  }
  const limits: OptionLimit[] = [];
  for (const [pattern, bound] of [[AT_LEAST, 'min'], [AT_MOST, 'max']] as const) {
    for (const match of text.matchAll(pattern)) {
      const amount = Number(match[1] ?? match[3]);
      const unit = UNIT_ALIASES[match[2] ?? match[4] ?? ''];
      const key = keyForUnit(values, unit);
      if (!key || Number.isNaN(amount)) continue;
      limits.push({ key, [bound]: amount });
      // A bound replaces an exact value read from the same number ("10000mAh以上" is not "exactly 10000").
      if (wanted[key] && valueMagnitude(wanted[key])?.amount === amount) delete wanted[key];
    }
  }
  const prefer = CHEAPEST.test(text) ? 'cheapest' : PRICIEST.test(text) ? 'priciest' : undefined;
  return { wanted, limits, ...(prefer ? { prefer } : {}) };
}

/** True when the words right after the run of values ending at mention `i` reject them ("红色M码的不要了"). */
function afterRunNegated(text: string, mentions: Array<{ start: number; end: number }>, i: number): boolean {
  let last = i;
  while (last + 1 < mentions.length && /^(?:\s|\/|,|、|和|及|的|\band\b)*$/.test(text.slice(mentions[last].end, mentions[last + 1].start))) last += 1;
  return NEGATED_AFTER.test(text.slice(mentions[last].end, mentions[last].end + 12));
}

function optionValues(product: Product): Map<string, Variant[]> {
  const byKey = new Map<string, Variant[]>();
  for (const variant of Object.values(product.variants)) for (const key of Object.keys(variant.options)) byKey.set(key, [...(byKey.get(key) ?? []), variant]);
  return byKey;
}

function sizeKey(values: Map<string, Variant[]>): string | undefined {
  const keys = [...values.keys()];
  return keys.find((k) => /^(?:size|尺码|鞋码|码数|尺寸)$/i.test(k)) ?? keys.find((k) => /size|尺码|码/.test(normalize(k)));
}

function capacityKey(values: Map<string, Variant[]>): string | undefined {
  return [...values.keys()].find((k) => /capacity|容量|storage|存储|battery|电池/.test(normalize(k)));
}

function keyForUnit(values: Map<string, Variant[]>, unit: string | undefined): string | undefined {
  const numeric = [...values.entries()].filter(([key, variants]) => variants.every((v) => valueMagnitude(v.options[key])));
  if (unit) return numeric.find(([key, variants]) => variants.some((v) => valueMagnitude(v.options[key])?.unit === unit))?.[0];
  return numeric.length === 1 ? numeric[0][0] : undefined;
}

/** The next catalogue value of `key` above (step 1) or below (step -1) the current one, among available variants. */
function stepValue(variants: Variant[], key: string, currentValue: string | undefined, step: 1 | -1): string | undefined {
  const now = currentValue ? valueMagnitude(currentValue) : undefined;
  if (!now) return undefined;
  const candidates = new Map<number, string>();
  for (const variant of variants) {
    if (!variant.available) continue;
    const value = variant.options[key];
    const magnitude = value ? valueMagnitude(value) : undefined;
    if (!magnitude || magnitude.unit !== now.unit || value === currentValue) continue;
    if ((magnitude.amount - now.amount) * step > 0 && !candidates.has(magnitude.amount)) candidates.set(magnitude.amount, value);
  }
  const amounts = [...candidates.keys()].sort((a, b) => (a - b) * step);
  return amounts.length ? candidates.get(amounts[0]) : undefined;
}

/**
 * The available variant (other than the current item) satisfying every constraint: the wanted values, the numeric
 * limits; then the price preference, else the one keeping most of the current options. Several equally good →
 * `ambiguous` (the caller lists them with prices); none → `unavailable`; no change asked → `unchanged`.
 */
export function resolveVariant(product: Product, current: { item_id: string; options: Record<string, string> }, request: VariantRequest): VariantChoice {
  const { wanted, limits, prefer } = request;
  const changes = Object.entries(wanted).filter(([key, value]) => current.options[key] !== value);
  if (!changes.length && !limits.length && !prefer) return { kind: 'unchanged' };
  const fits = (variant: Variant) => Object.entries(wanted).every(([key, value]) => variant.options[key] === value)
    && limits.every(({ key, min, max }) => {
      const magnitude = valueMagnitude(variant.options[key] ?? '');
      return magnitude !== undefined && (min === undefined || magnitude.amount >= min) && (max === undefined || magnitude.amount <= max);
    });
  const available = Object.values(product.variants).filter((variant) => variant.item_id !== current.item_id && variant.available && fits(variant));
  if (!available.length) return { kind: 'unavailable', wanted: { ...wanted, ...Object.fromEntries(limits.map((l) => [l.key, `${l.min !== undefined ? '≥' + l.min : ''}${l.max !== undefined ? '≤' + l.max : ''}`])) } };
  if (prefer) {
    const price = (variant: Variant) => (prefer === 'cheapest' ? variant.price : -variant.price);
    const best = Math.min(...available.map(price));
    return { kind: 'chosen', variant: available.find((variant) => price(variant) === best)! };
  }
  const score = (variant: Variant) => Object.entries(current.options).filter(([key, value]) => !(key in wanted) && variant.options[key] === value).length;
  const best = Math.max(...available.map(score));
  const top = available.filter((variant) => score(variant) === best);
  return top.length === 1 ? { kind: 'chosen', variant: top[0] } : { kind: 'ambiguous', candidates: top.sort((a, b) => a.price - b.price) };
}
