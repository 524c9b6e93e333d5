import { describe, expect, it } from 'vitest';
import { assessmentValid, isSuitable, suitableProducts } from './suitability.ts';
import type { CustomerRiskLevel, WealthProduct } from '../store/types.ts';

const product = (id: string, risk: WealthProduct['risk'], min = 1): WealthProduct => ({
  product_id: id, risk, min_amount: min, name: { zh: id, en: id }, kind: { zh: '', en: '' }, benchmark: { zh: '', en: '' }, term: { zh: '', en: '' },
  redemption: { zh: '', en: '' }, description: { zh: '', en: '' }, aliases: [],
});

describe('suitability', () => {
  const products = [product('r1', 'R1'), product('r2', 'R2'), product('r3', 'R3'), product('r4', 'R4'), product('r5', 'R5')];
  it('never offers a product above the customer level', () => {
    for (const level of ['C1', 'C2', 'C3', 'C4', 'C5'] as CustomerRiskLevel[]) {
      const offered = suitableProducts(level, products);
      expect(offered).toHaveLength(Number(level[1]));
      expect(offered.every((p) => Number(p.risk[1]) <= Number(level[1]))).toBe(true);
    }
    expect(isSuitable('C2', 'R3')).toBe(false);
    expect(isSuitable('C3', 'R3')).toBe(true);
  });
  it('lists the riskiest suitable product first', () => {
    expect(suitableProducts('C3', products).map((p) => p.product_id)).toEqual(['r3', 'r2', 'r1']);
  });
  it('treats assessments older than a year as expired', () => {
    expect(assessmentValid('2026-03-02T10:00:00+08:00', '2026-11-20T10:00:00+08:00')).toBe(true);
    expect(assessmentValid('2024-05-20T09:00:00+08:00', '2026-11-20T10:00:00+08:00')).toBe(false);
    expect(assessmentValid(null, '2026-11-20T10:00:00+08:00')).toBe(false);
  });
});
