/**
 * Confidence calibration from held-out folds of the TRAINING data (never test data): a softmax temperature
 * that minimises negative log-likelihood, and a rejection threshold on the calibrated top confidence chosen so that
 * a target share of in-scope held-out utterances is accepted. The out-of-scope label is never needed.
 */
export interface Calibration {
  temperature: number;
  threshold: number;
}

/** One held-out prediction: raw class scores and the index of the true class. */
export interface HeldOutScores {
  scores: Float64Array;
  label: number;
}

function topProbability(scores: Float64Array, temperature: number, label?: number): { top: number; truth: number } {
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (const score of scores) sum += Math.exp((score - max) / temperature);
  const truth = label === undefined ? 0 : Math.exp((scores[label] - max) / temperature) / sum;
  return { top: 1 / sum, truth };
}

/** Grid search (log-spaced) of the temperature with the lowest held-out negative log-likelihood. */
export function fitTemperature(heldOut: HeldOutScores[]): number {
  if (heldOut.length === 0) return 1;
  let best = 1;
  let bestLoss = Infinity;
  for (let step = -30; step <= 30; step++) {
    const temperature = Math.pow(10, step / 20);
    let loss = 0;
    for (const { scores, label } of heldOut) loss -= Math.log(Math.max(topProbability(scores, temperature, label).truth, 1e-12));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = temperature;
    }
  }
  return best;
}

/**
 * Threshold that accepts `acceptRate` of the held-out utterances: the (1 - acceptRate) quantile of their calibrated
 * top confidence. `floor` keeps a sensible minimum when the fold is tiny (few examples per label).
 */
export function fitThreshold(heldOut: HeldOutScores[], temperature: number, acceptRate: number, floor: number): number {
  if (heldOut.length === 0) return floor;
  const tops = heldOut.map(({ scores }) => topProbability(scores, temperature).top).sort((a, b) => a - b);
  const position = Math.min(tops.length - 1, Math.max(0, Math.floor((1 - acceptRate) * tops.length)));
  return Math.max(floor, tops[position]);
}
