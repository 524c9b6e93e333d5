import { normalize } from '../../../engine/text/normalize.ts';
import type { Order, Product } from '../store/types.ts';
import { findOptionMentions } from './match-options.ts';
import { compactMixed, findForm, productForms } from './surface-forms.ts';
import { PRODUCT_NAMES_ZH } from './zh-names.ts';

const ZH_BY_NAME = new Map(Object.entries(PRODUCT_NAMES_ZH).map(([name, forms]) => [normalize(name).replace(/-/g, ' '), forms]));

/** How a mention of an item is meant: to act on it, to leave it alone, or only to describe the order. */
export type ItemPolarity = 'include' | 'exclude' | 'describe';

/** One place in the text that refers to items of the order. */
export interface ItemMention {
  /** Indexes into `order.items` the words can mean (several for "the shirts", or when it is unclear). */
  indexes: number[];
  start: number;
  end: number;
  polarity: ItemPolarity;
  /** "just the lamp": replaces what was chosen before instead of adding to it. */
  only: boolean;
}

/** Which items of one order the text picks. */
export interface ItemSelection {
  include: number[];
  exclude: number[];
  /** The text says "only …": the included items replace any earlier choice. */
  only: boolean;
  /** Mentions that fit several items where one was meant ("the shirt" with two shirts): ask. */
  ambiguous: number[][];
  /** Item mentions in text order (after normalisation and removal of spaces around Chinese). */
  mentions: ItemMention[];
  /** The normalised text the positions refer to. */
  text: string;
}

export interface ResolveItemsOptions {
  /** Read "all", "both", "the rest" (off while confirming, where "yes, both" is not a new choice). */
  quantifiers?: boolean;
}

// Words too generic to name an item alone, even inside one order.
const WEAK_WORDS = new Set(['water', 'smart', 'electric', 'wireless', 'portable', 'digital', 'indoor', 'office', 'running', 'gaming', 'light',
  'action', 'bluetooth', 'mechanical', 'high', 'speed', 'wall', 'set', 'kit', 'machine', 'maker', 'cleaner', 'case', 'outdoor', 'mini', 'pro',
  'home', 'security', 'the', 'and', 'with', 'cotton']);

/** Ways to name an item inside one order: the catalogue's forms plus looser ones (any distinctive word, "led bulb"). */
function orderItemForms(name: string, nameEn?: string): string[] {
  const forms = new Set(productForms(name, nameEn, true));
  for (const source of [name, nameEn]) {
    if (!source || /\p{Script=Han}/u.test(source)) continue;
    const words = normalize(source).replace(/-/g, ' ').split(' ').filter(Boolean);
    if (words.length < 2) continue;
    for (const word of words) {
      if (word.length < 4 || WEAK_WORDS.has(word)) continue;
      forms.add(word);
      forms.add(word.endsWith('s') || word.endsWith('h') ? `${word}es` : `${word}s`);
    }
    forms.add(`${words[0]} ${words.at(-1)}`);
    forms.add(`${words[0]} ${words.at(-1)}s`);
    // Two words in a row ("light bulb" for "LED Light Bulb"), and Chinese names of any tail ("T-Shirt" of "Cotton T-Shirt").
    for (let i = 0; i + 1 < words.length; i += 1) forms.add(`${words[i]} ${words[i + 1]}`);
    for (let i = 1; i < words.length; i += 1) for (const zh of ZH_BY_NAME.get(words.slice(i).join(' ')) ?? []) forms.add(normalize(zh));
  }
  // Chinese names: any tail of two characters or more ("纯棉T恤" → "T恤", "棉T恤") is specific enough inside one order.
  for (const source of [name, nameEn]) {
    const han = source && normalize(source).replace(/\s+/g, '');
    if (!han || !/\p{Script=Han}/u.test(han)) continue;
    for (let i = 1; i + 2 <= han.length; i += 1) if (/\p{Script=Han}/u.test(han.slice(i))) forms.add(han.slice(i));
  }
  return [...forms].map(compactMixed).filter((form) => form.length >= 2);
}

const CLAUSE_BREAK = /[.;!?。；！？\n]|,|，|\.\.\.|…|\b(?:but|actually|although|however|though)\b|不过|但是|可是|其实|另外|然后|还有/g;
// "except the lamp", "not the boots", "keep the bookshelf", "除了耳机", "不退头盔".
const EXCLUDE_BEFORE = /(?:\b(?:except(?: for)?|but not|not|other than|apart from|excluding|keep(?:ing)?|hold on to|(?:don'?t|do not)(?: want to)? (?:return|exchange|send back|change)|no need to (?:return|change))\b|除了|除去|不包括|不含|不退|不换|保留|留下)(?:\s*(?:the|my|that|those|this|these|a|an|one|its|for|with))*\s*$/;
const EXCLUDE_BEFORE_LOOSE = /\b(?:except(?: for)?|other than|apart from|excluding)\b|除了|除去|不包括/;
// "the lamp I'm keeping", "kettle and backpack are fine", "头盔不退", "水杯和手表留着".
const EXCLUDE_AFTER = /^\s*(?:\)|）)?\s*(?:(?:i'?m|i am|i'?ll|i will|we'?re|i)\s+)?(?:keeping|keep|(?:is|are) (?:fine|ok|okay|good|staying)|can stay|stay|(?:is|are) not|isn'?t|aren'?t|we keep|(?:i )?don'?t (?:want to )?(?:return|exchange|change))\b|^\s*(?:我)?(?:就|先|都|也|还是|要)?(?:不退|不用退|不要退|不换|不用换|留着|留下|保留|不动|自己留|我留|还要|继续用|没问题|挺好)/;
// "the order with the lamp", "came with my boots", "和茶壶一起那单".
const DESCRIBE_BEFORE = /(?:\b(?:order|one|package|parcel|box|shipment)\s+(?:with|that has|that had|containing|including)|\b(?:got|came|bought|ordered|arrived|shipped|delivered)\s+(?:with|along with|together with|in the same order as)|\bsame (?:order|package|box) as|\balong with)(?:\s*(?:the|my|a|an))*\s*$|(?:和|跟|与|同)\s*$/;
const DESCRIBE_AFTER = /^\s*(?:\)|）)?\s*(?:一起的?|一块的?)?\s*(?:那一?单|这一?单|的那一?单|的订单|那个订单|那些东西|那些|(?:one )?order\b|那批)/;
const ONLY_BEFORE = /(?:\b(?:just|only)\b|只|仅|单单|就退|就换)(?:\s*(?:return|exchange|send back|change|swap|退|换|要退|要换|退掉|把|the|my|that|this|one))*\s*$/;
const STRONG_ALL = /\beverything\b(?! else)|\ball (?:of )?(?:the |my )?(?:items|products|things|stuff)\b|\b(?:the )?(?:whole|entire|full) order\b|\bevery (?:single )?(?:item|thing)\b|\ball (?:three|four|five|six|3|4|5|6)\b|全部|所有(?:的)?(?:商品|东西)?|整单|整个订单|全都|全退|通通|统统/;
const WEAK_ALL = /\bboth\b(?! (?:orders?|of (?:the|my) orders))|\ball of (?:them|it)\b|\bthem all\b|\bthe two\b(?! orders)|两样|两件|两个都|俩都|[二两三四五六]样全|都退|都换|都要退|都要换|全退|全换/;
const REST = /\b(?:the rest(?: of (?:the|my|it|them|that|this|those|these)(?: order| items| stuff| things)?)?|everything else|all the others|the others|the other (?:ones|items|things))\b|其余|其他的|其它的|剩下的|剩余的/;
// Words that ask for an item again after it was left out ("actually return the lamp too", "精华液也退吧").
const TAKES_BACK = /\b(?:return|exchange|send back|swap|change|refund|too|also|as well|include|add)\b|退|换|也要|还是要|加上|算上/;
const CLOSING = /\b(?:that'?s|that is|those are|these are|this is|it'?s|those were) (?:all|everything)(?: the (?:items|changes|things))?\b|就这些|就这几(?:件|个|样)|没有?别的了?/g;
const CHEAPER = /\b(?:cheaper|cheapest|less expensive|lower priced)\b|便宜/;
const PRICIER = /\b(?:more expensive|most expensive|pricier|priciest|dearer)\b|(?:更|最|比较)?贵的/;
const OPTION_REFERENCE_AFTER = /^\s*(?:ones?\b|的?(?:那|这)?(?:个|件|双|条|款|只|台|把|顶|套|瓶|盒|副))/;

/**
 * Which items of `order` the customer means in `source`: names (catalogue, Chinese and colloquial names, any
 * distinctive word of the product name), current options ("the blue one", "8码那双") and price ("the cheaper one"),
 * each read with its scope — "except the lamp", "just the bottle, not the boots", "the lamp I'm keeping",
 * "除了耳机都退", "头盔不退", "the order with the kettle" (describes, does not choose) — and quantifiers
 * ("everything", "both", "the rest", "两样都退"). Clauses are read in order, so a later "actually keep the X"
 * removes X and a later "just A and B" replaces the choice.
 *
 * @example resolveItems('return everything except the lamp', order, products) // include: all but the lamp
 */
export function resolveItems(source: string, order: Order, products: Record<string, Product>, options: ResolveItemsOptions = {}): ItemSelection {
  const quantifiers = options.quantifiers ?? true;
  const text = compactMixed(normalize(source)).replace(CLOSING, (m) => ' '.repeat(m.length));
  const mentions = findItemMentions(text, order, products);
  const breaks = [0, ...[...text.matchAll(CLAUSE_BREAK)].map((m) => m.index! + m[0].length), text.length];
  const clauseOf = (position: number) => {
    let start = 0;
    let end = text.length;
    for (const b of breaks) { if (b <= position) start = b; else { end = b; break; } }
    return { start, end };
  };
  for (const [i, mention] of mentions.entries()) {
    const clause = clauseOf(mention.start);
    // A run of mentions joined by "and" / "、" shares the words around it.
    let first = i;
    while (first > 0 && mentions[first - 1].start >= clause.start && joined(text.slice(mentions[first - 1].end, mentions[first].start))) first -= 1;
    let last = i;
    while (last + 1 < mentions.length && mentions[last + 1].start < clause.end && joined(text.slice(mentions[last].end, mentions[last + 1].start))) last += 1;
    const before = text.slice(clause.start, mentions[first].start);
    const after = text.slice(mentions[last].end, clause.end);
    if (DESCRIBE_BEFORE.test(before) || DESCRIBE_AFTER.test(after)) mention.polarity = 'describe';
    else if (EXCLUDE_BEFORE.test(before) || EXCLUDE_BEFORE_LOOSE.test(before) && !/\b(?:return|exchange|send back|refund)\b|退|换/.test(before.slice(before.search(EXCLUDE_BEFORE_LOOSE))) || EXCLUDE_AFTER.test(after)) mention.polarity = 'exclude';
    else if (ONLY_BEFORE.test(before)) mention.only = true;
  }
  const include = new Set<number>();
  const exclude = new Set<number>();
  let only = false;
  const ambiguous: number[][] = [];
  for (const mention of mentions) {
    if (mention.polarity === 'describe') continue;
    if (mention.polarity === 'exclude') {
      for (const index of mention.indexes) { exclude.add(index); include.delete(index); }
      continue;
    }
    if (mention.only) {
      // "just A and B": the run replaces what came before.
      const run = mentions.filter((m) => m.only && m.polarity === 'include' && clauseOf(m.start).start === clauseOf(mention.start).start);
      if (run[0] === mention) { include.clear(); only = true; }
    }
    // "除了精华液都退了，精华液已经拆开用了": naming an excluded item again without asking for it (a reason, a side
    // remark) does not take it back in; "actually return the lamp too" does.
    const clause = clauseOf(mention.start);
    if (mention.indexes.every((index) => exclude.has(index)) && !TAKES_BACK.test(text.slice(clause.start, clause.end))) continue;
    if (mention.indexes.length > 1 && !plural(text, mention)) ambiguous.push(mention.indexes);
    for (const index of mention.indexes) { include.add(index); exclude.delete(index); }
  }
  if (quantifiers) {
    const everyIndex = order.items.map((_, index) => index);
    const restMatch = REST.exec(text);
    const restExcluded = restMatch ? EXCLUDE_AFTER.test(text.slice(restMatch.index + restMatch[0].length, clauseOf(restMatch.index).end))
      || EXCLUDE_BEFORE.test(text.slice(clauseOf(restMatch.index).start, restMatch.index)) : true;
    const strong = STRONG_ALL.exec(text);
    const strongNegated = strong ? /\b(?:not|isn'?t)\s*$|不是\s*$/.test(text.slice(Math.max(0, strong.index - 8), strong.index)) : true;
    if ((strong && !strongNegated) || !restExcluded) {
      for (const index of everyIndex) if (!exclude.has(index)) include.add(index);
    } else if (!include.size && WEAK_ALL.test(text)) {
      for (const index of everyIndex) if (!exclude.has(index)) include.add(index);
    }
  }
  // Everything named twice, once to describe the order and once to choose, counts as chosen.
  return {
    include: [...include].sort((a, b) => a - b), exclude: [...exclude].sort((a, b) => a - b), only,
    ambiguous: ambiguous.filter((group) => group.filter((index) => include.has(index)).length > 1), mentions, text,
  };
}

/** Applies a new selection to an earlier one: adds what is included, removes what is excluded, "only" replaces. */
export function applySelection(previous: number[], selection: Pick<ItemSelection, 'include' | 'exclude' | 'only'>): number[] {
  const out = new Set(selection.only ? [] : previous);
  for (const index of selection.include) out.add(index);
  for (const index of selection.exclude) out.delete(index);
  return [...out].sort((a, b) => a - b);
}

function joined(between: string): boolean {
  return /^(?:\s|,|，|、|&|\+|\/|和|跟|与|及|以及|还有|\band\b|\bor\b|\bthe\b|\bmy\b|\bplus\b|\balso\b)*$/.test(between);
}

function plural(text: string, mention: ItemMention): boolean {
  const around = text.slice(Math.max(0, mention.start - 14), mention.end + 6);
  return /s\b/.test(text.slice(mention.start, mention.end)) || /\b(?:both|two|three|all|each)\b|两|俩|[二三四]件|[二三四]双|都/.test(around);
}

/** Every reference to items of the order, longest first when they overlap, in text order; polarity still 'include'. */
function findItemMentions(text: string, order: Order, products: Record<string, Product>): ItemMention[] {
  const found: ItemMention[] = [];
  const byProduct = new Map<string, number[]>();
  order.items.forEach((item, index) => byProduct.set(item.product_id, [...(byProduct.get(item.product_id) ?? []), index]));
  for (const [productId, indexes] of byProduct) {
    const item = order.items[indexes[0]];
    const product = products[productId];
    for (const form of orderItemForms(item.name, product?.name_en ?? product?.name)) {
      for (const start of findForm(text, form)) found.push({ indexes, start, end: start + form.length, polarity: 'include', only: false });
    }
  }
  // "the blue one", "8码的那双": a current option of exactly the items meant.
  for (const [productId, indexes] of byProduct) {
    const product = products[productId];
    if (!product) continue;
    for (const option of findOptionMentions(text, product)) {
      if (!OPTION_REFERENCE_AFTER.test(text.slice(option.end))) continue;
      const owners = order.items.map((item, index) => ({ item, index })).filter(({ item }) => Object.values(item.options).includes(option.value)).map(({ index }) => index);
      const fitting = owners.filter((index) => indexes.includes(index));
      if (fitting.length) found.push({ indexes: fitting, start: option.start, end: option.end, polarity: 'include', only: false });
    }
  }
  const kept = keepLongest(found);
  // A name that fits several items of one product is narrowed by a current option said right next to it.
  for (const mention of kept) {
    if (mention.indexes.length < 2) continue;
    const window = text.slice(Math.max(0, mention.start - 20), mention.end + 20);
    const product = products[order.items[mention.indexes[0]].product_id];
    if (!product) continue;
    const values = findOptionMentions(window, product).map((m) => m.value);
    const narrowed = mention.indexes.filter((index) => values.some((value) => Object.values(order.items[index].options).includes(value)));
    if (narrowed.length && narrowed.length < mention.indexes.length) mention.indexes = narrowed;
    // "the cheaper one" among items of the same product.
    const priced = priceReference(window, mention.indexes, order);
    if (priced !== undefined) mention.indexes = [priced];
  }
  // "the cheaper one" with no name: among all items.
  const price = CHEAPER.exec(text) ?? PRICIER.exec(text);
  if (price && !kept.some((m) => Math.abs(m.start - price.index) < 24) && /\b(?:one|item)\b|(?:那|这)?(?:个|件|双|款|样)/.test(text.slice(price.index, price.index + price[0].length + 8))) {
    const index = priceReference(text.slice(price.index, price.index + price[0].length), order.items.map((_, i) => i), order);
    if (index !== undefined) kept.push({ indexes: [index], start: price.index, end: price.index + price[0].length, polarity: 'include', only: false });
  }
  return kept.sort((a, b) => a.start - b.start);
}

function priceReference(window: string, indexes: number[], order: Order): number | undefined {
  if (indexes.length < 2) return undefined;
  const prices = indexes.map((index) => order.items[index].price);
  if (CHEAPER.test(window)) return indexes[prices.indexOf(Math.min(...prices))];
  if (PRICIER.test(window)) return indexes[prices.indexOf(Math.max(...prices))];
  return undefined;
}

function keepLongest(found: ItemMention[]): ItemMention[] {
  const sorted = [...found].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: ItemMention[] = [];
  for (const mention of sorted) {
    const overlapping = kept.find((k) => mention.start < k.end && k.start < mention.end);
    if (!overlapping) kept.push(mention);
    // Two products named by the same words ("耳机" for two kinds of earphones) share the span.
    else if (overlapping.start === mention.start && overlapping.end === mention.end) overlapping.indexes = [...new Set([...overlapping.indexes, ...mention.indexes])];
  }
  return kept;
}
