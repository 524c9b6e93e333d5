/** Classification metrics from parallel lists of gold and predicted labels. */
export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perLabel: Array<{ label: string; precision: number; recall: number; f1: number; support: number }>;
  /** Most frequent (gold → predicted) mistakes, largest first. */
  confusions: Array<{ gold: string; predicted: string; count: number }>;
}

/**
 * Accuracy, per-label precision/recall/F1 and macro-F1 (unweighted mean over labels that occur in gold or
 * predictions, as scikit-learn does). Labels that are neither gold nor predicted do not count.
 */
export function classificationReport(gold: string[], predicted: string[]): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  const labels = [...new Set([...gold, ...predicted])].sort();
  const truePositive = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const confusion = new Map<string, number>();
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predictedCount.set(p, (predictedCount.get(p) ?? 0) + 1);
    if (g === p) {
      correct++;
      truePositive.set(g, (truePositive.get(g) ?? 0) + 1);
    } else {
      const key = `${g}\u0000${p}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
  });
  const perLabel = labels.map((label) => {
    const tp = truePositive.get(label) ?? 0;
    const precision = tp / (predictedCount.get(label) || 1);
    const recall = tp / (goldCount.get(label) || 1);
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: goldCount.get(label) ?? 0 };
  });
  const confusions = [...confusion.entries()]
    .map(([key, count]) => {
      const [g, p] = key.split('\u0000');
      return { gold: g, predicted: p, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold));
  return {
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: perLabel.length ? perLabel.reduce((sum, row) => sum + row.f1, 0) / perLabel.length : 0,
    perLabel,
    confusions,
  };
}

/** Binary accuracy / precision / recall / F1 with `positive` as the positive class. */
export function binaryReport(gold: boolean[], predicted: boolean[]): { accuracy: number; precision: number; recall: number; f1: number } {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  gold.forEach((g, i) => {
    if (g && predicted[i]) tp++;
    else if (!g && predicted[i]) fp++;
    else if (g) fn++;
    else tn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { accuracy: gold.length ? (tp + tn) / gold.length : 0, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The value at quantile q (0…1) of a list of numbers (nearest rank). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
