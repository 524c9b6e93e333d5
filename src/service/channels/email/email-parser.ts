import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Locale } from '../../../engine/types.ts';
import { detectLanguage } from '../../../engine/text/language.ts';
import { stripQuotedText } from './quoted-text.ts';
import { cleanText } from '../clean-text.ts';
import { bareMessageId, threadKeyOfEmail } from './email-thread.ts';

/** An inbound email reduced to what the conversation needs. */
export interface ParsedEmail {
  from: { address: string; name: string | null } | null;
  /** To and Cc addresses, lower-cased. */
  recipients: string[];
  subject: string;
  /** Without angle brackets; derived from the content when the email has none, so a re-delivery keeps the same id. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** The first Reply-To address (lower-cased): where answers go when the sender asked for it (a web form's noreply@). */
  replyTo: string | null;
  threadKey: string;
  /** What the sender wrote now: quoted history and signature removed (from the text part, else from the HTML part). */
  text: string;
  /** Files with their content (the intake stores those within the tenant's limits). */
  attachments: Array<{ name: string; contentType: string; size: number; content: Buffer }>;
  locale: Locale | undefined;
  /** Auto-replies and bulk mail (RFC 3834 Auto-Submitted, Precedence): never answered, so two robots cannot loop. */
  automatic: boolean;
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  [value ?? []].flat().flatMap((group) => group.value.flatMap(function flatten(entry): string[] {
    return [...(entry.address ? [entry.address.toLowerCase()] : []), ...(entry.group ?? []).flatMap(flatten)];
  }));

const headerText = (value: unknown): string => (typeof value === 'string' ? value : value && typeof value === 'object' && 'value' in value ? String((value as { value: unknown }).value) : '');

/**
 * Parses an RFC 5322 message (MIME, any charset mailparser knows: UTF-8, GB2312/GBK/GB18030, Big5, ISO-8859-*).
 * HTML-only emails are turned into text by mailparser (html-to-text), whose blockquotes come out ">"-quoted and are
 * then stripped like plain-text quotes. Attachments come with their content. NUL and other control
 * characters are removed from every string (the database refuses NUL; a sender told "try later" would retry for days).
 */
export async function parseEmail(raw: Buffer | string): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 2_000_000 });
  const references = [mail.references ?? []].flat().map((id) => bareMessageId(cleanText(id))).filter(Boolean);
  const inReplyTo = mail.inReplyTo ? bareMessageId(cleanText(mail.inReplyTo).split(/\s+/)[0]) : null;
  const messageId = mail.messageId ? bareMessageId(cleanText(mail.messageId)) : `sha256.${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@lingxi.invalid`;
  const sender = mail.from?.value.find((entry) => entry.address);
  const replyTo = addresses(mail.replyTo)[0] ?? null;
  const text = stripQuotedText(cleanText(mail.text ?? ''));
  const detected = detectLanguage(`${mail.subject ?? ''}\n${text}`);
  const autoSubmitted = headerText(mail.headers.get('auto-submitted')).toLowerCase();
  const precedence = headerText(mail.headers.get('precedence')).toLowerCase();
  return {
    from: sender ? { address: cleanText(sender.address!).toLowerCase(), name: cleanText(sender.name ?? '').trim() || null } : null,
    recipients: [...new Set([...addresses(mail.to), ...addresses(mail.cc)])],
    subject: cleanText(mail.subject ?? '').trim(),
    messageId, inReplyTo, references, replyTo: replyTo && replyTo !== sender?.address?.toLowerCase() ? cleanText(replyTo) : null,
    threadKey: threadKeyOfEmail({ messageId, inReplyTo, references }),
    text,
    attachments: mail.attachments.map((attachment) => ({ name: cleanText(attachment.filename ?? 'attachment'), contentType: attachment.contentType, size: attachment.size, content: attachment.content })),
    locale: detected === 'zh' || detected === 'en' ? detected : undefined,
    automatic: (autoSubmitted !== '' && autoSubmitted !== 'no') || ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) || mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond'),
  };
}
