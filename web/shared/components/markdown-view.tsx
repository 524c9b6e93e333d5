import type { ReactNode } from 'react';
import { parseMarkdown, type Inline } from '../markdown.ts';

function inline(spans: Inline[]): ReactNode[] {
  return spans.map((span, index) => {
    if (span.kind === 'text') return span.text;
    if (span.kind === 'code') return <code key={index}>{span.text}</code>;
    if (span.kind === 'link') return <a key={index} href={span.href} target="_blank" rel="noopener noreferrer nofollow">{inline(span.children)}</a>;
    return span.kind === 'strong' ? <strong key={index}>{inline(span.children)}</strong> : <em key={index}>{inline(span.children)}</em>;
  });
}

/** Knowledge-base Markdown (safe subset, see markdown.ts) as React elements; never dangerouslySetInnerHTML. */
export function MarkdownView({ text }: { text: string }) {
  return (
    <div className="markdown" dir="auto">
      {parseMarkdown(text).map((block, index) => block.kind === 'heading' ? <h4 key={index}>{inline(block.children)}</h4>
        : block.kind === 'list' ? (block.ordered ? <ol key={index}>{block.items.map((item, i) => <li key={i}>{inline(item)}</li>)}</ol> : <ul key={index}>{block.items.map((item, i) => <li key={i}>{inline(item)}</li>)}</ul>)
          : <p key={index}>{block.lines.map((line, i) => <span key={i}>{i > 0 ? <br /> : null}{inline(line)}</span>)}</p>)}
    </div>
  );
}
