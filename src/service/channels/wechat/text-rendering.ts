import type { Card, QuickReply, Source } from '../../../engine/dialogue/types.ts';
import type { Locale } from '../../../engine/types.ts';
import type { Message } from '../../storage/store.ts';

const words = {
  zh: { choose: '回复数字选择：', order: '订单', total: '合计', tracking: '物流单号', available: '有货', soldOut: '缺货', sources: '参考：' },
  en: { choose: 'Reply with a number:', order: 'Order', total: 'Total', tracking: 'Tracking', available: 'in stock', soldOut: 'sold out', sources: 'Sources:' },
};

const money = (amount: number, currency: string) => `${currency === 'CNY' ? '¥' : currency === 'USD' ? '$' : `${currency} `}${amount.toFixed(2)}`;

function cardLines(card: Card, locale: Locale): string[] {
  const w = words[locale];
  switch (card.kind) {
    case 'order':
      return [`${w.order} ${card.orderId}：${card.status}`, ...card.items.map((item) => `· ${item.name} ${money(item.price, card.currency)}`), `${w.total} ${money(card.total, card.currency)}`, ...(card.tracking?.length ? [`${w.tracking} ${card.tracking.join(', ')}`] : [])];
    case 'product':
      return [`${card.name}${card.price === undefined ? '' : ` ${money(card.price, card.currency)}`}${card.available === undefined ? '' : `（${card.available ? w.available : w.soldOut}）`}`];
    case 'steps':
      return [card.title, ...card.steps.map((step, index) => `${index + 1}) ${step}`)];
    case 'timeline':
      return [card.title, ...card.events.map((event) => `${event.time} ${event.text}`)];
    case 'slots':
      return [card.title, ...card.slots.map((slot) => `· ${slot}`)];
  }
}

/**
 * A stored message as plain text for channels without rich messages (WeChat, WeCom, SMS-like webhooks): the text, each
 * card as a few lines, quick replies numbered ("回复数字选择：1. 查订单") — the customer answers with the number, which the
 * gateway maps back — and sources as links. Nothing is cut here: senders split a long text into several messages
 * within their channel's byte limit (split-text.ts); `limit` (characters) is for callers that must truncate.
 */
export function renderAsText(message: Message, locale: Locale, limit = Number.POSITIVE_INFINITY): string {
  const payload = message.payload as { quickReplies?: QuickReply[]; cards?: Card[]; sources?: Source[] };
  const w = words[locale];
  const parts = [message.text.trim()];
  for (const card of payload.cards ?? []) parts.push(cardLines(card, locale).join('\n'));
  const links = (payload.sources ?? []).filter((source) => /^https?:\/\//.test(source.source));
  if (links.length) parts.push([w.sources, ...links.map((source) => `${source.title} ${source.source}`)].join('\n'));
  if (payload.quickReplies?.length) parts.push([w.choose, ...payload.quickReplies.map((reply, index) => `${index + 1}. ${reply.label}`)].join('\n'));
  const text = parts.filter(Boolean).join('\n\n');
  return [...text].length > limit ? `${[...text].slice(0, limit - 1).join('')}…` : text;
}

/** The quick reply a bare number picks ("2" or "２" → the second), or null when the text is not such a number. */
export function pickNumberedReply(text: string, quickReplies: QuickReply[] | undefined): QuickReply | null {
  const digits = text.trim().replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,2}$/.test(digits) || !quickReplies?.length) return null;
  return quickReplies[Number(digits) - 1] ?? null;
}
