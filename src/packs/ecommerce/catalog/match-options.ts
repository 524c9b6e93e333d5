import { normalize } from '../../../engine/text/normalize.ts';
import type { Product, Variant } from '../store/types.ts';
import { compactMixed, findForm, optionForms } from './surface-forms.ts';

export interface OptionMention {
  key: string;
  value: string;
  start: number;
  end: number;
}

/** English names of the Chinese store's option keys, for English-speaking customers ("size M", "colour grey"). */
const KEY_ALIASES: Record<string, string[]> = {
  尺码: ['size'], 尺寸: ['size'], 鞋码: ['size', 'shoe size'], 颜色: ['colour', 'color'], 容量: ['capacity'], 规格: ['pack', 'spec'],
};
const SIZE_KEYS = new Set(['尺码', '鞋码', 'size', 'shoe size']);

/**
 * Option values of one product mentioned in a text ("clicky switches", "尺码L", "works with Google Home").
 * Scoped to the product so that generic values ("large", "none") are read in the right sense.
 * `text` must already be normalised.
 */
export function findOptionMentions(source: string, product: Product): OptionMention[] {
  const text = compactMixed(source);
  const values = new Map<string, Set<string>>();
  for (const variant of Object.values(product.variants)) {
    for (const [key, value] of Object.entries(variant.options)) {
      if (!values.has(key)) values.set(key, new Set());
      values.get(key)!.add(value);
    }
  }
  // A generic word ("fixed", "high") stands alone when only one option of this product has it as a value.
  const keysOfValue = new Map<string, number>();
  for (const set of values.values()) for (const value of set) keysOfValue.set(value, (keysOfValue.get(value) ?? 0) + 1);
  const mentions: OptionMention[] = [];
  for (const [key, set] of values) {
    const k = normalize(key);
    for (const value of set) {
      const { forms: rawForms, needsKey: generic } = optionForms(key, value);
      const forms = rawForms.map(compactMixed);
      const needsKey = generic && (/^[a-z0-9]{1,2}$/i.test(value) || /^\d+$/.test(value) || (keysOfValue.get(value) ?? 0) > 1);
      const aliases = KEY_ALIASES[k] ?? [];
      const keyed = (f: string) => [`${k} ${f}`, `${k}: ${f}`, `${k}:${f}`, `${f} ${k}`, `${k}${f}`, `${f}${k}`, `${f}码`, `${f}号`,
        ...aliases.flatMap((alias) => [`${alias} ${f}`, `${f} ${alias}`]),
        // "an M", "a 40" — a size said with an article, in English.
        ...(SIZE_KEYS.has(k) ? [`an ${f}`, `a ${f}`, `in ${f}`, `in an ${f}`, `in a ${f}`] : [])];
      const candidates = needsKey ? forms.flatMap(keyed) : [...forms, ...(generic ? forms.flatMap(keyed) : [])];
      for (const form of candidates) {
        for (const start of findForm(text, form)) mentions.push({ key, value, start, end: start + form.length });
      }
    }
  }
  // Longest first, then drop mentions overlapping a longer one.
  mentions.sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: OptionMention[] = [];
  for (const m of mentions) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

export type VariantChoice =
  | { kind: 'chosen'; variant: Variant }
  | { kind: 'ambiguous'; candidates: Variant[] }
  | { kind: 'unavailable'; wanted: Record<string, string> }
  | { kind: 'unchanged' };

/**
 * The variant the customer wants instead of `current`: it has every wanted option, is available, differs from
 * the current item, and keeps as many of the current item's other options as possible.
 */
export function chooseVariant(product: Product, current: Variant | { item_id: string; options: Record<string, string> }, wanted: Record<string, string>): VariantChoice {
  const changes = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => current.options[key] !== value));
  if (!Object.keys(changes).length) return { kind: 'unchanged' };
  const matching = Object.values(product.variants).filter((variant) =>
    variant.item_id !== current.item_id && Object.entries(wanted).every(([key, value]) => variant.options[key] === value));
  const available = matching.filter((variant) => variant.available);
  if (!available.length) return { kind: 'unavailable', wanted };
  const score = (variant: Variant) => Object.entries(current.options).filter(([key, value]) => !(key in wanted) && variant.options[key] === value).length;
  const best = Math.max(...available.map(score));
  const top = available.filter((variant) => score(variant) === best);
  return top.length === 1 ? { kind: 'chosen', variant: top[0] } : { kind: 'ambiguous', candidates: top };
}

export function describeOptions(options: Record<string, string>): string {
  return Object.entries(options).map(([key, value]) => `${key}: ${value}`).join(', ');
}
