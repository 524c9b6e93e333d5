import type { Sentiment } from '../../engine/nlu/types.ts';

/**
 * Queue priority of a conversation (higher first; equal priorities wait longest first): 3 furious, 2 angry or a
 * complaint, 1 anxious or urgent, 0 otherwise. It only rises during a conversation — a customer who calmed down
 * still waited angry.
 */
export function conversationPriority(previous: number, sentiment: Sentiment, intent: string | null): number {
  let priority = 0;
  if (sentiment.emotion === 'anger') priority = sentiment.polarity <= -0.7 ? 3 : 2;
  else if (intent === 'complaint') priority = 2;
  else if (sentiment.emotion === 'anxiety' || sentiment.urgency >= 0.6) priority = 1;
  return Math.max(previous, priority);
}

/** A very negative message, or a handoff because of sustained anger, alerts the supervisors. */
export function needsSupervisor(sentiment: Sentiment, handoffReason: string | undefined): boolean {
  return handoffReason === 'negative_sentiment' || (sentiment.label === 'negative' && sentiment.polarity <= -0.8);
}
