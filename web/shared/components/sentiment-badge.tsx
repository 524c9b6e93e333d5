import type { Understanding } from '../api-types.ts';
import { useI18n } from '../i18n.tsx';
import { Badge } from './ui.tsx';

const emoji: Record<string, string> = { anger: '😠', anxiety: '😟', disappointment: '😞', satisfaction: '😊', neutral: '😐' };

/**
 * Per-message sentiment/emotion badge from the engine's reading (payload.understanding.sentiment). Issue 6 adds
 * richer emotions and a sparkline; this badge already shows whatever label and emotion the engine reports.
 */
export function SentimentBadge({ sentiment }: { sentiment: Understanding['sentiment'] | string | null | undefined }) {
  const { t } = useI18n();
  if (!sentiment) return null;
  const label = typeof sentiment === 'string' ? sentiment : sentiment.label;
  const emotion = typeof sentiment === 'string' ? undefined : sentiment.emotion;
  const tone = label === 'negative' ? 'red' : label === 'positive' ? 'green' : 'gray';
  const text = label === 'negative' ? t.sentimentNegative : label === 'positive' ? t.sentimentPositive : t.sentimentNeutral;
  const polarity = typeof sentiment === 'string' ? '' : ` (${sentiment.polarity.toFixed(2)})`;
  return <Badge tone={tone} title={`${label}${emotion ? ` · ${emotion}` : ''}${polarity}`}>{emotion && emotion !== 'neutral' ? `${emoji[emotion] ?? ''} ${emotion}` : text}</Badge>;
}
