import { describe, expect, it } from 'vitest';
import { binaryReport, classificationReport, quantile } from './metrics.ts';

describe('classificationReport', () => {
  it('gives known numbers for a known confusion matrix', () => {
    // gold a: 3 → predicted a,a,b · gold b: 2 → b,b · gold c: 1 → a
    const report = classificationReport(['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'b', 'b', 'a']);
    expect(report.accuracy).toBeCloseTo(4 / 6);
    const byLabel = Object.fromEntries(report.perLabel.map((row) => [row.label, row]));
    expect(byLabel.a.precision).toBeCloseTo(2 / 3);
    expect(byLabel.a.recall).toBeCloseTo(2 / 3);
    expect(byLabel.b.precision).toBeCloseTo(2 / 3);
    expect(byLabel.b.recall).toBe(1);
    expect(byLabel.b.f1).toBeCloseTo(0.8);
    expect(byLabel.c.f1).toBe(0);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.8 + 0) / 3);
    expect(report.confusions[0]).toEqual({ gold: 'a', predicted: 'b', count: 1 });
  });
  it('computes binary metrics and quantiles', () => {
    expect(binaryReport([true, true, false, false], [true, false, true, false])).toEqual({ accuracy: 0.5, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile(Array.from({ length: 100 }, (_, i) => i + 1), 0.99)).toBe(99);
  });
});
