import type { Card, Source } from '../shared/api-types.ts';
import { parseMarkdown, type Inline } from '../shared/markdown.ts';
import { h, icon, icons } from './dom.ts';
import type { WidgetStrings } from './locales/strings.ts';

function inline(spans: Inline[]): Node[] {
  return spans.map((span): Node => {
    if (span.kind === 'text') return document.createTextNode(span.text);
    if (span.kind === 'code') return h('code', {}, span.text);
    if (span.kind === 'link') return h('a', { href: span.href, target: '_blank', rel: 'noopener noreferrer nofollow' }, ...inline(span.children));
    return h(span.kind === 'strong' ? 'strong' : 'em', {}, ...inline(span.children));
  });
}

/** Message text as safe Markdown (bot and knowledge answers) or plain text (customers and agents). */
export function renderText(text: string, markdown: boolean): HTMLElement {
  if (!markdown) return h('div', { class: 'lx-text', dir: 'auto' }, text);
  const root = h('div', { class: 'lx-text lx-md', dir: 'auto' });
  for (const block of parseMarkdown(text)) {
    if (block.kind === 'heading') root.append(h('p', {}, h('strong', {}, ...inline(block.children))));
    else if (block.kind === 'list') root.append(h(block.ordered ? 'ol' : 'ul', {}, ...block.items.map((item) => h('li', {}, ...inline(item)))));
    else {
      const paragraph = h('p');
      block.lines.forEach((line, index) => {
        if (index > 0) paragraph.append(h('br'));
        paragraph.append(...inline(line));
      });
      root.append(paragraph);
    }
  }
  return root;
}

const money = (amount: number, currency: string, locale: string) => {
  try {
    return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { style: 'currency', currency: currency || 'CNY' }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
};

/** Order, product, troubleshooting-steps, timeline and time-slot cards. */
export function renderCard(card: Card, strings: WidgetStrings, locale: string, onChoose: (text: string) => void): HTMLElement {
  switch (card.kind) {
    case 'order':
      return h('div', { class: 'lx-card lx-card-order', role: 'group', 'aria-label': `${strings.order} ${card.orderId}` },
        h('div', { class: 'lx-card-head' }, h('span', { class: 'lx-card-title' }, `${strings.order} ${card.orderId}`), h('span', { class: 'lx-pill' }, card.status)),
        h('ul', { class: 'lx-items' }, ...card.items.map((item) => h('li', {},
          h('span', { class: 'lx-item-name' }, item.name, Object.keys(item.options).length ? h('small', {}, Object.values(item.options).join(' · ')) : null),
          h('span', { class: 'lx-price' }, money(item.price, card.currency, locale))))),
        h('div', { class: 'lx-card-foot' }, h('span', {}, strings.total), h('strong', {}, money(card.total, card.currency, locale))),
        card.tracking?.length ? h('div', { class: 'lx-muted' }, `${strings.tracking}: ${card.tracking.join(', ')}`) : null);
    case 'product':
      return h('div', { class: 'lx-card lx-card-product', role: 'group', 'aria-label': card.name },
        h('div', { class: 'lx-card-head' }, h('span', { class: 'lx-card-title' }, card.name),
          card.available === undefined ? null : h('span', { class: card.available ? 'lx-pill lx-ok' : 'lx-pill lx-bad' }, card.available ? strings.available : strings.unavailable)),
        card.price === undefined ? null : h('div', { class: 'lx-price lx-big' }, money(card.price, card.currency, locale)),
        ...Object.entries(card.options ?? {}).map(([name, values]) => h('div', { class: 'lx-muted' }, `${name}: ${values.join(' / ')}`)));
    case 'steps':
      return h('div', { class: 'lx-card', role: 'group', 'aria-label': card.title }, h('div', { class: 'lx-card-title' }, card.title),
        h('ol', { class: 'lx-steps' }, ...card.steps.map((step, index) => h('li', { class: index === card.current ? 'lx-current' : '', 'aria-current': index === card.current ? 'step' : null }, step))));
    case 'timeline':
      return h('div', { class: 'lx-card', role: 'group', 'aria-label': card.title }, h('div', { class: 'lx-card-title' }, card.title),
        h('ul', { class: 'lx-timeline' }, ...card.events.map((event) => h('li', {}, h('time', {}, event.time), h('span', {}, event.text)))));
    case 'slots':
      return h('div', { class: 'lx-card', role: 'group', 'aria-label': card.title }, h('div', { class: 'lx-card-title' }, card.title),
        h('div', { class: 'lx-slots' }, ...card.slots.map((slot) => h('button', { type: 'button', class: 'lx-chip', onclick: () => onChoose(slot) }, slot))));
  }
}

/** Links to the knowledge sources of an answer; only http(s) sources become links. */
export function renderSources(sources: Source[], strings: WidgetStrings): HTMLElement {
  return h('div', { class: 'lx-sources', role: 'note', 'aria-label': strings.sources }, h('span', { class: 'lx-muted' }, strings.sources),
    ...sources.map((source) => /^https?:\/\//i.test(source.source)
      ? h('a', { href: source.source, target: '_blank', rel: 'noopener noreferrer nofollow', class: 'lx-source' }, icon(icons.link, 14), source.title)
      : h('span', { class: 'lx-source', title: source.source }, icon(icons.link, 14), source.title)));
}
