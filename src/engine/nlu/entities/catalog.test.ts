import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogTerms } from '../types.ts';
import { createCatalogMatcher } from './catalog.ts';
import { resolveOverlaps } from './resolve-overlaps.ts';
import { expectWellFormed, fragmentText } from './test-support.ts';

const CATALOG: CatalogTerms = {
  products: [
    { id: 'kb-mech', names: ['Mechanical Keyboard', '机械键盘', '機械鍵盤'] },
    { id: 'kb', names: ['keyboard', '键盘'] },
    { id: 'battery', names: ['battery pack'] },
  ],
  options: [
    { key: 'color', value: 'blue', synonyms: ['蓝色', 'navy'] },
    { key: 'switch type', value: 'clicky', synonyms: ['青轴', 'clicky switches'] },
  ],
};

function matches(text: string): string[] {
  const matcher = createCatalogMatcher(CATALOG);
  return resolveOverlaps(matcher.match(text.toLowerCase()), text.length).map((found) => `${found.text}→${found.value}`);
}

describe('createCatalogMatcher', () => {
  it('matches English names case-insensitively, longest first, with plurals and flexible separators', () => {
    expect(matches('I want two Mechanical Keyboards')).toEqual(['mechanical keyboards→kb-mech']);
    expect(matches('a mechanical-keyboard please')).toEqual(['mechanical-keyboard→kb-mech']);
    expect(matches('the KEYBOARD in Blue')).toEqual(['keyboard→kb', 'blue→color=blue']);
    expect(matches('battery packs')).toEqual(['battery packs→battery']);
    expect(matches('clicky switches')).toEqual(['clicky switches→switch type=clicky']);
  });

  it('matches whole words only', () => {
    expect(matches('keyboardist bluest navyblue')).toEqual([]);
  });

  it('matches Chinese as substrings, including catalogue names written in traditional characters', () => {
    expect(matches('我要机械键盘，蓝色青轴的')).toEqual(['机械键盘→kb-mech', '蓝色→color=blue', '青轴→switch type=clicky']);
    // The message arrives simplified (prepare-text); the traditional catalogue name is simplified at build time.
    expect(createCatalogMatcher({ products: [{ id: 'x', names: ['機械鍵盤'] }], options: [] }).match('机械键盘')).toHaveLength(1);
  });

  it('gives product meta.name and option key/value', () => {
    const [product, option] = createCatalogMatcher(CATALOG).match('keyboard navy');
    expect(product.meta).toEqual({ name: 'keyboard' });
    expect(option.meta).toEqual({ key: 'color', value: 'blue' });
  });

  it('copes with an empty or missing catalogue', () => {
    expect(createCatalogMatcher(undefined).match('keyboard')).toEqual([]);
    expect(createCatalogMatcher({ products: [], options: [] }).size).toBe(0);
  });

  it('stays fast with 5,000 terms', () => {
    const products = Array.from({ length: 2500 }, (_, index) => ({ id: `p${index}`, names: [`widget model ${index}`, `产品${index}号`] }));
    const matcher = createCatalogMatcher({ products, options: [] });
    const message = 'Hello, I would like the widget model 1234 and 产品77号 shipped to my home next week please, thanks a lot!';
    for (let index = 0; index < 50; index += 1) matcher.match(message);
    const started = performance.now();
    for (let index = 0; index < 200; index += 1) matcher.match(message);
    const perMessage = (performance.now() - started) / 200;
    expect(matcher.match(message).map((found) => found.value)).toEqual(['p1234', 'p77']);
    expect(perMessage).toBeLessThan(2); // ≈0.02 ms idle; loose for a loaded machine
  });

  it('never throws; spans are inside the text', () => {
    const matcher = createCatalogMatcher(CATALOG);
    fc.assert(
      fc.property(fragmentText(['keyboard', 's', ' ', '-', '机械', '键盘', 'blue', '蓝色', 'clicky', 'mechanical']), (text) => {
        const lower = text.toLowerCase();
        if (lower.length !== text.length) return;
        expectWellFormed(lower, matcher.match(lower), /^(kb-mech|kb|battery|color=blue|switch type=clicky)$/);
      }),
      { numRuns: 300 },
    );
  });
});
