import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { requireAgent } from '../http/request-auth.ts';
import { errorResponses } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import { CHANNEL_KINDS, type ChannelConfig, type ChannelKind } from './channel.ts';
import type { ChannelProblem } from './channel-outbox.ts';
import { CHANNELS } from './channel-list.ts';

/** Each channel's definition (settings and secrets schemas, inbound path) by kind. */
const definitions = new Map(CHANNELS.map((channel) => [channel.kind as ChannelKind, channel]));

const kindSchema = z.enum(CHANNEL_KINDS.filter((kind) => kind !== 'widget') as [Exclude<ChannelKind, 'widget'>, ...Array<Exclude<ChannelKind, 'widget'>>]);
const channelView = z.object({
  kind: z.string(), enabled: z.boolean(), settings: z.record(z.string(), z.unknown()),
  /** Names of the secrets that are set; their values are never returned. */
  secretsSet: z.array(z.string()),
  /** Where the platform must send callbacks for this tenant (path; prefix it with the public base URL). */
  inboundPath: z.string(), updatedAt: z.string().nullable(),
  /** A permanent refusal by the platform since the last successful send (e.g. WeChat 48001: no customer-service permission), with what the account lacks. */
  problem: z.object({ code: z.string(), outcome: z.string(), message: z.string(), hint: z.object({ zh: z.string(), en: z.string() }), at: z.string() }).nullable(),
});

const view = (tenantId: string, kind: ChannelKind, config: ChannelConfig | null, problem: ChannelProblem | null) => ({
  kind, enabled: config?.enabled ?? false, settings: config?.settings ?? {}, secretsSet: Object.keys(config?.secrets ?? {}).sort(),
  inboundPath: inboundPathOf(kind, tenantId), updatedAt: config?.updatedAt ?? null, problem,
});

/** Where the channel's provider sends customer messages (email arrives over SMTP, not HTTP). */
const inboundPathOf = (kind: ChannelKind, tenantId: string): string => definitions.get(kind)?.inboundPath(tenantId) ?? `/channels/${kind}/${tenantId}`;

/** Admin routes for a tenant's channel configuration. Secrets are write-only: set one with a string, remove it with null. */

export function registerChannelAdminHttp(root: FastifyInstance, context: ServiceContext): void {
  const channels = context.channels;
  if (!channels) return;
  const app = root.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearer: [] }];

  app.get('/v1/agent/channels', { schema: { tags: ['admin'], security, summary: 'Channel configurations of the tenant (admin); secrets are listed by name only', response: { 200: z.object({ channels: z.array(channelView) }), ...errorResponses } } }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin']);
    const stored = new Map((await channels.configs.list(tenant.id)).map((config) => [config.kind, config]));
    return { channels: await Promise.all(kindSchema.options.map(async (kind) => view(tenant.id, kind, stored.get(kind) ?? null, stored.has(kind) ? await channels.outbox.problem(tenant.id, kind) : null))) };
  });

  app.get('/v1/agent/attachments/:id', {
    schema: {
      tags: ['agent'], security, summary: 'Download a file that came with a channel message (email attachment); listed by id on payload.channel.attachments',
      params: z.object({ id: z.string().min(1).max(64) }),
    },
  }, async (request, reply) => {
    const { tenant } = await requireAgent(context, request);
    const file = await channels.attachments.get(tenant.id, request.params.id);
    if (!file) throw new LingxiError('not_found', 'No such attachment in this tenant.');
    // Always a download, never rendered by the browser: an attached HTML file must not run in the console's origin.
    return reply
      .header('content-type', /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType : 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });

  app.put('/v1/agent/channels/:kind', {
    schema: {
      tags: ['admin'], security, summary: 'Configure one channel (admin): settings replace the stored ones; secrets are merged (null removes one)',
      params: z.object({ kind: kindSchema }),
      body: z.object({ enabled: z.boolean().optional(), settings: z.record(z.string(), z.unknown()).optional(), secrets: z.record(z.string().max(64), z.string().max(4096).nullable()).optional() }),
      response: { 200: channelView, ...errorResponses },
    },
  }, async (request) => {
    const { tenant, user } = await requireAgent(context, request, ['admin']);
    const { kind } = request.params;
    const current = await channels.configs.get(tenant.id, kind);
    const settings = request.body.settings ?? current?.settings ?? {};
    const secrets: Record<string, string> = { ...current?.secrets };
    for (const [name, value] of Object.entries(request.body.secrets ?? {})) {
      if (value === null) delete secrets[name];
      else secrets[name] = value;
    }
    const schemas = definitions.get(kind);
    if (schemas) {
      const problems = [schemas.settings.safeParse(settings), schemas.secrets.safeParse(secrets)].flatMap((result, index) =>
        result.success ? [] : result.error.issues.map((issue) => `body.${index ? 'secrets' : 'settings'}.${issue.path.join('.')}: ${issue.message}`));
      if (problems.length) throw new LingxiError('validation_failed', `Invalid request: ${problems.join('; ')}.`);
    }
    const saved = await channels.configs.upsert(tenant.id, kind, { enabled: request.body.enabled, settings, secrets: request.body.secrets });
    await context.store.appendAudit({ tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'channel.updated', targetType: 'channel', targetId: kind, data: { fields: Object.keys(request.body), secretsChanged: Object.keys(request.body.secrets ?? {}) } })
      .catch((error: unknown) => request.log.error({ err: error }, 'audit write failed'));
    return view(tenant.id, kind, saved, await channels.outbox.problem(tenant.id, kind));
  });
}
