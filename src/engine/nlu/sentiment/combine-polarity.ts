import type { MessageReading } from './read-message.ts';

/** How much one unit of lexicon valence (AFINN scale) moves the logit. */
export interface LexiconWeights {
  /** Lexicon weight for Chinese text, where the learned model does most of the work. */
  chinese: number;
  /** Lexicon weight for English text, where the lexicon is all there is. */
  english: number;
  /** Extra weight of doubly negated Chinese cues: word bags read "不是不满意" as a complaint. */
  negation: number;
  /** Extra weight of emoji in Chinese text: the review corpus has almost none, so the model cannot weigh them. */
  emoji: number;
}

/**
 * `chinese` and `negation` were chosen on the dev split of the Chinese reviews with
 * `scripts/train-sentiment.ts --tune polarity`; `english` and `emoji` only set the scale of lexicon-only scores.
 */
export const DEFAULT_LEXICON_WEIGHTS: LexiconWeights = { chinese: 0.1, english: 0.6, negation: 2.5, emoji: 0.5 };

/**
 * Polarity in −1…1: the Chinese model's logit (when the message has Chinese) plus the lexicon valence weighted by
 * how Chinese the message is, squashed with tanh so that a logit of ±2 (≈ 88 % confidence) reads as ±0.76.
 */
export function combinePolarity(reading: MessageReading, weights: LexiconWeights = DEFAULT_LEXICON_WEIGHTS): number {
  const share = reading.chineseShare;
  const { cues } = reading;
  const lexicon = (share * weights.chinese + (1 - share) * weights.english) * cues.valence;
  const chineseOnly = share * (weights.negation * cues.doubleNegatedValence + weights.emoji * cues.emojiValence);
  // The review-trained model has seen long reviews; on a two-character "确认" or "再见" its bias speaks, not the
  // message. Its share grows with the evidence (features seen); explicit cues (lexicon, emoji) always count fully.
  const evidence = Math.min(1, reading.words.length / 16);
  const logit = (reading.polarityLogit ?? 0) * evidence + lexicon + chineseOnly;
  return Math.tanh(logit / 2);
}
