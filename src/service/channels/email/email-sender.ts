import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { LingxiError } from '../../../engine/errors.ts';
import type { Customer, Message, Store } from '../../storage/store.ts';
import type { ChannelConfig, ChannelSender, OutboundContext } from '../channel.ts';
import { ChannelDeliverySkipped } from '../channel-outbox.ts';
import { renderEmailBody } from './email-body.ts';
import { emailSettingsOf, type EmailSettings } from './email-settings.ts';
import { outboundMessageId, replyReferences, replySubject } from './email-thread.ts';

export interface EmailSenderDeps {
  store: Store;
  logger?: Logger;
  /** Builds the SMTP transport of a tenant's settings (tests may pass their own); default: nodemailer SMTP. */
  createTransport?: (settings: NonNullable<EmailSettings['smtp']>, password: string | undefined) => Transporter;
}

/** What the channel kept on the newest customer email of the conversation (payload.channel, written by the gateway). */
interface InboundThread {
  messageId: string;
  threadKey: string;
  subject: string;
  references: string[];
  inReplyTo: string | null;
  /** The Reply-To of that email, when it named another address than From. */
  replyTo: string | null;
}

const smtpTransport = (smtp: NonNullable<EmailSettings['smtp']>, password: string | undefined): Transporter => nodemailer.createTransport({
  host: smtp.host, port: smtp.port, secure: smtp.secure,
  ...(smtp.user ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
  tls: { rejectUnauthorized: smtp.rejectUnauthorized },
  connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 30_000,
});

const recipientOf = (customer: Customer): string | null =>
  customer.identities.find((identity) => identity.kind === 'email')?.value ?? customer.email ?? (/^[^@\s]+@[^@\s]+$/.test(customer.externalId) ? customer.externalId : null);

async function latestInboundThread(store: Store, context: OutboundContext, beforeSeq: number): Promise<InboundThread | null> {
  const history = await store.listMessages(context.tenant.id, context.conversation.id, { limit: 500 });
  for (const message of history.filter((entry) => entry.seq < beforeSeq).reverse()) {
    const channel = (message.payload as { channel?: Record<string, unknown> }).channel;
    if (message.author === 'customer' && channel?.kind === 'email' && typeof channel.messageId === 'string') {
      return {
        messageId: typeof channel.emailMessageId === 'string' ? channel.emailMessageId : channel.messageId,
        threadKey: typeof channel.threadKey === 'string' ? channel.threadKey : channel.messageId,
        subject: typeof channel.subject === 'string' ? channel.subject : '',
        references: Array.isArray(channel.references) ? channel.references.filter((entry): entry is string => typeof entry === 'string') : [],
        inReplyTo: typeof channel.inReplyTo === 'string' ? channel.inReplyTo : null,
        replyTo: typeof channel.replyTo === 'string' ? channel.replyTo : null,
      };
    }
  }
  return null;
}

function threadReferences(thread: InboundThread): string[] {
  const parent = thread.references.length ? thread.references : thread.inReplyTo ? [thread.inReplyTo] : [];
  const root = thread.threadKey.startsWith('sha256:') ? [] : [thread.threadKey];
  return [...root, ...parent];
}

/**
 * Sends a conversation's bot and agent messages by email over the tenant's SMTP server: one email per batch (one turn
 * or one agent reply), text + simple HTML, threaded under the customer's newest email (In-Reply-To, References,
 * "Re: subject"). System notices ("agent joined") and the new-conversation greeting are not emailed — the answer
 * that follows says it all. The Message-ID is derived from the first message id, so a retried job sends the same id.
 */
export function createEmailSender(deps: EmailSenderDeps): ChannelSender {
  const transports = new Map<string, Transporter>();
  const transportFor = (config: ChannelConfig, smtp: NonNullable<EmailSettings['smtp']>) => {
    const key = `${config.tenantId}:${config.updatedAt}`;
    let transport = transports.get(key);
    if (!transport) {
      for (const [existing, old] of transports) {
        if (!existing.startsWith(`${config.tenantId}:`)) continue;
        old.close();
        transports.delete(existing);
      }
      transport = (deps.createTransport ?? smtpTransport)(smtp, config.secrets.smtpPassword);
      transports.set(key, transport);
    }
    return transport;
  };

  return {
    kind: 'email',
    repliesInline: false,
    async deliver(context: OutboundContext, messages: Message[]) {
      const settings = emailSettingsOf(context.config);
      if (!settings.smtp) throw new ChannelDeliverySkipped('smtp_not_configured', 'Set settings.smtp.host of the email channel to send replies.');
      const outgoing = messages.filter((message) => message.author === 'bot' || message.author === 'agent');
      if (!outgoing.length) throw new ChannelDeliverySkipped('system_notice_only');
      const thread = await latestInboundThread(deps.store, context, outgoing[0].seq);
      // A greeting of a conversation opened by an email is stored before that email; the answer to the email follows.
      if (!thread) throw new ChannelDeliverySkipped('greeting_not_emailed');
      // RFC 5322 §3.6.2: replies go to Reply-To when the customer's email named one (a web form sent from noreply@).
      const to = thread.replyTo ?? recipientOf(context.customer);
      if (!to) throw new ChannelDeliverySkipped('no_email_address');
      const locale = context.conversation.locale;
      const from = settings.fromAddress ?? settings.inboundAddresses[0];
      const body = renderEmailBody(outgoing, locale);
      const info = await transportFor(context.config, settings.smtp).sendMail({
        from: { name: settings.fromName ?? context.tenant.settings.personaName ?? context.tenant.name, address: from },
        to,
        subject: replySubject(thread.subject, settings.defaultSubject[locale]),
        messageId: outboundMessageId(thread.threadKey, outgoing[0].id, from.split('@')[1]),
        inReplyTo: `<${thread.messageId}>`,
        // RFC 5322 §3.6.4: the parent's References (else its In-Reply-To) plus the parent; the root first when the client dropped it.
        references: replyReferences(threadReferences(thread), thread.messageId).map((id) => `<${id}>`),
        // RFC 3834: the bot's answers are automatic, so customers' auto-responders do not answer them back.
        headers: { ...(outgoing.some((message) => message.author === 'bot') ? { 'Auto-Submitted': 'auto-replied' } : {}), 'X-Lingxi-Conversation': context.conversation.id },
        text: body.text,
        html: body.html,
      });
      if (info.rejected?.length) throw new LingxiError('unavailable', `The SMTP server rejected ${info.rejected.map(String).join(', ')}.`);
      deps.logger?.debug({ tenantId: context.tenant.id, conversationId: context.conversation.id, messages: outgoing.length }, 'email reply sent');
    },
  };
}
