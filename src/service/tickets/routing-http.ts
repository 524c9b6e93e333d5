import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { requireAgent } from '../http/request-auth.ts';
import { errorResponses, idSchema } from '../http/schemas.ts';
import type { ServiceContext } from '../http/service-context.ts';
import type { ZodTypeProvider } from '../http/zod-type-provider.ts';
import { agentProfileSchema } from './routing-service.ts';

const security = [{ bearer: [] }];
const tags = ['routing'];
const profileView = z.object({ teams: z.array(z.string()), skills: z.array(z.string()), languages: z.array(z.enum(['zh', 'en'])), maxConcurrent: z.number() });

/**
 * Routing routes (issue 21): who is online with how many chats (every staff role: agents see their colleagues'
 * load), and agent profiles — teams, skills, languages, concurrent cap — set by supervisors and admins.
 */
export function registerRoutingHttp(root: FastifyInstance, context: ServiceContext): void {
  if (!context.routing) return;
  const routing = context.routing;
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/v1/agent/agents', {
    schema: {
      tags, security, summary: 'Accounts with presence, open conversations and routing profile',
      response: { 200: z.object({ agents: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string(), online: z.boolean(), load: z.number(), profile: profileView })) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request);
    return { agents: await routing.agents(tenant.id) };
  });

  app.put('/v1/agent/agents/:id/profile', {
    schema: { tags, security, summary: 'Set an agent\'s teams, skills, languages and concurrent cap (supervisor, admin)', params: z.object({ id: idSchema }), body: agentProfileSchema, response: { 200: profileView, ...errorResponses } },
  }, async (request) => {
    const { user, tenant } = await requireAgent(context, request, ['admin', 'supervisor']);
    if (!(await context.store.getUser(tenant.id, request.params.id))) throw new LingxiError('not_found', `User ${request.params.id} was not found.`);
    const profile = await routing.setProfile(tenant.id, request.params.id, request.body);
    await context.store.appendAudit({ tenantId: tenant.id, actorKind: 'user', actorId: user.id, action: 'agent_profile.updated', targetType: 'user', targetId: request.params.id, data: { ...profile } });
    return profile;
  });
}
