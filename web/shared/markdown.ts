/**
 * A deliberately small, safe Markdown subset for knowledge-base answers: paragraphs, line breaks, bullet and numbered
 * lists, headings (rendered as bold lines), **bold**, *italic*, `code` and [links](https://…) with http(s)/mailto
 * targets only. The parser returns data, never HTML, so the widget (DOM) and the console (React) render it with text
 * nodes only — untrusted text can never become markup.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'heading'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const safeHref = (href: string): string | null => (/^(https?:\/\/|mailto:)/i.test(href.trim()) ? href.trim() : null);

/** Inline spans of one line. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /(\*\*([^*]+)\*\*)|(`([^`]+)`)|(\[([^\]]+)\]\(([^)\s]+)\))|(\*([^*\s][^*]*)\*)/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) out.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[2] !== undefined) out.push({ kind: 'strong', children: parseInline(match[2]) });
    else if (match[4] !== undefined) out.push({ kind: 'code', text: match[4] });
    else if (match[6] !== undefined) {
      const href = safeHref(match[7]);
      out.push(href ? { kind: 'link', href, children: parseInline(match[6]) } : { kind: 'text', text: match[0] });
    } else if (match[9] !== undefined) out.push({ kind: 'em', children: parseInline(match[9]) });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Blocks of a whole text. */
export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: Inline[][] = [];
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = [];
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)、]\s*(.*)$/.exec(line);
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!line.trim()) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: 'heading', children: parseInline(heading[1]) });
    } else if (bullet || numbered) {
      const ordered = !bullet;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInline((bullet ?? numbered)![1]));
    } else {
      if (list) flush();
      paragraph.push(parseInline(line));
    }
  }
  flush();
  return blocks;
}
