import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../../storage/store.ts';
import type { ChannelGateway } from '../channel.ts';
import type { ChannelConfigStore } from '../channel-config-store.ts';
import type { InboundAttachment } from '../channel.ts';
import type { ChannelAttachmentStore } from '../channel-attachments.ts';
import { parseEmail, type ParsedEmail } from './email-parser.ts';
import { emailSettingsOf, type EmailSettings } from './email-settings.ts';
import { SmtpRejection } from './smtp-listener.ts';

export interface EmailInboundDeps {
  store: Store;
  configs: Pick<ChannelConfigStore, 'listEnabled'>;
  gateway: ChannelGateway;
  logger?: Logger;
  /** Where attachments within the tenant's limits are stored; without it they are only listed. */
  attachments?: ChannelAttachmentStore;
  /** How long the address → tenant map is reused before the configs are read again (default 5 s). */
  cacheMs?: number;
  /** Longest text handed to the engine (the service's messageMaxChars); longer bodies are cut. */
  maxChars?: number;
  now?: () => number;
}

export interface EmailInbound {
  /** The tenant whose enabled email channel lists this inbound address, or null. */
  tenantFor(address: string): Promise<string | null>;
  /** Parses, checks and hands one raw email to the gateway; throws {@link SmtpRejection} for mail that must bounce. */
  receive(raw: Buffer, recipients: string[]): Promise<{ stored: number; ignored?: 'automatic' }>;
}

/** Message ids go into client ids (`email:<id>`); very long ones are hashed so the key stays short and stable. */
const compactId = (messageId: string) => (messageId.length <= 90 ? messageId : `sha256.${createHash('sha256').update(messageId).digest('hex').slice(0, 40)}`);

/**
 * Inbound email → conversation messages. Threads by Message-ID/In-Reply-To/References (the gateway maps the thread key
 * to its conversation), strips quoted history and signatures, lists attachments, ignores auto-replies, and refuses mail
 * with nothing to read (554 5.6.0) so the sender learns at once instead of waiting for an answer that never comes.
 */
export function createEmailInbound(deps: EmailInboundDeps): EmailInbound {
  const now = deps.now ?? Date.now;
  let cache: { at: number; byAddress: Map<string, string> } | null = null;
  const limitsByTenant = new Map<string, EmailSettings['attachments']>();

  async function addressMap(): Promise<Map<string, string>> {
    if (cache && now() - cache.at < (deps.cacheMs ?? 5000)) return cache.byAddress;
    const byAddress = new Map<string, string>();
    for (const config of await deps.configs.listEnabled('email')) {
      try {
        const settings = emailSettingsOf(config);
        limitsByTenant.set(config.tenantId, settings.attachments);
        for (const address of settings.inboundAddresses) if (!byAddress.has(address)) byAddress.set(address, config.tenantId);
      } catch (error) {
        deps.logger?.warn({ err: error, tenantId: config.tenantId }, 'email channel config skipped');
      }
    }
    cache = { at: now(), byAddress };
    return byAddress;
  }

  /** Stores the files within the tenant's limits (count, size each) and lists every file, stored or not. */
  async function storeAttachments(tenantId: string, messageKey: string, files: ParsedEmail['attachments']): Promise<InboundAttachment[]> {
    const limits = limitsByTenant.get(tenantId) ?? { maxBytes: 5 * 1024 * 1024, maxCount: 10 };
    const listed: InboundAttachment[] = [];
    for (const [index, file] of files.entries()) {
      const entry: InboundAttachment = { name: file.name, contentType: file.contentType, size: file.size };
      if (!deps.attachments) listed.push(entry);
      else if (index >= limits.maxCount) listed.push({ ...entry, skipped: 'too_many' });
      else if (file.content.length > limits.maxBytes) listed.push({ ...entry, skipped: 'too_large' });
      else listed.push({ ...entry, id: await deps.attachments.save(tenantId, 'email', { key: `${messageKey}#${index}`, name: file.name, contentType: file.contentType, content: file.content }) });
    }
    return listed;
  }

  return {
    async tenantFor(address) {
      return (await addressMap()).get(address.toLowerCase()) ?? null;
    },

    async receive(raw, recipients) {
      const email = await parseEmail(raw).catch((error: unknown) => {
        // The same bytes would fail again: a permanent 5xx with the reason, never "451 try later".
        const reason = error instanceof Error ? error.message : 'unreadable message';
        if (/header size/i.test(reason)) throw new SmtpRejection(552, '5.3.4 the header section is too large; send it with shorter headers');
        throw new SmtpRejection(554, `5.6.0 the message could not be parsed: ${reason.slice(0, 120)}`);
      });
      if (email.automatic) return { stored: 0, ignored: 'automatic' };
      if (!email.from) throw new SmtpRejection(550, '5.1.7 the message has no From address to answer');
      const attachmentList = email.attachments.map((attachment) => `${attachment.name} (${attachment.contentType}, ${attachment.size} B)`).join(', ');
      const text = email.text || (attachmentList ? `[${email.locale === 'en' ? 'Attachments' : '附件'}: ${attachmentList}]` : '');
      if (!text.trim()) throw new SmtpRejection(554, '5.6.0 the message has no text; please write your question in the body');
      const map = await addressMap();
      const tenantIds = [...new Set(recipients.map((address) => map.get(address)).filter((id): id is string => Boolean(id)))];
      let stored = 0;
      for (const tenantId of tenantIds) {
        const tenant = await deps.store.getTenant(tenantId);
        if (!tenant) continue;
        const attachments = await storeAttachments(tenantId, compactId(email.messageId), email.attachments);
        const result = await deps.gateway.receive(tenant, {
          channel: 'email', senderId: email.from.address, senderName: email.from.name ?? undefined, text: text.slice(0, deps.maxChars ?? 4000),
          messageId: compactId(email.messageId), threadKey: email.threadKey, locale: email.locale,
          attachments: attachments.length ? attachments : undefined,
          meta: { subject: email.subject, emailMessageId: email.messageId, ...(email.replyTo ? { replyTo: email.replyTo } : {}), references: email.references.slice(-20), ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}), to: recipients.filter((address) => map.get(address) === tenantId) },
        });
        if (!result.duplicate) stored++;
      }
      if (!tenantIds.length) throw new SmtpRejection(550, '5.1.1 no recipient of this message is served here');
      return { stored };
    },
  };
}
