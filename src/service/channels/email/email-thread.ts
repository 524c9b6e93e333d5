import { createHash } from 'node:crypto';

/** Message-IDs without angle brackets and surrounding space, as mailparser and nodemailer may give them either way. */
export const bareMessageId = (value: string): string => value.trim().replace(/^<|>$/g, '');

const OURS = /^lx\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+@/;

/** The thread key of a root Message-ID: the id itself, or a hash when it is too long to carry inside our own ids. */
export function threadKeyOf(rootMessageId: string): string {
  const bare = bareMessageId(rootMessageId);
  return bare.length <= 180 ? bare : `sha256:${createHash('sha256').update(bare).digest('hex').slice(0, 40)}`;
}

/**
 * Message-ID of an email Lingxi sends: `<lx.{thread key, base64url}.{message id}@{domain}>`. Carrying the thread key
 * means a reply whose client kept only In-Reply-To (and dropped References) still finds its conversation, and the id
 * is the same on a retried send, so receiving servers can drop the duplicate.
 */
export function outboundMessageId(threadKey: string, messageId: string, domain: string): string {
  const safeMessage = messageId.replace(/[^A-Za-z0-9_-]/g, '');
  return `<lx.${Buffer.from(threadKey).toString('base64url')}.${safeMessage}@${domain}>`;
}

/**
 * The thread of an inbound email (RFC 5322 §3.6.4): the thread key carried by one of our own ids it refers to,
 * else the first References entry (the root), else In-Reply-To, else its own Message-ID (a new thread).
 */
export function threadKeyOfEmail(email: { messageId: string; inReplyTo: string | null; references: string[] }): string {
  const referred = [...email.references, ...(email.inReplyTo ? [email.inReplyTo] : [])].map(bareMessageId).filter(Boolean);
  for (const id of [...referred].reverse()) {
    const ours = OURS.exec(id);
    if (ours) {
      const decoded = Buffer.from(ours[1], 'base64url').toString('utf8');
      if (decoded) return decoded;
    }
  }
  return threadKeyOf(referred[0] ?? email.messageId);
}

/** References of a reply: the parent's references plus the parent, capped as RFC 5322 suggests (root + most recent). */
export function replyReferences(parentReferences: string[], parentMessageId: string, limit = 12): string[] {
  const all = [...new Set([...parentReferences, parentMessageId].map(bareMessageId).filter(Boolean))];
  return all.length <= limit ? all : [all[0], ...all.slice(all.length - (limit - 1))];
}

/** "Re: " + subject, unless it already starts with Re:/RE:/回复:/答复: (no "Re: Re: Re:" chains). */
export function replySubject(subject: string, fallback: string): string {
  const clean = subject.trim() || fallback;
  return /^(re|aw|回复|答复)\s*[:：]/i.test(clean) ? clean : `Re: ${clean}`;
}
