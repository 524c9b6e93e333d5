import { describe, expect, it } from 'vitest';
import { macroF1 } from './macro-f1.ts';
import { scoreBinary, scoreMulticlass } from './score-linear.ts';
import { stratifiedSplit } from './stratified-split.ts';
import { trainBinaryLogistic, trainMulticlassLogistic } from './train-logistic.ts';

describe('logistic training', () => {
  const bags = [['w:好', 'w:快'], ['w:好', 'w:香'], ['w:差', 'w:慢'], ['w:差', 'w:凉'], ['w:好'], ['w:差']];
  const labels = [1, 1, 0, 0, 1, 0];

  it('learns a separable binary problem, deterministically for a seed', () => {
    const model = trainBinaryLogistic(bags, labels, { minCount: 1, epochs: 20 });
    expect(scoreBinary(model, ['w:好', 'w:新'])).toBeGreaterThan(0);
    expect(scoreBinary(model, ['w:差'])).toBeLessThan(0);
    expect(trainBinaryLogistic(bags, labels, { minCount: 1, epochs: 20 })).toEqual(model);
  });

  it('prunes to maxFeatures and drops rare features', () => {
    expect(Object.keys(trainBinaryLogistic(bags, labels, { minCount: 1, maxFeatures: 2 }).weights)).toHaveLength(2);
    expect(Object.keys(trainBinaryLogistic(bags, labels, { minCount: 3 }).weights).sort()).toEqual(['w:好', 'w:差']);
  });

  it('learns a softmax model whose probabilities sum to 1', () => {
    const model = trainMulticlassLogistic([['w:a'], ['w:b'], ['w:c'], ['w:a', 'r:x']], [0, 1, 2, 0], ['x', 'y', 'z'], { minCount: 1, epochs: 30 });
    const probabilities = scoreMulticlass(model, ['w:b']);
    expect(probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    expect(probabilities.indexOf(Math.max(...probabilities))).toBe(1);
  });
});

describe('macroF1 and stratifiedSplit', () => {
  it('averages per-class F1', () => {
    expect(macroF1([0, 1, 1, 0], [0, 1, 1, 0], 2)).toBe(1);
    expect(macroF1([1, 1, 1, 1], [0, 1, 1, 0], 2)).toBeCloseTo((0 + 2 / 3) / 2, 6);
  });

  it('keeps strata proportions and is reproducible from the seed', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ i, label: i % 4 === 0 ? 'a' : 'b' }));
    const [train, test] = stratifiedSplit(items, (item) => item.label, [0.8, 0.2], 42);
    expect(train).toHaveLength(80);
    expect(test.filter((item) => item.label === 'a')).toHaveLength(5);
    expect(stratifiedSplit(items, (item) => item.label, [0.8, 0.2], 42)).toEqual([train, test]);
    expect(stratifiedSplit(items, (item) => item.label, [0.8, 0.2], 43)[1]).not.toEqual(test);
  });
});
