import type { Localized } from '../types.ts';
import type { QueryCue } from './query-lexicon.ts';
import type { RecommendProduct, SignalName } from './types.ts';

const HAN = /\p{Script=Han}/u;

/** The product's name in a language: the Chinese store's `name` for zh, its `nameAlt` (English) for en. */
export function displayName(product: RecommendProduct, locale: 'zh' | 'en'): string {
  const nameIsChinese = HAN.test(product.name);
  if (locale === 'en' && nameIsChinese && product.nameAlt) return product.nameAlt;
  if (locale === 'zh' && !nameIsChinese && product.nameAlt && HAN.test(product.nameAlt)) return product.nameAlt;
  return product.name;
}

export interface ExplanationInput {
  signal: SignalName;
  product: RecommendProduct;
  /** The history product behind a co-purchase or content reason. */
  anchor?: RecommendProduct;
  cues?: QueryCue[];
  withinBudget?: boolean;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The one-line reason of a suggestion, in both languages. */
export function explain(input: ExplanationInput): Localized {
  const { product, anchor } = input;
  const name = { zh: displayName(product, 'zh'), en: displayName(product, 'en') };
  switch (input.signal) {
    case 'query': {
      const cues = input.cues ?? [];
      const budget = input.withinBudget ? { zh: '，在您的预算内', en: ', within your budget' } : { zh: '', en: '' };
      if (cues.length === 0) return { zh: `符合您要找的${budget.zh}`, en: `Matches what you asked for${budget.en}` };
      return { zh: cues.map((cue) => cue.label.zh).join('、') + budget.zh, en: capitalise(cues.map((cue) => cue.label.en).join(', ')) + budget.en };
    }
    case 'coPurchase':
      return anchor
        ? { zh: `买过${displayName(anchor, 'zh')}的顾客也买了${name.zh}`, en: `Customers who bought the ${displayName(anchor, 'en')} also bought the ${name.en}` }
        : { zh: '常被一起购买', en: 'Often bought together' };
    case 'content':
      return anchor
        ? { zh: `和您买过的${displayName(anchor, 'zh')}相似`, en: `Similar to the ${displayName(anchor, 'en')} you bought` }
        : { zh: '和您的喜好相近', en: 'Close to what you like' };
    case 'repurchase':
      return { zh: `您买过的${name.zh}，该补货了`, en: `Time to restock the ${name.en} you bought` };
    case 'season':
      return { zh: '当季热销', en: 'In season now' };
    case 'promotion':
      return { zh: '正在促销', en: 'On promotion now' };
    case 'popularity':
      return { zh: '店内热销', en: 'A best-seller in our store' };
  }
}
