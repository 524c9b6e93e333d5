import type { Card, QuickReply, Source } from '../../../engine/dialogue/types.ts';
import type { Locale } from '../../../engine/types.ts';
import type { Message } from '../../storage/store.ts';

const words = {
  zh: { options: '您可以直接回复以下任一项：', sources: '参考来源', order: '订单', status: '状态', total: '合计', tracking: '物流单号', price: '价格', inStock: '有货', outOfStock: '缺货', agent: '客服' },
  en: { options: 'You can reply with any of these:', sources: 'Sources', order: 'Order', status: 'status', total: 'total', tracking: 'tracking', price: 'price', inStock: 'in stock', outOfStock: 'out of stock', agent: 'Agent' },
};

/** One card as plain lines (email clients render no widgets; the facts must survive as text). */
export function cardLines(card: Card, locale: Locale): string[] {
  const w = words[locale];
  switch (card.kind) {
    case 'order':
      return [
        `${w.order} ${card.orderId} · ${w.status}: ${card.status} · ${w.total}: ${card.total} ${card.currency}`,
        ...card.items.map((item) => `  - ${item.name}${Object.keys(item.options).length ? ` (${Object.values(item.options).join(', ')})` : ''} · ${item.price} ${card.currency}`),
        ...(card.tracking?.length ? [`${w.tracking}: ${card.tracking.join(', ')}`] : []),
      ];
    case 'product':
      return [`${card.name}${card.price !== undefined ? ` · ${w.price}: ${card.price} ${card.currency}` : ''}${card.available === undefined ? '' : ` · ${card.available ? w.inStock : w.outOfStock}`}`];
    case 'steps':
      return [card.title, ...card.steps.map((step, index) => `  ${index + 1}. ${step}`)];
    case 'timeline':
      return [card.title, ...card.events.map((event) => `  ${event.time}  ${event.text}`)];
    case 'slots':
      return [card.title, ...card.slots.map((slot) => `  - ${slot}`)];
  }
}

/** One stored message as a plain-text block: text, cards, quick replies as options to reply with, sources as links. */
export function messageBlock(message: Message, locale: Locale): string {
  const payload = message.payload as { cards?: Card[]; quickReplies?: QuickReply[]; sources?: Source[]; agentName?: string };
  const w = words[locale];
  const lines = [message.text.trim()];
  for (const card of payload.cards ?? []) lines.push('', ...cardLines(card, locale));
  if (payload.quickReplies?.length) lines.push('', w.options, ...payload.quickReplies.map((reply) => `  - ${reply.label}`));
  if (payload.sources?.length) lines.push('', `${w.sources}:`, ...payload.sources.map((source) => `  - ${source.title}${/^https?:\/\//.test(source.source) ? ` <${source.source}>` : ''}`));
  if (message.author === 'agent' && payload.agentName) lines.push('', `— ${payload.agentName} · ${w.agent}`);
  return lines.join('\n').trim();
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Plain text to simple HTML: escaped, paragraphs and line breaks kept, http(s) links clickable. Never passes markup through. */
export function textToHtml(text: string, lang: string): string {
  const paragraphs = text.split(/\n{2,}/).map((paragraph) =>
    `<p>${escapeHtml(paragraph).replace(/(https?:\/\/[^\s<>&"]+)/g, '<a href="$1">$1</a>').replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html lang="${lang}"><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:14px;line-height:1.6">${paragraphs.join('\n')}</body></html>`;
}

/** The body of one outbound email for a batch of messages (one turn): text and HTML parts. */
export function renderEmailBody(messages: Message[], locale: Locale): { text: string; html: string } {
  const text = messages.map((message) => messageBlock(message, locale)).filter(Boolean).join('\n\n');
  return { text, html: textToHtml(text, locale === 'zh' ? 'zh-CN' : 'en') };
}
