import type { MessageReading } from './read-message.ts';

/** How much one unit of lexicon valence (AFINN scale) moves the logit. */
export interface LexiconWeights {
  /** Lexicon weight for Chinese text, where the learned model does most of the work. */
  chinese: number;
  /** Lexicon weight for English text, where the lexicon is all there is. */
  english: number;
  /** Extra weight of negated cues in Chinese text: word bags cannot read "不是不满意" or "并不差". */
  negation: number;
}

/**
 * Chosen on the dev split of the Chinese data with `scripts/train-sentiment.ts --tune polarity` (Chinese and
 * negation weights; the English weight only sets the scale of the lexicon-only score).
 */
export const DEFAULT_LEXICON_WEIGHTS: LexiconWeights = { chinese: 0.25, english: 0.6, negation: 2.5 };

/**
 * Polarity in −1…1: the Chinese model's logit (when the message has Chinese) plus the lexicon valence weighted by
 * how Chinese the message is, squashed with tanh so that a logit of ±2 (≈ 88 % confidence) reads as ±0.76.
 */
export function combinePolarity(reading: MessageReading, weights: LexiconWeights = DEFAULT_LEXICON_WEIGHTS): number {
  const share = reading.chineseShare;
  const lexicon = (share * weights.chinese + (1 - share) * weights.english) * reading.cues.valence;
  const negation = share * weights.negation * reading.cues.negatedValence;
  const logit = (reading.polarityLogit ?? 0) + lexicon + negation;
  return Math.tanh(logit / 2);
}
