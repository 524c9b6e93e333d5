import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashApiKey } from '../auth/api-keys.ts';
import type { ServiceContext } from '../http/service-context.ts';

/**
 * Audited routes: `METHOD url` → action and the kind of record `:id` names. Settings change, account and API-key
 * creation and erasure are not here: their routes pass the audit row to the store, which writes it in the change's
 * own transaction (issue 12). Conversation actions still go through this hook (see docs/security.md, gaps).
 */
const auditedRoutes: Record<string, { action: string; targetType: string | null }> = {
  'POST /v1/agent/conversations/:id/take-over': { action: 'conversation.taken_over', targetType: 'conversation' },
  'POST /v1/agent/conversations/:id/transfer': { action: 'conversation.transferred', targetType: 'conversation' },
  'POST /v1/agent/conversations/:id/hand-back': { action: 'conversation.handed_back', targetType: 'conversation' },
  'POST /v1/agent/conversations/:id/close': { action: 'conversation.closed', targetType: 'conversation' },
};

const bearer = (request: FastifyRequest): string | null => {
  const match = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''));
  return match ? match[1] : (typeof (request.query as Record<string, unknown>)?.token === 'string' ? String((request.query as Record<string, unknown>).token) : null);
};

/**
 * Writes an audit row after every successful agent/admin action listed above (who, what, which record; never the
 * request body, so no personal data). Runs on response, outside the action's transaction: a failed audit write is
 * logged loudly but does not undo the action. Privacy routes write their own rows (privacy-http.ts).
 */
export function installAuditHook(app: FastifyInstance, context: ServiceContext): void {
  app.addHook('onResponse', async (request, reply) => {
    const audited = auditedRoutes[`${request.method} ${request.routeOptions.url}`];
    if (!audited || reply.statusCode >= 300) return;
    const actor = await auditActor(context, request);
    if (!actor) return;
    const params = request.params as Record<string, string> | undefined;
    const body = request.body as Record<string, unknown> | undefined;
    const data: Record<string, unknown> = {};
    if (typeof body?.assigneeId === 'string') data.assigneeId = body.assigneeId;
    if (typeof body?.resolution === 'string') data.resolution = body.resolution;
    await context.store.appendAudit({ tenantId: actor.tenantId, actorKind: actor.kind, actorId: actor.id, action: audited.action, targetType: audited.targetType, targetId: params?.id ?? (audited.targetType === 'tenant' ? actor.tenantId : null), data })
      .catch((error) => request.log.error({ err: error, action: audited.action }, 'audit write failed'));
  });
}

/** Who made the request: an agent token's user, or an integration key's id. */
export async function auditActor(context: ServiceContext, request: FastifyRequest): Promise<{ kind: 'user' | 'api_key'; id: string; tenantId: string } | null> {
  const token = bearer(request);
  if (!token) return null;
  if (token.startsWith('lx_')) {
    const key = await context.store.getApiKeyByHash(hashApiKey(token));
    return key ? { kind: 'api_key', id: key.id, tenantId: key.tenantId } : null;
  }
  const claims = context.signer.verify(token);
  return claims && claims.kind === 'agent' ? { kind: 'user', id: claims.userId, tenantId: claims.tenantId } : null;
}
