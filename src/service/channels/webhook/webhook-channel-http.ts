import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import { errorResponses, localeSchema } from '../../http/schemas.ts';
import type { ServiceContext } from '../../http/service-context.ts';
import type { ZodTypeProvider } from '../../http/zod-type-provider.ts';
import type { Tenant } from '../../storage/store.ts';
import { readWebhookChannelConfig, toWebhookMessage, webhookMessageSchema } from './webhook-channel-settings.ts';

export const WEBHOOK_CHANNEL_BODY_LIMIT = 64 * 1024;

export const webhookInboundSchema = z.object({
  userId: z.string().trim().min(1).max(128),
  userName: z.string().trim().min(1).max(100).optional(),
  messageId: z.string().trim().min(1).max(128),
  text: z.string().trim().min(1, 'text must not be empty').max(4000, 'text is limited to 4000 characters'),
  threadKey: z.string().trim().min(1).max(256).optional(),
  locale: localeSchema.optional(),
});

const webhookAnswerSchema = z.object({ conversationId: z.string(), customerId: z.string(), owner: z.string(), duplicate: z.boolean(), replies: z.array(webhookMessageSchema) });
type WebhookAnswer = z.infer<typeof webhookAnswerSchema>;

/** True when `given` is `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`, compared in constant time. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, given: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  return Boolean(given) && given!.length === expected.length && timingSafeEqual(expected, Buffer.from(given!));
}

/**
 * Generic signed webhook channel: `POST /channels/webhook/:tenantId` with `X-Lingxi-Timestamp` (Unix seconds) and
 * `X-Lingxi-Signature`. The signature and timestamp are checked on the raw body before it is parsed (401 otherwise),
 * then the JSON is validated; the bot's replies come back in the response, and later agent or proactive messages are
 * POSTed to the tenant's URL (webhook-channel-sender.ts). A repeated `messageId` is stored once and answered with
 * exactly the first answer (kept in `channel_state` as `answer:<userId>:<messageId>`).
 */
export function registerWebhookChannelHttp(root: FastifyInstance, context: ServiceContext): void {
  const channels = context.channels;
  if (!channels) return;
  const tenants = new WeakMap<object, Tenant>();

  void root.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: WEBHOOK_CHANNEL_BODY_LIMIT }, async (request: FastifyRequest, body: string | Buffer) => {
      const tenantId = (request.params as { tenantId?: string }).tenantId ?? '';
      const [tenant, config] = await Promise.all([context.store.getTenant(tenantId), channels.configs.get(tenantId, 'webhook')]);
      if (!tenant || !config?.enabled) throw new LingxiError('not_found', 'No webhook channel is configured for this tenant.');
      const settings = readWebhookChannelConfig(config);
      const timestamp = String(request.headers['x-lingxi-timestamp'] ?? '');
      if (!/^\d{1,12}$/.test(timestamp) || Math.abs(channels.now().getTime() / 1000 - Number(timestamp)) > settings.toleranceSeconds) {
        throw new LingxiError('unauthenticated', `X-Lingxi-Timestamp is missing or more than ${settings.toleranceSeconds} s from the server clock.`);
      }
      const signature = request.headers['x-lingxi-signature'];
      if (!verifyWebhookSignature(settings.secret, timestamp, String(body), typeof signature === 'string' ? signature : undefined)) {
        throw new LingxiError('unauthenticated', 'X-Lingxi-Signature does not match: sign `timestamp + "." + body` with HMAC-SHA256 and the channel secret.');
      }
      tenants.set(request, tenant);
      try {
        return JSON.parse(String(body));
      } catch {
        throw new LingxiError('validation_failed', 'The body is not valid JSON.');
      }
    });
    const app = scoped.withTypeProvider<ZodTypeProvider>();
    app.post('/channels/webhook/:tenantId', {
      schema: {
        tags: ['channels'],
        summary: 'Generic webhook channel: a signed customer message in, the bot\'s replies inline',
        description: 'Headers: `X-Lingxi-Timestamp` (Unix seconds, within 5 min) and `X-Lingxi-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`. Outbound agent and proactive messages are POSTed to the configured URL with the same headers.',
        params: z.object({ tenantId: z.string().min(1).max(64) }),
        headers: z.object({ 'x-lingxi-timestamp': z.string(), 'x-lingxi-signature': z.string() }).loose(),
        body: webhookInboundSchema,
        response: { 200: webhookAnswerSchema, ...errorResponses },
      },
    }, async (request) => {
      const tenant = tenants.get(request);
      if (!tenant) throw new LingxiError('unauthenticated', 'Send a signed JSON body (Content-Type: application/json).');
      const input = request.body;
      const result = await channels.gateway.receive(tenant, {
        channel: 'webhook', senderId: input.userId, senderName: input.userName, text: input.text, messageId: input.messageId, threadKey: input.threadKey, locale: input.locale,
      });
      // A retry gets exactly the first answer (greeting included), kept per sender and message id.
      const answerKey = `answer:${input.userId}:${input.messageId}`;
      if (result.duplicate) {
        const first = await channels.configs.readState(tenant.id, 'webhook', answerKey);
        if (first) return { ...(JSON.parse(first) as Omit<WebhookAnswer, 'duplicate'>), duplicate: true };
      }
      const answer = { conversationId: result.conversation.id, customerId: result.customer.id, owner: result.conversation.owner, replies: result.replies.map(toWebhookMessage) };
      if (!result.duplicate) await channels.configs.claimState(tenant.id, 'webhook', answerKey, JSON.stringify(answer));
      return { ...answer, duplicate: result.duplicate };
    });
  });
}
