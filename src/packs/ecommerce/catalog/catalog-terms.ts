import type { CatalogTerms } from '../../../engine/nlu/types.ts';
import type { EcommerceDb } from '../store/types.ts';
import { optionForms, productForms } from './surface-forms.ts';

/** Catalogue terms of a store for the entity extractor: product names and stand-alone option values. */
export function catalogTerms(db: EcommerceDb): CatalogTerms {
  const products = Object.values(db.products).map((p) => ({ id: p.product_id, names: productForms(p.name, p.name_en) }));
  const seen = new Map<string, { key: string; value: string; synonyms: string[] }>();
  for (const product of Object.values(db.products)) {
    for (const variant of Object.values(product.variants)) {
      for (const [key, value] of Object.entries(variant.options)) {
        const id = `${key}=${value}`;
        if (seen.has(id)) continue;
        const { forms, needsKey } = optionForms(key, value);
        if (!needsKey && !['yes', 'no', 'none'].includes(value)) seen.set(id, { key, value, synonyms: forms });
      }
    }
  }
  return { products, options: [...seen.values()] };
}
