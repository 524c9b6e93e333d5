import { normalize } from '../../text/normalize.ts';
import type { Tokenizer } from '../../text/tokenize.ts';
import { analyzeCues, type CueAnalysis } from './analyze-cues.ts';
import { emotionRuleFeatures } from './emotion-features.ts';
import { findUrgencySignals, type UrgencySignals } from './measure-urgency.ts';
import { scoreBinary } from './score-linear.ts';
import type { BinaryLinearModel } from './sentiment-model.ts';
import { featuresOfNormalized } from './sentiment-features.ts';

/** Everything derived from one message before the emotion classifier runs. */
export interface MessageReading {
  normalized: string;
  /** Share of the message's letters that are Chinese characters (0…1): how much the Chinese model applies. */
  chineseShare: number;
  words: string[];
  cues: CueAnalysis;
  urgency: UrgencySignals;
  /** Logit of the Chinese polarity model, or undefined when the message has no Chinese. */
  polarityLogit: number | undefined;
  /** Word features plus rule features: the emotion classifier's input. */
  emotionFeatures: string[];
}

const HAN = /\p{Script=Han}/gu;
const LETTER = /\p{L}/gu;

/**
 * Reads a message once for both the analyzer and the training script, so that the features the emotion model
 * was trained on are exactly those it sees in production.
 */
export function readMessage(text: string, previous: readonly string[], tokenizer: Tokenizer, polarity: BinaryLinearModel): MessageReading {
  const normalized = normalize(text);
  const han = normalized.match(HAN)?.length ?? 0;
  const letters = normalized.match(LETTER)?.length ?? 0;
  const chineseShare = letters ? han / letters : 0;
  const words = featuresOfNormalized(normalized, tokenizer);
  const cues = analyzeCues(text, normalized);
  const urgency = findUrgencySignals(normalized, cues.capitalWords, previous);
  const polarityLogit = han > 0 ? scoreBinary(polarity, words) : undefined;
  const emotionFeatures = [...words, ...emotionRuleFeatures(normalized, cues, polarityLogit, urgency)];
  return { normalized, chineseShare, words, cues, urgency, polarityLogit, emotionFeatures };
}
