/**
 * Macro-averaged F1 over `classes` labels (0 … classes−1): the mean of per-class F1, so a small class counts as
 * much as a large one. A class that is neither predicted nor present is skipped.
 */
export function macroF1(predictions: readonly number[], labels: readonly number[], classes: number): number {
  const scores: number[] = [];
  for (let k = 0; k < classes; k++) {
    let truePositive = 0;
    let falsePositive = 0;
    let falseNegative = 0;
    predictions.forEach((prediction, i) => {
      if (prediction === k && labels[i] === k) truePositive++;
      else if (prediction === k) falsePositive++;
      else if (labels[i] === k) falseNegative++;
    });
    if (truePositive + falsePositive + falseNegative === 0) continue;
    scores.push((2 * truePositive) / (2 * truePositive + falsePositive + falseNegative));
  }
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
}
