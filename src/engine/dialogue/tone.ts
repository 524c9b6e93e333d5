import type { Tone } from '../types.ts';
import type { Sentiment } from '../nlu/types.ts';

/**
 * The tone of this turn's replies: apologetic for anger or disappointment, warm for anxiety,
 * otherwise the tenant's configured tone.
 */
export function chooseTone(base: Tone, sentiment: Sentiment): Tone {
  // Anxiety is answered warmly even when mildly worded; anger and disappointment need a clearly negative message
  // (the emotion label alone misfires on neutral requests).
  if (sentiment.emotion === 'anxiety' && (sentiment.polarity < 0.3 || sentiment.urgency >= 0.3)) return 'warm';
  if (sentiment.polarity > -0.25 && sentiment.urgency < 0.5) return base;
  if (sentiment.emotion === 'anger' || sentiment.emotion === 'disappointment') return 'apologetic';
  if (sentiment.emotion === 'anxiety') return 'warm';
  if (sentiment.label === 'negative' && sentiment.polarity < -0.5) return 'apologetic';
  return base;
}
