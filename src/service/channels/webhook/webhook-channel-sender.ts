import { signWebhook } from '../../webhooks/webhook-dispatcher.ts';
import type { ChannelSender } from '../channel.ts';
import { ChannelDeliverySkipped } from '../channel-outbox.ts';
import { readWebhookChannelConfig, toWebhookMessage } from './webhook-channel-settings.ts';

/**
 * Outbound side of the generic webhook channel: agent replies, system notices and proactive messages are POSTed as JSON
 * `{ type: "messages", conversationId, userId, messages }` to the tenant's URL, signed like every Lingxi webhook
 * (`X-Lingxi-Timestamp`, `X-Lingxi-Signature: sha256=HMAC(secret, timestamp + "." + body)`) and carrying
 * `X-Lingxi-Delivery` (first message id) so the receiver can drop repeats. Bot replies to inbound messages are returned
 * inline by the inbound request instead (`repliesInline`). A non-2xx answer throws, so the job retries.
 */
export function createWebhookChannelSender(deps: { fetch: typeof fetch; now: () => Date; timeoutMs?: number }): ChannelSender {
  return {
    kind: 'webhook',
    repliesInline: true,
    async deliver(context, messages) {
      const settings = readWebhookChannelConfig(context.config);
      if (!settings.url) throw new ChannelDeliverySkipped('no_url', 'The webhook channel has no URL for outbound messages.');
      const userId = context.customer.identities.find((identity) => identity.kind === 'webhook')?.value ?? context.customer.externalId;
      const body = JSON.stringify({ type: 'messages', tenantId: context.tenant.id, conversationId: context.conversation.id, userId, messages: messages.map(toWebhookMessage) });
      const timestamp = String(Math.floor(deps.now().getTime() / 1000));
      const response = await deps.fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'lingxi-channels/1', 'x-lingxi-timestamp': timestamp, 'x-lingxi-signature': signWebhook(settings.secret, timestamp, body), 'x-lingxi-delivery': messages[0]?.id ?? '' },
        body,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`webhook channel URL answered ${response.status}`);
    },
  };
}
