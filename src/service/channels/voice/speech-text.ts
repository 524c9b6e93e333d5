import type { Card, QuickReply } from '../../../engine/dialogue/types.ts';
import type { Locale } from '../../../engine/types.ts';
import { cardLines } from '../email/email-body.ts';

/** The longest text spoken for one reply; longer text is cut at a sentence end (callers do not listen to essays). */
const MAX_SPOKEN_CHARS = 600;

/**
 * Markdown and links to words a speech engine reads well: links keep their label, bare URLs are dropped (nobody can
 * click on a phone), emphasis/code/heading marks and emoji go, list bullets become pauses, numbered options are read
 * out ("第1项，…" / "Option 1: …").
 */
export function speakableText(markdown: string, locale: Locale): string {
  const lines = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\((?:[^)]*)\)/g, '$1')
    .replace(/<?https?:\/\/[^\s>)]+>?/g, '')
    .replace(/`{1,3}([^`]*)`{1,3}/g, '$1')
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/(^|[^*\w])[*_]([^*_\n]+)[*_](?=[^*\w]|$)/g, '$1$2')
    .replace(/\p{Extended_Pictographic}\uFE0F?/gu, '')
    .split(/\r?\n/);
  const spoken = lines.map((line) => {
    const text = line.replace(/^\s*#{1,6}\s+/, '').replace(/^\s*>\s?/, '').trim();
    const numbered = /^(\d{1,2})[.)、]\s+(.+)$/.exec(text);
    if (numbered) return locale === 'zh' ? `第${numbered[1]}项，${numbered[2]}` : `Option ${numbered[1]}: ${numbered[2]}`;
    return text.replace(/^[-*+•]\s+/, '');
  }).filter(Boolean);
  const end = locale === 'zh' ? '。' : '.';
  return spoken.map((line) => (/[。！？!?.,，；;：:]$/.test(line) ? line : `${line}${end}`)).join(locale === 'zh' ? '' : ' ').replace(/\s{2,}/g, ' ').trim();
}

/** Cuts spoken text at the last sentence end before the limit. */
function limit(text: string): string {
  if (text.length <= MAX_SPOKEN_CHARS) return text;
  const head = text.slice(0, MAX_SPOKEN_CHARS);
  const cut = Math.max(...['。', '！', '？', '. ', '! ', '? '].map((mark) => head.lastIndexOf(mark)));
  return cut > MAX_SPOKEN_CHARS / 3 ? head.slice(0, cut + 1) : head;
}

/** One stored bot/agent message as speech text: its text, cards in brief, quick replies as "you can say …". */
export function speechForMessage(message: { text: string; payload: Record<string, unknown> }, locale: Locale): string {
  const payload = message.payload as { cards?: Card[]; quickReplies?: QuickReply[] };
  const parts = [speakableText(message.text, locale)];
  for (const card of payload.cards ?? []) parts.push(speakableText(cardLines(card, locale).map((line) => line.replace(/\s·\s/g, locale === 'zh' ? '，' : ', ')).join('\n'), locale));
  const options = (payload.quickReplies ?? []).map((reply) => reply.label.trim()).filter(Boolean);
  if (options.length) {
    const joined = options.length === 1 ? options[0] : locale === 'zh' ? `${options.slice(0, -1).join('、')}或${options.at(-1)}` : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
    parts.push(locale === 'zh' ? `您可以说：${joined}。` : `You can say: ${joined}.`);
  }
  return limit(parts.filter(Boolean).join(locale === 'zh' ? '' : ' '));
}

/** XML/SSML-safe text: the five markup characters escaped, control characters removed. */
export function escapeSpeech(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
