import type { Locale } from '../types.ts';
import type { KnowledgeDoc } from './types.ts';
import { LingxiError } from '../errors.ts';

/**
 * Parses a pack's FAQ Markdown (docs/briefs/faq-format.md): one entry per `## ` heading, metadata lines
 * (`id:`, `tags:`, `alt:`) directly below it until the first blank line, then the Markdown answer until the next
 * `## `. Doc ids are `<pack>/<locale>/<id>`, sources `<file>#<id>`. A missing or duplicate id or an empty answer is a
 * `malformed_file` error naming the file and line.
 */
export function parseFaqMarkdown(markdown: string, options: { pack: string; locale: Locale; file: string }): KnowledgeDoc[] {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r?\n/);
  const docs: KnowledgeDoc[] = [];
  const seen = new Map<string, number>();
  const fail = (line: number, reason: string): never => {
    throw new LingxiError('malformed_file', `${options.file}:${line}: ${reason}`, { details: { file: options.file, line } });
  };
  let inFence = false;
  const headings: number[] = [];
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && /^## /.test(line)) headings.push(i);
  });
  headings.forEach((start, h) => {
    const end = h + 1 < headings.length ? headings[h + 1] : lines.length;
    const headingLine = start + 1;
    const title = lines[start].slice(3).trim();
    if (!title) fail(headingLine, 'empty question heading');
    let cursor = start + 1;
    const meta: Record<string, { value: string; line: number }> = {};
    while (cursor < end && lines[cursor].trim() !== '') {
      const match = /^([a-z]+)\s*:\s*(.*)$/i.exec(lines[cursor].trim());
      if (!match) break; // the answer starts without a blank line
      const key = match[1].toLowerCase();
      if (!['id', 'tags', 'alt'].includes(key)) fail(cursor + 1, `unknown metadata "${key}" (expected id, tags or alt)`);
      meta[key] = { value: match[2].trim(), line: cursor + 1 };
      cursor++;
    }
    const id = meta.id?.value;
    if (!id) fail(headingLine, `entry "${title}" has no "id:" line`);
    if (!/^[\w.-]+$/.test(id!)) fail(meta.id.line, `id "${id}" may contain only letters, digits, "_", "-" and "."`);
    if (seen.has(id!)) fail(meta.id.line, `duplicate id "${id}" (first used on line ${seen.get(id!)})`);
    seen.set(id!, meta.id.line);
    const answer = lines.slice(cursor, end).join('\n').trim();
    if (!answer) fail(headingLine, `entry "${id}" has an empty answer`);
    const split = (value: string | undefined, separator: RegExp) => (value ?? '').split(separator).map((part) => part.trim()).filter(Boolean);
    const tags = split(meta.tags?.value, /[,，]/);
    docs.push({
      id: `${options.pack}/${options.locale}/${id}`,
      locale: options.locale,
      title,
      questions: [title, ...split(meta.alt?.value, /\|/)],
      answer,
      source: `${options.file}#${id}`,
      ...(tags.length ? { tags } : {}),
    });
  });
  return docs;
}
