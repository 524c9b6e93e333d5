import type { ServiceContext } from '../../http/service-context.ts';
import { createEmailInbound, type EmailInbound } from './email-inbound.ts';
import { createEmailSender, type EmailSenderDeps } from './email-sender.ts';
import { defineChannel } from '../define-channel.ts';
import { emailSecretsSchema, emailSettingsSchema, loadEmailListenerOptions, type EmailListenerOptions } from './email-settings.ts';
import { startSmtpListener, type SmtpListener } from './smtp-listener.ts';

export interface EmailChannel {
  /** The running SMTP listener, or null when no port is configured (LINGXI_SMTP_PORT) or channels are not wired. */
  listener: SmtpListener | null;
  inbound: EmailInbound | null;
  close(): Promise<void>;
}

/**
 * Email channel of a service: registers the email sender with the channel outbox and, when an SMTP port is configured,
 * starts the built-in SMTP listener that serves every tenant's inbound addresses (channel config `email`,
 * settings.inboundAddresses). Called once from create-service.ts; its `close` runs on shutdown.
 *
 * @example const email = await startEmailChannel(context, { smtpPort: 2525, smtpHost: '127.0.0.1' });
 */
export async function startEmailChannel(context: ServiceContext, options: Partial<EmailListenerOptions> = {}, senderDeps: Partial<EmailSenderDeps> = {}): Promise<EmailChannel> {
  const { channels, store, logger } = context;
  if (!channels) return { listener: null, inbound: null, close: async () => {} };
  channels.senders.set('email', createEmailSender({ store, logger, ...senderDeps }));
  const listenerOptions = loadEmailListenerOptions(options);
  if (listenerOptions.smtpPort === undefined) return { listener: null, inbound: null, close: async () => {} };
  const inbound = createEmailInbound({ store, configs: channels.configs, gateway: channels.gateway, attachments: channels.attachments, logger, maxChars: context.config.messageMaxChars });
  const listener = await startSmtpListener({
    host: listenerOptions.smtpHost, port: listenerOptions.smtpPort, maxBytes: listenerOptions.smtpMaxBytes, hostname: listenerOptions.smtpHostname, logger,
    accepts: async (address) => (await inbound.tenantFor(address)) !== null,
    deliver: async (raw, recipients) => void (await inbound.receive(raw, recipients)),
  });
  logger.info({ smtp: listener.address() }, 'email channel listening for SMTP');
  return { listener, inbound, close: () => listener.close() };
}

/** Email: SMTP listener in (LINGXI_SMTP_PORT), the tenant's SMTP server out. */
export const emailChannel = defineChannel({
  kind: 'email',
  settings: emailSettingsSchema,
  secrets: emailSecretsSchema,
  inboundPath: () => 'smtp: the inbound addresses configured in settings (listener on LINGXI_SMTP_PORT)',
  sender: ({ store, logger }) => createEmailSender({ store, logger }),
  start: (context) => startEmailChannel(context),
});
