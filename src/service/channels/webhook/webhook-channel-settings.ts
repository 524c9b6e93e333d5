import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import type { ChannelConfig } from '../channel.ts';
import type { Message } from '../../storage/store.ts';

/** Settings of a tenant's generic webhook channel; the shared `secret` signs both directions. */
export const webhookChannelSettingsSchema = z.object({
  /** Where agent replies and proactive messages are POSTed (signed); without it they are recorded as `no_url`. */
  url: z.url().optional(),
  toleranceSeconds: z.number().int().min(10).max(3600).default(300),
});
export const webhookChannelSecretsSchema = z.object({ secret: z.string().min(16, 'use at least 16 characters') });

export function readWebhookChannelConfig(config: ChannelConfig) {
  const settings = webhookChannelSettingsSchema.safeParse(config.settings);
  const secrets = webhookChannelSecretsSchema.safeParse(config.secrets);
  if (!settings.success || !secrets.success) throw new LingxiError('validation_failed', 'Webhook channel needs settings.url (optional) and a secret of at least 16 characters.');
  return { ...settings.data, secret: secrets.data.secret };
}

/** A stored message as the webhook channel shows it (inline replies and outbound deliveries alike). */
export const webhookMessageSchema = z.object({
  id: z.string(), seq: z.number(), author: z.string(), text: z.string(), createdAt: z.string(),
  quickReplies: z.array(z.object({ label: z.string(), payload: z.string() })),
  cards: z.array(z.record(z.string(), z.unknown())),
  sources: z.array(z.object({ id: z.string(), title: z.string(), source: z.string() })),
});
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

export function toWebhookMessage(message: Message): WebhookMessage {
  const payload = message.payload as { quickReplies?: WebhookMessage['quickReplies']; cards?: WebhookMessage['cards']; sources?: WebhookMessage['sources'] };
  return { id: message.id, seq: message.seq, author: message.author, text: message.text, createdAt: message.createdAt, quickReplies: payload.quickReplies ?? [], cards: payload.cards ?? [], sources: payload.sources ?? [] };
}
