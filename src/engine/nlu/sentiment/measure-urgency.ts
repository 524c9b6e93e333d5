import { normalize } from '../../text/normalize.ts';
import { URGENCY_CUES } from './sentiment-lexicon.ts';

/** The evidence behind an urgency score, so callers and tests can see why a message counts as urgent. */
export interface UrgencySignals {
  cues: string[];
  exclamations: number;
  capitalWords: number;
  /** How many earlier messages of the conversation say the same thing. */
  repeats: number;
}

const HAN = /\p{Script=Han}/u;
const MATCHERS = [...URGENCY_CUES.keys()].map((cue) => {
  const pattern = new RegExp(`\\b${cue}\\b`);
  return { cue, matches: HAN.test(cue) ? (text: string) => text.includes(cue) : (text: string) => pattern.test(text) };
});

function bigrams(text: string): Set<string> {
  const chars = Array.from(text.replace(/\s+/g, ''));
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  if (chars.length === 1) grams.add(chars[0]);
  return grams;
}

/** Near-duplicates count as repeats: "还没到？" and "还没到？？？" are the same complaint. */
function sameMessage(a: string, b: string): boolean {
  if (a === b) return true;
  const left = bigrams(a.replace(/[!?.,~。]+/g, ''));
  const right = bigrams(b.replace(/[!?.,~。]+/g, ''));
  if (left.size === 0 || right.size === 0) return false;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared) >= 0.75;
}

/** Finds the urgency cues of a normalised message: words, "!!!", capitals, repeats of earlier messages. */
export function findUrgencySignals(normalized: string, capitalWords: number, previous: readonly string[] = []): UrgencySignals {
  const cues: string[] = [];
  for (const { cue, matches } of MATCHERS) if (matches(normalized)) cues.push(cue);
  const exclamations = Math.max(0, ...(normalized.match(/!+/g) ?? []).map((run) => run.length));
  const repeats = previous.slice(-10).filter((message) => sameMessage(normalize(message), normalized)).length;
  return { cues, exclamations, capitalWords, repeats };
}

/**
 * Combines urgency signals as independent evidence: `1 − Π(1 − wᵢ)`, so each extra cue raises urgency with
 * diminishing returns and the result stays in 0…1.
 */
export function urgencyScore(signals: UrgencySignals, emotionBoost = 0): number {
  const weights = signals.cues.map((cue) => URGENCY_CUES.get(cue) ?? 0);
  if (signals.exclamations >= 3) weights.push(0.4);
  else if (signals.exclamations === 2) weights.push(0.2);
  if (signals.capitalWords >= 2) weights.push(0.45);
  else if (signals.capitalWords === 1) weights.push(0.25);
  if (signals.repeats > 0) weights.push(Math.min(0.8, 0.45 + 0.15 * (signals.repeats - 1)));
  if (emotionBoost > 0) weights.push(emotionBoost);
  const calm = weights.reduce((product, weight) => product * (1 - weight), 1);
  return Math.round((1 - calm) * 1000) / 1000;
}
