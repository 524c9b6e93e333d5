import { z } from 'zod';
import { LingxiError } from '../../errors.ts';
import type { Tokenizer } from '../../text/tokenize.ts';
import type { Sentiment } from '../types.ts';
import { combinePolarity, DEFAULT_LEXICON_WEIGHTS } from './combine-polarity.ts';
import { urgencyScore, type UrgencySignals } from './measure-urgency.ts';
import { readMessage } from './read-message.ts';
import { scoreMulticlass } from './score-linear.ts';
import { EMOTIONS, sentimentModelSchema, type Emotion, type SentimentModel } from './sentiment-model.ts';
import { shippedSentimentModel } from './shipped-sentiment-model.ts';
import { SPEECH_ACT_VALENCE_FLOOR, speechAct } from './speech-act.ts';

export const sentimentAnalyzerConfigSchema = z.object({
  /** Learned weights; default the model shipped in ./model (trained by scripts/train-sentiment.ts). */
  model: z.unknown().optional(),
  /** Lexicon weights; defaults were chosen on the dev split (see combine-polarity.ts). */
  lexiconWeights: z.object({ chinese: z.number(), english: z.number(), negation: z.number() }).partial().default({}),
  /** |polarity| below this reads as label 'neutral'. */
  neutralBand: z.number().min(0).max(1).default(0.2),
  /**
   * A message the emotion model calls neutral (probability ≥ 0.5) has its polarity multiplied by this: questions
   * such as "请问可以开发票吗" look like complaints to a model trained on reviews. The sign is kept.
   */
  neutralDamping: z.number().min(0).max(1).default(0.3),
  /**
   * Polarity multiplier for requests, refusals and yes/no questions without negative words (speech-act.ts, issue 28):
   * "你们还招人吗" reads −0.68 to the review-trained model. The sign is kept, so the review polarity eval is unchanged.
   */
  speechActDamping: z.number().min(0).max(1).default(0.2),
});
export type SentimentAnalyzerConfig = Omit<z.input<typeof sentimentAnalyzerConfigSchema>, 'model'> & { model?: SentimentModel };

export interface SentimentContext {
  /** Earlier customer messages of the conversation, oldest first; a repeat of one of them raises urgency. */
  previous?: string[];
}

/** The sentiment with the evidence behind it, for logs, the console and tests. */
export interface SentimentExplanation {
  sentiment: Sentiment;
  /** Probability of each emotion. */
  emotions: Record<Emotion, number>;
  /** Logit of the Chinese polarity model, when the message has Chinese. */
  polarityLogit?: number;
  /** Lexicon valence (AFINN scale) after negation and intensifiers. */
  lexiconValence: number;
  urgency: UrgencySignals;
}

export interface SentimentAnalyzer {
  /** Polarity, label, emotion and urgency of one customer message. Never throws on user text. */
  analyze(text: string, context?: SentimentContext): Sentiment;
  /** Same as `analyze`, with the scores behind the answer. */
  explain(text: string, context?: SentimentContext): SentimentExplanation;
}

// Anger and anxiety make a message more pressing even without explicit cues.
const EMOTION_URGENCY: Partial<Record<Emotion, number>> = { anger: 0.25, anxiety: 0.2 };

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Creates the per-message sentiment and emotion analyzer for Chinese and English (issue 6): a logistic model over
 * jieba words and character bigrams for Chinese polarity, AFINN-165 plus hand-written cues (网络用语, emoji,
 * negation, intensifiers) for both languages, a softmax emotion classifier over words plus rule features, and
 * urgency rules ("马上", "ASAP", "!!!", capitals, repeated messages).
 *
 * @example
 * const analyzer = createSentimentAnalyzer({}, { tokenizer: createTokenizer() });
 * analyzer.analyze('快递一周了还没到，太坑了！！！');
 * // { polarity: -0.9…, label: 'negative', emotion: 'anger', urgency: 0.6… }
 */
export function createSentimentAnalyzer(config: SentimentAnalyzerConfig = {}, deps: { tokenizer: Tokenizer }): SentimentAnalyzer {
  const parsed = sentimentAnalyzerConfigSchema.safeParse(config);
  if (!parsed.success) throw new LingxiError('validation_failed', `sentiment analyzer config: ${parsed.error.message}`, { cause: parsed.error });
  const settings = parsed.data;
  let model: SentimentModel = shippedSentimentModel;
  if (config.model) {
    const checked = sentimentModelSchema.safeParse(config.model);
    if (!checked.success) throw new LingxiError('validation_failed', `sentiment model: ${checked.error.message}`, { cause: checked.error });
    model = checked.data;
  }
  const weights = { ...DEFAULT_LEXICON_WEIGHTS, ...settings.lexiconWeights };
  const emotionIndex = EMOTIONS.map((emotion) => model.emotion.labels.indexOf(emotion));
  if (emotionIndex.some((index) => index < 0)) {
    throw new LingxiError('validation_failed', `sentiment model: emotion labels must be ${EMOTIONS.join(', ')}`);
  }

  function explain(text: string, context: SentimentContext = {}): SentimentExplanation {
    const reading = readMessage(typeof text === 'string' ? text : '', context.previous ?? [], deps.tokenizer, model.polarity);
    const probabilities = scoreMulticlass(model.emotion, reading.emotionFeatures);
    const emotions = Object.fromEntries(EMOTIONS.map((emotion, k) => [emotion, round(probabilities[emotionIndex[k]])])) as Record<Emotion, number>;
    let emotion: Emotion = 'neutral';
    for (const candidate of EMOTIONS) if (emotions[candidate] > emotions[emotion]) emotion = candidate;
    let polarity = reading.normalized ? combinePolarity(reading, weights) : 0;
    if (emotion === 'neutral' && emotions.neutral >= 0.5) polarity *= settings.neutralDamping;
    // Requests, refusals and yes/no questions without real negative words are not feelings (speech-act.ts).
    const act = reading.normalized ? speechAct(reading.normalized) : null;
    // A task asked angrily ("你们什么破服务，帮我取消订单") keeps its polarity: the anger is the feeling.
    if (act && reading.cues.valence > SPEECH_ACT_VALENCE_FLOOR[act] && !(act === 'task' && emotion === 'anger')) polarity *= settings.speechActDamping;
    polarity = round(polarity);
    const label = polarity >= settings.neutralBand ? 'positive' : polarity <= -settings.neutralBand ? 'negative' : 'neutral';
    const urgency = reading.normalized ? urgencyScore(reading.urgency, (EMOTION_URGENCY[emotion] ?? 0) * emotions[emotion]) : 0;
    return {
      sentiment: { polarity, label, emotion: reading.normalized ? emotion : 'neutral', urgency },
      emotions,
      polarityLogit: reading.polarityLogit,
      lexiconValence: round(reading.cues.valence),
      urgency: reading.urgency,
    };
  }

  return {
    analyze: (text, context) => explain(text, context).sentiment,
    explain,
  };
}
