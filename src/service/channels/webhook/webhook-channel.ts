import { defineChannel } from '../define-channel.ts';
import { registerWebhookChannelHttp } from './webhook-channel-http.ts';
import { createWebhookChannelSender } from './webhook-channel-sender.ts';
import { webhookChannelSecretsSchema, webhookChannelSettingsSchema } from './webhook-channel-settings.ts';

/** Generic signed webhook: replies inline, agent and proactive messages POSTed to the tenant's URL. */
export const webhookChannel = defineChannel({
  kind: 'webhook',
  settings: webhookChannelSettingsSchema,
  secrets: webhookChannelSecretsSchema,
  inboundPath: (tenantId) => `/channels/webhook/${tenantId}`,
  sender: ({ channels }) => createWebhookChannelSender({ fetch: channels.fetch, now: channels.now }),
  routes: registerWebhookChannelHttp,
});
