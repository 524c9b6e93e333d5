import { normalize } from '../../../engine/text/normalize.ts';
import { GENERIC_VALUES_ZH, OPTION_KEYS_ZH, OPTION_VALUES_EN, OPTION_VALUES_ZH, PRODUCT_NAMES_ZH } from './zh-names.ts';

/** Chinese endings and how they are said in speech (a single-character noun takes 子; 音箱 is often 音响). */
const ZH_COLLOQUIAL_ENDINGS: Array<[string, string]> = [
  ['音箱', '音响'], ['裙', '裙子'], ['裤', '裤子'], ['鞋', '鞋子'], ['袜', '袜子'], ['帽', '帽子'], ['杯', '杯子'], ['瓶', '瓶子'],
  ['毯', '毯子'], ['垫', '垫子'], ['锅', '锅子'], ['盒', '盒子'], ['箱', '箱子'], ['椅', '椅子'], ['桌', '桌子'], ['镜', '镜子'],
];

/** 黑色 → ['black'], 硬皮 → ['hard cover'] …: OPTION_VALUES_ZH read backwards (only Chinese forms of 2+ characters). */
const ENGLISH_OF_ZH_VALUE = new Map<string, string[]>();
for (const [en, zhs] of Object.entries(OPTION_VALUES_ZH)) {
  for (const zh of zhs) if (zh.length >= 2 && /\p{Script=Han}/u.test(zh)) ENGLISH_OF_ZH_VALUE.set(normalize(zh), [...(ENGLISH_OF_ZH_VALUE.get(normalize(zh)) ?? []), normalize(en)]);
}

const GENERIC_HEADS = new Set(['set', 'kit', 'machine', 'maker', 'cleaner', 'bed', 'bulb', 'case', 'light']);

/**
 * Ways customers write a product name: full name, plural, head noun ("keyboard"), Chinese names.
 * With `shortForms`, Chinese names also yield their last two or three characters ("真无线蓝牙耳机" → "耳机"):
 * right inside one order, too loose for the whole catalogue.
 */
export function productForms(name: string, nameEn?: string, shortForms = false): string[] {
  const forms = new Set<string>();
  for (const n of [name, nameEn].filter((x): x is string => Boolean(x))) {
    const base = normalize(n);
    forms.add(base);
    forms.add(base.replace(/-/g, ' '));
    forms.add(base.replace(/-/g, ''));
    const words = base.replace(/-/g, ' ').split(' ');
    const head = words.at(-1)!;
    if (words.length > 1 && !GENERIC_HEADS.has(head)) forms.add(head);
    for (const f of [...forms]) if (/[a-z]$/.test(f)) forms.add(f.endsWith('s') || f.endsWith('h') ? `${f}es` : `${f}s`);
    for (const zh of PRODUCT_NAMES_ZH[n] ?? []) forms.add(normalize(zh));
  }
  // What customers call the same thing: "音响" for 音箱, "裙子" for 连衣裙, "鞋子" for 跑鞋.
  for (const form of [...forms]) {
    for (const [ending, said] of ZH_COLLOQUIAL_ENDINGS) if (form.endsWith(ending) && /\p{Script=Han}/u.test(form)) forms.add(form.slice(0, -ending.length) + said);
  }
  if (shortForms) {
    for (const form of [...forms]) {
      const han = /(\p{Script=Han}{4,})$/u.exec(form)?.[1];
      if (han) { forms.add(han.slice(-2)); forms.add(han.slice(-3)); }
    }
  }
  return [...forms].filter((f) => f.length >= 2);
}

/** Surface forms of an option value; `needsKey` when the value is too short or generic to stand alone. */
export function optionForms(key: string, value: string): { forms: string[]; needsKey: boolean } {
  const v = normalize(value);
  const k = normalize(key);
  const forms = new Set<string>([v]);
  forms.add(v.replace(/-/g, ' '));
  forms.add(v.replace(/(\d)\s*-?\s*(inch|inches)$/, '$1 inch'));
  forms.add(v.replace(/(\d)\s*-?\s*(inch|inches)$/, '$1 inches'));
  forms.add(v.replace(/(\d)\s+(?=[a-z])/g, '$1'));
  forms.add(v.replace(/(\d)(?=[a-z])/g, '$1 '));
  // Units in singular and plural ("2 liters" / "2 liter", "4 cups" / "4 cup").
  const unit = /^(\d+(?:\.\d+)?)\s*(liter|litre|cup|inch|hour|piece|foot|ft)(e?s)?$/.exec(v);
  if (unit) for (const u of [unit[2], `${unit[2]}s`, `${unit[2]}es`]) { forms.add(`${unit[1]} ${u}`); forms.add(`${unit[1]}-${u}`); }
  const ZH_UNITS: Record<string, string[]> = { liter: ['升'], litre: ['升'], cup: ['杯'], inch: ['寸', '英寸'], hour: ['小时', '个小时'], piece: ['片', '块'], foot: ['英尺'], ft: ['英尺'] };
  if (unit) for (const zh of ZH_UNITS[unit[2]] ?? []) forms.add(`${unit[1]}${zh}`);
  const litres = /^(\d+(?:\.\d+)?)\s*(l|liters?|litres?)$/.exec(v);
  if (litres) for (const u of ['l', 'liter', 'liters', 'litre', 'litres', '升']) forms.add(`${litres[1]} ${u}`).add(`${litres[1]}${u}`);
  const mah = /^(\d+)mah$/.exec(v);
  if (mah) forms.add(`${mah[1]}毫安`).add(`${mah[1]} mah`);
  const gb = /^(\d+)(gb|tb)( ssd)?$/.exec(v);
  if (gb) forms.add(`${gb[1]}${gb[2][0]}`).add(`${gb[1]} ${gb[2]}`);
  // "柑橘味的" for 柑橘调, "高低的" for 高低款: a Chinese value is also said by its stem (scoped to one product).
  const stem = /^(\p{Script=Han}{2,})(调|款|版|型)$/u.exec(v);
  if (stem) { forms.add(stem[1]); if (stem[2] === '调') forms.add(`${stem[1]}味`); }
  for (const alt of OPTION_VALUES_EN[value] ?? []) forms.add(normalize(alt));
  for (const zh of OPTION_VALUES_ZH[value] ?? []) forms.add(normalize(zh));
  // A Chinese store's value in English ("black" for 黑色), for English-speaking customers.
  for (const en of ENGLISH_OF_ZH_VALUE.get(v) ?? []) forms.add(en);
  if (k === 'switch type' || k.endsWith('type')) forms.add(`${v} ${k.replace(' type', '')}`);
  if (k === 'switch type') forms.add(`${v} switches`);
  if (v === 'yes') { forms.delete('yes'); forms.add(k); forms.add(`${k} yes`); }
  if (v === 'no') { forms.delete('no'); forms.add(`not ${k}`); forms.add(`non-${k}`); forms.add(`non ${k}`); forms.add(`no ${k}`); }
  if (v === 'none') { forms.delete('none'); forms.add(`no ${k}`); forms.add(`without ${k}`); forms.add(`without a ${k}`); }
  // "500 pieces" → also "500-piece", "500 piece".
  if (/^\d+$/.test(v) && /s$/.test(k)) { const one = k.slice(0, -1); forms.add(`${v}-${one}`); forms.add(`${v} ${one}`); forms.add(`${v} ${k}`); forms.add(`${v}-${k}`); }
  // Chinese key + value: "高通风", "通风高", "不防水", "防水", "尺码L", "L码", "续航20小时".
  for (const zhKey of OPTION_KEYS_ZH[key] ?? []) {
    for (const zhValue of GENERIC_VALUES_ZH[v] ?? []) { forms.add(`${zhValue}${zhKey}`); forms.add(`${zhKey}${zhValue}`); }
    if (v === 'yes') forms.add(zhKey);
    if (/^[a-z0-9.]{1,5}$/.test(v)) { forms.add(`${zhKey}${v}`); forms.add(`${v}${zhKey}`); }
  }
  const needsKey = (/^[a-z]{1,2}$/.test(v) || /^\d+$/.test(v)) && ![...forms].some((f) => f !== v && f.startsWith(v) && /\D/.test(f.slice(v.length))) || /^\d+$/.test(v)
    || ['small', 'medium', 'large', 'high', 'low', 'standard', 'basic', 'fixed', 'adjustable', 'plain', 'custom', 'full', 'half', 'light', 'dark'].includes(v);
  return { forms: [...forms].filter(Boolean), needsKey };
}

/** Finds `form` in `text` on word boundaries for Latin text, as a substring for Chinese. Returns start indexes. */
export function findForm(text: string, form: string): number[] {
  const out: number[] = [];
  const latin = /^[a-z0-9]/.test(form) && /[a-z0-9%]$/.test(form);
  let from = 0;
  for (;;) {
    const index = text.indexOf(form, from);
    if (index < 0) break;
    from = index + 1;
    if (latin) {
      const before = text[index - 1];
      const after = text[index + form.length];
      if ((before && /[a-z0-9]/.test(before)) || (after && /[a-z0-9]/.test(after))) continue;
    }
    out.push(index);
  }
  return out;
}

/** Removes spaces next to Chinese characters ("续航 20 小时" → "续航20小时") so mixed-script forms match. */
export function compactMixed(text: string): string {
  return text.replace(/\s+(?=\p{Script=Han})|(?<=\p{Script=Han})\s+/gu, '');
}
