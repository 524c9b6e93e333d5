import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RecommendProduct } from '../../engine/recommend/types.ts';
import { evaluatePresale, PRESALE_CASES, scorePresale } from './eval-recommend-presale.ts';

const product = (id: string, name: string, price: number): RecommendProduct => ({ id, name, price, optionValues: [], available: true });

describe('eval recommend --presale', () => {
  it('scores precision@3, hit@3 and the budget of the top 3', () => {
    const products = [product('1', '保温杯', 89), product('2', '西湖龙井', 168), product('3', '冰箱', 1699), product('4', '跳绳', 39)];
    const cases = [
      { question: '送爸爸', acceptable: ['保温杯', '西湖龙井'] },
      { question: '200元以内', acceptable: ['跳绳'], maxPrice: 200 },
    ];
    const scores = scorePresale(cases, [['1', '3', '2'], ['3', '4', '1']], products);
    expect(scores.precision).toBeCloseTo((2 / 3 + 1 / 3) / 2);
    expect(scores.hit).toBe(1);
    expect(scores.withinBudget).toBe(0);
  });

  it('labels only products of the store-zh catalogue, in both languages', async () => {
    const report = await evaluatePresale();
    expect(report.recommender.cases).toBe(PRESALE_CASES.length);
    expect(PRESALE_CASES.some((entry) => /[a-z]/.test(entry.question))).toBe(true);
    const products = JSON.parse(readFileSync(new URL('../../packs/ecommerce/data/store-zh/products.json', import.meta.url), 'utf8')) as Record<string, { name: string }>;
    const names = new Set(Object.values(products).map((entry) => entry.name));
    for (const entry of PRESALE_CASES) for (const name of entry.acceptable) expect(names.has(name), `${entry.question}: ${name}`).toBe(true);
    // The shipped recommender answers pre-sale questions far better than best-sellers (a regression guard, not a target).
    expect(report.recommender.precision).toBeGreaterThan(report.popularity.precision + 0.3);
  });
});
